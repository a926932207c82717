/**
 * `kubeconfig-check` (docs/kubectl-plugin.md): are the magnum contexts of a kubeconfig
 * still good? For each one, a row per check: the client certificate's expiry (WARN within
 * --days), whether the CA still is the one Magnum serves for the cluster (ca-show; it
 * changes with ca-rotate), and whether the exec credential works now (its command is run
 * as kubectl would run it). Exit 1 when any row is not OK, so cron can warn before
 * kubectl breaks.
 *
 * A context is magnum's when its user is our exec entry (the cluster uuid is in its
 * args), the reference's v1alpha1 `$OS_TOKEN` entry, or when its cluster entry is named
 * after a Magnum cluster whose api_address is the entry's server (the certificate
 * kubeconfig of cluster-config names it so).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from './types';
import { defineCommand } from './define';
import { getCaCertificate, getCluster } from '../api/resources';
import type { ClusterView } from '../api/resources';
import { ApiError } from '../api/errors';
import { CommandError } from '../errors';
import { classifyUser, type UserKind } from '../kube/exec-credential';
import { runExecPlugin } from '../kube/run-exec-plugin';

type Status = 'OK' | 'WARN' | 'FAIL';

/** A type, not an interface, so that rows are the renderer's plain records as they are. */
type Row = {
  context: string;
  cluster: string;
  check: string;
  status: Status;
  detail: string;
};

interface Named {
  name: string;
  [key: string]: unknown;
}

interface KubeconfigView {
  contexts: Map<string, Record<string, unknown>>;
  clusters: Map<string, Record<string, unknown>>;
  users: Map<string, Record<string, unknown>>;
  /** Context names in file order. */
  order: string[];
}

const DAY_MS = 86_400_000;

