// `magnum __complete clusters|cluster-templates [<prefix>]`, the hidden helper of the
// shell completion scripts: names one per line, silent on every failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';

const f = useFakeCloud();
let cacheHome: string;

beforeAll(() => {
  f.cloud.seedTemplate({ name: 'k8s-tmpl' });
  f.cloud.seedTemplate({ name: 'swarm-tmpl' });
  f.cloud.seedCluster({ name: 'alpha' });
  f.cloud.seedCluster({ name: 'beta' });
  f.cloud.seedCluster({ name: 'alpine' });
  cacheHome = mkdtempSync(join(tmpdir(), 'magnum-complete-'));
});
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

const SILENT = { stdout: '', stderr: '', code: 0 };

describe('__complete', () => {
  it('prints cluster names one per line, in the server’s order', async () => {
    expect(await f.magnum(['__complete', 'clusters'])).toEqual({ stdout: 'alpha\nbeta\nalpine\n', stderr: '', code: 0 });
  });

  it('prints cluster template names', async () => {
    expect(await f.magnum(['__complete', 'cluster-templates'])).toEqual({ stdout: 'k8s-tmpl\nswarm-tmpl\n', stderr: '', code: 0 });
  });

  it('keeps only names starting with the prefix', async () => {
    expect(await f.magnum(['__complete', 'clusters', 'alp'])).toEqual({ stdout: 'alpha\nalpine\n', stderr: '', code: 0 });
    expect(await f.magnum(['__complete', 'clusters', 'zzz'])).toEqual(SILENT);
  });

  it('takes the global options given before it', async () => {
    const r = await f.magnum(['--os-password', 'wrong', '__complete', 'clusters']);
    expect(r).toEqual(SILENT);
  });

  it.each([
    ['an unknown resource', ['__complete', 'nodegroups']],
    ['no resource', ['__complete']],
  ])('is silent for %s', async (_name, args) => {
    expect(await f.magnum(args)).toEqual(SILENT);
  });

  it('is silent without credentials and when keystone refuses them', async () => {
    expect(await f.magnum(['__complete', 'clusters'], { env: { OS_USERNAME: '' } })).toEqual(SILENT);
    expect(await f.magnum(['__complete', 'clusters'], { env: { OS_PASSWORD: 'wrong' } })).toEqual(SILENT);
  });

  it('is silent when the cloud cannot be reached', async () => {
    expect(await f.magnum(['__complete', 'clusters'], { env: { OS_AUTH_URL: 'http://127.0.0.1:1/v3' } })).toEqual(SILENT);
  });

  it('uses the token cache without announcing it, then makes no keystone request', async () => {
    const env = { OS_CACHE: 'true', XDG_CACHE_HOME: cacheHome };
    expect(await f.magnum(['__complete', 'clusters', 'b'], { env })).toEqual({ stdout: 'beta\n', stderr: '', code: 0 });
    const before = f.cloud.requests.length;
    expect(await f.magnum(['__complete', 'clusters', 'b'], { env })).toEqual({ stdout: 'beta\n', stderr: '', code: 0 });
    expect(f.cloud.requests.slice(before).map((q) => q.server)).toEqual(['magnum']);
  });

  it('is not listed in help, bash-completion or the choices of an unknown command', async () => {
    expect((await f.magnum(['help'])).stdout).not.toContain('__complete');
    expect((await f.magnum(['bash-completion'])).stdout).not.toContain('__complete');
    expect((await f.magnum(['nosuchcommand'])).stderr).not.toContain('__complete');
  });
});
