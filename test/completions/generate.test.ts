import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bashScript, completionScripts, fishScript, zshScript } from '../../src/completions/generate';
import { completionModel, summary } from '../../src/completions/model';
import { cliCommands, cliGlobalOptions } from '../../src/completions/table';
import { COMMANDS } from '../../src/commands';
import { FIXTURE_COMMANDS, FIXTURE_GLOBALS } from './fixture';
import { findExecutable, REPO } from './shells';

describe('completionModel', () => {
  const model = completionModel(FIXTURE_COMMANDS, FIXTURE_GLOBALS);
  const command = (name: string) => {
    const found = model.commands.find((c) => c.name === name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  };

  it('leaves out hidden commands', () => {
    expect(model.commands.map((c) => c.name)).not.toContain('__complete');
    expect(model.commands).toHaveLength(FIXTURE_COMMANDS.length - 1);
  });

  it('gives every command -h/--help, as argparse does', () => {
    expect(command('cluster-delete').options.map((o) => o.flags)).toEqual([['-h', '--help']]);
  });

  it('classifies values: choices, names, paths, subcommands', () => {
    const value = (cmd: string, flag: string) => command(cmd).options.find((o) => o.flags.includes(flag))?.value;
    expect(value('cluster-list', '--sort-dir')).toEqual({ kind: 'words', words: ['desc', 'asc'] });
    expect(value('cluster-list', '--limit')).toEqual({ kind: 'none' });
    expect(value('cluster-show', '--long')).toBeUndefined();
    expect(value('ca-sign', '--cluster')).toEqual({ kind: 'names', resource: 'clusters' });
    expect(value('cluster-create', '--cluster-template')).toEqual({ kind: 'names', resource: 'cluster-templates' });
    expect(value('ca-sign', '--csr')).toEqual({ kind: 'file' });
    expect(value('cluster-config', '--dir')).toEqual({ kind: 'directory' });
    expect(command('cluster-update').positionals.map((p) => [p.value, p.repeats])).toEqual([
      [{ kind: 'names', resource: 'clusters' }, false],
      [{ kind: 'words', words: ['add', 'replace', 'remove'] }, false],
      [{ kind: 'none' }, true],
    ]);
    expect(command('cluster-template-show').positionals[0].value).toEqual({ kind: 'names', resource: 'cluster-templates' });
    expect(command('help').positionals[0]).toMatchObject({ value: { kind: 'subcommand' }, optional: true });
  });

  it('offers options hidden from help, but not underscore twins of dashed options', () => {
    const offered = (flag: string) => model.globals.find((o) => o.flags.includes(flag))?.offered;
    expect(offered('--service_type')).toBe(false);
    expect(offered('--service-type')).toBe(true);
    expect(offered('-h')).toBe(true);
    expect(command('cluster-list').options.find((o) => o.flags.includes('--format'))?.offered).toBe(true);
  });

  it('records exclusive groups', () => {
    expect(command('cluster-create').options.find((o) => o.flags.includes('--keypair'))?.excludes).toEqual(['--keypair-id']);
  });

  it('forwards the global options that choose the cloud, not help, version or debug', () => {
    expect(model.forwardedGlobals).toEqual(['--os-cloud', '--os-cacert', '--service-type', '--service_type', '--insecure']);
  });
});

describe('summary', () => {
  it('keeps the first sentence, on one line, without its full stop', () => {
    expect(summary('Configure native client to access cluster. You can source the output.')).toBe('Configure native client to access cluster');
    expect(summary('Defaults to\n   env[OS_AUTH_URL].')).toBe('Defaults to env[OS_AUTH_URL]');
    expect(summary('Accepts "api", defaults to env[MAGNUM_API_VERSION].')).toBe('Accepts "api", defaults to env[MAGNUM_API_VERSION]');
    expect(summary(undefined)).toBe('');
  });
});

describe('the generated scripts', () => {
  const bash = bashScript(FIXTURE_COMMANDS, FIXTURE_GLOBALS);
  const zsh = zshScript(FIXTURE_COMMANDS, FIXTURE_GLOBALS);
  const fish = fishScript(FIXTURE_COMMANDS, FIXTURE_GLOBALS);

  it('register for the magnum command', () => {
    expect(bash.endsWith('\ncomplete -F _magnum magnum\n')).toBe(true);
    expect(zsh.startsWith('#compdef magnum\n')).toBe(true);
    expect(fish).toContain('\ncomplete -c magnum -f\n');
  });

  it('list the visible commands and not the hidden one', () => {
    expect(bash).toContain(
      "__magnum_commands='ca-sign cluster-config cluster-create cluster-delete cluster-list cluster-show cluster-update cluster-template-show help'",
    );
    for (const script of [bash, zsh, fish]) expect(script).not.toMatch(/'__complete[:']/);
  });

  it('declare option choices', () => {
    expect(bash).toContain("'cluster-list --sort-dir') __magnum_add_words 'desc asc' ;;");
    expect(zsh).toContain("'(--sort-dir)--sort-dir=[Direction to sort]:sort-dir:(desc asc)'");
    expect(fish).toContain("complete -c magnum -n '__magnum_using_command cluster-list' -l 'sort-dir' -x -a 'desc asc' -d 'Direction to sort'");
  });

  it('quote help texts with quotes, brackets and colons for each shell', () => {
    // FIXTURE_GLOBALS --insecure: "Don't verify [https] connections: ever."
    expect(zsh).toContain("'(--insecure)--insecure[Don'\\''t verify \\[https\\] connections: ever]'");
    expect(fish).toContain("-l 'insecure' -d 'Don\\'t verify [https] connections: ever'");
  });

  const syntaxChecks: [string, string[], string][] = [
    ['bash', ['-n'], bash],
    ['zsh', ['-n'], zsh],
    ['fish', ['--no-execute'], fish],
  ];
  it.each(syntaxChecks)('are valid %s', (shell, args, text) => {
    const path = findExecutable(shell);
    if (!path) {
      if (process.env.CI === 'true') throw new Error(`CI=true but ${shell} is not installed`);
      console.warn(`[skipped] ${shell} syntax check: ${shell} is not installed (apt-get install -y ${shell})`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'magnum-completion-syntax-'));
    const file = join(dir, 'script');
    writeFileSync(file, text);
    const run = spawnSync(path, [...args, file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

describe('completions/ (committed, generated by npm run build)', () => {
  const expected = completionScripts(cliCommands(COMMANDS), cliGlobalOptions());

  it.each(Object.keys(expected))('%s is up to date with the command table (run npm run build)', (name) => {
    expect(readFileSync(join(REPO, 'completions', name), 'utf8')).toBe(expected[name]);
  });
});
