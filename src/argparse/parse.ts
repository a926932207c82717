/**
 * An argparse-compatible parser for one (sub)parser: options anywhere among the
 * positionals, `--opt=value`, unambiguous prefixes (allow_abbrev), `--` to end
 * options, exclusive groups, int/choices validation. Error texts are argparse's
 * (Python 3.11) so scripts that grep them keep working (`magnumclient/shell.py MagnumClientArgumentParser.error`).
 */
import type { OptionSpec, ParsedValues, ParserSpec, PositionalSpec } from './spec';

export class ArgumentError extends Error {}

export interface ParseResult {
  values: ParsedValues;
  /** Tokens this parser did not recognise; the top-level parser reports them. */
  extras: string[];
  /** First flags of the options that were given, in the order given. */
  seen: string[];
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

function looksLikeOption(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !NEGATIVE_NUMBER.test(token);
}

/** Finds the option a token names: exact, then a unique `--` prefix. */
export function matchOption(options: readonly OptionSpec[], name: string): OptionSpec | undefined {
  for (const opt of options) if (opt.flags.includes(name)) return opt;
  if (!name.startsWith('--') || name.length < 3) return undefined;
  const hits: { opt: OptionSpec; flag: string }[] = [];
  for (const opt of options) {
    if (opt.exactOnly || opt.addition) continue;
    for (const flag of opt.flags) if (flag.startsWith(name)) hits.push({ opt, flag });
  }
  if (hits.length === 1) return hits[0].opt;
  if (hits.length > 1) {
    throw new ArgumentError(`ambiguous option: ${name} could match ${hits.map((h) => h.flag).join(', ')}`);
  }
  return undefined;
}

export function parseIntLikePython(text: string): number | undefined {
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) return undefined;
  return Number.parseInt(text.replace(/_/g, ''), 10);
}

function convert(opt: { dest: string; type?: 'int' | 'string'; choices?: readonly string[] }, name: string, raw: string): unknown {
  let value: unknown = raw;
  if (opt.type === 'int') {
    const n = parseIntLikePython(raw);
    if (n === undefined) throw new ArgumentError(`argument ${name}: invalid int value: '${raw}'`);
    value = n;
  }
  if (opt.choices && !opt.choices.includes(raw)) {
    const choices = opt.choices.map((c) => `'${c}'`).join(', ');
    throw new ArgumentError(`argument ${name}: invalid choice: '${raw}' (choose from ${choices})`);
  }
  return value;
}

export function defaults(spec: ParserSpec): ParsedValues {
  const values: ParsedValues = {};
  for (const opt of spec.options) {
    if (opt.dest in values && opt.default === undefined) continue;
    const action = opt.action ?? 'store';
    if (opt.default !== undefined) values[opt.dest] = opt.default;
    else if (action === 'store_true') values[opt.dest] = false;
    else if (action === 'store_false') values[opt.dest] = true;
    else values[opt.dest] = null;
  }
  for (const pos of spec.positionals) values[pos.dest] = pos.nargs === '*' || pos.nargs === '+' ? [] : null;
  return values;
}

export function parseArgs(spec: ParserSpec, argv: string[]): ParseResult {
  const values = defaults(spec);
  const extras: string[] = [];
  const positionalTokens: string[] = [];
  const seen = new Set<string>();
  let i = 0;
  let optionsEnded = false;
  while (i < argv.length) {
    const token = argv[i++];
    if (!optionsEnded && token === '--') {
      optionsEnded = true;
      continue;
    }
    if (optionsEnded || !looksLikeOption(token)) {
      positionalTokens.push(token);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const explicit = eq > 0 ? token.slice(eq + 1) : undefined;
    const opt = matchOption(spec.options, name);
    if (!opt) {
      extras.push(token);
      continue;
    }
    const label = opt.flags.join('/');
    const action = opt.action ?? 'store';
    for (const group of spec.groups ?? []) {
      if (!group.members.includes(opt.flags[0])) continue;
      const other = group.members.find((m) => m !== opt.flags[0] && seen.has(m));
      if (other !== undefined) throw new ArgumentError(`argument ${label}: not allowed with argument ${other}`);
    }
    if (action === 'store' || action === 'append') {
      let raw: string;
      if (explicit !== undefined) raw = explicit;
      else if (i < argv.length && !looksLikeOption(argv[i])) raw = argv[i++];
      else throw new ArgumentError(`argument ${label}: expected one argument`);
      const value = convert(opt, label, raw);
      if (action === 'append') {
        const list = Array.isArray(values[opt.dest]) ? (values[opt.dest] as unknown[]) : [];
        values[opt.dest] = [...list, value];
      } else values[opt.dest] = value;
    } else {
      if (explicit !== undefined) throw new ArgumentError(`argument ${label}: ignored explicit argument '${explicit}'`);
      if (action === 'store_true') values[opt.dest] = true;
      else if (action === 'store_false') values[opt.dest] = false;
      else {
        const list = Array.isArray(values[opt.dest]) ? (values[opt.dest] as unknown[]) : [];
        values[opt.dest] = [...list, opt.const];
      }
    }
    seen.add(opt.flags[0]);
  }

  // Positionals are matched left to right, each taking as many tokens as it may
  // while leaving enough for the ones after it (argparse's greedy pattern match).
  const specs = spec.positionals;
  const minimum = (k: number): number => specs.slice(k).reduce((n, p) => n + (p.nargs === '?' || p.nargs === '*' ? 0 : 1), 0);
  let cursor = 0;
  const missing: string[] = [];
  const isMissing = (pos: PositionalSpec): void => {
    if (!pos.optionalWith?.some((flag) => seen.has(flag))) missing.push(pos.metavar);
  };
  specs.forEach((pos, k) => {
    const available = positionalTokens.length - cursor - minimum(k + 1);
    if (pos.nargs === '+' || pos.nargs === '*') {
      const take = Math.max(0, available);
      if (pos.nargs === '+' && take < 1) {
        isMissing(pos);
        return;
      }
      const taken = positionalTokens.slice(cursor, cursor + take);
      for (const t of taken) convert(pos, pos.metavar, t);
      values[pos.dest] = taken;
      cursor += take;
    } else if (pos.nargs === '?') {
      if (available >= 1) values[pos.dest] = convert(pos, pos.metavar, positionalTokens[cursor++]);
    } else if (cursor < positionalTokens.length) {
      values[pos.dest] = convert(pos, pos.metavar, positionalTokens[cursor++]);
    } else isMissing(pos);
  });
  extras.push(...positionalTokens.slice(cursor));

  const requiredOpts = spec.options.filter((o) => o.required && !seen.has(o.flags[0])).map((o) => o.flags[0]);
  if (requiredOpts.length + missing.length > 0) {
    throw new ArgumentError(`the following arguments are required: ${[...requiredOpts, ...missing].join(', ')}`);
  }
  for (const group of spec.groups ?? []) {
    if (group.required && !group.members.some((m) => seen.has(m))) {
      throw new ArgumentError(`one of the arguments ${group.members.join(' ')} is required`);
    }
  }
  return { values, extras, seen: [...seen] };
}
