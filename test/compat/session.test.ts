/**
 * Issue 3's session, command by command, against the reference client on the real
 * stack: the template and cluster read commands, cluster-create, cluster-config,
 * help/--version and the auth pre-checks. See test/compat/harness.ts for how a case runs.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { COMMANDS } from '../../src/commands';
import { compat, describeCompat, type Side } from './harness';
import { normalisers } from './normalise';
import { createCluster, deleteCluster, deleteClusterTemplate, deleteClusters, uniqueName } from './resources';
import { compareVersions } from '../../src/api/client';
import { serverMaxVersion } from '../support/magnum-generation';

const { uuids, requestIds } = normalisers;
/** Read-only cases on a shared cloud: other people's clusters may change between the two runs. */
const SHARED_STATE = { retries: 2 } as const;
const USAGE_ERROR = { expectExit: 2 } as const;
const SAME_ERROR = { expectExit: 1, normalise: requestIds } as const;

const PEM_FILES = ['ca.pem', 'cert.pem', 'key.pem'];

/**
 * Swarm clusters exist up to Magnum 15 (its stack seeds a swarm template); Magnum 23 (API
 * 1.14) drives kubernetes only. Chosen by the server's own maximum microversion.
 */
const HAS_SWARM = !process.env.OS_AUTH_URL || compareVersions(await serverMaxVersion(), '1.11') < 0;

/** The reference's subcommands (`magnumclient/shell.py do_help`; magnum_help_all.txt). */
const REFERENCE_COMMANDS = [
  'ca-rotate',
  'ca-show',
  'ca-sign',
  'cluster-config',
  'cluster-create',
  'cluster-delete',
  'cluster-list',
  'cluster-show',
  'cluster-update',
  'cluster-template-create',
  'cluster-template-delete',
  'cluster-template-list',
  'cluster-template-show',
  'cluster-template-update',
  'service-list',
  'stats-list',
  'quotas-create',
  'quotas-delete',
  'quotas-list',
  'quotas-show',
  'quotas-update',
  'bash-completion',
  'help',
];
const ADDITIONS = COMMANDS.filter((c) => !c.hidden && !REFERENCE_COMMANDS.includes(c.name)).map((c) => c.name);

/**
 * Our main help without its "Additional options (this client):" section and the entries of
 * the commands README lists under "Beyond the reference" (nodegroup-*, cluster-resize, ...):
 * an entry is its `    <name>` line plus the wrapped help lines indented deeper than the names.
 */
function withoutAdditions(text: string, side: Side): string {
  if (side.which !== 'ours') return text;
  const out: string[] = [];
  text = normalisers.helpAdditions(text);
  let dropping = false;
  for (const line of text.split('\n')) {
    const entry = /^ {4}(\S+)/.exec(line);
    if (entry) dropping = ADDITIONS.includes(entry[1]);
    else if (!/^ {5,}\S/.test(line)) dropping = false;
    if (!dropping) out.push(line);
  }
  return out.join('\n');
}

