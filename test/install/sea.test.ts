// The standalone executable (`npm run build:sea` → dist/sea/magnum) on a machine without
// Node: copied alone into a directory that is the whole PATH, it must answer exactly as the
// npm build (node bin/magnum) does, including the parts that load bundled code lazily
// (clouds.yaml, -f yaml, completion scripts) and the key + CSR of cluster-config.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { repoRoot, type RunCliResult } from '../support/run-cli';

const built = join(repoRoot, 'dist', 'sea', 'magnum');
const f = useFakeCloud();
const bin = mkdtempSync(join(tmpdir(), 'magnum-sea-bin-'));
const work = mkdtempSync(join(tmpdir(), 'magnum-sea-work-'));
afterAll(() => {
  rmSync(bin, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const standalone = join(bin, 'magnum');
/** Request ids are new for every request; the rest must be equal. */
const sameRequestId = (r: RunCliResult): RunCliResult => ({ ...r, stderr: r.stderr.replace(/req-[0-9a-f-]{36}/g, 'req-…') });
/** The same command through the npm build and through the standalone executable. */
async function both(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const viaNode = sameRequestId(await f.magnum(args, { env, cwd }));
  const viaSea = sameRequestId(await f.magnum(args, { env: { ...env, PATH: bin }, cwd, executable: standalone }));
  return { viaNode, viaSea };
}

describe('the standalone executable', () => {
  it('exists (npm run build:sea) and runs from a PATH with no node on it', () => {
    expect(existsSync(built), `${built} is missing: run npm run build:sea`).toBe(true);
    copyFileSync(built, standalone);
    expect(readdirSync(bin)).toEqual(['magnum']);
  });

  it.each([
    [['--version']],
    [['help']],
    [['help', 'cluster-create']],
    [['cluster-template-list']],
    [['cluster-list']],
    [['cluster-template-show', 'k8s-sea', '-f', 'yaml']],
    [['completion', 'bash']],
    [['bash-completion']],
    [['cluster-show', 'no-such-cluster']],
    [['cluster-list', '--no-such-option']],
  ])('answers %j byte for byte as the npm build', async (args) => {
    if (!f.cloud.state.templates.some((t) => t.name === 'k8s-sea')) {
      const t = f.cloud.seedTemplate({ name: 'k8s-sea', labels: { kube_tag: 'v1.30.1' } });
      f.cloud.seedCluster({ name: 'sea-cluster', cluster_template_id: t.uuid });
    }
    const { viaNode, viaSea } = await both(args);
    expect(viaSea).toEqual(viaNode);
    expect(viaSea.stderr).not.toMatch(/ExperimentalWarning|single-executable/);
  });

  it('reads clouds.yaml (the bundled YAML parser)', async () => {
    const home = mkdtempSync(join(work, 'home-'));
    const clouds = join(home, 'clouds.yaml');
    const auth = f.cloud.authUrlV3;
    writeFileSync(
      clouds,
      `clouds:\n  sea:\n    auth: {auth_url: '${auth}', username: demo, password: secret, project_name: demo,\n` +
        `           user_domain_id: default, project_domain_id: default}\n`,
    );
    const env = { OS_CLIENT_CONFIG_FILE: clouds, OS_CLOUD: 'sea', OS_AUTH_URL: '', OS_USERNAME: '', OS_PASSWORD: '', OS_PROJECT_NAME: '' };
    const { viaNode, viaSea } = await both(['cluster-list'], env, home);
    expect(viaNode.code).toBe(0);
    expect(viaSea).toEqual(viaNode);
  });

  it('writes cluster-config files (RSA key, CSR, signed certificate)', async () => {
    const dir = join(mkdtempSync(join(work, 'config-')), 'sea-cluster');
    const r = await f.magnum(['cluster-config', 'sea-cluster', '--dir', dir], { env: { PATH: bin }, executable: standalone });
    expect(r).toEqual({ stdout: `export KUBECONFIG=${dir}/config\n\n`, stderr: '', code: 0 });
    expect(readdirSync(dir).sort()).toEqual(['ca.pem', 'cert.pem', 'config', 'key.pem']);
  });
});
