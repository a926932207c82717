/**
 * The composition root (gh's cmdutil.Factory): the one place where the real outside world
 * is wired in (processContext), and where each command gets a fresh CommandContext
 * (commandContext) holding providers rather than results: the Magnum client is built on
 * first use and logs in on its first request, so a command's own argument checks always
 * run before any network traffic, and `help` never pays for a login. Nothing here changes
 * the objects it is given.
 */
import { homedir } from 'node:os';
import { isatty } from 'node:tty';
import type { Context } from './context';
import type { CommandContext, CommandModule } from './commands/types';
import { COMMANDS } from './commands';
import type { ClientConfig } from './config/client-config';
import { apiTimeoutMs, applyCloudConfig } from './config/client-config';
import { ensureAuthInfo } from './config/auth-checks';
import { MagnumClient } from './api/client';
import { NodeTransport } from './http/node-transport';
import { rendererFor } from './output/render';
import { USER_AGENT } from './program';

/**
 * The config a connection is made with: the clouds.yaml layer added (a new object), then
 * the checks that need no network, in the reference's order (`magnumclient/shell.py
 * main`: `_ensure_auth_info` before the client is made): missing credentials, then an
 * invalid --os-api-timeout.
 */
export function checkedConfig(ctx: Context, config: ClientConfig): ClientConfig {
  const withCloud = applyCloudConfig(config, { cwd: ctx.cwd, homeDir: ctx.homeDir });
  // With a terminal to ask, or a token cache that may already hold a token (a TOTP login
  // must not need a new code while its token is valid), a missing password or passcode
  // is checked only when Keystone is about to be asked (auth/login.ts askForMissingSecrets).
  ensureAuthInfo(withCloud, ctx.prompter?.interactive === true || withCloud.cache);
  apiTimeoutMs(withCloud);
  return withCloud;
}

/**
 * A client for a checked config that has not connected yet: its first request loads the
 * auth code, asks the token cache or Keystone, and finds Magnum in the catalog
 * (src/connect.ts); requests made at the same time share that one login.
 */
export function magnumClient(ctx: Context, config: ClientConfig, debugLog?: (line: string) => void): MagnumClient {
  return new MagnumClient({
    connection: async () => (await import('./connect')).connect(ctx, config, { debugLog }),
    apiVersion: config.apiVersion,
    userAgent: USER_AGENT,
    debugLog,
    clock: ctx.clock,
  });
}

/** What src/cli.ts has resolved for one command run. */
export interface CommandInputs {
  /** Flags and environment; the clouds.yaml layer is added here when the command needs the cloud. */
  config: ClientConfig;
  /** The command's parsed arguments (for -f/-c). */
  values: Readonly<Record<string, unknown>>;
  helpWidth: number;
  /** --debug: request and response lines on stderr. */
  debug: boolean;
}

/**
 * A fresh context for one command. The connection settings of a command that needs the
 * cloud are checked here, before it runs, as the reference does; the client itself is
 * made on first use (`ctx.client`) and connects on its first request. A command declared
 * `needsClient: false` gets its config unchecked, and the checks happen on first use.
 */
export async function commandContext(base: Context, command: CommandModule, inputs: CommandInputs): Promise<CommandContext> {
  const io = command.quiet ? { ...base.io, err: () => {} } : base.io;
  const config = command.needsClient === false ? inputs.config : checkedConfig(base, inputs.config);
  const render = await rendererFor(io, command.output, inputs.values);
  const debugLog = inputs.debug ? (line: string) => io.err(`DEBUG ${line}\n`) : undefined;
  let client: MagnumClient | undefined;
  const ctx: CommandContext = {
    ...base,
    io,
    config,
    commands: COMMANDS,
    helpWidth: inputs.helpWidth,
    render,
    get client(): MagnumClient {
      client ??= magnumClient(ctx, command.needsClient === false ? checkedConfig(ctx, config) : config, debugLog);
      return client;
    },
    exitCode: 0,
  };
  // Only exitCode is the command's to set; nothing can be added or removed.
  return Object.seal(ctx);
}

/**
 * Runs `cleanup` on SIGINT/SIGTERM, then dies of the same signal (the handler is removed
 * first, so re-raising it takes the default action): the parent sees a death by SIGINT,
 * and a shell reports 130, as for any Unix tool interrupted with Ctrl-C.
 */
function dieOfSignalAfter(cleanup: () => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const unregister = (): void => {
    for (const signal of signals) process.removeListener(signal, handler);
  };
  function handler(signal: NodeJS.Signals): void {
    unregister();
    cleanup();
    process.kill(process.pid, signal);
  }
  for (const signal of signals) process.on(signal, handler);
  return unregister;
}

/**
 * The process's own Context: its stdio, environment, clock, terminal and signals, and
 * transports that `close()` closes at the end of the run, so that kept-alive sockets
 * never delay the exit.
 */
export function processContext(): { context: Context; close(): void } {
  const transports: NodeTransport[] = [];
  const io: Context['io'] = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
  const context: Context = {
    io,
    env: process.env,
    cwd: process.cwd(),
    homeDir: process.env.HOME ?? homedir(),
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    transportFor: (options) => {
      const transport = new NodeTransport(options, { warn: (line) => io.err(line) });
      transports.push(transport);
      return transport;
    },
    prompter: {
      interactive: isatty(0),
      secret: async (prompt) => (await import('./auth/tty-prompt')).askHidden(prompt),
    },
    signals: { onInterrupt: dieOfSignalAfter },
  };
  return {
    context,
    close: () => {
      for (const transport of transports) transport.close();
    },
  };
}