describeCompat('compat: issue 3 session', () => {
  describe('cluster-template-list', () => {
    compat('plain', ['cluster-template-list']);
    compat('--limit 2', ['cluster-template-list', '--limit', '2']);
    compat('--sort-key name --sort-dir desc', ['cluster-template-list', '--sort-key', 'name', '--sort-dir', 'desc']);
    compat('--fields coe,labels,public,tls_disabled', ['cluster-template-list', '--fields', 'coe,labels,public,tls_disabled']);
    compat('--detail', ['cluster-template-list', '--detail']);
    compat('bad --sort-dir up', ['cluster-template-list', '--sort-dir', 'up'], USAGE_ERROR);
    compat('--fields xxx', ['cluster-template-list', '--fields', 'xxx'], SAME_ERROR);
  });

  describe('cluster-template-show', () => {
    compat('kubernetes', ['cluster-template-show', 'kubernetes']);
    compat('unknown name', ['cluster-template-show', 'no-such-template'], SAME_ERROR);
  });

  describe('cluster-list', () => {
    compat('plain', ['cluster-list'], SHARED_STATE);
    compat('--limit 1', ['cluster-list', '--limit', '1'], SHARED_STATE);
    compat('--fields', ['cluster-list', '--fields', 'health_status,api_address,labels,create_timeout'], SHARED_STATE);
    compat('--sort-key name --sort-dir asc', ['cluster-list', '--sort-key', 'name', '--sort-dir', 'asc'], SHARED_STATE);
    compat('bad --sort-dir up', ['cluster-list', '--sort-dir', 'up'], USAGE_ERROR);
  });

  describe(`with a kubernetes${HAS_SWARM ? ' and a swarm' : ''} cluster`, () => {
    const k8s = uniqueName('compat-k8s');
    const swarm = uniqueName('compat-swarm');
    beforeAll(async () => {
      await Promise.all([
        createCluster(k8s, { template: 'kubernetes', waitComplete: true }),
        HAS_SWARM ? createCluster(swarm, { template: 'swarm', waitComplete: true }) : undefined,
      ]);
    }, 180_000);
    afterAll(() => deleteClusters(HAS_SWARM ? [k8s, swarm] : [k8s]), 180_000);

    compat('cluster-show', ['cluster-show', k8s]);
    compat('cluster-show --long', ['cluster-show', '--long', k8s]);
    compat('cluster-show unknown', ['cluster-show', 'no-such-cluster'], SAME_ERROR);
    compat('cluster-list shows it', ['cluster-list'], SHARED_STATE);
    // --fields is validated against the first cluster, so only a non-empty list rejects it (`magnumclient/common/cliutils.py _get_list_table_columns_and_formatters`).
    compat('cluster-list --fields xxx,zzz', ['cluster-list', '--fields', 'xxx,zzz'], SAME_ERROR);

    describe('cluster-config', () => {
      // Ours writes a different (working) kubeconfig (README difference 5): compare stdout
      // and which files exist, not their contents.
      const filesIn = (side: Side) => readdirSync(side.cwd).sort();
      compat('kubernetes TLS, default --dir', ['cluster-config', k8s], {
        check: ({ reference, ours }) => {
          expect(filesIn(reference.side)).toEqual([...PEM_FILES, 'config'].sort());
          expect(filesIn(ours.side)).toEqual(filesIn(reference.side));
        },
      });
      compat('kubernetes TLS, --dir <existing dir>', (side) => ['cluster-config', k8s, '--dir', join(side.cwd, 'cfg')], {
        setup: (side) => mkdirSync(join(side.cwd, 'cfg')),
        check: ({ reference, ours }) => {
          const files = (side: Side) => readdirSync(join(side.cwd, 'cfg')).sort();
          expect(files(reference.side)).toEqual([...PEM_FILES, 'config'].sort());
          expect(files(ours.side)).toEqual(files(reference.side));
        },
      });
      compat('exists-error without --force (all files present)', ['cluster-config', k8s], {
        ...SAME_ERROR,
        setup: (side) => {
          for (const f of [...PEM_FILES, 'config']) writeFileSync(join(side.cwd, f), 'old\n');
        },
        check: ({ ours }) => {
          for (const f of [...PEM_FILES, 'config']) expect(readFileSync(join(ours.side.cwd, f), 'utf8'), f).toBe('old\n');
        },
      });
      compat('exists-error without --force (only config present)', ['cluster-config', k8s], {
        ...SAME_ERROR,
        setup: (side) => writeFileSync(join(side.cwd, 'config'), 'old\n'),
        check: ({ reference, ours }) => {
          // The reference writes the pem files before it notices; ours writes nothing (README 5).
          expect(filesIn(reference.side)).toEqual([...PEM_FILES, 'config'].sort());
          expect(filesIn(ours.side)).toEqual(['config']);
        },
      });
      compat('--force over existing files', ['cluster-config', k8s, '--force'], {
        setup: (side) => {
          for (const f of [...PEM_FILES, 'config']) writeFileSync(join(side.cwd, f), 'old\n');
        },
        check: ({ ours }) => {
          for (const f of PEM_FILES) expect(readFileSync(join(ours.side.cwd, f), 'utf8'), f).toMatch(/^-----BEGIN /);
        },
      });
      if (HAS_SWARM) {
        compat('swarm TLS: DOCKER_ block', ['cluster-config', swarm], {
          check: ({ reference, ours }) => {
            expect(filesIn(reference.side)).toEqual(PEM_FILES);
            expect(filesIn(ours.side)).toEqual(filesIn(reference.side));
          },
        });
      } else {
        // Magnum 23 has no swarm: a swarm template is refused, by the same message on both sides.
        compat(
          'swarm template refused (Magnum 23: kubernetes only)',
          (side) => [
            'cluster-template-create',
            side.unique,
            '--coe',
            'swarm',
            '--image',
            'fedora-coreos-35',
            '--external-network',
            'public',
            '--master-flavor',
            'm1.medium',
          ],
          { ...SAME_ERROR, cleanup: (side) => deleteClusterTemplate(side.unique) },
        );
      }
      compat('unknown cluster', ['cluster-config', 'no-such-cluster'], SAME_ERROR);
    });
  });

  describe('cluster-create', () => {
    const clusterCleanup = { cleanup: (side: Side) => deleteCluster(side.unique), normalise: uuids };
    compat(
      'success with --node-count 100 and --labels',
      (side) => ['cluster-create', side.unique, '--cluster-template', 'kubernetes', '--node-count', '100', '--labels', 'kube_tag=v1.9.3,foo=bar'],
      clusterCleanup,
    );
    compat(
      'deprecated --keypair-id',
      (side) => ['cluster-create', side.unique, '--cluster-template', 'kubernetes', '--keypair-id', 'default'],
      clusterCleanup,
    );
    compat('deprecated --name', (side) => ['cluster-create', '--name', side.unique, '--cluster-template', 'kubernetes'], clusterCleanup);
    compat('missing --cluster-template', ['cluster-create', 'x'], USAGE_ERROR);
    compat('unknown template', (side) => ['cluster-create', side.unique, '--cluster-template', 'no-such-template'], {
      ...SAME_ERROR,
      cleanup: clusterCleanup.cleanup,
    });
    compat('non-integer --node-count', ['cluster-create', 'x', '--cluster-template', 'kubernetes', '--node-count', 'abc'], USAGE_ERROR);
  });

  describe('help and version', () => {
    compat('help', ['help'], { normalise: withoutAdditions });
    compat('no arguments', [], { normalise: withoutAdditions });
    for (const cmd of COMMANDS.filter((c) => !c.hidden && REFERENCE_COMMANDS.includes(c.name))) {
      // Ours is the reference's text, then the options this client adds (README difference 14).
      compat(`help ${cmd.name}`, ['help', cmd.name], { normalise: normalisers.helpAdditions });
    }
    compat('help foo', ['help', 'foo'], { expectExit: 1 });
    compat('--version', ['--version']);
    compat('cluster-list --version', ['cluster-list', '--version']);
    compat('bad --magnum-api-version 1.2.3', ['--magnum-api-version', '1.2.3', 'cluster-list'], { expectExit: 1 });
  });

  describe('credentials', () => {
    // `magnumclient/shell.py _ensure_auth_info`: the first missing item wins, in this order.
    const missing = (env: Record<string, undefined>) => ({ env, expectExit: 1 });
    compat('no username', ['cluster-list'], missing({ OS_USERNAME: undefined, OS_USER_ID: undefined }));
    compat('no password', ['cluster-list'], missing({ OS_PASSWORD: undefined }));
    compat('no project', ['cluster-list'], missing({ OS_PROJECT_NAME: undefined, OS_PROJECT_ID: undefined }));
    compat('no auth url', ['cluster-list'], missing({ OS_AUTH_URL: undefined }));
    compat('nothing at all', ['cluster-list'], {
      ...missing({}),
      env: () =>
        Object.fromEntries(
          Object.keys(process.env)
            .filter((k) => k.startsWith('OS_'))
            .map((k) => [k, undefined]),
        ),
    });
    // keystoneauth's ConnectFailure line (`Unable to establish connection to <url>: <cause>`) is
    // compared up to the cause: the reference's cause is urllib3's exception repr, with the
    // memory address of a Python object in it; ours names the socket error (README, difference 17).
    const refusedCause = (text: string, side: Side): string =>
      side.which === 'reference'
        ? text.replace(
            /: HTTPConnectionPool\(host='127\.0\.0\.1', port=9\): Max retries exceeded with url: \/v3\/auth\/tokens \(Caused by NewConnectionError\('<urllib3\.connection\.HTTPConnection object at 0x[0-9a-f]+>: Failed to establish a new connection: \[Errno 111\] Connection refused'\)\)$/m,
            ': <connection refused>',
          )
        : text.replace(/: connect ECONNREFUSED 127\.0\.0\.1:9$/m, ': <connection refused>');
    compat('Keystone down', ['cluster-list'], { env: { OS_AUTH_URL: 'http://127.0.0.1:9/v3' }, expectExit: 1, normaliseStderr: refusedCause });
  });
});
