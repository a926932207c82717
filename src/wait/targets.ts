// What "finished" means for the resources `--wait` polls (docs/wait.md). Magnum runs
// every operation asynchronously: the API answers 202 and the conductor changes the
// status later (an RPC cast, then its 10-second stack sync), so right after the request
// a GET may still show the previous, settled status. For an update or a delete a
// terminal status therefore counts only once it is *fresh*: an *_IN_PROGRESS was seen
// since the request, or the status or updated_at differ from the `before` snapshot taken
// before the request. Whatever a new resource (create) or `settle` shows is fresh.
import type { MagnumClient } from '../api/client';
import { ApiError } from '../api/errors';
import { getCluster, getNodegroup } from '../api/resources';
import type { ProgressView } from '../api/resources';
import type { Observation, WaitTarget } from './poll';

/** create/update: until *_COMPLETE; delete: until 404; settle: until not *_IN_PROGRESS (no before). */
export type Operation = 'create' | 'update' | 'delete' | 'settle';

const plural = (n: unknown, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

interface Judge {
  /** `Cluster k8s` / `Nodegroup ng-1`, for the failure line. */
  subject: string;
  summary(r: ProgressView): string;
}

/** What a GET gave: the resource, `gone` (404), or `unready` (a create's 400, see below). */
type Sighting = ProgressView | 'gone' | 'unready';

const NOT_VISIBLE_YET = 'accepted, not visible yet';

/**
 * The state of one observation. `status` alone decides, apart from freshness:
 * *_IN_PROGRESS is pending; *_FAILED and ROLLBACK_COMPLETE (an update undone) failed;
 * other *_COMPLETE done, except for a delete, which is done only when the GET is a 404.
 *
 * A create is also cast to the conductor, which writes the cluster row and then its
 * nodegroups: until then a GET of the new UUID answers 404, and in between 400 (magnum 15
 * cannot build a cluster without nodegroups: "Invalid input for field/attribute
 * master_count"). Both mean "not there yet" until the resource has been seen once.
 */
function classifier(op: Operation, judge: Judge, before: ProgressView | null) {
  let sawInProgress = false;
  let seen = false;
  return (r: Sighting): Observation => {
    if (r === 'unready' && op === 'delete') return { state: 'pending', summary: 'nodegroups deleted, the cluster not yet' };
    if (r === 'unready' || (r === 'gone' && op === 'create' && !seen)) return { state: 'pending', summary: NOT_VISIBLE_YET };
    if (r === 'gone') {
      return op === 'delete'
        ? { state: 'done', summary: 'deleted' }
        : { state: 'failed', summary: 'deleted', failure: `${judge.subject} no longer exists.` };
    }
    seen = true;
    const status = String(r.status ?? '');
    const summary = judge.summary(r);
    if (status.endsWith('_IN_PROGRESS')) {
      sawInProgress = true;
      return { state: 'pending', summary };
    }
    const fresh =
      op === 'create' || op === 'settle' || sawInProgress || (before !== null && (status !== before.status || r.updated_at !== before.updated_at));
    if (!fresh) return { state: 'pending', summary };
    if (status.endsWith('_FAILED') || status === 'ROLLBACK_COMPLETE') {
      if (op === 'delete' && !status.startsWith('DELETE')) return { state: 'pending', summary };
      const reason = r.status_reason == null || r.status_reason === '' ? '' : `: ${String(r.status_reason)}`;
      return { state: 'failed', summary, failure: `${judge.subject} failed: ${status}${reason}${faultLines(r.faults)}` };
    }
    if (status.endsWith('_COMPLETE') && op !== 'delete') return { state: 'done', summary };
    return { state: 'pending', summary };
  };
}

/** A failed cluster's `faults` ({nodegroup: reason}), one indented line each, after the error line. */
function faultLines(faults: unknown): string {
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) return '';
  return Object.entries(faults as Record<string, unknown>)
    .map(([where, why]) => `\n  ${where}: ${String(why)}`)
    .join('');
}

/**
 * One GET as a Sighting; a 400 counts as `unready` only for a create (see classifier) and a
 * delete: Magnum 23's conductor removes a cluster's nodegroups before its row, and in between
 * a GET answers the same 400 (seen on the Magnum 23 stack).
 */
async function sight(op: Operation, fetch: () => Promise<ProgressView>): Promise<Sighting> {
  try {
    return await fetch();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return 'gone';
    if (e instanceof ApiError && e.status === 400 && (op === 'create' || op === 'delete')) return 'unready';
    throw e;
  }
}

/** `ident` is best the UUID (a name can be reused); `label` is what the user calls it. */
export function clusterTarget(client: MagnumClient, ident: string, label: string, op: Operation, before: ProgressView | null = null): WaitTarget {
  const classify = classifier(
    op,
    {
      subject: `Cluster ${label}`,
      summary: (r) => `${String(r.status)}, ${plural(r.master_count, 'master')}, ${plural(r.node_count, 'node')}`,
    },
    before,
  );
  return {
    description: `cluster ${label}`,
    observe: async () => classify(await sight(op, () => getCluster(client, ident))),
  };
}

export function nodegroupTarget(
  client: MagnumClient,
  cluster: string,
  ident: string,
  label: string,
  op: Operation,
  before: ProgressView | null = null,
): WaitTarget {
  const classify = classifier(
    op,
    {
      subject: `Nodegroup ${label}`,
      summary: (r) => `${String(r.status)}, ${plural(r.node_count, 'node')}`,
    },
    before,
  );
  return {
    description: `nodegroup ${label}`,
    observe: async () => classify(await sight(op, () => getNodegroup(client, cluster, ident))),
  };
}
