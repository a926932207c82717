// mergeKubeconfig: one cluster's entries into an existing kubeconfig, everything else
// kept (checked with kubectl itself where it is installed).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderCertKubeconfig, renderKeystoneKubeconfig } from '../../src/kube/kubeconfig';
import { kubeconfigPath, mergeKubeconfig } from '../../src/kube/merge';
import { DEV_ROW, itWithKubectl, KUBECTL, PROD_ROW, TWO_CONTEXTS as EXISTING, kubectlContexts } from './merge-fixtures';
import { tempDir } from '../support/temp';

const CA = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
const incoming = (server = 'https://127.0.0.1:6443'): string =>
  renderCertKubeconfig({ clusterName: 'k8s', server, caPem: CA, certPem: 'CERT\n', keyPem: 'KEY\n' });
const NAMES = { cluster: 'k8s', user: 'k8s-admin', context: 'k8s' };
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const CLUSTER_ENTRY = `- cluster:\n    certificate-authority-data: ${b64(CA)}\n    server: https://127.0.0.1:6443\n  name: k8s\n`;
const CONTEXT_ENTRY = '- context:\n    cluster: k8s\n    user: k8s-admin\n  name: k8s\n';
const USER_ENTRY = `- name: k8s-admin\n  user:\n    client-certificate-data: ${b64('CERT\n')}\n    client-key-data: ${b64('KEY\n')}\n`;

type Named = { name: string } & Record<string, unknown>;
const names = (config: Record<string, unknown>, section: string): string[] => (config[section] as Named[]).map((e) => e.name);

