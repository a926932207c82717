/**
 * cluster-config (magnumclient.md §6), with the reference's bugs fixed: the kubeconfig
 * embeds the CA, certificate and key (the form kubectl accepts), no stray `'`, the key
 * and config are 0600, every file is written atomically, nothing is changed when a
 * file exists (unless --force), and a missing --dir is created.
 */
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { CommandContext, CommandModule } from './types';
import { getCaCertificate, getCluster, getClusterTemplate, signCertificate } from '../api/resources';
import type { Resource } from '../api/resources';
import { CommandError } from '../errors';
import { generateClientKeyAndCsr } from '../certs/csr';
import { ensureDir, writeFileAtomic } from '../fs/atomic-write';
import { renderCertKubeconfig, renderNoTlsKubeconfig } from '../kube/kubeconfig';
import { detectShellFlavour, renderDockerEnv, renderKubeconfigEnv } from '../kube/docker-env';

interface PlannedFile {
  path: string;
  content: string;
  mode: number;
}

interface ClusterCredentials {
  keyPem: string;
  certPem: string;
  caPem: string;
}

async function fetchCredentials(ctx: CommandContext, clusterUuid: string): Promise<ClusterCredentials> {
  const { keyPem, csrPem } = generateClientKeyAndCsr();
  const ca = await getCaCertificate(ctx.client, clusterUuid);
  const signed = await signCertificate(ctx.client, clusterUuid, csrPem);
  return { keyPem, certPem: String(signed.pem), caPem: String(ca.pem) };
}

/** Writes every planned file, or none: all existence checks come before the first write. */
function writeAll(files: PlannedFile[], force: boolean): void {
  if (!force) {
    for (const f of files) if (existsSync(f.path)) throw new CommandError(`File ${f.path} exists, aborting.`);
  }
  for (const f of files) writeFileAtomic(f.path, f.content, f.mode);
}

export const clusterConfig: CommandModule = {
  name: 'cluster-config',
  help:
    'Configure native client to access cluster. You can source the output of this command to get the native client ' +
    'of the corresponding COE configured to access the cluster. Example: eval $(magnum cluster-config <cluster-name>).',
  positionals: [{ dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster to retrieve config.' }],
  options: [
    { flags: ['--dir'], dest: 'dir', metavar: '<dir>', default: '.', help: 'Directory to save the certificate and config files.' },
    { flags: ['--force'], dest: 'force', action: 'store_true', help: 'Overwrite files if existing.' },
  ],
  async run(ctx, args) {
    const dir = resolve(ctx.cwd, args.dir as string);
    const force = args.force === true;
    const cluster: Resource = await getCluster(ctx.client, args.cluster as string);
    if (cluster.api_address == null) ctx.io.err("WARNING: The cluster's api_address is not known yet.\n");
    const template = await getClusterTemplate(ctx.client, String(cluster.cluster_template_id));
    const coe = String(template.coe);
    if (coe !== 'kubernetes' && coe !== 'swarm' && coe !== 'swarm-mode') {
      throw new CommandError(`Cluster ${String(cluster.name)} uses COE ${coe}, for which there is no client configuration.`);
    }
    const tls = template.tls_disabled !== true;
    const creds = tls ? await fetchCredentials(ctx, String(cluster.uuid)) : undefined;
    const shell = detectShellFlavour(ctx.env.SHELL);
    const server = cluster.api_address == null ? null : String(cluster.api_address);

    const files: PlannedFile[] = [];
    if (creds) {
      files.push({ path: join(dir, 'key.pem'), content: creds.keyPem, mode: 0o600 });
      files.push({ path: join(dir, 'cert.pem'), content: creds.certPem, mode: 0o644 });
      files.push({ path: join(dir, 'ca.pem'), content: creds.caPem, mode: 0o644 });
    }
    let output: string;
    if (coe === 'kubernetes') {
      const clusterName = String(cluster.name);
      const kubeconfig = creds
        ? renderCertKubeconfig({ clusterName, server, ...creds })
        : renderNoTlsKubeconfig({ clusterName, server });
      files.push({ path: join(dir, 'config'), content: kubeconfig, mode: 0o600 });
      output = renderKubeconfigEnv(join(dir, 'config'), shell);
    } else {
      output = renderDockerEnv({ apiAddress: server, certDir: dir, tls, shell });
    }
    ensureDir(dir);
    writeAll(files, force);
    // Python's print() of a string that already ends in "\n": stdout ends with a blank line.
    ctx.io.out(`${output}\n`);
  },
};
