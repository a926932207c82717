import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand } from './define';
import { signCertificate } from '../api/resources';
import { CommandError } from '../errors';
import { CLUSTER_OR_MISSING, pemLine, targetClusterUuid } from './shared/cluster-target';

const CSR_HEADER = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----/;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const caSign = defineCommand({
  name: 'ca-sign',
  pathArgs: { cluster: CLUSTER_OR_MISSING },
  help: 'Generate the CA certificate for a cluster.',
  options: [
    { flags: ['--csr'], dest: 'csr', metavar: '<csr>', help: 'File path of the csr file to send to Magnum to get signed.' },
    { flags: ['--cluster'], dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster.' },
  ],
  async run(ctx, args) {
    // The cluster is looked up first, as in the reference (`magnumclient/v1/certificates_shell.py do_ca_sign`).
    const clusterUuid = await targetClusterUuid(ctx, args.cluster);
    const csrArg = args.csr;
    const path = csrArg === null ? null : resolve(ctx.cwd, csrArg);
    if (path === null || !isFile(path)) {
      // The reference's line and stream; it exits 0, we exit 1.
      ctx.io.out('A CSR must be provided.\n');
      ctx.exitCode = 1;
      return;
    }
    let csr: string;
    try {
      csr = readFileSync(path, 'utf8');
    } catch (e) {
      throw new CommandError(`Cannot read ${csrArg}: ${(e as Error).message}`);
    }
    // The server's answer to a non-CSR is a bytes repr cut at the first period; say it plainly instead.
    if (!CSR_HEADER.test(csr)) {
      throw new CommandError(`${csrArg} is not a PEM certificate signing request (no "-----BEGIN CERTIFICATE REQUEST-----" line)`);
    }
    ctx.io.out(pemLine(await signCertificate(ctx.client, clusterUuid, csr)));
  },
});
