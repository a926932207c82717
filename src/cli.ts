/**
 * argv → global options → command lookup → run → exit code. Every error is turned
 * into output and an exit code here, in one place (npm's exit-handler pattern).
 */
import type { ParserSpec } from './argparse/spec';
import { ArgumentError, matchOption, parseArgs } from './argparse/parse';
import { formatHelp, formatUsage, helpWidth } from './argparse/help';
import { GLOBAL_OPTIONS, MAIN_DESCRIPTION, MAIN_EPILOG } from './config/global-options';
import { checkApiVersion, resolveClientConfig } from './config/client-config';
import type { ClientConfig } from './config/client-config';
import type { Context } from './context';
import type { CommandContext, CommandModule } from './commands/types';
import { COMMANDS, findCommand } from './commands';
import { ArgumentsError, CommandError, UsageError } from './errors';
import { NodeTransport } from './http/node-transport';
import { ApiError } from './api/errors';
import type { MagnumClient } from './api/client';
import { rendererFor } from './output/render';
import { formatOptions } from './output/formats-options';
import { deprecationWarning } from './output/deprecation';

export const VERSION = '4.0.0';

export function mainParserSpec(): ParserSpec {
  return { prog: 'magnum', description: MAIN_DESCRIPTION, epilog: MAIN_EPILOG, options: GLOBAL_OPTIONS, positionals: [] };
}

export function commandParserSpec(cmd: CommandModule): ParserSpec {
  return {
    prog: `magnum ${cmd.name}`,
    description: cmd.help,
    // -f/-c for the commands that print a list or one resource (docs/output-formats.md).
    options: cmd.output ? [...(cmd.options ?? []), ...formatOptions(cmd.output, cmd.extension === true)] : (cmd.options ?? []),
    positionals: cmd.positionals ?? [],
    groups: cmd.groups,
  };
}

export function mainHelp(width: number): string {
  const entries = COMMANDS.filter((c) => !c.hidden).map((c) => ({ name: c.name, help: c.help }));
  return formatHelp(mainParserSpec(), width, { metavar: '<subcommand>', entries });
}

export function commandHelp(cmd: CommandModule, width: number): string {
  return formatHelp(commandParserSpec(cmd), width);
}

function takesValue(action: string | undefined): boolean {
  return action === undefined || action === 'store' || action === 'append';
}

interface FirstPass {
  help: boolean;
  version: boolean;
  debug: boolean;
}

/**
 * The reference's first pass (parse_known_args of the global options over the whole
 * argv, `magnumclient/shell.py main`): --version, -h/--help and --debug act wherever they are, and
 * an ambiguous abbreviation of a global option is an error wherever it is.
 */
function firstPass(argv: string[]): FirstPass {
  const result: FirstPass = { help: false, version: false, debug: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-') continue;
    const name = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
    const opt = matchOption(GLOBAL_OPTIONS, name);
    if (!opt) continue;
    if (opt.dest === 'version') {
      // argparse acts on --version as soon as it meets it, so an earlier -h wins.
      if (!result.help) result.version = true;
    } else if (opt.dest === 'help') {
      if (!result.version) result.help = true;
    } else if (opt.dest === 'debug') result.debug = true;
    if (takesValue(opt.action) && !token.includes('=')) i++;
  }
  return result;
}

function mainUsageError(message: string, width: number): UsageError {
  return new UsageError(message, formatUsage(mainParserSpec(), width, '<subcommand>'), '');
}

export interface RunOutcome {
  exitCode: number;
}

