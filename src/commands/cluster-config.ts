/**
 * cluster-config (`magnumclient/v1/clusters_shell.py do_cluster_config`), with the reference's bugs fixed: the kubeconfig
 * embeds the CA, certificate and key (the form kubectl accepts), no stray `'`, the key
 * and config are 0600, the files are written as one set (src/fs/file-set.ts: all or
 * nothing, also on SIGINT/SIGTERM, never a mix of two runs), nothing is changed when a
 * file exists (unless --force), and a missing --dir is created.
 *
 * Beyond the reference (docs/extensions.md), kept out of its byte-identical help:
 * --use-keystone (`magnumclient/common/utils.py _config_cluster_kubernetes` (--use-keystone)), --output-certs, --merge into the user's kubeconfig, --wait.
 */
import { resolve, join } from 'node:path';
import type { CommandContext, CommandModule } from './types';
import { IDENTIFIER } from '../api/identifiers';
import { getCaCertificate, getCluster, getClusterTemplate, signCertificate } from '../api/resources';
import type { Resource } from '../api/resources';
import { CommandError } from '../errors';
import { generateClientKeyAndCsr } from '../certs/csr';
import { type PlannedFile, prepareDirectory, refuseExisting, writeFileSet } from '../fs/file-set';
import { renderCertKubeconfig, renderNoTlsKubeconfig } from '../kube/kubeconfig';
import { currentProcessFacts, renderExecKubeconfig, selfInvocation } from '../kube/exec-credential';
import { mergeIntoKubeconfigFile } from '../kube/kubeconfig-file';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { clusterTarget } from '../wait/targets';
import { detectShellFlavour, renderDockerEnv, renderKubeconfigEnv } from '../kube/docker-env';

interface ClusterCredentials {
  keyPem: string;
  certPem: string;
  caPem: string;
}

/** --use-keystone needs only the CA: kubectl authenticates with the user's token. */
async function fetchCa(ctx: CommandContext, clusterUuid: string): Promise<string> {
  return String((await getCaCertificate(ctx.client, clusterUuid)).pem);
}

async function fetchCredentials(ctx: CommandContext, clusterUuid: string): Promise<ClusterCredentials> {
  const { keyPem, csrPem } = generateClientKeyAndCsr();
  const ca = await getCaCertificate(ctx.client, clusterUuid);
  const signed = await signCertificate(ctx.client, clusterUuid, csrPem);
  return { keyPem, certPem: String(signed.pem), caPem: String(ca.pem) };
}

/**
 * --merge: the cluster's entries go into $KUBECONFIG's first file (or ~/.kube/config) under
 * names unique to the cluster, under kubectl's lock (src/kube/kubeconfig-file.ts). The pem
 * files asked for with --output-certs are written once the merge is known to succeed.
 */
async function mergeIntoUserKubeconfig(
  ctx: CommandContext,
  clusterName: string,
  kubeconfig: string,
  keystone: boolean,
  pemFiles: () => Promise<void>,
): Promise<void> {
  const names = { cluster: clusterName, user: `${clusterName}-${keystone ? 'keystone' : 'admin'}`, context: clusterName };
  const merged = await mergeIntoKubeconfigFile(ctx, kubeconfig, names, pemFiles);
  ctx.io.err(
    `${merged.replaced ? 'Updated' : 'Added'} context "${names.context}" (cluster "${names.cluster}", user "${names.user}") ` +
      `in ${merged.path}; it is now the current context.\n`,
  );
}

// Additions: listed after the reference's help, matched only when spelled out (OptionSpec.addition).
const EXTENSION_OPTIONS = [
  {
    flags: ['--use-keystone'],
    dest: 'use_keystone',
    action: 'store_true' as const,
    addition: true,
    help: 'Write a kubeconfig whose user gets a Keystone token (exec credential) instead of a client certificate.',
  },
  {
    flags: ['--output-certs'],
    dest: 'output_certs',
    action: 'store_true' as const,
    addition: true,
    help: 'With --merge, also write key.pem, cert.pem and ca.pem into --dir.',
  },
  {
    flags: ['--merge'],
    dest: 'merge',
    action: 'store_true' as const,
    addition: true,
    help: 'Add the cluster to $KUBECONFIG (or ~/.kube/config) and make it the current context.',
  },
  ...waitOptions(false, 'the cluster is ready (no longer in progress)'),
];

