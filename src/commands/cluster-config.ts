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
import type { CommandContext } from './types';
import { defineCommand, defineOptions } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { getCaCertificate, getCluster, getClusterTemplate, signCertificate } from '../api/resources';
import type { ClusterTemplateView, ClusterView } from '../api/resources';
import { CommandError } from '../errors';
import { generateClientKeyAndCsrAsync, type ClientKeyAndCsr } from '../certs/csr';
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

/** What cluster-config needs from Magnum: the cluster, its template, and for TLS the CA and a client certificate. */
interface ClusterMaterial {
  cluster: ClusterView;
  template: ClusterTemplateView;
  /** The CA: only when the template has TLS. */
  caPem?: string;
  /** Client key and certificate: only with TLS and without --use-keystone. */
  client?: { keyPem: string; certPem: string };
}

/** `promise`, with its rejection marked as handled: it is awaited later, or settles unused. */
function inFlight<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Every request is started as soon as what it depends on is known, so the run takes the
 * longest dependent chain, not the sum:
 *
 *     RSA key generation (thread pool) ---------------------------+
 *     [Keystone] -+-> GET clusters/<c> -> GET clustertemplates/<t> |
 *                 +-> GET certificates/<c>                         |
 *                 +------------------------------------------------+-> POST certificates (CSR)
 *
 * Magnum resolves a cluster's name or UUID the same way for the certificate requests as for
 * GET clusters/<c> (`magnum/api/controllers/v1/certificate.py`: `get_one` and the
 * `cluster_uuid` setter both call `api_utils.get_resource('Cluster', ident)`), so the CA and
 * the signature need not wait for the cluster's UUID: they go out with the cluster request,
 * on connections opened in parallel, and only the template waits for the cluster. The key is
 * generated from the start, and the CA and the signature are asked for before the template
 * says whether the cluster has TLS: waiting for it would cost every TLS cluster more round
 * trips, where a tls_disabled template (rare, and insecure) costs a key and two requests whose
 * answers are dropped. Errors are reported in the order the requests used to run one after
 * the other: cluster, template, CA, signature.
 */
async function fetchMaterial(ctx: CommandContext, clusterIdent: string, pendingKey: Promise<ClientKeyAndCsr> | undefined): Promise<ClusterMaterial> {
  const found = inFlight(getCluster(ctx.client, clusterIdent));
  const template = inFlight(found.then((cluster) => getClusterTemplate(ctx.client, cluster.cluster_template_id)));
  const ca = inFlight(getCaCertificate(ctx.client, clusterIdent));
  const signed = pendingKey && inFlight(pendingKey.then((key) => signCertificate(ctx.client, clusterIdent, key.csrPem)));
  // All settled before anything is used or thrown: no request is left in flight when the run
  // ends (the transport is closed then).
  await Promise.allSettled([found, template, ca, signed]);
  const material: ClusterMaterial = { cluster: await found, template: await template };
  if (material.template.tls_disabled === true) return material;
  material.caPem = (await ca).pem;
  if (pendingKey && signed) material.client = { keyPem: (await pendingKey).keyPem, certPem: (await signed).pem };
  return material;
}

/**
 * --merge: the cluster's entries go into $KUBECONFIG's first file (or ~/.kube/config) under
 * names unique to the cluster, under kubectl's lock (src/kube/kubeconfig-file.ts). The pem
 * files asked for with --output-certs are written once the merge is known to succeed.
 */
async function mergeIntoUserKubeconfig(
  ctx: CommandContext,
  clusterName: string,
  contextName: string,
  kubeconfig: string,
  keystone: boolean,
  pemFiles: () => Promise<void>,
): Promise<void> {
  const names = { cluster: clusterName, user: `${clusterName}-${keystone ? 'keystone' : 'admin'}`, context: contextName };
  const merged = await mergeIntoKubeconfigFile(ctx, kubeconfig, names, pemFiles);
  ctx.io.err(
    `${merged.replaced ? 'Updated' : 'Added'} context "${names.context}" (cluster "${names.cluster}", user "${names.user}") ` +
      `in ${merged.path}; it is now the current context.\n`,
  );
}

