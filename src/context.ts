/**
 * Everything a run may touch outside its arguments. src/factory.ts builds the real one
 * (processContext) and, from it, each command's CommandContext; tests build one with fakes
 * (GitHub CLI's Factory pattern).
 */
import type { TlsOptions, Transport } from './http/transport';

export interface IOStreams {
  out(text: string): void;
  err(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width when stdout is a TTY. */
  columns?: number;
}

export interface CredentialStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Questions to the person at the terminal (a password, a TOTP passcode). */
export interface Prompter {
  /** stdin is a terminal: someone can answer. Never prompt otherwise (a script would hang). */
  interactive: boolean;
  /** Asks without echo; resolves '' when nothing was entered (Enter, or end of input). */
  secret(prompt: string): Promise<string>;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface Signals {
  /**
   * Runs `cleanup` when SIGINT or SIGTERM arrives, after which the process dies of that
   * signal (a shell sees 130 for Ctrl-C). Returns the function that unregisters it.
   */
  onInterrupt(cleanup: () => void): () => void;
}

export interface Context {
  readonly io: IOStreams;
  readonly env: Record<string, string | undefined>;
  /** Working directory relative paths are resolved against. */
  readonly cwd: string;
  readonly homeDir: string;
  readonly clock: Clock;
  /** Builds the transport for the resolved TLS/proxy settings. */
  transportFor(options: TlsOptions): Transport;
  readonly credentialStore?: CredentialStore;
  /** Absent in tests that do not inject one: then nothing is ever asked. */
  readonly prompter?: Prompter;
  /** Ctrl-C and SIGTERM (src/factory.ts); absent in tests that do not signal. */
  readonly signals?: Signals;
}
