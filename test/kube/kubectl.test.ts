// Real kubectl against the loopback Kubernetes API server (test/support/kube-api.ts),
// hermetically: the fake cloud's cluster CA signs the server certificate through our
// ca-sign, the cluster's api_address points at the server, and kubectl uses the
// kubeconfigs cluster-config writes. Needs /usr/bin/kubectl (CI installs it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { KUBECTL, kubectlMissing, startApiForCluster, type KubeApi } from '../support/kube-api';
import { itNeeds } from '../support/tools';
import { openrcEnv } from '../support/run-cli';
import { runProcess } from '../support/run-process';
import type { ClusterRecord } from '../support/fake-cloud';

const MISSING = kubectlMissing();
const HAVE_KUBECTL = MISSING === undefined;
// Skipped without kubectl, failing under CI=true (test/support/tools.ts).
const itKubectl = itNeeds(HAVE_KUBECTL, MISSING ?? '');

const f = useFakeCloud();
const root = mkdtempSync(join(tmpdir(), 'magnum-kubectl-'));
let api: KubeApi | undefined;
let cluster: ClusterRecord;

beforeAll(async () => {
  if (!HAVE_KUBECTL) return;
  const t = f.cloud.seedTemplate({ name: 'k8s', coe: 'kubernetes', tls_disabled: false });
  cluster = f.cloud.seedCluster({ name: 'loop', cluster_template_id: t.uuid });
  api = await startApiForCluster((argv) => f.magnum(argv), 'loop', f.cloud.authUrlV3, 0);
  cluster.api_address = api.url;
});
afterAll(async () => {
  await api?.close();
  rmSync(root, { recursive: true, force: true });
});

async function kubectl(kubeconfig: string, env: Record<string, string> = {}) {
  return runProcess(KUBECTL, ['get', 'pod'], {
    cwd: root,
    env: { PATH: '/usr/bin:/bin', HOME: root, ...openrcEnv(f.cloud), XDG_CACHE_HOME: join(root, 'cache'), KUBECONFIG: kubeconfig, ...env },
    timeoutMs: 30_000,
  });
}
const POD_TABLE = /^NAME +READY +STATUS +RESTARTS +AGE\nloopback +1\/1 +Running +0 +1m\n$/;
const tokenPosts = (): number => f.cloud.requests.filter((r) => r.server === 'keystone' && r.method === 'POST').length;

describe('kubectl get pod through the kubeconfigs of cluster-config', () => {
  itKubectl('the certificate kubeconfig', async () => {
    expect((await f.magnum(['cluster-config', 'loop', '--dir', join(root, 'cert')])).code).toBe(0);
    const r = await kubectl(join(root, 'cert', 'config'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(POD_TABLE);
    expect(new Set(api?.requests.map((q) => q.identity))).toEqual(new Set(['certificate:admin']));
  });

  itKubectl('the --use-keystone kubeconfig: a Keystone-validated token, two kubectl calls for one login', async () => {
    expect((await f.magnum(['cluster-config', 'loop', '--use-keystone', '--dir', join(root, 'exec')])).code).toBe(0);
    const before = tokenPosts();
    const seen = api?.requests.length ?? 0;
    for (let i = 0; i < 2; i++) {
      const r = await kubectl(join(root, 'exec', 'config'));
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(POD_TABLE);
    }
    expect(tokenPosts() - before).toBe(1);
    expect(new Set(api?.requests.slice(seen).map((q) => q.identity))).toEqual(new Set(['keystone:demo']));
  });

  itKubectl('a wrong password: kubectl shows magnum’s line and fails', async () => {
    const r = await kubectl(join(root, 'exec', 'config'), { OS_PASSWORD: 'wrong', XDG_CACHE_HOME: join(root, 'cache-2') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^ERROR: magnum could not get a Keystone token for kubectl: The request you have made requires authentication\. \(HTTP 401\)/,
    );
    expect(r.stderr).toMatch(/getting credentials: exec: executable \S+ failed with exit code 1/);
  });

  itKubectl('the API server refuses a request without credentials, and a token Keystone does not know', async () => {
    const get = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const https = require('node:https') as typeof import('node:https');
        https
          .get(`${api?.url}/api/v1/namespaces/default/pods`, { headers, rejectUnauthorized: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    expect(await get({})).toBe(401);
    expect(await get({ Authorization: 'Bearer not-a-token' })).toBe(401);
  });
});
