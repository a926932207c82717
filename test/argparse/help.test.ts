import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands';
import { commandHelp, mainHelp } from '../../src/cli';
import { wrap } from '../../src/argparse/textwrap';

/** `magnum help <cmd>` outputs captured from the reference at 80 columns. */
function referenceHelps(): Map<string, string> {
  const text = readFileSync(new URL('../fixtures/reference-help-all.txt', import.meta.url), 'utf8');
  const out = new Map<string, string>();
  for (const block of text.split(/^================ magnum help /m).slice(1)) {
    const name = block.slice(0, block.indexOf('\n'));
    const body = block.slice(block.indexOf('\n') + 1).replace(/\[rc=0\]\n?$/, '');
    out.set(name, body);
  }
  return out;
}

describe('help text', () => {
  const reference = referenceHelps();
  for (const [name, expected] of reference) {
    it(`magnum help ${name} is byte-identical to the reference`, () => {
      const cmd = COMMANDS.find((c) => c.name === name);
      expect(cmd, `command ${name} exists`).toBeDefined();
      expect(commandHelp(cmd!, 78)).toBe(expected);
    });
  }

  it('the main help lists the reference commands, options and metavars the same way', () => {
    const expected = readFileSync(new URL('../fixtures/reference-main-help.txt', import.meta.url), 'utf8');
    // Our extra commands (nodegroups, resize, upgrade) are additions; drop their lines before comparing.
    const ours = mainHelp(78);
    const referenceNames = new Set([...reference.keys(), 'bash-completion']);
    const extra = COMMANDS.filter((c) => !c.hidden && !referenceNames.has(c.name)).map((c) => c.name);
    const stripped = ours
      .split('\n')
      .reduce<{ lines: string[]; skipping: boolean }>(
        (acc, line) => {
          const m = /^ {4}(\S+)/.exec(line);
          if (m) acc.skipping = extra.includes(m[1]);
          else if (!/^ {24}/.test(line)) acc.skipping = false;
          if (!acc.skipping) acc.lines.push(line);
          return acc;
        },
        { lines: [], skipping: false },
      )
      .lines.join('\n');
    expect(stripped).toBe(expected.endsWith('\n') ? expected : `${expected}\n`);
  });
});

describe('textwrap', () => {
  it('breaks after hyphens inside words as Python does', () => {
    expect(wrap('aaaa bbbbbbb-cccccc dd', 14)).toEqual(['aaaa bbbbbbb-', 'cccccc dd']);
  });
  it('breaks words longer than the width', () => {
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
