import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zshScript } from '../../src/completions/generate';
import { FIXTURE_COMMANDS, FIXTURE_GLOBALS } from './fixture';
import {
  describeWithShell,
  findExecutable,
  itCompletesTheCommonCases,
  itWorksWithoutNames,
  makeSandbox,
  REPO,
  scriptInSandbox,
  shippedClusterCommands,
  zshComplete,
} from './shells';
import type { Runner, Sandbox } from './shells';

const sorted = (words: readonly string[]) => [...words].sort();
const SHIPPED = join(REPO, 'completions/_magnum');
const FIXTURE_SCRIPT = zshScript(FIXTURE_COMMANDS, FIXTURE_GLOBALS);
const sourced: Runner = (sandbox, script, buffer) => zshComplete(sandbox, 'source', script, buffer);
/** Autoloaded from $fpath: the directory of the script (named _magnum) is put in it. */
const fromFpath: Runner = (sandbox, script, buffer) => zshComplete(sandbox, 'fpath', dirname(script), buffer);

describeWithShell('zsh', '_magnum (fixture command table, zsh)', () => {
  const { complete, calls } = scriptInSandbox({ name: '_magnum', text: FIXTURE_SCRIPT }, sourced);

  itCompletesTheCommonCases(complete);

  it('completes an option value after =', () => {
    expect(sorted(complete('magnum cluster-list --sort-dir='))).toEqual(['asc', 'desc']);
  });

  it('leaves out an option of an exclusive group once the other is given', () => {
    const offered = complete('magnum cluster-create --keypair k --');
    expect(offered).toContain('--cluster-template');
    expect(offered).not.toContain('--keypair-id');
  });

  it('passes the cloud-selecting global options to __complete, and no others', () => {
    const before = calls().length;
    complete('magnum --debug --os-cloud=prod cluster-show ');
    expect(calls().slice(before)).toEqual(['--os-cloud prod __complete clusters']);
  });

  it('completes directories for --dir', () => {
    expect(sorted(complete('magnum cluster-config --dir c'))).toEqual(['certs', 'configs']);
  });

  itWorksWithoutNames('_magnum', FIXTURE_SCRIPT, sourced, { names: 'magnum cluster-show ', op: 'magnum cluster-update x a' });
});

describeWithShell('zsh', 'completions/_magnum (the shipped script, zsh)', () => {
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = makeSandbox('names');
  });
  afterAll(() => sandbox.dispose());
  const zsh = (script: string) =>
    spawnSync(findExecutable('zsh') ?? 'zsh', ['-f', '-c', script], { cwd: sandbox.cwd, env: sandbox.env, encoding: 'utf8' });

  it('loads without error after compinit', () => {
    const run = zsh(`autoload -U compinit; compinit -u -D; source ${SHIPPED}`);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('says what to do when sourced before compinit', () => {
    expect(zsh(`source ${SHIPPED}`).stderr).toBe('magnum completion: run "autoload -U compinit && compinit" before sourcing this file\n');
  });

  it.each([
    ['sourced', sourced],
    ['from $fpath', fromFpath],
  ] as const)('lists the cluster commands for `magnum cluster-<TAB>` (%s)', (_how, run) => {
    expect(run(sandbox, SHIPPED, 'magnum cluster-')).toMatchObject({ stderr: '', status: 0 });
    expect(sorted(run(sandbox, SHIPPED, 'magnum cluster-').candidates)).toEqual(sorted(shippedClusterCommands()));
  });

  it('completes `magnum cluster-list --sort-dir <TAB>` with asc and desc', () => {
    const result = fromFpath(sandbox, SHIPPED, 'magnum cluster-list --sort-dir ');
    expect({ candidates: sorted(result.candidates), stderr: result.stderr }).toEqual({ candidates: ['asc', 'desc'], stderr: '' });
  });
});
