import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderCertKubeconfig, renderKeystoneKubeconfig, renderNoTlsKubeconfig } from '../../src/kube/kubeconfig';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nFAKECA\n-----END CERTIFICATE-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nFAKECERT\n-----END CERTIFICATE-----\n';
const KEY_PEM = '-----BEGIN RSA PRIVATE KEY-----\nFAKEKEY\n-----END RSA PRIVATE KEY-----\n';
const CA_B64 = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCkZBS0VDQQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==';
const CERT_B64 = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCkZBS0VDRVJUCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K';
const KEY_B64 = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpGQUtFS0VZCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==';
const SERVER = 'https://172.24.4.10:6443';

// Loosely typed view of parsed YAML for structural checks.
type Yaml = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Yaml | unknown[] | undefined)?.[key as never], value);

describe('renderNoTlsKubeconfig (`magnumclient/common/utils.py _config_cluster_kubernetes` (no TLS), stray quote fixed)', () => {
  const text = renderNoTlsKubeconfig({ clusterName: 'k8s-1', server: SERVER });

  it('matches the golden text', () => {
    expect(text).toBe(
      'apiVersion: v1\n' +
        'clusters:\n' +
        '- cluster:\n' +
        '    server: https://172.24.4.10:6443\n' +
        '  name: k8s-1\n' +
        'contexts:\n' +
        '- context:\n' +
        '    cluster: k8s-1\n' +
        '    user: k8s-1\n' +
        '  name: k8s-1\n' +
        'current-context: k8s-1\n' +
        'kind: Config\n' +
        'preferences: {}\n' +
        'users:\n' +
        '- name: k8s-1\n',
    );
  });

  it('is the reference file minus its stray quote (231 bytes there, 230 here)', () => {
    expect(Buffer.byteLength(text)).toBe(230);
    expect(text).not.toContain("'");
  });

  it('parses as a kubeconfig whose context user exists', () => {
    const doc = parse(text) as unknown;
    expect(at(doc, 'kind')).toBe('Config');
    expect(at(doc, 'current-context')).toBe('k8s-1');
    expect(at(doc, 'clusters', 0, 'cluster', 'server')).toBe(SERVER);
    expect(at(doc, 'contexts', 0, 'context', 'user')).toBe(at(doc, 'users', 0, 'name'));
  });

  it('renders a null api_address as None, like the reference', () => {
    expect(renderNoTlsKubeconfig({ clusterName: 'c', server: null })).toContain('    server: None\n');
  });
});

describe('renderCertKubeconfig (`magnumclient/common/utils.py _config_cluster_kubernetes` (TLS))', () => {
  const text = renderCertKubeconfig({
    clusterName: 'k8s-1',
    server: SERVER,
    caPem: CA_PEM,
    certPem: CERT_PEM,
    keyPem: KEY_PEM,
  });

  it('matches the golden text', () => {
    expect(text).toBe(
      'apiVersion: v1\n' +
        'clusters:\n' +
        '- cluster:\n' +
        `    certificate-authority-data: ${CA_B64}\n` +
        '    server: https://172.24.4.10:6443\n' +
        '  name: k8s-1\n' +
        'contexts:\n' +
        '- context:\n' +
        '    cluster: k8s-1\n' +
        '    user: admin\n' +
        '  name: default\n' +
        'current-context: default\n' +
        'kind: Config\n' +
        'preferences: {}\n' +
        'users:\n' +
        '- name: admin\n' +
        '  user:\n' +
        `    client-certificate-data: ${CERT_B64}\n` +
        `    client-key-data: ${KEY_B64}\n`,
    );
  });

  it('keeps long base64 values on one line', () => {
    const bigKey = `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}\n`.repeat(30);
    const out = renderCertKubeconfig({
      clusterName: 'c',
      server: SERVER,
      caPem: CA_PEM,
      certPem: CERT_PEM,
      keyPem: bigKey,
    });
    const keyLine = out.split('\n').find((l) => l.startsWith('    client-key-data: '));
    expect(keyLine).toBe(`    client-key-data: ${Buffer.from(bigKey).toString('base64')}`);
  });

  it('parses with the PEMs recoverable from the base64 fields', () => {
    const doc = parse(text) as unknown;
    const decode = (v: unknown): string => Buffer.from(String(v), 'base64').toString('utf8');
    expect(at(doc, 'current-context')).toBe('default');
    expect(at(doc, 'contexts', 0, 'name')).toBe('default');
    expect(at(doc, 'contexts', 0, 'context', 'cluster')).toBe(at(doc, 'clusters', 0, 'name'));
    expect(at(doc, 'clusters', 0, 'cluster', 'server')).toBe(SERVER);
    expect(decode(at(doc, 'clusters', 0, 'cluster', 'certificate-authority-data'))).toBe(CA_PEM);
    expect(at(doc, 'users', 0, 'name')).toBe('admin');
    expect(decode(at(doc, 'users', 0, 'user', 'client-certificate-data'))).toBe(CERT_PEM);
    expect(decode(at(doc, 'users', 0, 'user', 'client-key-data'))).toBe(KEY_PEM);
  });
});

