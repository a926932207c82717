/**
 * argparse.HelpFormatter, as python-magnumclient uses it (capitalised section titles,
 * `magnumclient/shell.py do_help`): the usage block and the full help text. Width follows
 * shutil.get_terminal_size(): $COLUMNS, else the terminal, else 80; minus 2.
 */
import type { OptionSpec, ParserSpec, PositionalSpec } from './spec';
import { collapseWhitespace, wrap } from './textwrap';

export interface SubcommandEntry {
  name: string;
  help?: string;
}

export function helpWidth(env: Record<string, string | undefined>, ttyColumns?: number): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  const columns = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : (ttyColumns ?? 80);
  return columns - 2;
}

export function optionMetavar(opt: OptionSpec): string {
  return opt.metavar ?? opt.dest.toUpperCase();
}

function takesValue(opt: OptionSpec): boolean {
  const action = opt.action ?? 'store';
  return action === 'store' || action === 'append';
}

/** In the reference's usage line and "Options:" section (additions are listed after them). */
function inReferenceHelp(opt: OptionSpec): boolean {
  return opt.help !== undefined && !opt.addition;
}

function positionalUsage(p: PositionalSpec): string {
  switch (p.nargs) {
    case '?':
      return `[${p.metavar}]`;
    case '*':
      return `[${p.metavar} ...]`;
    case '+':
      return `${p.metavar} [${p.metavar} ...]`;
    default:
      return p.metavar;
  }
}

function formatOptionalsUsage(spec: ParserSpec): string {
  const visible = spec.options;
  const parts: (string | null)[] = [];
  const inserts = new Map<number, string>();
  const groupOf = new Map<string, boolean>();
  for (const group of spec.groups ?? []) {
    const idx = group.members.map((m) => visible.findIndex((o) => o.flags[0] === m && inReferenceHelp(o)));
    if (idx.some((i) => i < 0)) continue;
    const start = Math.min(...idx);
    const end = start + idx.length;
    const contiguous = [...idx].sort((a, b) => a - b).every((v, k) => v === start + k);
    if (!contiguous) continue;
    for (const m of group.members) groupOf.set(m, true);
    // As argparse: a group starting where the previous one ends adds ` [` to its `]`.
    const open = group.required ? '(' : '[';
    inserts.set(start, inserts.has(start) ? `${inserts.get(start)} ${open}` : open);
    inserts.set(end, (inserts.get(end) ?? '') + (group.required ? ')' : ']'));
    for (let i = start + 1; i < end; i++) inserts.set(i, '|');
  }
  visible.forEach((opt) => {
    if (!inReferenceHelp(opt)) {
      parts.push(null);
      return;
    }
    let part = takesValue(opt) ? `${opt.flags[0]} ${optionMetavar(opt)}` : opt.flags[0];
    if (!opt.required && !groupOf.has(opt.flags[0])) part = `[${part}]`;
    parts.push(part);
  });
  const withInserts: (string | null)[] = [...parts];
  for (const i of [...inserts.keys()].sort((a, b) => b - a)) withInserts.splice(i, 0, inserts.get(i) as string);
  let text = withInserts.filter((p): p is string => p !== null).join(' ');
  text = text.replace(/([[(]) /g, '$1');
  text = text.replace(/ ([\])])/g, '$1');
  text = text.replace(/[[(] *[\])]/g, '');
  text = text.replace(/\(([^|]*)\)/g, '$1');
  return text.trim();
}

function formatPositionalsUsage(spec: ParserSpec, subcommandMetavar?: string): string {
  const parts = spec.positionals.filter((p) => p.help !== undefined || true).map(positionalUsage);
  if (subcommandMetavar) parts.push(`${subcommandMetavar} ...`);
  return parts.join(' ');
}

const PART = /\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+/g;

/** The `usage: ...` block, ending with "\n" (format_usage). */
export function formatUsage(spec: ParserSpec, width: number, subcommandMetavar?: string): string {
  const prefix = 'usage: ';
  const prog = spec.prog;
  const optUsage = formatOptionalsUsage(spec);
  const posUsage = formatPositionalsUsage(spec, subcommandMetavar);
  const actionUsage = [optUsage, posUsage].filter((s) => s !== '').join(' ');
  let usage = actionUsage ? `${prog} ${actionUsage}` : prog;
  const textWidth = width;
  if (prefix.length + usage.length > textWidth) {
    const optParts = optUsage.match(PART) ?? [];
    const posParts = posUsage.match(PART) ?? [];
    const getLines = (parts: string[], indent: string, pfx?: string): string[] => {
      const lines: string[] = [];
      let line: string[] = [];
      let lineLen = pfx !== undefined ? pfx.length - 1 : indent.length - 1;
      for (const part of parts) {
        if (lineLen + 1 + part.length > textWidth && line.length > 0) {
          lines.push(indent + line.join(' '));
          line = [];
          lineLen = indent.length - 1;
        }
        line.push(part);
        lineLen += part.length + 1;
      }
      if (line.length > 0) lines.push(indent + line.join(' '));
      if (pfx !== undefined && lines.length > 0) lines[0] = lines[0].slice(indent.length);
      return lines;
    };
    let lines: string[];
    if (prefix.length + prog.length <= 0.75 * textWidth) {
      const indent = ' '.repeat(prefix.length + prog.length + 1);
      if (optParts.length > 0) {
        lines = getLines([prog, ...optParts], indent, prefix);
        lines.push(...getLines(posParts, indent));
      } else if (posParts.length > 0) {
        lines = getLines([prog, ...posParts], indent, prefix);
      } else {
        lines = [prog];
      }
    } else {
      const indent = ' '.repeat(prefix.length);
      lines = getLines([...optParts, ...posParts], indent);
      if (lines.length > 1) {
        lines = [...getLines(optParts, indent), ...getLines(posParts, indent)];
      }
      lines = [prog, ...lines];
    }
    usage = lines.join('\n');
  }
  return `${prefix}${usage}\n`;
}

