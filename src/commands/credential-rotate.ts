/**
 * credential-rotate: `openstack coe credential rotate` (python-magnumclient 5.0.0
 * osc/v1/credentials.py RotateCredential) in the magnum shell: PATCH
 * /v1/credentials/<cluster>, Magnum API 1.12. The server rotates synchronously and answers
 * with the cluster's UUID; --wait then waits until the cluster is not *_IN_PROGRESS.
 */
import { defineCommand } from './define';
import { IDENTIFIER } from '../api/identifiers';
import { rotateCredentials } from '../api/resources';
import { waitOptions, waitSettings } from '../wait/options';
import { waitUntilDone } from '../wait/poll';
import { clusterTarget } from '../wait/targets';

export const CREDENTIALS_VERSION = '1.12';

export const credentialRotate = defineCommand({
  name: 'credential-rotate',
  pathArgs: { cluster: IDENTIFIER.cluster },
  help: 'Rotate the credentials for the cluster using the current user account.',
  extension: true,
  positionals: [{ dest: 'cluster', metavar: '<cluster>', help: 'ID or name of the cluster.' }],
  options: waitOptions(true, 'the cluster is no longer in progress'),
  async run(ctx, args) {
    const wait = waitSettings(args);
    const name = args.cluster;
    await ctx.client.requireVersion(CREDENTIALS_VERSION, 'credential-rotate');
    const { uuid } = await rotateCredentials(ctx.client, name);
    ctx.io.out(`Request to rotate credentials for cluster ${uuid} has been accepted.\n`);
    if (wait) await waitUntilDone(ctx, clusterTarget(ctx.client, uuid, name, 'settle'), wait);
  },
});
