/**
 * argv → global options → command lookup → the command's context (src/factory.ts) → run →
 * exit code. Every error is turned into output and an exit code here, in one place (npm's
 * exit-handler pattern).
 */
import { ArgumentError, matchOption, parseArgs } from './argparse/parse';
import { formatUsage, helpWidth } from './argparse/help';
import { GLOBAL_OPTIONS } from './config/global-options';
import { checkApiVersion, resolveClientConfig } from './config/client-config';
import type { Context } from './context';
import { COMMANDS, findCommand } from './commands';
import { ArgumentsError, CommandError, UsageError } from './errors';
import { ApiError } from './api/errors';
import { commandContext, processContext } from './factory';
import { VERSION, commandHelp, commandParserSpec, mainHelp, mainParserSpec } from './program';
import { deprecationWarning } from './output/deprecation';

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

/** `parse()`, with an argparse error turned into the usage error `usage` makes of its message. */
function parsing<T>(parse: () => T, usage: (message: string) => UsageError): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ArgumentError) throw usage(e.message);
    throw e;
  }
}

/** The main parser's usage error: its usage line and the message on stderr, exit 2. */
function mainUsageError(message: string, width: number): UsageError {
  return new UsageError(message, formatUsage(mainParserSpec(), width, '<subcommand>'), '');
}

/** Runs one invocation against a Context, which it leaves as it was; never throws. */
export async function run(argv: string[], ctx: Context): Promise<number> {
  const width = helpWidth(ctx.env, ctx.io.columns);
  const mainUsage = (message: string): UsageError => mainUsageError(message, width);
  let debug = false;
  try {
    const pass = parsing(() => firstPass(argv), mainUsage);
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
      const opt = parsing(() => matchOption(GLOBAL_OPTIONS, name), mainUsage);
      if (opt && takesValue(opt.action) && !token.includes('=') && i < argv.length) globalTokens.push(argv[i++]);
    }
    if (argv[i] === '--') i++;
    const subcommandName = argv[i];
    const rest = argv.slice(i + 1);
    const subcommand = subcommandName === undefined ? undefined : findCommand(subcommandName);

    if (pass.help) {
      // Deliberate difference: `magnum <command> --help` shows that command's help
      // (the reference shows the main help wherever -h appears).
      ctx.io.out(subcommand && !subcommand.hidden ? commandHelp(subcommand, width) : mainHelp(COMMANDS, width));
      return 0;
    }

    const globals = parsing(() => parseArgs(mainParserSpec(), globalTokens), mainUsage);
    const config = resolveClientConfig(globals.values, ctx.env);
    // _check_version runs before the subcommand is parsed, so it fails even for help.
    checkApiVersion(config.apiVersion);

    if (subcommandName === undefined) {
      if (globals.extras.length > 0) throw mainUsage(`unrecognized arguments: ${globals.extras.join(' ')}`);
      ctx.io.out(mainHelp(COMMANDS, width));
      return 0;
    }
    if (!subcommand) {
      const choices = COMMANDS.filter((c) => !c.hidden)
        .map((c) => `'${c.name}'`)
        .join(', ');
      throw mainUsage(`argument <subcommand>: invalid choice: '${subcommandName}' (choose from ${choices})`);
    }
    const spec = commandParserSpec(subcommand);
    const parsed = parsing(
      () => parseArgs(spec, rest),
      (message) => new UsageError(message, formatUsage(spec, width), subcommand.name),
    );
    const extras = [...globals.extras, ...parsed.extras];
    if (extras.length > 0) throw mainUsage(`unrecognized arguments: ${extras.join(' ')}`);

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

    const commandCtx = await commandContext(ctx, subcommand, { config, values: parsed.values, helpWidth: width, debug });
    await subcommand.run(commandCtx, parsed.values);
    return commandCtx.exitCode;
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
    ctx.io.out(cmd ? commandHelp(cmd, width) : mainHelp(COMMANDS, width));
  }
  const message = e instanceof Error ? e.message : String(e);
  if (debug && e instanceof Error && !(e instanceof CommandError) && !(e instanceof ApiError) && e.stack) {
    ctx.io.err(`${e.stack}\n`);
  }
  ctx.io.err(`ERROR: ${message}\n`);
  return 1;
}

/** The process entry point used by bin/magnum. */
export function main(): void {
  const { context: ctx, close } = processContext();
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
    .finally(close);
}
