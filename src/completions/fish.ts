/**
 * The fish completion script: `complete -c magnum` lines whose conditions come from
 * one parse of the command line (the subcommand and how many of its positionals are
 * already there), cached per command line because fish evaluates every condition.
 */
import type { CompletionModel, CompletionOption, ValueKind } from './model';
import { valuedFlags } from './model';

/** Single-quoted for fish, where only \ and ' are special inside single quotes. */
function quote(word: string): string {
  return `'${word.replace(/[\\']/g, '\\$&')}'`;
}

/** The `-a` argument of a value that has candidates (file values use fish's own -F). */
function candidates(value: ValueKind): string | undefined {
  switch (value.kind) {
    case 'words':
      return value.words.join(' ');
    case 'names':
      return `(__magnum_names ${value.resource})`;
    case 'directory':
      return '(__fish_complete_directories (commandline -ct))';
    case 'subcommand':
      return '(__magnum_commands)';
    case 'file':
    case 'none':
      return undefined;
  }
}

/** The `complete` arguments that say what an option's value is. */
function valueArguments(value: ValueKind): string {
  if (value.kind === 'file') return '-r -F';
  const words = candidates(value);
  return words === undefined ? '-x' : `-x -a ${quote(words)}`;
}

function flagArguments(flag: string): string {
  if (flag.startsWith('--')) return `-l ${quote(flag.slice(2))}`;
  // -h is a short option; a longer single-dash flag is fish's "old style" option.
  return flag.length === 2 ? `-s ${quote(flag.slice(1))}` : `-o ${quote(flag.slice(1))}`;
}

function optionLines(condition: string, opt: CompletionOption): string[] {
  if (!opt.offered) return [];
  const parts = ['complete -c magnum', `-n ${quote(condition)}`, ...opt.flags.map(flagArguments)];
  if (opt.value !== undefined) parts.push(valueArguments(opt.value));
  if (opt.description !== '') parts.push(`-d ${quote(opt.description)}`);
  return [parts.join(' ')];
}

function takesValueFunction(model: CompletionModel): string {
  const arms: string[] = [];
  const globals = valuedFlags(model.globals);
  if (globals.length > 0) arms.push("        case ''", `            contains -- $opt ${globals.map(quote).join(' ')}`);
  for (const cmd of model.commands) {
    const flags = valuedFlags(cmd.options);
    if (flags.length > 0) arms.push(`        case ${quote(cmd.name)}`, `            contains -- $opt ${flags.map(quote).join(' ')}`);
  }
  return [
    '# Succeeds when option $opt of subcommand $cmd (of the main parser when $cmd is empty) takes a value.',
    'function __magnum_takes_value --argument-names cmd opt',
    '    switch $cmd',
    ...arms,
    "        case '*'",
    '            return 1',
    '    end',
    'end',
  ].join('\n');
}

function commandsFunction(model: CompletionModel): string {
  const lines = model.commands.map((c) => `    printf '%s\\t%s\\n' ${quote(c.name)} ${quote(c.description)}`);
  return ['# The subcommands, with their descriptions.', 'function __magnum_commands', ...lines, 'end'].join('\n');
}

function positionalLines(model: CompletionModel): string[] {
  const lines: string[] = [];
  for (const cmd of model.commands) {
    cmd.positionals.forEach((p, i) => {
      const condition = `__magnum_at_positional ${cmd.name} ${i}${p.repeats ? ' +' : ''}`;
      const words = candidates(p.value);
      const what = p.value.kind === 'file' ? '-F' : words === undefined ? undefined : `-a ${quote(words)}`;
      if (what === undefined) return;
      lines.push(`complete -c magnum -n ${quote(condition)} ${what}`);
    });
  }
  return lines;
}

const PARSER = `# Walks the command line before the cursor and sets __magnum_cmd (the subcommand),
# __magnum_npos (how many of its positionals are there) and __magnum_forwarded (the
# global options that choose the cloud, for \`magnum __complete\`).
function __magnum_parse
    set -l line (commandline -pc)
    test "$line" = "$__magnum_parsed_line"; and return
    set -g __magnum_parsed_line $line
    set -g __magnum_cmd ''
    set -g __magnum_npos 0
    set -g __magnum_forwarded
    set -l tokens (commandline -opc)
    set -l dashdash 0
    set -l i 2
    while test $i -le (count $tokens)
        set -l token $tokens[$i]
        set i (math $i + 1)
        if test $dashdash = 1; or not string match -qr -- '^-.' $token
            if test -z "$__magnum_cmd"
                set -g __magnum_cmd $token
            else
                set -g __magnum_npos (math $__magnum_npos + 1)
            end
        else if test $token = --
            test -n "$__magnum_cmd"; and set dashdash 1
        else if __magnum_takes_value "$__magnum_cmd" $token
            if test -z "$__magnum_cmd"; and test $i -le (count $tokens)
                __magnum_forward $token $tokens[$i]
            end
            set i (math $i + 1)
        else if test -z "$__magnum_cmd"
            __magnum_forward $token
        end
    end
end

function __magnum_needs_command
    __magnum_parse
    test -z "$__magnum_cmd"
end

function __magnum_using_command --argument-names cmd
    __magnum_parse
    test "$__magnum_cmd" = $cmd
end

# Succeeds at positional number $index (from 0) of subcommand $cmd, or any later one with "+".
function __magnum_at_positional --argument-names cmd index repeats
    __magnum_using_command $cmd; or return
    set -l current (commandline -ct)
    string match -qr -- '^-' "$current"; and return 1
    if test "$repeats" = +
        test $__magnum_npos -ge $index
    else
        test $__magnum_npos -eq $index
    end
end

# The names of $resource (clusters or cluster-templates), from the hidden command
# \`magnum __complete\`; nothing when it fails or does not exist yet.
function __magnum_names --argument-names resource
    __magnum_parse
    set -l program (commandline -opc)[1]
    set program (string replace -r '^~/' "$HOME/" -- $program)
    # fish reports an unknown command on its own stderr, whatever the redirections.
    command -q -- $program; or return 0
    command $program $__magnum_forwarded __complete $resource 2>/dev/null </dev/null
end`;

export function renderFish(model: CompletionModel): string {
  const forwarded = model.forwardedGlobals.map(quote).join(' ');
  return [
    '# fish completion for magnum.',
    '# Generated by scripts/build.mjs from the command table (src/completions/); do not edit.',
    '# Install: see docs/completions.md.',
    '',
    takesValueFunction(model),
    '',
    '# Keeps global option $argv[1] (and its value) when it is one that selects the cloud.',
    'function __magnum_forward',
    `    contains -- (string replace -r '=.*' '' -- $argv[1]) ${forwarded}`,
    '    and set -ga __magnum_forwarded $argv',
    'end',
    '',
    PARSER,
    '',
    commandsFunction(model),
    '',
    'complete -c magnum -e',
    'complete -c magnum -f',
    "complete -c magnum -n __magnum_needs_command -a '(__magnum_commands)'",
    ...model.globals.flatMap((o) => optionLines('__magnum_needs_command', o)),
    ...model.commands.flatMap((c) => c.options.flatMap((o) => optionLines(`__magnum_using_command ${c.name}`, o))),
    ...positionalLines(model),
    '',
  ].join('\n');
}
