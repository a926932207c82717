// kubeconfig renderers for cluster-config (`magnumclient/common/utils.py _config_cluster_kubernetes`). The text is
// assembled line by line rather than through a YAML library so the bytes match
// the reference's %-formatted templates exactly ("\n" line endings, final "\n").

export interface NoTlsKubeconfigInput {
  clusterName: string;
  /** The cluster's api_address; null renders as `None` like the reference's `%s` (`magnumclient/common/utils.py _config_cluster_kubernetes`). */
  server: string | null;
}

export interface CertKubeconfigInput {
  clusterName: string;
  server: string | null;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface KeystoneKubeconfigInput {
  clusterName: string;
  server: string | null;
  caPem: string;
}

/** Single-line standard base64 of the PEM text, like oslo's encode_as_text (`magnumclient/common/utils.py _config_cluster_kubernetes` (TLS)). */
function base64Text(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function lines(...content: string[]): string {
  return content.map((line) => `${line}\n`).join('');
}

/**
 * `magnumclient/common/utils.py _config_cluster_kubernetes` (no TLS). The reference's last line is `- name: <name>'` with a stray
 * quote; we deliberately drop that quote, so the file is valid YAML whose
 * user name matches the context's user.
 */
export function renderNoTlsKubeconfig({ clusterName, server }: NoTlsKubeconfigInput): string {
  return lines(
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    server: ${server ?? 'None'}`,
    `  name: ${clusterName}`,
    'contexts:',
    '- context:',
    `    cluster: ${clusterName}`,
    `    user: ${clusterName}`,
    `  name: ${clusterName}`,
    `current-context: ${clusterName}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${clusterName}`,
  );
}

/**
 * The part of `magnumclient/common/utils.py _config_cluster_kubernetes` (TLS, with or without --use-keystone) before the user entry: the cluster with its CA, one
 * context for `user` named `contextName`, and that context made current.
 */
export function tlsKubeconfigHead(clusterName: string, server: string | null, caPem: string, user: string, contextName: string): string[] {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${base64Text(caPem)}`,
    `    server: ${server ?? 'None'}`,
    `  name: ${clusterName}`,
    'contexts:',
    '- context:',
    `    cluster: ${clusterName}`,
    `    user: ${user}`,
    `  name: ${contextName}`,
    `current-context: ${contextName}`,
    'kind: Config',
    'preferences: {}',
    'users:',
  ];
}

/** `magnumclient/common/utils.py _config_cluster_kubernetes` (TLS, client-certificate auth), byte for byte. */
export function renderCertKubeconfig({
  clusterName,
  server,
  caPem,
  certPem,
  keyPem,
}: CertKubeconfigInput): string {
  return lines(
    ...tlsKubeconfigHead(clusterName, server, caPem, 'admin', 'default'),
    '- name: admin',
    '  user:',
    `    client-certificate-data: ${base64Text(certPem)}`,
    `    client-key-data: ${base64Text(keyPem)}`,
  );
}

/**
 * `magnumclient/common/utils.py _config_cluster_kubernetes` (TLS, --use-keystone), verbatim: kubectl runs a bash snippet that
 * turns $OS_TOKEN into an ExecCredential. The shell text is literal, not ours
 * to interpolate.
 */
export function renderKeystoneKubeconfig({
  clusterName,
  server,
  caPem,
}: KeystoneKubeconfigInput): string {
  return lines(
    ...tlsKubeconfigHead(clusterName, server, caPem, 'openstackuser', 'openstackuser@kubernetes'),
    '- name: openstackuser',
    '  user:',
    '    exec:',
    '      command: /bin/bash',
    '      apiVersion: client.authentication.k8s.io/v1alpha1',
    '      args:',
    '      - -c',
    '      - >',
    '        if [ -z ${OS_TOKEN} ]; then',
    "            echo 'Error: Missing OpenStack credential from environment variable $OS_TOKEN' > /dev/stderr",
    '            exit 1',
    '        else',
    '            echo \'{ "apiVersion": "client.authentication.k8s.io/v1alpha1", "kind": "ExecCredential", "status": { "token": "\'"${OS_TOKEN}"\'"}}\'',
    '        fi',
  );
}
