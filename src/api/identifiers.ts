/**
 * Identifiers the user types that become one segment of a Magnum URL path
 * (`/clusters/<cluster>/nodegroups/<nodegroup>`). No such value may change which URL is
 * called, so every path segment is built here (seg() in client.ts) and a few values are
 * refused outright, before any request:
 *
 * - `.` and `..`: URL resolution turns `/clusters/k8s/nodegroups/..` into `/clusters/k8s/`
 *   (the WHATWG URL parser does this on `%2e%2e` too, so encoding cannot help): a
 *   nodegroup-delete would delete the cluster, a cluster-show would print the list;
 * - the empty string and whitespace only: `/clusters/` is the collection;
 * - anything containing `/`: Magnum decodes `%2F` before routing, so
 *   `cluster-show 'k8s/nodegroups/default-worker'` shows a nodegroup (seen on Magnum 15);
 *   no resource can be named through such a value, so refusing it loses nothing.
 *
 * Everything else is percent-encoded (encodeURIComponent: all but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`),
 * so `#`, `?`, `%`, spaces and non-ASCII characters reach the server as part of the name
 * (README, deliberate differences). Names Magnum itself creates match
 * `^[a-zA-Z][a-zA-Z0-9_.-]*$` and UUIDs are hex, but other clients may have created odd
 * names, which reads must still reach; so nothing else is refused.
 */
import { CommandError } from '../errors';

/** What a path segment names, as the error message says it. */
export const IDENTIFIER = {
  cluster: 'cluster name or ID',
  clusterTemplate: 'cluster template name or ID',
  nodegroup: 'nodegroup name or ID',
  projectId: 'project ID',
  quotaResource: 'quota resource',
} as const;

export type IdentifierKind = (typeof IDENTIFIER)[keyof typeof IDENTIFIER];

/** Why `value` cannot be a path segment, or null when it can. */
export function unsafeSegmentReason(value: string): string | null {
  if (value === '') return 'it is empty';
  if (value.trim() === '') return 'it is only whitespace';
  if (value === '.' || value === '..') return '"." and ".." are URL path steps, so the request would go to another URL';
  if (value.includes('/')) return 'Magnum reads "/" as a path separator, so the request would go to another URL';
  return null;
}

/** Throws the one-line error for a value that must not become a path segment. */
export function checkPathSegment(value: string, what: IdentifierKind): void {
  const reason = unsafeSegmentReason(value);
  if (reason !== null) throw new CommandError(`Invalid ${what} ${JSON.stringify(value)}: ${reason}.`);
}

/** One checked, percent-encoded path segment. */
export function pathSegment(value: string, what: IdentifierKind): string {
  checkPathSegment(value, what);
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone UTF-16 surrogate (not from a shell, but from a server reply) cannot be encoded.
    throw new CommandError(`Invalid ${what} ${JSON.stringify(value)}: it is not valid Unicode.`);
  }
}

/** A command argument that becomes a path segment; `emptyIsMissing` leaves '' to the command (ca-*: Python's truthiness, MissingArgs). */
export type PathArg = IdentifierKind | { what: IdentifierKind; emptyIsMissing: true };

/**
 * The early check of a command's path arguments (dest → what), run by src/cli.ts before
 * it authenticates, so a refused value costs no Keystone round trip. A list (nargs '+')
 * is checked whole before the first request: a delete loop never starts half-way.
 */
export function checkPathArgs(pathArgs: Readonly<Record<string, PathArg>>, values: Readonly<Record<string, unknown>>): void {
  for (const [dest, arg] of Object.entries(pathArgs)) {
    const what = typeof arg === 'string' ? arg : arg.what;
    const given = values[dest];
    const list = Array.isArray(given) ? given : [given];
    for (const value of list) {
      if (typeof value !== 'string') continue;
      if (value === '' && typeof arg !== 'string') continue;
      checkPathSegment(value, what);
    }
  }
}
