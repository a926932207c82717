// Shared by the kubeconfig merge tests (test/kube/merge*.test.ts, test/acceptance/beyond.test.ts):
// a user's kubeconfig with two contexts, and kubectl's view of a file's contexts.
import { execFileSync, spawnSync } from 'node:child_process';
import { itNeeds } from '../support/tools';

export const KUBECTL = '/usr/bin/kubectl';
export const HAVE_KUBECTL = spawnSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' }).status === 0;
/** Tests that run kubectl: skipped without it, failing under CI=true (test/support/tools.ts). */
export const itWithKubectl = itNeeds(HAVE_KUBECTL, `${KUBECTL} is not installed`);

/** As kubectl writes one, with two contexts (one with a namespace) and a comment of the user's. */
export const TWO_CONTEXTS = `apiVersion: v1
clusters:
- cluster:
    server: https://dev.example.com:6443
  name: dev
- cluster:
    insecure-skip-tls-verify: true
    server: https://prod.example.com:6443
  name: prod
contexts:
- context:
    cluster: dev
    namespace: team-a
    user: dev-user
  name: dev
- context:
    cluster: prod
    user: prod-user
  name: prod
current-context: prod
kind: Config
preferences: {}
users:
# the dev token is rotated weekly
- name: dev-user
  user:
    token: abc
- name: prod-user
  user:
    token: def
`;

/** The rows of the TWO_CONTEXTS contexts in `kubectl config get-contexts` (CURRENT empty). */
export const DEV_ROW = ['dev', 'dev', 'dev-user', 'team-a'];
export const PROD_ROW = ['prod', 'prod', 'prod-user'];

/** `kubectl config get-contexts --kubeconfig file`, one array of cells per context (header dropped). */
export function kubectlContexts(file: string): string[][] {
  const out = execFileSync(KUBECTL, ['config', 'get-contexts', '--kubeconfig', file], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/));
}
