/**
 * Issue 4's commands against the reference client on the real stack: certificates,
 * cluster-delete/-update, cluster-template-create/-delete/-update, quotas-*, stats-list
 * and service-list, with each bad-input case of the issue. See harness.ts for how a case
 * runs. Resources are uniquely named and deleted; quota cases use a keystone project
 * made for this file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { generateClientKeyAndCsr } from '../../src/certs/csr';
import { adminEnv, createProject, deleteProject } from './admin-cloud';
import { compat, describeCompat, type CompatOptions, type Side } from './harness';
import { normalisers } from './normalise';
import { cli, createCluster, createClusterTemplate, deleteClusters, deleteClusterTemplate, uniqueName, waitForClusterStatus } from './resources';

const { uuids, requestIds, timestamps } = normalisers;
const USAGE_ERROR = { expectExit: 2 } as const;
const SAME_ERROR = { expectExit: 1, normalise: requestIds } as const;
/** The reference's "failure line + exit 0" (README difference 4: ours exits 1). */
const CAUGHT_FAILURE = { expectExit: { reference: 0, ours: 1 }, normalise: requestIds } as const;
const ADMIN = adminEnv();
const SETTLED = ['CREATE_COMPLETE', 'UPDATE_COMPLETE'];

/** What differs between two creations of the same resource: ids, request ids, times. */
const resource = (text: string): string => timestamps(uuids(requestIds(text)));
/** The main help up to the subcommand list: ArgumentsError prints it (README lists extra subcommands). */
const mainHelpHead = (text: string): string => text.split('\nPositional arguments:\n')[0];
/** Signed certificates differ per request; their shape must not. */
const pemBody = (text: string): string =>
  text.replace(/(-----BEGIN CERTIFICATE-----\n)[A-Za-z0-9+/=\n]+?(-----END CERTIFICATE-----)/g, '$1<PEM>\n$2');
const TEMPLATE_BASE = ['--coe', 'kubernetes', '--image', 'fedora-atomic-27', '--external-network', 'public'];
const templateCleanup = { cleanup: (side: Side) => deleteClusterTemplate(side.unique) };

