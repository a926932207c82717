import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands';
import { commandHelp, mainHelp } from '../../src/program';
import { normalisers } from '../compat/normalise';
import { wrap } from '../../src/argparse/textwrap';

/** `magnum help <cmd>` blocks of a fixture (`================ magnum help <cmd>` headers). */
function helpBlocks(fixture: string): Map<string, string> {
  const text = readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8');
  const out = new Map<string, string>();
  for (const block of text.split(/^================ magnum help /m).slice(1)) {
    const name = block.slice(0, block.indexOf('\n'));
    const body = block.slice(block.indexOf('\n') + 1).replace(/\[rc=0\]\n?$/, '');
    out.set(name, body);
  }
  return out;
}

describe('help text', () => {
  // Captured from the reference at 80 columns.
  const reference = helpBlocks('reference-help-all.txt');
  // What follows the reference's text in ours: the "Additional options (this client):" section.
  const additions = helpBlocks('help-additions.txt');
  for (const [name, expected] of reference) {
    it(`magnum help ${name} is the reference's text, byte for byte, then the options this client adds`, () => {
      const cmd = COMMANDS.find((c) => c.name === name);
      expect(cmd, `command ${name} exists`).toBeDefined();
      const ours = commandHelp(cmd!, 78);
      expect(ours.slice(0, expected.length)).toBe(expected);
      expect(ours.slice(expected.length)).toBe(additions.get(name));
    });
  }

  it("every option of a reference command is in its help: the reference's or the additions", () => {
    for (const name of reference.keys()) {
      const cmd = COMMANDS.find((c) => c.name === name)!;
      const text = commandHelp(cmd, 78);
      for (const opt of [...(cmd.options ?? [])]) {
        // --name/--*-id deprecated spellings and everything else: each flag appears in the text.
        for (const flag of opt.flags) expect(text, `${name} ${flag}`).toContain(flag);
      }
    }
  });

  it('the main help lists the reference commands, options and metavars the same way', () => {
    const expected = readFileSync(new URL('../fixtures/reference-main-help.txt', import.meta.url), 'utf8');
    // Our extra commands (nodegroups, resize, upgrade) are additions; drop their lines before comparing.
    const ours = mainHelp(COMMANDS, 78);
    const referenceNames = new Set([...reference.keys(), 'bash-completion']);
    const extra = COMMANDS.filter((c) => !c.hidden && !referenceNames.has(c.name)).map((c) => c.name);
    // The added global options are listed last, under their own heading (README difference 14).
    const stripped = normalisers
      .helpAdditions(ours)
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
