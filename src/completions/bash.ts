/**
 * The bash completion script, for plain bash (the bash-completion package is not needed):
 * one function walks COMP_WORDS to find the subcommand, the option whose value is being
 * completed or the index of the positional, and generated `case` tables answer the rest.
 */
import type { CompletionModel, CompletionOption, ValueKind } from './model';
import { offeredFlags, valuedFlags } from './model';

/** Single-quoted for bash. */
function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function casePattern(words: readonly string[]): string {
  return words.map(quote).join('|');
}

function valueAction(value: ValueKind, commandNames: readonly string[]): string {
  switch (value.kind) {
    case 'words':
      return `__magnum_add_words ${quote(value.words.join(' '))}`;
    case 'names':
      return `__magnum_add_names ${value.resource}`;
    case 'file':
      return '__magnum_add_files -f';
    case 'directory':
      return '__magnum_add_files -d';
    case 'subcommand':
      return `__magnum_add_words ${quote(commandNames.join(' '))}`;
    case 'none':
      return ':';
  }
}

function takesValueFunction(model: CompletionModel): string {
  const arms: string[] = [];
  const globals = valuedFlags(model.globals);
  if (globals.length > 0) arms.push(`    '') case $2 in ${casePattern(globals)}) return 0 ;; esac ;;`);
  for (const cmd of model.commands) {
    const flags = valuedFlags(cmd.options);
    if (flags.length > 0) arms.push(`    ${quote(cmd.name)}) case $2 in ${casePattern(flags)}) return 0 ;; esac ;;`);
  }
  return [
    '# Succeeds when option $2 of subcommand $1 (of the main parser when $1 is empty) takes a value.',
    '__magnum_takes_value() {',
    '  case $1 in',
    ...arms,
    '  esac',
    '  return 1',
    '}',
  ].join('\n');
}

function optionValueArms(scope: string, options: readonly CompletionOption[], commandNames: readonly string[]): string[] {
  const arms: string[] = [];
  for (const opt of options) {
    if (opt.value === undefined || opt.value.kind === 'none') continue;
    const patterns = opt.flags.map((f) => quote(`${scope} ${f}`)).join('|');
    arms.push(`    ${patterns}) ${valueAction(opt.value, commandNames)} ;;`);
  }
  return arms;
}

function optionValuesFunction(model: CompletionModel, commandNames: readonly string[]): string {
  return [
    '# Completes the value of option $2 of subcommand $1.',
    '__magnum_option_values() {',
    '  case "$1 $2" in',
    ...optionValueArms('', model.globals, commandNames),
    ...model.commands.flatMap((c) => optionValueArms(c.name, c.options, commandNames)),
    '  esac',
    '}',
  ].join('\n');
}

function positionalValuesFunction(model: CompletionModel, commandNames: readonly string[]): string {
  const arms: string[] = [];
  for (const cmd of model.commands) {
    if (cmd.positionals.length === 0) continue;
    const inner = cmd.positionals.map((p, i) => {
      // A repeating positional is the last one and takes every later index too.
      const pattern = p.repeats ? '*' : String(i);
      return `${pattern}) ${valueAction(p.value, commandNames)} ;;`;
    });
    if (!cmd.positionals.some((p) => p.repeats)) inner.push('*) return 1 ;;');
    arms.push(`    ${quote(cmd.name)}) case $2 in ${inner.join(' ')} esac ;;`);
  }
  return [
    '# Completes positional number $2 (from 0) of subcommand $1; fails when the command takes no such positional.',
    '__magnum_positional_values() {',
    '  case $1 in',
    ...arms,
    '    *) return 1 ;;',
    '  esac',
    '}',
  ].join('\n');
}

function optionsFunction(model: CompletionModel): string {
  return [
    '# The options offered for subcommand $1.',
    '__magnum_options() {',
    '  case $1 in',
    ...model.commands.map((c) => `    ${quote(c.name)}) printf '%s' ${quote(offeredFlags(c.options).join(' '))} ;;`),
    '  esac',
    '}',
  ].join('\n');
}

