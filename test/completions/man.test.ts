// man/magnum.1: generated from the command table (src/completions/man.ts), shipped in the
// package (package.json "man"), and rendered by man(1) without a warning.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderManPage } from '../../src/completions/man';
import { cliCommands, cliGlobalOptions, manCommands } from '../../src/completions/table';
import { COMMANDS } from '../../src/commands';
import { manPage } from '../../src/completions/write';
import { repoRoot } from '../support/run-cli';
import { describeWithShell } from './shells';

const shipped = join(repoRoot, 'man', 'magnum.1');

describe('man/magnum.1', () => {
  it('is what the command table generates (npm run build writes it)', () => {
    expect(readFileSync(shipped, 'utf8')).toBe(manPage());
  });

  it('is the package.json "man" page', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { man?: string[]; files: string[] };
    expect(pkg.man).toEqual(['man/magnum.1']);
    expect(pkg.files).toContain('man/');
  });

  it("documents the options hidden from the reference commands' help, and no truly hidden one", () => {
    const list = manCommands(COMMANDS).find((c) => c.name === 'cluster-list');
    expect(list?.options?.find((o) => o.flags.includes('--format'))?.help).toBe('the output format, defaults to table');
    const create = manCommands(COMMANDS).find((c) => c.name === 'cluster-create');
    expect(create?.options?.find((o) => o.flags.includes('--wait'))?.help).toMatch(/^Wait until/);
    expect(manCommands(COMMANDS).some((c) => c.name === '__complete' && !c.hidden)).toBe(false);
  });

  it('escapes what roff would read as requests or escapes', () => {
    const page = renderManPage({
      version: '1.0',
      globals: [],
      commands: [{ name: 'x', help: 'a \\ b\n.danger', options: [{ flags: ['--y'], dest: 'y', help: "'quoted" }] }],
    });
    expect(page).toContain('a \\e b .danger');
    expect(page).toContain("\\fB\\-\\-y\\fR \\fIY\\fR\n\\&'quoted");
    expect(page.split('\n').filter((l) => /^[.'](?!TH|SH|SS|TP|PP|RS|RE|nf|fi|br|\\")/.test(l))).toEqual([]);
  });
});

describeWithShell('man', 'man -l man/magnum.1', () => {
  const rendered = (): { text: string; warnings: string } => {
    const r = spawnSync('man', ['--warnings', '-l', shipped], {
      encoding: 'utf8',
      env: { ...process.env, MANWIDTH: '80', MAN_KEEP_FORMATTING: '', PAGER: 'cat', MANPAGER: 'cat' },
    });
    expect(r.status).toBe(0);
    return { text: r.stdout.replace(/.\x08/g, ''), warnings: r.stderr };
  };

  it('renders without a warning', () => {
    const { text, warnings } = rendered();
    expect(warnings).toBe('');
    expect(text).toMatch(/^MAGNUM\(1\) +User Commands +MAGNUM\(1\)/);
  });

  it('lists every subcommand and every global option', () => {
    const { text } = rendered();
    for (const cmd of cliCommands(COMMANDS).filter((c) => !c.hidden)) expect(text).toMatch(new RegExp(`^   ${cmd.name}$`, 'm'));
    for (const opt of cliGlobalOptions().filter((o) => o.help !== undefined)) expect(text).toContain(opt.flags[0]);
  });
});