/** Runs one invocation against a Context; never throws. */
export async function run(argv: string[], ctx: Context): Promise<number> {
  const width = helpWidth(ctx.env, ctx.io.columns);
  let debug = false;
  try {
    let pass: FirstPass;
    try {
      pass = firstPass(argv);
    } catch (e) {
      if (e instanceof ArgumentError) throw mainUsageError(e.message, width);
      throw e;
    }
    debug = pass.debug;
    if (pass.version) {
      ctx.io.out(`${VERSION}\n`);
      return 0;
    }

    // Global options stop at the first positional token: the subcommand.
    let i = 0;
    const globalTokens: string[] = [];
    while (i < argv.length && argv[i].startsWith('-') && argv[i] !== '-' && argv[i] !== '--') {
      const token = argv[i++];
      globalTokens.push(token);
      const name = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
      let opt;
      try {
        opt = matchOption(GLOBAL_OPTIONS, name);
      } catch (e) {
        if (e instanceof ArgumentError) throw mainUsageError(e.message, width);
        throw e;
      }
      if (opt && takesValue(opt.action) && !token.includes('=') && i < argv.length) globalTokens.push(argv[i++]);
    }
    if (argv[i] === '--') i++;
    const subcommandName = argv[i];
    const rest = argv.slice(i + 1);
    const subcommand = subcommandName === undefined ? undefined : findCommand(subcommandName);

    if (pass.help) {
      // Deliberate difference: `magnum <command> --help` shows that command's help
      // (the reference shows the main help wherever -h appears).
      ctx.io.out(subcommand && !subcommand.hidden ? commandHelp(subcommand, width) : mainHelp(width));
      return 0;
    }

    let globals;
    try {
      globals = parseArgs({ ...mainParserSpec(), positionals: [] }, globalTokens);
    } catch (e) {
      if (e instanceof ArgumentError) throw mainUsageError(e.message, width);
      throw e;
    }
    const config: ClientConfig = resolveClientConfig(globals.values, ctx.env);
    // _check_version runs before the subcommand is parsed, so it fails even for help.
    checkApiVersion(config.apiVersion);

    if (subcommandName === undefined) {
      if (globals.extras.length > 0) throw mainUsageError(`unrecognized arguments: ${globals.extras.join(' ')}`, width);
      ctx.io.out(mainHelp(width));
      return 0;
    }
    if (!subcommand) {
      const choices = COMMANDS.filter((c) => !c.hidden).map((c) => `'${c.name}'`).join(', ');
      throw mainUsageError(`argument <subcommand>: invalid choice: '${subcommandName}' (choose from ${choices})`, width);
    }
    const spec = commandParserSpec(subcommand);
    let parsed;
    try {
      parsed = parseArgs(spec, rest);
    } catch (e) {
      if (e instanceof ArgumentError) throw new UsageError(e.message, formatUsage(spec, width), subcommand.name);
      throw e;
    }
    const extras = [...globals.extras, ...parsed.extras];
    if (extras.length > 0) throw mainUsageError(`unrecognized arguments: ${extras.join(' ')}`, width);

    // In the declaration order of deprecatedFlags, as the reference walks DEPRECATING_PARAMS (`magnumclient/common/cliutils.py deprecation_map`).
    for (const [flag, replacement] of Object.entries(subcommand.deprecatedFlags ?? {})) {
      if (parsed.seen.includes(flag)) {
        ctx.io.err(deprecationWarning(flag, replacement));
      }
    }

    if (subcommand.pathArgs) {
      const { checkPathArgs } = await import('./api/identifiers');
      checkPathArgs(subcommand.pathArgs, parsed.values);
    }

    const debugLog = debug ? (line: string) => ctx.io.err(`DEBUG ${line}\n`) : undefined;
    let client: MagnumClient | undefined;
    if (subcommand.needsClient !== false) {
      const { connect } = await import('./api/connect');
      client = await connect(ctx, config, { debugLog });
    }
    const commandCtx: CommandContext = Object.assign(ctx, {
      client: client as MagnumClient,
      config,
      commands: COMMANDS,
      helpWidth: width,
      render: await rendererFor(ctx.io, subcommand.output, parsed.values),
    });
    await subcommand.run(commandCtx, parsed.values);
    return ctx.exitCode;
  } catch (e) {
    return report(e, ctx, debug, width);
  }
}

function report(e: unknown, ctx: Context, debug: boolean, width: number): number {
  if (e instanceof UsageError) {
    ctx.io.err(e.render());
    return 2;
  }
  if (e instanceof ArgumentsError) {
    // DuplicateArgs/MissingArgs: the command's (or the main) help on stdout, then the error.
    const cmd = e.helpFor ? findCommand(e.helpFor) : undefined;
    ctx.io.out(cmd ? commandHelp(cmd, width) : mainHelp(width));
  }
  const message = e instanceof Error ? e.message : String(e);
  if (debug && e instanceof Error && !(e instanceof CommandError) && !(e instanceof ApiError) && e.stack) {
    ctx.io.err(`${e.stack}\n`);
  }
  ctx.io.err(`ERROR: ${message}\n`);
  return 1;
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

/** The process entry point used by bin/magnum. */
export function main(): void {
  // Closed when the run ends, so kept-alive sockets never delay the exit.
  const transports: NodeTransport[] = [];
  const ctx: Context = {
    io: {
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      stdoutIsTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    },
    env: process.env,
    cwd: process.cwd(),
    homeDir: process.env.HOME ?? require('node:os').homedir(),
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    transportFor: (options) => {
      const transport = new NodeTransport(options, { warn: (line) => ctx.io.err(line) });
      transports.push(transport);
      return transport;
    },
    prompter: {
      interactive: require('node:tty').isatty(0) as boolean,
      secret: async (prompt) => (await import('./auth/tty-prompt')).askHidden(prompt),
    },
    signals: { onInterrupt: dieOfSignalAfter },
    exitCode: 0,
  };
  // Output that cannot be written is a failure, as in any Unix tool (`magnum cluster-list >
  // /dev/full` exits 1 with a message; the reference exits 1 too). A closed pipe
  // (`magnum cluster-list | head -1`) is not: it ends quietly. stdout and stderr are
  // synchronous on Linux for files, pipes and terminals, so exiting here loses nothing
  // already written.
  let writeFailed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    writeFailed = true;
    process.stderr.write(`ERROR: Cannot write to standard output: ${err.message}\n`);
    process.exit(1);
  });
  process.stderr.on('error', (err: NodeJS.ErrnoException) => {
    // Nowhere left to say it: the exit code has to.
    if (err.code === 'EPIPE') return;
    writeFailed = true;
    process.exitCode = 1;
  });
  run(process.argv.slice(2), ctx)
    .then(
      (code) => {
        process.exitCode = writeFailed ? 1 : code;
      },
      (err) => {
        process.stderr.write(`ERROR: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
      },
    )
    .finally(() => {
      for (const transport of transports) transport.close();
    });
}