describeCompat('compat: issue 4 commands', () => {
  const tlsTemplate = uniqueName('compat4-tmpl');
  const notlsTemplate = uniqueName('compat4-notls');
  const tls = uniqueName('compat4-tls');
  const notls = uniqueName('compat4-plain');
  const settled = async (): Promise<void> => {
    await waitForClusterStatus(tls, SETTLED);
  };

  beforeAll(async () => {
    // fedora-coreos: the one distro magnum 15 rotates CAs for. Auto-healing labels keep the
    // health poller away (test/stack/README.md).
    const labels = ['--labels', 'auto_healing_enabled=true,auto_healing_controller=magnum-auto-healer'];
    await createClusterTemplate(tlsTemplate, ['--image', 'fedora-coreos-35', '--docker-storage-driver', 'overlay2', ...labels]);
    await createClusterTemplate(notlsTemplate, ['--docker-storage-driver', 'overlay2', '--tls-disabled', ...labels]);
    await Promise.all([
      createCluster(tls, { template: tlsTemplate, waitComplete: true }),
      createCluster(notls, { template: notlsTemplate, waitComplete: true }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await deleteClusters([tls, notls]);
    await deleteClusterTemplate(tlsTemplate);
    await deleteClusterTemplate(notlsTemplate);
  }, 180_000);

  describe('ca-show', () => {
    compat('positional', ['ca-show', tls], { setup: settled });
    compat('deprecated --cluster (warning moves to stderr)', ['ca-show', '--cluster', tls], { setup: settled });
    compat('both spellings: DuplicateArgs', ['ca-show', tls, '--cluster', tls], { expectExit: 1, normalise: mainHelpHead });
    compat('no cluster: MissingArgs', ['ca-show'], { expectExit: 1, normalise: mainHelpHead });
    compat('unknown cluster', ['ca-show', 'no-such-cluster'], SAME_ERROR);
  });

  describe('ca-sign', () => {
    const withCsr = { setup: (side: Side) => writeFileSync(join(side.cwd, 'client.csr'), generateClientKeyAndCsr().csrPem) };
    compat('a CSR file', ['ca-sign', '--cluster', tls, '--csr', 'client.csr'], { ...withCsr, normalise: pemBody });
    compat('no --csr', ['ca-sign', '--cluster', tls], CAUGHT_FAILURE);
    compat('--csr file missing', ['ca-sign', '--cluster', tls, '--csr', 'missing.csr'], CAUGHT_FAILURE);
    // README difference 12: the reference sends it and prints the server's reply cut at the
    // first period; ours checks the file first and says what is wrong. Each side's exact line.
    const notACsr = (text: string, side: Side): string =>
      side.which === 'reference'
        ? text.replace(/^ERROR: Received invalid csr b'hello \(HTTP 400\) \(Request-ID: req-[0-9a-f-]{36}\)$/m, 'ERROR: <not a CSR>')
        : text.replace(
            /^ERROR: notes\.txt is not a PEM certificate signing request \(no "-----BEGIN CERTIFICATE REQUEST-----" line\)$/m,
            'ERROR: <not a CSR>',
          );
    compat('--csr not a CSR', ['ca-sign', '--cluster', tls, '--csr', 'notes.txt'], {
      setup: (side) => writeFileSync(join(side.cwd, 'notes.txt'), 'hello. world\n'),
      expectExit: 1,
      normaliseStderr: notACsr,
    });
    compat('no --cluster: MissingArgs', ['ca-sign', '--csr', 'client.csr'], { ...withCsr, expectExit: 1, normalise: mainHelpHead });
    compat('unknown cluster', ['ca-sign', '--cluster', 'no-such-cluster'], SAME_ERROR);
  });

  describe('cluster-delete', () => {
    const perSide = {
      // Right after the POST the conductor may not have written the cluster yet: wait until it is there.
      setup: async (side: Side): Promise<void> => {
        await createCluster(side.unique);
        await waitForClusterStatus(side.unique, ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
      },
      cleanup: (side: Side) => deleteClusters([side.unique]),
    };
    compat('one cluster', (side) => ['cluster-delete', side.unique], perSide);
    compat('several, one unknown: per-item lines', (side) => ['cluster-delete', 'no-such-cluster', side.unique], {
      ...perSide,
      ...CAUGHT_FAILURE,
      normalise: requestIds,
    });
    compat('no cluster', ['cluster-delete'], USAGE_ERROR);
  });

  describe('cluster-update', () => {
    compat('replace node_count', ['cluster-update', tls, 'replace', 'node_count=2'], { setup: settled });
    compat('--rollback', ['cluster-update', '--rollback', tls, 'replace', 'node_count=1'], { setup: settled });
    compat('--rollback with API 1.2', ['--magnum-api-version', '1.2', 'cluster-update', '--rollback', tls, 'replace', 'node_count=1'], SAME_ERROR);
    compat('unknown cluster: e.details on stdout', ['cluster-update', 'no-such-cluster', 'replace', 'node_count=2'], CAUGHT_FAILURE);
    compat('add an existing attribute', ['cluster-update', tls, 'add', 'labels=a=b'], { ...CAUGHT_FAILURE, setup: settled });
    compat('remove labels', ['cluster-update', tls, 'remove', 'labels'], { ...CAUGHT_FAILURE, setup: settled });
    compat('attribute without =', ['cluster-update', tls, 'replace', 'node_count'], SAME_ERROR);
    compat('labels without =', ['cluster-update', tls, 'replace', 'labels=a'], SAME_ERROR);
    compat('unknown op', ['cluster-update', tls, 'frob', 'node_count=2'], USAGE_ERROR);
    compat('no attribute', ['cluster-update', tls, 'replace'], USAGE_ERROR);
  });

  describe('cluster-template-create', () => {
    const created: CompatOptions = { ...templateCleanup, normalise: resource };
    compat(
      'every common option',
      (side) => [
        'cluster-template-create',
        side.unique,
        ...TEMPLATE_BASE,
        '--docker-volume-size',
        '5',
        '--labels',
        'a=1,b=2',
        '--labels',
        'c=3',
        '--floating-ip-disabled',
        '--dns-nameserver',
        '1.1.1.1',
        '--flavor',
        'm1.small',
        '--keypair',
        'default',
        '--network-driver',
        'calico',
        '--http-proxy',
        'http://proxy:3128',
        '--no-proxy',
        'localhost',
        '--master-lb-enabled',
        '--insecure-registry',
        '10.0.0.1:5000',
        '--registry-enabled',
        '--hidden',
        '--visible',
      ],
      created,
    );
    compat(
      'deprecated -id spellings (warnings move to stderr)',
      (side) => [
        'cluster-template-create',
        side.unique,
        '--coe',
        'kubernetes',
        '--image-id',
        'fedora-atomic-27',
        '--external-network-id',
        'public',
        '--flavor-id',
        'm1.small',
        '--master-flavor-id',
        'm1.medium',
        '--keypair-id',
        'default',
        '--docker-storage-driver',
        'overlay2',
      ],
      created,
    );
    compat('deprecated --name', (side) => ['cluster-template-create', '--name', side.unique, ...TEMPLATE_BASE, '--docker-volume-size', '3'], created);
    compat('the devicemapper default needs a volume size', (side) => ['cluster-template-create', side.unique, ...TEMPLATE_BASE], {
      ...SAME_ERROR,
      ...templateCleanup,
    });
    compat(
      'both floating-ip flags',
      ['cluster-template-create', 'x', ...TEMPLATE_BASE, '--floating-ip-enabled', '--floating-ip-disabled'],
      SAME_ERROR,
    );
    compat('label without =', ['cluster-template-create', 'x', ...TEMPLATE_BASE, '--labels', 'a=1', '--labels', 'b'], SAME_ERROR);
    compat('empty label item', ['cluster-template-create', 'x', ...TEMPLATE_BASE, '--labels', 'a=1,b=2,'], SAME_ERROR);
    compat('name twice: DuplicateArgs with the command help', ['cluster-template-create', 'x', '--name', 'y', ...TEMPLATE_BASE], {
      expectExit: 1,
      normalise: normalisers.helpAdditions,
    });
    compat('old and new spelling together', ['cluster-template-create', 'x', ...TEMPLATE_BASE, '--image-id', 'y'], USAGE_ERROR);
    compat('no --coe', ['cluster-template-create', 'x', '--image', 'i', '--external-network', 'public'], USAGE_ERROR);
    compat('no --image', ['cluster-template-create', 'x', '--coe', 'kubernetes', '--external-network', 'public'], USAGE_ERROR);
    compat('non-integer --docker-volume-size', ['cluster-template-create', 'x', ...TEMPLATE_BASE, '--docker-volume-size', 'abc'], USAGE_ERROR);
    compat('--public as a non-admin', (side) => ['cluster-template-create', side.unique, ...TEMPLATE_BASE, '--docker-volume-size', '3', '--public'], {
      ...SAME_ERROR,
      ...templateCleanup,
    });
    compat(
      'unknown image',
      (side) => ['cluster-template-create', side.unique, ...TEMPLATE_BASE, '--docker-volume-size', '3', '--image', 'no-such-image'],
      {
        ...SAME_ERROR,
        ...templateCleanup,
      },
    );
  });

  describe('cluster-template-delete', () => {
    const perSide = {
      setup: (side: Side) => createClusterTemplate(side.unique, ['--docker-storage-driver', 'overlay2']),
      ...templateCleanup,
    };
    compat('one template', (side) => ['cluster-template-delete', side.unique], perSide);
    compat('several, one unknown', (side) => ['cluster-template-delete', side.unique, 'no-such-template'], {
      ...perSide,
      ...CAUGHT_FAILURE,
      normalise: requestIds,
    });
    compat('a template in use', ['cluster-template-delete', tlsTemplate], CAUGHT_FAILURE);
    compat('no template', ['cluster-template-delete'], USAGE_ERROR);
  });

  describe('cluster-template-update', () => {
    const perSide = {
      setup: (side: Side) => createClusterTemplate(side.unique, ['--docker-storage-driver', 'overlay2', '--labels', 'x=0']),
      ...templateCleanup,
    };
    compat(
      'replace labels and more',
      (side) => ['cluster-template-update', side.unique, 'replace', 'labels=x=1,y=2', 'dns_nameserver=1.1.1.1', 'docker_volume_size=20'],
      {
        ...perSide,
        normalise: resource,
      },
    );
    compat('remove', (side) => ['cluster-template-update', side.unique, 'remove', 'http_proxy', 'labels'], { ...perSide, normalise: resource });
    compat('remove a mandatory attribute', (side) => ['cluster-template-update', side.unique, 'remove', 'coe'], { ...perSide, ...SAME_ERROR });
    compat('a template in use', ['cluster-template-update', tlsTemplate, 'replace', 'dns_nameserver=9.9.9.9'], {
      ...SAME_ERROR,
      normalise: (text) => uuids(requestIds(text)),
    });
    compat('unknown template', ['cluster-template-update', 'no-such-template', 'replace', 'name=x'], SAME_ERROR);
    compat('attribute without =', ['cluster-template-update', tlsTemplate, 'add', 'foo'], SAME_ERROR);
    compat('unknown op', ['cluster-template-update', tlsTemplate, 'move', 'a=b'], USAGE_ERROR);
  });

  describe('quotas', () => {
    let project = '';
    const asAdmin = { env: ADMIN };
    const quota =
      (...args: string[]) =>
      (): string[] =>
        args.map((a) => (a === '<P>' ? project : a));
    const removeQuota = async (): Promise<void> => {
      await cli(['quotas-delete', '--project-id', project, '--resource', 'Cluster'], { env: ADMIN });
    };
    /** A quota row for the project, made only when missing (a side must see the same row as the other). */
    const ensureQuota = async (): Promise<void> => {
      const shown = await cli(['quotas-show', '--project-id', project, '--resource', 'Cluster'], { env: ADMIN });
      if (/^\| id /m.test(shown.stdout)) return;
      const r = await cli(['quotas-create', '--project-id', project, '--resource', 'Cluster', '--hard-limit', '4'], { env: ADMIN });
      if (r.code !== 0) throw new Error(`quotas-create failed: ${r.stdout}${r.stderr}`);
    };
    const quotaId = (text: string): string => timestamps(text).replace(/^\| id( +)\| \d+ /m, (cell) => cell.replace(/\d/g, '#'));
    beforeAll(async () => {
      project = await createProject(uniqueName('compat4-project'));
    });
    afterAll(async () => {
      await removeQuota();
      await deleteProject(project);
    });

    compat('quotas-create', quota('quotas-create', '--project-id', '<P>', '--resource', 'Cluster', '--hard-limit', '7'), {
      ...asAdmin,
      setup: removeQuota,
      cleanup: removeQuota,
      normalise: quotaId,
    });
    compat('quotas-create: exists already', quota('quotas-create', '--project-id', '<P>', '--resource', 'Cluster'), {
      ...asAdmin,
      ...CAUGHT_FAILURE,
      setup: ensureQuota,
    });
    compat('quotas-create: unknown project', ['quotas-create', '--project-id', 'no-such-project', '--resource', 'Cluster'], {
      ...asAdmin,
      ...CAUGHT_FAILURE,
    });
    compat('quotas-create: unknown resource', quota('quotas-create', '--project-id', '<P>', '--resource', 'Foo'), { ...asAdmin, ...CAUGHT_FAILURE });
    compat('quotas-create: not admin', quota('quotas-create', '--project-id', '<P>', '--resource', 'Cluster'), CAUGHT_FAILURE);
    compat(
      'quotas-create: non-integer --hard-limit',
      ['quotas-create', '--project-id', 'p', '--resource', 'Cluster', '--hard-limit', 'x'],
      USAGE_ERROR,
    );
    compat('quotas-create: no --resource', ['quotas-create', '--project-id', 'p'], USAGE_ERROR);
    compat('quotas-show: set', quota('quotas-show', '--project-id', '<P>', '--resource', 'Cluster'), { ...asAdmin, setup: ensureQuota });
    compat('quotas-show: default', quota('quotas-show', '--project-id', '<P>', '--resource', 'Cluster'), { ...asAdmin, setup: removeQuota });
    compat('quotas-update', quota('quotas-update', '--project-id', '<P>', '--resource', 'Cluster', '--hard-limit', '9'), {
      ...asAdmin,
      // A fresh row (hard limit 4) for each side: both sides then really change it, and the
      // reply's updated_at has the same form (an unchanged row keeps the stored, whole-second one).
      setup: async () => {
        await removeQuota();
        await ensureQuota();
      },
      normalise: quotaId,
    });
    compat('quotas-update: no quota', quota('quotas-update', '--project-id', '<P>', '--resource', 'Cluster', '--hard-limit', '9'), {
      ...asAdmin,
      ...SAME_ERROR,
      setup: removeQuota,
    });
    compat('quotas-list --all-tenants', ['quotas-list', '--all-tenants'], { ...asAdmin, setup: ensureQuota, retries: 2 });
    compat('quotas-list (own project)', ['quotas-list'], { ...asAdmin, retries: 2 });
    compat('quotas-list: not admin', ['quotas-list'], SAME_ERROR);
    compat('quotas-list: bad --sort-dir', ['quotas-list', '--sort-dir', 'up'], USAGE_ERROR);
    compat('quotas-delete', quota('quotas-delete', '--project-id', '<P>', '--resource', 'Cluster'), { ...asAdmin, setup: ensureQuota });
    compat('quotas-delete: no quota', quota('quotas-delete', '--project-id', '<P>', '--resource', 'Cluster'), {
      ...asAdmin,
      ...CAUGHT_FAILURE,
      setup: removeQuota,
    });
  });

  describe('stats-list and service-list', () => {
    compat('stats-list', ['stats-list'], { retries: 2 });
    compat('stats-list (admin, all projects)', ['stats-list'], { env: ADMIN, retries: 2 });
    compat('stats-list: another project', ['stats-list', '--project-id', 'no-such-project'], SAME_ERROR);
    // updated_at moves with every conductor heartbeat.
    compat('service-list (admin)', ['service-list'], { env: ADMIN, retries: 2 });
    compat('service-list: not admin', ['service-list'], SAME_ERROR);
  });

  // Last: a rotation changes the CA the ca-show cases compare.
  describe('ca-rotate', () => {
    compat('a fedora-coreos cluster', ['ca-rotate', '--cluster', tls], { setup: settled });
    compat('a non-TLS cluster', ['ca-rotate', '--cluster', notls], SAME_ERROR);
    compat('unknown cluster', ['ca-rotate', '--cluster', 'no-such-cluster'], SAME_ERROR);
    compat('no --cluster', ['ca-rotate'], USAGE_ERROR);
  });
});
