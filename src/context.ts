/**
 * Everything a command may touch outside its own arguments. src/cli.ts builds the
 * real one; tests build one with fakes (GitHub CLI's Factory pattern).
 */
import type { Transport } from './http/transport';

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
  io: IOStreams;
  env: Record<string, string | undefined>;
  /** Working directory relative paths are resolved against. */
  cwd: string;
  homeDir: string;
  clock: Clock;
  /** Builds the transport for the resolved TLS/proxy settings. */
  transportFor(options: import('./http/transport').TlsOptions): Transport;
  credentialStore?: CredentialStore;
  /** Absent in tests that do not inject one: then nothing is ever asked. */
  prompter?: Prompter;
  /** Ctrl-C and SIGTERM (src/cli.ts); absent in tests that do not signal. */
  signals?: Signals;
  /** A command sets this to 1 to fail after printing per-item failure lines. */
  exitCode: number;
}