describe('mergeKubeconfig', () => {
  it('adds the cluster, user and context, makes the context current and keeps everything else', () => {
    const { text, replaced } = mergeKubeconfig(YAML, EXISTING, incoming(), NAMES);
    expect(replaced).toBe(false);
    const merged = YAML.parse(text) as Record<string, unknown>;
    expect(names(merged, 'clusters')).toEqual(['dev', 'prod', 'k8s']);
    expect(names(merged, 'users')).toEqual(['dev-user', 'prod-user', 'k8s-admin']);
    expect(names(merged, 'contexts')).toEqual(['dev', 'prod', 'k8s']);
    expect(merged['current-context']).toBe('k8s');
    expect((merged.clusters as Named[])[2]).toEqual({
      cluster: { 'certificate-authority-data': b64(CA), server: 'https://127.0.0.1:6443' },
      name: 'k8s',
    });
    expect((merged.users as Named[])[2]).toEqual({
      name: 'k8s-admin',
      user: { 'client-certificate-data': b64('CERT\n'), 'client-key-data': b64('KEY\n') },
    });
    expect((merged.contexts as Named[])[2]).toEqual({ context: { cluster: 'k8s', user: 'k8s-admin' }, name: 'k8s' });
    // The other entries keep their text, the user's comment included; ours are appended.
    expect(text).toBe(
      EXISTING.replace('  name: prod\ncontexts:', `  name: prod\n${CLUSTER_ENTRY}contexts:`)
        .replace('  name: prod\ncurrent-context: prod\n', `  name: prod\n${CONTEXT_ENTRY}current-context: k8s\n`)
        .replace(/token: def\n$/, `token: def\n${USER_ENTRY}`),
    );
  });

  it('says a context is new when only a cluster or user of the same name was there', () => {
    // A kubeconfig written by openstack coe --use-keystone names its cluster after the Magnum
    // cluster, as ours does: the cluster entry is replaced, but the context is added.
    const withCluster = EXISTING.replace('  name: prod\ncontexts:', `  name: prod\n${CLUSTER_ENTRY}contexts:`);
    const { text, replaced } = mergeKubeconfig(YAML, withCluster, incoming('https://10.0.0.9:6443'), NAMES);
    expect(replaced).toBe(false);
    expect(names(YAML.parse(text) as Record<string, unknown>, 'contexts')).toEqual(['dev', 'prod', 'k8s']);
  });

  it('replaces the entries of the same names in place, on a second merge', () => {
    const first = mergeKubeconfig(YAML, EXISTING, incoming(), NAMES).text;
    const second = mergeKubeconfig(YAML, first, incoming('https://10.0.0.9:6443'), NAMES);
    expect(second.replaced).toBe(true);
    const merged = YAML.parse(second.text) as Record<string, unknown>;
    expect(names(merged, 'clusters')).toEqual(['dev', 'prod', 'k8s']);
    expect(names(merged, 'users')).toEqual(['dev-user', 'prod-user', 'k8s-admin']);
    expect(((merged.clusters as Named[])[2].cluster as Record<string, unknown>).server).toBe('https://10.0.0.9:6443');
  });

  it('starts a kubeconfig from nothing, or from one kubectl left with empty lists', () => {
    for (const existing of [
      null,
      '',
      'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n',
    ]) {
      const merged = YAML.parse(mergeKubeconfig(YAML, existing, incoming(), NAMES).text) as Record<string, unknown>;
      expect(Object.keys(merged)).toEqual(['apiVersion', 'clusters', 'contexts', 'current-context', 'kind', 'preferences', 'users']);
      expect([names(merged, 'clusters'), names(merged, 'users'), names(merged, 'contexts')]).toEqual([['k8s'], ['k8s-admin'], ['k8s']]);
      expect(merged['current-context']).toBe('k8s');
    }
  });

  it('takes the exec user of --use-keystone as it is', () => {
    const keystone = renderKeystoneKubeconfig({ clusterName: 'k8s', server: 'https://127.0.0.1:6443', caPem: CA });
    const text = mergeKubeconfig(YAML, EXISTING, keystone, { ...NAMES, user: 'k8s-keystone' }).text;
    const user = (YAML.parse(text).users as Named[])[2];
    expect(user).toEqual({ name: 'k8s-keystone', user: (YAML.parse(keystone).users as Named[])[0].user });
    expect(JSON.stringify(user)).toContain('"command":"/bin/bash"');
  });

  it('refuses a file that is not a kubeconfig, without changing it', () => {
    expect(() => mergeKubeconfig(YAML, 'clusters: [\n', incoming(), NAMES)).toThrow(/^cannot parse it as YAML: /);
    expect(() => mergeKubeconfig(YAML, '- a\n- b\n', incoming(), NAMES)).toThrow('it is not a kubeconfig (the top level is not a mapping).');
    expect(() => mergeKubeconfig(YAML, 'clusters: 3\n', incoming(), NAMES)).toThrow('it is not a kubeconfig (clusters is not a list).');
  });

  itWithKubectl(`kubectl config get-contexts lists all three, ours current`, () => {
    const file = join(tempDir('magnum-merge-'), 'config');
    writeFileSync(file, mergeKubeconfig(YAML, EXISTING, incoming(), NAMES).text);
    expect(kubectlContexts(file)).toEqual([DEV_ROW, ['*', 'k8s', 'k8s', 'k8s-admin'], PROD_ROW]);
    const view = execFileSync(
      KUBECTL,
      ['config', 'view', '--raw', '--minify', '-o', 'jsonpath={.users[0].user.client-key-data}', '--kubeconfig', file],
      {
        encoding: 'utf8',
      },
    );
    expect(view).toBe(b64('KEY\n'));
  });
});

describe('kubeconfigPath', () => {
  it("is $KUBECONFIG's first path, else ~/.kube/config", () => {
    expect(kubeconfigPath({ KUBECONFIG: '/a/one:/b/two' }, '/home/u')).toBe('/a/one');
    expect(kubeconfigPath({ KUBECONFIG: '::/b/two' }, '/home/u')).toBe('/b/two');
    expect(kubeconfigPath({ KUBECONFIG: '' }, '/home/u')).toBe('/home/u/.kube/config');
    expect(kubeconfigPath({}, '/home/u')).toBe('/home/u/.kube/config');
  });
});