// Additions: listed after the reference's help, matched only when spelled out (OptionSpec.addition).
const EXTENSION_OPTIONS = defineOptions([
  {
    flags: ['--use-keystone'],
    dest: 'use_keystone',
    action: 'store_true',
    addition: true,
    help: 'Write a kubeconfig whose user gets a Keystone token (exec credential) instead of a client certificate.',
  },
  {
    flags: ['--output-certs'],
    dest: 'output_certs',
    action: 'store_true',
    addition: true,
    help: 'With --merge, also write key.pem, cert.pem and ca.pem into --dir.',
  },
  {
    flags: ['--merge'],
    dest: 'merge',
    action: 'store_true',
    addition: true,
    help: 'Add the cluster to $KUBECONFIG (or ~/.kube/config) and make it the current context.',
  },
  {
    flags: ['--context-name'],
    dest: 'context_name',
    metavar: '<name>',
    addition: true,
    help: "Name of the kubeconfig context (default: the cluster name with --merge, else the reference's name).",
  },
  {
    flags: ['--stdout'],
    dest: 'stdout',
    action: 'store_true',
    addition: true,
    help: 'Print the kubeconfig on stdout instead of writing any file.',
  },
  ...waitOptions(false, 'the cluster is ready (no longer in progress)'),
]);

export const clusterConfig = defineCommand({
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
    const dir = resolve(ctx.cwd, args.dir);
    const force = args.force === true;
    const merge = args.merge === true;
    const wait = waitSettings(args);
    const clusterIdent = args.cluster;
    const toStdout = args.stdout === true;
    const contextName = args.context_name ?? undefined;
    if (contextName !== undefined && (contextName.trim() === '' || /[\x00-\x1f\x7f]/.test(contextName))) {
      throw new CommandError(`--context-name must be a non-empty name on one line, not ${JSON.stringify(contextName)}.`);
    }
    for (const flag of ['merge', 'output_certs', 'force'] as const) {
      if (toStdout && args[flag] === true) throw new CommandError(`--stdout writes no file: it cannot be used with --${flag.replace('_', '-')}.`);
    }
    if (toStdout && args.dir !== '.') throw new CommandError('--stdout writes no file: it cannot be used with --dir.');
    // --use-keystone needs no client key: kubectl authenticates with the user's token.
    const pendingKey = args.use_keystone === true ? undefined : inFlight(generateClientKeyAndCsrAsync());
    // A cluster still being created has no api_address and no certificates yet.
    if (wait) await waitUntilDone(ctx, clusterTarget(ctx.client, clusterIdent, clusterIdent, 'settle'), wait);
    const { cluster, template, caPem, client } = await fetchMaterial(ctx, clusterIdent, pendingKey);
    if (cluster.api_address == null) ctx.io.err("WARNING: The cluster's api_address is not known yet.\n");
    const coe = String(template.coe);
    if (coe !== 'kubernetes' && coe !== 'swarm' && coe !== 'swarm-mode') {
      throw new CommandError(`Cluster ${String(cluster.name)} uses COE ${coe}, for which there is no client configuration.`);
    }
    for (const flag of ['use_keystone', 'merge', 'context_name', 'stdout'] as const) {
      if (args[flag] != null && args[flag] !== false && coe !== 'kubernetes') {
        throw new CommandError(`--${flag.replace('_', '-')} applies to Kubernetes clusters only; cluster ${String(cluster.name)} uses ${coe}.`);
      }
    }
    const tls = caPem !== undefined;
    // --use-keystone means nothing without TLS (there is no CA to trust), as in OSC (`magnumclient/osc/v1/clusters.py ConfigCluster`).
    const keystone = tls && args.use_keystone === true;
    const caOnly = keystone ? caPem : undefined;
    const creds: ClusterCredentials | undefined = client && caPem !== undefined ? { ...client, caPem } : undefined;
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
      // --context-name names the standalone config's context too (not with --merge: there
      // the incoming document's names are replaced by the merge's own).
      const standaloneContext = merge ? undefined : contextName;
      const kubeconfig =
        caOnly !== undefined
          ? renderExecKubeconfig(
              { clusterName, server, caPem: caOnly, contextName: standaloneContext },
              // kubectl runs this CLI again (docs/kubectl-plugin.md), with the cloud chosen now.
              { self: selfInvocation(currentProcessFacts(), (p) => resolve(ctx.cwd, p)), cloud: ctx.config.cloud, clusterUuid: cluster.uuid },
            )
          : creds
            ? renderCertKubeconfig({ clusterName, server, ...creds, contextName: standaloneContext })
            : renderNoTlsKubeconfig({ clusterName, server, contextName: standaloneContext });
      if (toStdout) {
        // For tools (a secrets manager, Terraform, CI): the document itself, nothing on disk.
        ctx.io.out(kubeconfig);
        return;
      }
      if (merge) {
        if (files.length > 0) {
          prepareDirectory(dir);
          if (!force) refuseExisting(files);
        }
        await mergeIntoUserKubeconfig(ctx, clusterName, contextName ?? clusterName, kubeconfig, keystone, async () => {
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
});