describe('renderKeystoneKubeconfig (`magnumclient/common/utils.py _config_cluster_kubernetes` (--use-keystone))', () => {
  const text = renderKeystoneKubeconfig({ clusterName: 'k8s-1', server: SERVER, caPem: CA_PEM });

  it('matches the golden text', () => {
    expect(text).toBe(
      'apiVersion: v1\n' +
        'clusters:\n' +
        '- cluster:\n' +
        `    certificate-authority-data: ${CA_B64}\n` +
        '    server: https://172.24.4.10:6443\n' +
        '  name: k8s-1\n' +
        'contexts:\n' +
        '- context:\n' +
        '    cluster: k8s-1\n' +
        '    user: openstackuser\n' +
        '  name: openstackuser@kubernetes\n' +
        'current-context: openstackuser@kubernetes\n' +
        'kind: Config\n' +
        'preferences: {}\n' +
        'users:\n' +
        '- name: openstackuser\n' +
        '  user:\n' +
        '    exec:\n' +
        '      command: /bin/bash\n' +
        '      apiVersion: client.authentication.k8s.io/v1alpha1\n' +
        '      args:\n' +
        '      - -c\n' +
        '      - >\n' +
        '        if [ -z ${OS_TOKEN} ]; then\n' +
        "            echo 'Error: Missing OpenStack credential from environment variable $OS_TOKEN' > /dev/stderr\n" +
        '            exit 1\n' +
        '        else\n' +
        '            echo \'{ "apiVersion": "client.authentication.k8s.io/v1alpha1", "kind": "ExecCredential", ' +
        '"status": { "token": "\'"${OS_TOKEN}"\'"}}\'\n' +
        '        fi\n',
    );
  });

  it('parses into an exec user running bash -c', () => {
    const doc = parse(text) as unknown;
    expect(at(doc, 'current-context')).toBe('openstackuser@kubernetes');
    expect(Buffer.from(String(at(doc, 'clusters', 0, 'cluster', 'certificate-authority-data')), 'base64').toString('utf8')).toBe(CA_PEM);
    expect(at(doc, 'users', 0, 'name')).toBe('openstackuser');
    expect(at(doc, 'users', 0, 'user', 'exec', 'command')).toBe('/bin/bash');
    expect(at(doc, 'users', 0, 'user', 'exec', 'apiVersion')).toBe('client.authentication.k8s.io/v1alpha1');
    expect(at(doc, 'users', 0, 'user', 'exec', 'args', 0)).toBe('-c');
    const script = String(at(doc, 'users', 0, 'user', 'exec', 'args', 1));
    expect(script.startsWith('if [ -z ${OS_TOKEN} ]; then\n')).toBe(true);
    expect(script).toContain('"kind": "ExecCredential"');
    expect(script.trimEnd().endsWith('fi')).toBe(true);
  });
});