describe('mergeKubeconfig keeps every byte it does not own', () => {
  // Not kubectl's layout: indented lists, a flow-style entry, quotes, comments, blank lines.
  const HAND_WRITTEN = `# my clusters
apiVersion: v1
clusters:
  - cluster:
      server: "https://a.example.com:6443"   # via the VPN
    name: 'a'

contexts:
  - {context: {cluster: a, user: a}, name: a}
  - context:
      cluster: k8s
      namespace: team-x   # ours
      user: old-user
    name: k8s
current-context: a
kind: Config
preferences: {}
users:
  - name: a
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1
        command: aws
        args: ["eks", "get-token"]
`;

  it('appends at the list indentation, replaces in place, and a context keeps its namespace and comments', () => {
    const { text, replaced } = mergeKubeconfig(YAML, HAND_WRITTEN, incoming(), NAMES);
    expect(replaced).toBe(true);
    expect(text).toBe(
      HAND_WRITTEN.replace(
        "    name: 'a'\n",
        `    name: 'a'\n  - cluster:\n      certificate-authority-data: ${b64(CA)}\n      server: https://127.0.0.1:6443\n    name: k8s\n`,
      )
        .replace('      user: old-user\n', '      user: k8s-admin\n')
        .replace('current-context: a\n', 'current-context: k8s\n')
        .replace(
          '        args: ["eks", "get-token"]\n',
          `        args: ["eks", "get-token"]\n  - name: k8s-admin\n    user:\n      client-certificate-data: ${b64('CERT\n')}\n      client-key-data: ${b64('KEY\n')}\n`,
        ),
    );
    // A second merge changes nothing but what is ours.
    const again = mergeKubeconfig(YAML, text, incoming('https://10.0.0.9:6443'), NAMES);
    expect(again.text).toBe(text.replace('server: https://127.0.0.1:6443', 'server: https://10.0.0.9:6443'));
    expect(YAML.parse(again.text).contexts[1]).toEqual({ context: { cluster: 'k8s', namespace: 'team-x', user: 'k8s-admin' }, name: 'k8s' });
  });

  it('a context without cluster or user values is rewritten with what the user added kept', () => {
    const existing = 'apiVersion: v1\ncontexts:\n- name: k8s\n  context: {namespace: web}\n';
    const merged = YAML.parse(mergeKubeconfig(YAML, existing, incoming(), NAMES).text);
    expect(merged.contexts).toEqual([{ context: { namespace: 'web', cluster: 'k8s', user: 'k8s-admin' }, name: 'k8s' }]);
  });

  it('adds missing lists and current-context at the end, and turns an empty flow list into a block list', () => {
    const existing = 'apiVersion: v1\nkind: Config\nclusters: []\n# end\n';
    const { text } = mergeKubeconfig(YAML, existing, incoming(), NAMES);
    expect(text).toBe(
      `apiVersion: v1\nkind: Config\nclusters:\n${CLUSTER_ENTRY}# end\n` + `users:\n${USER_ENTRY}contexts:\n${CONTEXT_ENTRY}current-context: k8s\n`,
    );
  });

  it("quotes a context name kubectl's YAML 1.1 would read as something else", () => {
    for (const [name, shown] of [
      ['yes', '"yes"'],
      ['123', '"123"'],
      ['a: b', '"a: b"'],
      ['team@prod', 'team@prod'],
    ]) {
      const { text } = mergeKubeconfig(YAML, EXISTING, incoming(), { ...NAMES, context: name });
      expect(text).toContain(`current-context: ${shown}\n`);
      expect(YAML.parse(text)['current-context']).toBe(name);
      const fresh = mergeKubeconfig(YAML, null, incoming(), { ...NAMES, context: name }).text;
      expect(fresh).toContain(`current-context: ${shown}\n`);
    }
  });

  itWithKubectl('kubectl reads the hand-written file after the merge', () => {
    const file = join(tempDir('magnum-merge-'), 'config');
    writeFileSync(file, mergeKubeconfig(YAML, HAND_WRITTEN, incoming(), NAMES).text);
    expect(kubectlContexts(file)).toEqual([
      ['a', 'a', 'a'],
      ['*', 'k8s', 'k8s', 'k8s-admin', 'team-x'],
    ]);
  });
});
