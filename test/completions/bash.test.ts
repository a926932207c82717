import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bashScript } from '../../src/completions/generate';
import { FIXTURE_CLUSTER_COMMANDS, FIXTURE_COMMANDS, FIXTURE_GLOBALS } from './fixture';
import { bashComplete, itCompletesTheCommonCases, itWorksWithoutNames, REPO, scriptInSandbox, shippedClusterCommands } from './shells';
import type { Runner } from './shells';

const sorted = (words: readonly string[]) => [...words].sort();
/** The line's words as COMP_WORDS: bash splits `--opt=value` into `--opt`, `=` and `value` (COMP_WORDBREAKS). */
const bash: Runner = (sandbox, script, line) => bashComplete(sandbox, script, line.split(' '));
const FIXTURE_SCRIPT = bashScript(FIXTURE_COMMANDS, FIXTURE_GLOBALS);

describe('magnum.bash (fixture command table)', () => {
  const { complete, calls } = scriptInSandbox({ name: 'magnum.bash', text: FIXTURE_SCRIPT }, bash);

  itCompletesTheCommonCases(complete);

  it('keeps the command table order', () => {
    expect(complete('magnum cluster-')).toEqual(FIXTURE_CLUSTER_COMMANDS);
    expect(complete('magnum --os-c')).toEqual(['--os-cloud', '--os-cacert']);
  });

  it('skips a global option value given after =', () => {
    expect(complete('magnum --os-cloud = prod cluster-s')).toEqual(['cluster-show']);
  });

  it('completes an option value after =, which bash makes a word of its own (COMP_WORDBREAKS)', () => {
    expect(sorted(complete('magnum cluster-list --sort-dir = '))).toEqual(['asc', 'desc']);
    expect(complete('magnum cluster-list --sort-dir = a')).toEqual(['asc']);
    expect(complete('magnum ca-sign --cluster = b')).toEqual(['beta']);
  });

  it('completes an option value in the same word as the option (= not in COMP_WORDBREAKS)', () => {
    expect(complete('magnum cluster-list --sort-dir=d')).toEqual(['--sort-dir=desc']);
  });

  it('offers nothing for a free-form option value', () => {
    expect(complete('magnum cluster-list --limit ')).toEqual([]);
  });

  it('completes options of the subcommand, including ones hidden from help, plus -h/--help', () => {
    expect(complete('magnum cluster-list -')).toEqual(['--limit', '--sort-dir', '-f', '--format', '-h', '--help']);
    expect(complete('magnum cluster-list --sort-dir asc --l')).toEqual(['--limit']);
  });

  it('offers the options where no positional is left', () => {
    expect(complete('magnum cluster-list ')).toEqual(['--limit', '--sort-dir', '-f', '--format', '-h', '--help']);
    expect(complete('magnum cluster-show alpha ')).toEqual(['--long', '-h', '--help']);
  });

  it('offers names as they are, never expanded', () => {
    expect(complete('magnum cluster-show $')).toEqual(['$(echo pwned)']);
  });

  it('passes the cloud-selecting global options to __complete, and no others', () => {
    const before = calls().length;
    complete('magnum --debug --os-cloud prod --os-cacert=ca.pem --insecure cluster-show ');
    expect(calls().slice(before)).toEqual(['--os-cloud prod --os-cacert=ca.pem --insecure __complete clusters']);
  });

  it('completes paths for --csr and --os-cacert, directories for --dir', () => {
    expect(sorted(complete('magnum ca-sign --csr '))).toEqual(['ca.pem', 'certs', 'configs', 'csr.pem']);
    expect(complete('magnum --os-cacert ca')).toEqual(['ca.pem']);
    expect(sorted(complete('magnum cluster-config --dir c'))).toEqual(['certs', 'configs']);
  });

  it('offers no options after --', () => {
    expect(complete('magnum cluster-show -- -')).toEqual([]);
  });
});

describe('magnum.bash when names are not available', () => {
  itWorksWithoutNames('magnum.bash', FIXTURE_SCRIPT, bash, { names: 'magnum cluster-show ', op: 'magnum cluster-update x a' });
});

describe('completions/magnum.bash (the shipped script)', () => {
  const { complete } = scriptInSandbox(join(REPO, 'completions/magnum.bash'), bash);

  it('lists the cluster commands for `magnum cluster-<TAB>`', () => {
    expect(shippedClusterCommands()).toContain('cluster-list');
    expect(complete('magnum cluster-')).toEqual(shippedClusterCommands());
  });

  it('completes `magnum cluster-list --sort-dir <TAB>` with asc and desc', () => {
    expect(sorted(complete('magnum cluster-list --sort-dir '))).toEqual(['asc', 'desc']);
  });

  it('completes cluster names for `magnum cluster-show <TAB>`', () => {
    expect(complete('magnum cluster-show al')).toEqual(['alpha']);
  });
});
