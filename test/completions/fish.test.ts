import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fishScript } from '../../src/completions/generate';
import { FIXTURE_COMMANDS, FIXTURE_GLOBALS } from './fixture';
import {
  describeWithShell,
  fishComplete,
  itCompletesTheCommonCases,
  itWorksWithoutNames,
  REPO,
  scriptInSandbox,
  shippedClusterCommands,
} from './shells';

const sorted = (words: readonly string[]) => [...words].sort();
const FIXTURE_SCRIPT = fishScript(FIXTURE_COMMANDS, FIXTURE_GLOBALS);

describeWithShell('fish', 'magnum.fish (fixture command table)', () => {
  const { complete, calls } = scriptInSandbox({ name: 'magnum.fish', text: FIXTURE_SCRIPT }, fishComplete);

  itCompletesTheCommonCases(complete);

  it('completes an option value after =', () => {
    expect(complete('magnum cluster-list --sort-dir=')).toEqual(['--sort-dir=asc', '--sort-dir=desc']);
  });

  it('completes options of the subcommand only', () => {
    expect(complete('magnum cluster-show --')).toEqual(['--help', '--long']);
  });

  it('passes the cloud-selecting global options to __complete, and no others', () => {
    const before = calls().length;
    complete('magnum --debug --os-cloud prod cluster-show ');
    expect(calls().slice(before)).toEqual(['--os-cloud prod __complete clusters']);
  });

  it('completes files for --csr and directories for --dir', () => {
    expect(complete('magnum ca-sign --csr cs')).toEqual(['csr.pem']);
    expect(complete('magnum cluster-config --dir c')).toEqual(['certs/', 'configs/']);
  });

  itWorksWithoutNames('magnum.fish', FIXTURE_SCRIPT, fishComplete, { names: 'magnum cluster-show ', op: 'magnum cluster-update x a' });
});

describeWithShell('fish', 'completions/magnum.fish (the shipped script)', () => {
  const { complete } = scriptInSandbox(join(REPO, 'completions/magnum.fish'), fishComplete);

  it('lists the cluster commands for `magnum cluster-<TAB>`', () => {
    expect(sorted(complete('magnum cluster-'))).toEqual(sorted(shippedClusterCommands()));
  });

  it('completes `magnum cluster-list --sort-dir <TAB>` with asc and desc', () => {
    expect(complete('magnum cluster-list --sort-dir ')).toEqual(['asc', 'desc']);
  });
});