/** kubectl's merge of several files: the first definition of a name wins. */
function readKubeconfigs(YAML: typeof import('yaml'), files: string[]): KubeconfigView {
  const view: KubeconfigView = { contexts: new Map(), clusters: new Map(), users: new Map(), order: [] };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CommandError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let doc: Record<string, unknown>;
    try {
      doc = (YAML.parse(text) ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new CommandError(`Cannot parse ${file} as YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    const section = (key: string, inner: string, into: Map<string, Record<string, unknown>>) => {
      const list = Array.isArray(doc[key]) ? (doc[key] as Named[]) : [];
      for (const entry of list) {
        if (typeof entry?.name !== 'string' || into.has(entry.name)) continue;
        const value = entry[inner];
        into.set(entry.name, value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});
        if (key === 'contexts') view.order.push(entry.name);
      }
    };
    section('contexts', 'context', view.contexts);
    section('clusters', 'cluster', view.clusters);
    section('users', 'user', view.users);
  }
  return view;
}

function kubeconfigFiles(ctx: CommandContext, option: string | null): string[] {
  const list = option ?? ctx.env.KUBECONFIG ?? '';
  const files = list
    .split(':')
    .filter((p) => p !== '')
    .map((p) => resolve(ctx.cwd, p));
  return files.length > 0 ? files : [resolve(ctx.homeDir, '.kube', 'config')];
}

function readMaybe(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function caPemOf(cluster: Record<string, unknown>): string | null {
  if (typeof cluster['certificate-authority-data'] === 'string') return Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8');
  if (typeof cluster['certificate-authority'] === 'string') return readMaybe(cluster['certificate-authority']);
  return null;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Expiry of a certificate as a row: FAIL when past, WARN within `days`. */
function expiryRow(crypto: typeof import('node:crypto'), pem: string, now: number, days: number): { status: Status; detail: string } {
  let notAfter: number;
  try {
    notAfter = Date.parse(new crypto.X509Certificate(pem).validTo);
  } catch {
    return { status: 'FAIL', detail: 'not a PEM certificate' };
  }
  const left = Math.floor((notAfter - now) / DAY_MS);
  if (notAfter <= now) return { status: 'FAIL', detail: `expired ${day(notAfter)}: rerun cluster-config` };
  return { status: left < days ? 'WARN' : 'OK', detail: `expires ${day(notAfter)} (in ${left} days)` };
}

function sameCertificate(crypto: typeof import('node:crypto'), a: string, b: string): boolean {
  try {
    return new crypto.X509Certificate(a).raw.equals(new crypto.X509Certificate(b).raw);
  } catch {
    return false;
  }
}

/** The Magnum cluster a context is for, or null when it is not one of Magnum's. */
async function magnumCluster(ctx: CommandContext, id: string, server: unknown, byExec: boolean): Promise<ClusterView | null> {
  try {
    const cluster = await getCluster(ctx.client, id);
    if (!byExec && cluster.api_address !== server) return null;
    return cluster;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !byExec) return null;
    throw e;
  }
}

async function checkContext(
  ctx: CommandContext,
  view: KubeconfigView,
  contextName: string,
  days: number,
  crypto: typeof import('node:crypto'),
): Promise<Row[]> {
  const context = view.contexts.get(contextName) ?? {};
  const clusterEntryName = String(context.cluster ?? '');
  const clusterEntry = view.clusters.get(clusterEntryName) ?? {};
  const user: UserKind = classifyUser(view.users.get(String(context.user ?? '')), readMaybe);
  const byExec = user.kind === 'magnum-exec' && user.clusterUuid !== undefined;
  if (user.kind !== 'magnum-exec' && user.kind !== 'reference-exec' && user.kind !== 'certificate') return [];
  let cluster: ClusterView | null;
  try {
    cluster = await magnumCluster(ctx, byExec ? String(user.clusterUuid) : clusterEntryName, clusterEntry.server, byExec);
  } catch (e) {
    return [{ context: contextName, cluster: clusterEntryName, check: 'cluster', status: 'FAIL', detail: (e as Error).message }];
  }
  if (!cluster) return [];
  const row = (check: string, r: { status: Status; detail: string }): Row => ({
    context: contextName,
    cluster: String(cluster.name ?? clusterEntryName),
    check,
    ...r,
  });
  const now = ctx.clock.now();
  const rows: Row[] = [];

  if (user.kind === 'certificate') {
    rows.push(
      row(
        'client certificate',
        user.certPem === null ? { status: 'FAIL', detail: `cannot read ${user.certFile}` } : expiryRow(crypto, user.certPem, now, days),
      ),
    );
  }
  const caPem = caPemOf(clusterEntry);
  const caCheck = async (): Promise<Row> => {
    if (caPem === null) return row('CA', { status: 'WARN', detail: 'no CA in the kubeconfig' });
    try {
      const served = (await getCaCertificate(ctx.client, cluster.uuid)).pem;
      if (!sameCertificate(crypto, caPem, served))
        return row('CA', { status: 'FAIL', detail: 'Magnum now serves another CA (ca-rotate?): rerun cluster-config' });
      const expiry = expiryRow(crypto, caPem, now, days);
      return row('CA', { status: expiry.status, detail: `matches the CA Magnum serves; ${expiry.detail}` });
    } catch (e) {
      return row('CA', { status: 'FAIL', detail: (e as Error).message });
    }
  };
  const execCheck = async (): Promise<Row | undefined> => {
    if (user.kind === 'reference-exec') {
      return row('exec credential', {
        status: 'FAIL',
        detail: 'v1alpha1 $OS_TOKEN entry (kubectl >= 1.24 refuses it): rerun cluster-config --use-keystone',
      });
    }
    if (user.kind !== 'magnum-exec') return undefined;
    const result = await runExecPlugin(user.command, user.args, { ...ctx.env, ...user.env });
    return row(
      'exec credential',
      result.ok
        ? { status: 'OK', detail: result.expirationTimestamp ? `token valid until ${result.expirationTimestamp}` : 'token issued (no expiry given)' }
        : {
            status: 'FAIL',
            detail: result.missing !== undefined ? `${result.missing} not found: rerun cluster-config --use-keystone` : result.error,
          },
    );
  };
  const [ca, exec] = await Promise.all([caCheck(), execCheck()]);
  rows.push(ca);
  if (exec) rows.push(exec);
  return rows;
}

export const kubeconfigCheck = defineCommand({
  name: 'kubeconfig-check',
  help:
    "Check the magnum contexts of a kubeconfig: client certificate expiry, whether the CA still is the cluster's, " +
    'whether the exec credential works. Exits 1 when something needs action.',
  extension: true,
  output: 'list',
  options: [
    {
      flags: ['--kubeconfig'],
      dest: 'kubeconfig',
      metavar: '<file>',
      help: 'Kubeconfig file(s), ":"-separated. Default: $KUBECONFIG, else ~/.kube/config.',
    },
    { flags: ['--context'], dest: 'context', metavar: '<context>', help: 'Check only this context.' },
    {
      flags: ['--days'],
      dest: 'days',
      metavar: '<days>',
      type: 'int',
      default: 30,
      help: 'Warn about certificates that expire within this many days (default 30).',
    },
  ],
  async run(ctx, args) {
    const days = args.days;
    if (days < 0) throw new CommandError('--days must be 0 or more.');
    const files = kubeconfigFiles(ctx, args.kubeconfig);
    const YAML = await import('yaml');
    const view = readKubeconfigs(YAML, files);
    const wanted = args.context;
    if (wanted !== null && !view.contexts.has(wanted)) throw new CommandError(`No context "${wanted}" in ${files.join(':')}.`);
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const names = wanted !== null ? [wanted] : view.order;
    const rows = (await Promise.all(names.map((n) => checkContext(ctx, view, n, days, crypto)))).flat();
    if (rows.length === 0) {
      ctx.io.err(`No Magnum contexts in ${files.join(':')}.\n`);
      return;
    }
    ctx.render.list(rows, ['context', 'cluster', 'check', 'status', 'detail'], { sortByIndex: null });
    if (rows.some((r) => r.status !== 'OK')) ctx.exitCode = 1;
  },
});
