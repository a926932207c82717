// kubeconfig renderers for cluster-config (`magnumclient/common/utils.py _config_cluster_kubernetes`). The text is
// assembled line by line rather than through a YAML library so the bytes match
// the reference's %-formatted templates exactly ("\n" line endings, final "\n").
//
// One function builds every form (renderKubeconfig: a cluster, one user entry, one context);
// the user entries are the reference's (certUser, referenceKeystoneUser) or any other, e.g.
// an exec entry. mergeKubeconfig (merge.ts) takes the result into an existing kubeconfig.

/** A kubeconfig `users` entry: its name and the YAML lines of its `user` mapping (unindented; none: no `user:` key). */
export interface KubeconfigUserEntry {
  name: string;
  body: string[];
}

export interface KubeconfigInput {
  clusterName: string;
  /** The cluster's api_address; null renders as `None` like the reference's `%s`. */
  server: string | null;
  /** The CA (embedded as certificate-authority-data); undefined for a cluster without TLS. */
  caPem?: string;
  user: KubeconfigUserEntry;
  /** The context's name, also made current. */
  contextName: string;
}

export interface NoTlsKubeconfigInput {
  clusterName: string;
  server: string | null;
  contextName?: string;
}

export interface CertKubeconfigInput {
  clusterName: string;
  server: string | null;
  caPem: string;
  certPem: string;
  keyPem: string;
  contextName?: string;
}

export interface KeystoneKubeconfigInput {
  clusterName: string;
  server: string | null;
  caPem: string;
  contextName?: string;
}

/** Single-line standard base64 of the PEM text, like oslo's encode_as_text (`magnumclient/common/utils.py _config_cluster_kubernetes` (TLS)). */
function base64Text(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function lines(...content: string[]): string {
  return content.map((line) => `${line}\n`).join('');
}

/**
 * A name as a YAML scalar that kubectl (sigs.k8s.io/yaml, YAML 1.1) reads back as the same
 * string: plain when it is safe, else double-quoted (a JSON string is valid YAML). Magnum's
 * own names are always plain; a --context-name may not be.
 */
export function yamlName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.@/-]*$/.test(name) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(name);
  return plain ? name : JSON.stringify(name);
}

/** Every form of the reference's kubeconfig, and ours: one cluster, one user, one current context. */
export function renderKubeconfig({ clusterName, server, caPem, user, contextName }: KubeconfigInput): string {
  const context = yamlName(contextName);
  return lines(
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    ...(caPem === undefined ? [] : [`    certificate-authority-data: ${base64Text(caPem)}`]),
    `    server: ${server ?? 'None'}`,
    `  name: ${clusterName}`,
    'contexts:',
    '- context:',
    `    cluster: ${clusterName}`,
    `    user: ${user.name}`,
    `  name: ${context}`,
    `current-context: ${context}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${user.name}`,
    ...(user.body.length === 0 ? [] : ['  user:', ...user.body.map((line) => `    ${line}`)]),
  );
}

/** The reference's client-certificate user (`admin`). */
export function certUser(certPem: string, keyPem: string): KubeconfigUserEntry {
  return { name: 'admin', body: [`client-certificate-data: ${base64Text(certPem)}`, `client-key-data: ${base64Text(keyPem)}`] };
}

/**
 * The reference's --use-keystone user (`openstackuser`), verbatim: kubectl runs a bash
 * snippet that turns $OS_TOKEN into an ExecCredential. The shell text is literal, not
 * ours to interpolate.
 */
export function referenceKeystoneUser(): KubeconfigUserEntry {
  return {
    name: 'openstackuser',
    body: [
      'exec:',
      '  command: /bin/bash',
      '  apiVersion: client.authentication.k8s.io/v1alpha1',
      '  args:',
      '  - -c',
      '  - >',
      '    if [ -z ${OS_TOKEN} ]; then',
      "        echo 'Error: Missing OpenStack credential from environment variable $OS_TOKEN' > /dev/stderr",
      '        exit 1',
      '    else',
      '        echo \'{ "apiVersion": "client.authentication.k8s.io/v1alpha1", "kind": "ExecCredential", "status": { "token": "\'"${OS_TOKEN}"\'"}}\'',
      '    fi',
    ],
  };
}

/**
 * No TLS. The reference's last line is `- name: <name>'` with a stray quote; we
 * deliberately drop that quote, so the file is valid YAML whose user name matches
 * the context's user.
 */
export function renderNoTlsKubeconfig({ clusterName, server, contextName = clusterName }: NoTlsKubeconfigInput): string {
  return renderKubeconfig({ clusterName, server, user: { name: clusterName, body: [] }, contextName });
}

/** TLS, client-certificate auth, byte for byte as the reference. */
export function renderCertKubeconfig({ clusterName, server, caPem, certPem, keyPem, contextName = 'default' }: CertKubeconfigInput): string {
  return renderKubeconfig({ clusterName, server, caPem, user: certUser(certPem, keyPem), contextName });
}

/** TLS, --use-keystone: the reference's exec-credential kubeconfig, verbatim. */
export function renderKeystoneKubeconfig({ clusterName, server, caPem, contextName = 'openstackuser@kubernetes' }: KeystoneKubeconfigInput): string {
  return renderKubeconfig({ clusterName, server, caPem, user: referenceKeystoneUser(), contextName });
}