interface HelpItem {
  invocation: string;
  help?: string;
  indent: number;
  children?: HelpItem[];
}

function optionInvocation(opt: OptionSpec): string {
  if (!takesValue(opt)) return opt.flags.join(', ');
  return opt.flags.map((f) => `${f} ${optionMetavar(opt)}`).join(', ');
}

function formatItems(items: HelpItem[], width: number, helpPosition: number): string {
  let out = '';
  for (const item of items) {
    const helpWidthCols = Math.max(width - helpPosition, 11);
    const actionWidth = helpPosition - item.indent - 2;
    let header: string;
    let lines: string[] = [];
    if (item.help !== undefined && item.help !== '') lines = wrap(collapseWhitespace(item.help), helpWidthCols);
    if (item.help === undefined || item.help === '') {
      header = `${' '.repeat(item.indent)}${item.invocation}\n`;
    } else if (item.invocation.length <= actionWidth) {
      header = `${' '.repeat(item.indent)}${item.invocation.padEnd(actionWidth)}  `;
    } else {
      header = `${' '.repeat(item.indent)}${item.invocation}\n`;
      lines = lines.length > 0 ? lines : [];
      out += header;
      header = '';
      out += lines.map((l) => `${' '.repeat(helpPosition)}${l}\n`).join('');
      if (item.children) out += formatItems(item.children, width, helpPosition);
      continue;
    }
    out += header;
    if (lines.length > 0) {
      out += `${lines[0]}\n`;
      out += lines
        .slice(1)
        .map((l) => `${' '.repeat(helpPosition)}${l}\n`)
        .join('');
    }
    if (item.children) out += formatItems(item.children, width, helpPosition);
  }
  return out;
}

/** The whole `format_help()` text, ending with "\n". */
export function formatHelp(spec: ParserSpec, width: number, subcommands?: { metavar: string; entries: SubcommandEntry[] }): string {
  const maxHelpPosition = Math.min(24, Math.max(width - 20, 4));
  const positionals: HelpItem[] = spec.positionals
    .filter((p) => p.help !== undefined)
    .map((p) => ({ invocation: p.metavar, help: p.help, indent: 2 }));
  if (subcommands) {
    positionals.push({
      invocation: subcommands.metavar,
      indent: 2,
      children: subcommands.entries.map((e) => ({ invocation: e.name, help: e.help, indent: 4 })),
    });
  }
  const toItem = (o: OptionSpec): HelpItem => ({ invocation: optionInvocation(o), help: o.help, indent: 2 });
  const optionals = spec.options.filter(inReferenceHelp).map(toItem);
  const additions = spec.options.filter((o) => o.addition && o.help !== undefined).map(toItem);
  let maxLen = 0;
  for (const item of [...positionals, ...optionals]) {
    maxLen = Math.max(maxLen, item.invocation.length + item.indent);
    for (const child of item.children ?? []) maxLen = Math.max(maxLen, child.invocation.length + child.indent);
  }
  const helpPosition = Math.min(maxLen + 2, maxHelpPosition);
  const sections: string[] = [formatUsage(spec, width, subcommands?.metavar)];
  if (spec.description) sections.push(`${wrap(collapseWhitespace(spec.description), width).join('\n')}\n`);
  if (positionals.length > 0) sections.push(`Positional arguments:\n${formatItems(positionals, width, helpPosition)}`);
  if (optionals.length > 0) sections.push(`Options:\n${formatItems(optionals, width, helpPosition)}`);
  if (spec.epilog) sections.push(`${wrap(collapseWhitespace(spec.epilog), width).join('\n')}\n`);
  if (additions.length > 0) {
    // Its own column, so that the reference's sections above keep their layout.
    const additionsPosition = Math.min(Math.max(...additions.map((a) => a.invocation.length + a.indent)) + 2, maxHelpPosition);
    sections.push(`Additional options (this client):\n${formatItems(additions, width, additionsPosition)}`);
  }
  return `${sections.join('\n').replace(/\n+$/, '')}\n`;
}