export const clusterConfig: CommandModule = {
  name: 'cluster-config',
  pathArgs: { cluster: IDENTIFIER.cluster },
  help:
    'Configure native client to access cluster. You can source the output of this command to get the native client ' +
    'of the corresponding COE configured to access the cluster. Example: eval $(magnum cluster-config <cluster-name>).',
  positionals: [{ dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster to retrieve config.' }],
  options: [
    { flags: ['--dir'], dest: 'dir', metavar: '<dir>', default: '.', help: 'Directory to save the certificate and config files.' },
    { flags: ['--force'], dest: 'force', action: 'store_true', help: 'Overwrite files if existing.' },
    ...EXTENSION_OPTIONS,
  ],
  async run(ctx, args) {
    const dir = resolve(ctx.cwd, args.dir as string);
    const force = args.force === true;
    const merge = args.merge === true;
    const wait = waitSettings(args);
    // A cluster still being created has no api_address and no certificates yet.
    if (wait) await waitUntilDone(ctx, clusterTarget(ctx.client, args.cluster as string, args.cluster as string, 'settle'), wait);
    const cluster: Resource = await getCluster(ctx.client, args.cluster as string);
    if (cluster.api_address == null) ctx.io.err("WARNING: The cluster's api_address is not known yet.\n");
    const template = await getClusterTemplate(ctx.client, String(cluster.cluster_template_id));
    const coe = String(template.coe);
    if (coe !== 'kubernetes' && coe !== 'swarm' && coe !== 'swarm-mode') {
      throw new CommandError(`Cluster ${String(cluster.name)} uses COE ${coe}, for which there is no client configuration.`);
    }
    for (const flag of ['use_keystone', 'merge'] as const) {
      if (args[flag] === true && coe !== 'kubernetes') {
        throw new CommandError(`--${flag.replace('_', '-')} applies to Kubernetes clusters only; cluster ${String(cluster.name)} uses ${coe}.`);
      }
    }
    const tls = template.tls_disabled !== true;
    // --use-keystone means nothing without TLS (there is no CA to trust), as in OSC (`magnumclient/osc/v1/clusters.py ConfigCluster`).
    const keystone = tls && args.use_keystone === true;
    const caOnly = keystone ? await fetchCa(ctx, String(cluster.uuid)) : undefined;
    const creds = tls && !keystone ? await fetchCredentials(ctx, String(cluster.uuid)) : undefined;
    const shell = detectShellFlavour(ctx.env.SHELL);
    const server = cluster.api_address == null ? null : String(cluster.api_address);

    // The pem files: always for a standalone config (as the reference), with --merge only
    // when --output-certs asks for them. --use-keystone has no client key or certificate.
    const files: PlannedFile[] = [];
    if (!merge || args.output_certs === true) {
      if (creds) {
        files.push({ path: join(dir, 'key.pem'), content: creds.keyPem, mode: 0o600 });
        files.push({ path: join(dir, 'cert.pem'), content: creds.certPem, mode: 0o644 });
      }
      const caPem = creds?.caPem ?? caOnly;
      if (caPem !== undefined) files.push({ path: join(dir, 'ca.pem'), content: caPem, mode: 0o644 });
    }
    let output: string;
    if (coe === 'kubernetes') {
      const clusterName = String(cluster.name);
      const kubeconfig =
        caOnly !== undefined
          ? renderExecKubeconfig(
              { clusterName, server, caPem: caOnly },
              // kubectl runs this CLI again (docs/kubectl-plugin.md), with the cloud chosen now.
              { self: selfInvocation(currentProcessFacts(), (p) => resolve(ctx.cwd, p)), cloud: ctx.config.cloud, clusterUuid: String(cluster.uuid) },
            )
          : creds
            ? renderCertKubeconfig({ clusterName, server, ...creds })
            : renderNoTlsKubeconfig({ clusterName, server });
      if (merge) {
        if (files.length > 0) {
          prepareDirectory(dir);
          if (!force) refuseExisting(files);
        }
        await mergeIntoUserKubeconfig(ctx, clusterName, kubeconfig, keystone, async () => {
          if (files.length > 0) await writeFileSet(dir, files, force);
        });
        // Nothing on stdout: the merged context is already current, and an export line
        // naming one file would hide the other files of a multi-path $KUBECONFIG.
        return;
      }
      files.push({ path: join(dir, 'config'), content: kubeconfig, mode: 0o600 });
      output = renderKubeconfigEnv(join(dir, 'config'), shell);
    } else {
      output = renderDockerEnv({ apiAddress: server, certDir: dir, tls, shell });
    }
    await writeFileSet(dir, files, force);
    // Python's print() of a string that already ends in "\n": stdout ends with a blank line.
    ctx.io.out(`${output}\n`);
  },
};