const HELPERS = `
__magnum_add_words() {
  local word
  while IFS= read -r word; do COMPREPLY+=("$word"); done < <(compgen -W "$1" -- "$cur")
}

__magnum_add_files() {
  # Quote and mark directories like filename completion does (bash 4+ has compopt).
  compopt -o filenames 2>/dev/null
  local path
  while IFS= read -r path; do COMPREPLY+=("$path"); done < <(compgen "$1" -- "$cur")
}

# The names of $1 (clusters or cluster-templates), from the hidden command
# \`magnum __complete\`, run with the global options typed before the subcommand
# (they choose the cloud). It prints nothing when anything fails, and when it does not
# exist its error is discarded: completion then just offers no names. The names are
# filtered here rather than by \`compgen -W\`, which would expand them.
__magnum_add_names() {
  local prog=\${COMP_WORDS[0]} name
  [[ $prog == "~/"* ]] && prog=$HOME/\${prog#"~/"}
  while IFS= read -r name; do
    [[ -n $name && $name == "$cur"* ]] && COMPREPLY+=("$name")
  done < <(command "$prog" \${__magnum_forwarded[@]+"\${__magnum_forwarded[@]}"} __complete "$1" 2>/dev/null </dev/null)
}

_magnum() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmd='' option='' prefix='' w
  local -i i=1 npos=0 dashdash=0
  local -a __magnum_forwarded=()
  COMPREPLY=()
  while (( i < COMP_CWORD )); do
    w=\${COMP_WORDS[i]}
    if (( dashdash )) || [[ $w != -?* ]]; then
      if [[ -z $cmd ]]; then cmd=$w; else npos+=1; fi
      i+=1
      continue
    fi
    if [[ $w == -- ]]; then
      [[ -n $cmd ]] && dashdash=1
      i+=1
      continue
    fi
    if [[ \${COMP_WORDS[i+1]} == = ]]; then
      # --opt=value: '=' is in COMP_WORDBREAKS, so it is a word of its own.
      if (( i + 2 >= COMP_CWORD )); then
        option=$w
        (( i + 1 == COMP_CWORD )) && cur=''
        break
      fi
      [[ -z $cmd ]] && __magnum_forward "$w=\${COMP_WORDS[i+2]}"
      i+=3
    elif __magnum_takes_value "$cmd" "$w"; then
      if (( i + 1 == COMP_CWORD )); then
        option=$w
        break
      fi
      [[ -z $cmd ]] && __magnum_forward "$w" "\${COMP_WORDS[i+1]}"
      i+=2
    else
      [[ -z $cmd ]] && __magnum_forward "$w"
      i+=1
    fi
  done
  if [[ -z $option && $cur == -?*=* ]] && (( ! dashdash )); then
    # --opt=value in one word ('=' removed from COMP_WORDBREAKS).
    option=\${cur%%=*}
    prefix=$option=
    cur=\${cur#*=}
  fi

  if [[ -n $option ]]; then
    __magnum_option_values "$cmd" "$option"
  elif [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then __magnum_add_words "$__magnum_global_options"; else __magnum_add_words "$__magnum_commands"; fi
  elif [[ $cur == -* ]] && (( ! dashdash )); then
    __magnum_add_words "$(__magnum_options "$cmd")"
  elif ! __magnum_positional_values "$cmd" "$npos" && (( ! dashdash )); then
    # No positional left to fill: offer the options instead.
    __magnum_add_words "$(__magnum_options "$cmd")"
  fi
  if [[ -n $prefix ]]; then
    local -i j
    for (( j = 0; j < \${#COMPREPLY[@]}; j++ )); do COMPREPLY[j]=$prefix\${COMPREPLY[j]}; done
  fi
  return 0
}`;

export function renderBash(model: CompletionModel): string {
  const commandNames = model.commands.map((c) => c.name);
  const forwarded = model.forwardedGlobals;
  return [
    '# bash completion for magnum.',
    '# Generated by scripts/build.mjs from the command table (src/completions/); do not edit.',
    '# Install: see docs/completions.md.',
    '',
    `__magnum_commands=${quote(commandNames.join(' '))}`,
    `__magnum_global_options=${quote(offeredFlags(model.globals).join(' '))}`,
    '',
    takesValueFunction(model),
    '',
    optionValuesFunction(model, commandNames),
    '',
    positionalValuesFunction(model, commandNames),
    '',
    optionsFunction(model),
    '',
    '# Keeps global option $1 (and its value $2) for `magnum __complete` when it is one that selects the cloud.',
    '__magnum_forward() {',
    `  case \${1%%=*} in ${casePattern(forwarded)}) __magnum_forwarded+=("$@") ;; esac`,
    '}',
    HELPERS,
    '',
    'complete -F _magnum magnum',
    '',
  ].join('\n');
}
