/**
 * Creating and deleting uniquely named cloud resources for compat/acceptance cases.
 * Resources are made through OUR CLI; a command ours does not implement yet falls
 * back to the reference client (so a case's setup never depends on the feature it
 * tests being finished). Every helper throws with the CLI's output when it fails.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { applyOverrides, baseEnv, freshTempDir, runOurs, runReference, type EnvOverrides, type ProcessResult } from './processes';

/** `<prefix>-<6 hex>`: unique enough for a shared cloud, short enough for table widths. */
export function uniqueName(prefix = 'compat'): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export interface CliOptions {
  env?: EnvOverrides;
  cwd?: string;
  stdin?: string;
  /** Force a side; default: ours when it implements argv[0], else the reference. */
  via?: 'ours' | 'reference';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const implemented = new Map<string, boolean>();

/** Whether our CLI has `command` (`magnum help <command>` exits 0). */
export async function oursImplements(command: string): Promise<boolean> {
  const known = implemented.get(command);
  if (known !== undefined) return known;
  const r = await cli(['help', command], { via: 'ours' });
  implemented.set(command, r.code === 0);
  return r.code === 0;
}

/** Runs a CLI with the compat environment (a throwaway HOME; cwd a throwaway dir unless given). */
export async function cli(argv: readonly string[], opts: CliOptions = {}): Promise<ProcessResult> {
  const home = freshTempDir('magnum-cli-home-');
  const cwd = opts.cwd ?? home;
  try {
    const via = opts.via ?? ((await oursImplements(argv[0])) ? 'ours' : 'reference');
    const run = via === 'ours' ? runOurs : runReference;
    return await run(argv, { cwd, env: applyOverrides(baseEnv(home), opts.env), stdin: opts.stdin });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function failure(what: string, r: ProcessResult): Error {
  return new Error(`${what} failed (exit ${r.code})\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
}

/** A prettytable `| Property | Value |` table as a map (first line of each value). */
export function parseShowTable(stdout: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^\| (\S+)\s*\| (.*?)\s*\|$/.exec(line);
    if (m && !rows.has(m[1])) rows.set(m[1], m[2]);
  }
  return rows;
}

export interface ClusterOptions {
  template?: string;
  nodeCount?: number;
  /** More cluster-create arguments, e.g. ['--labels', 'a=b']. */
  args?: string[];
  /** Wait until the cluster reaches CREATE_COMPLETE (default false). */
  waitComplete?: boolean;
}

/** Creates a cluster named `name` (positional name form); returns its uuid. */
export async function createCluster(name: string, opts: ClusterOptions = {}): Promise<string> {
  const argv = ['cluster-create', name, '--cluster-template', opts.template ?? 'kubernetes'];
  if (opts.nodeCount !== undefined) argv.push('--node-count', String(opts.nodeCount));
  argv.push(...(opts.args ?? []));
  const r = await cli(argv);
  const m = /Request to create cluster (\S+) has been accepted\./.exec(r.stdout);
  if (r.code !== 0 || !m) throw failure(`magnum ${argv.join(' ')}`, r);
  if (opts.waitComplete) await waitForClusterStatus(name, ['CREATE_COMPLETE']);
  return m[1];
}

/**
 * The cluster's fields (cluster-show), or undefined when it does not exist. Retries
 * other errors a few times: right after a create, magnum 15 briefly answers GET with
 * `400 Invalid input for field/attribute master_count` (its nodegroups are not written
 * yet), which must not fail a cleanup.
 */
export async function showCluster(name: string): Promise<Map<string, string> | undefined> {
  for (let attempt = 1; ; attempt++) {
    const r = await cli(['cluster-show', name]);
    if (r.code === 0) return parseShowTable(r.stdout);
    if (/could not be found/.test(r.stderr)) return undefined;
    if (attempt >= 5) throw failure(`magnum cluster-show ${name}`, r);
    await sleep(1000);
  }
}

export async function clusterStatus(name: string): Promise<string | undefined> {
  return (await showCluster(name))?.get('status');
}

/**
 * Polls until the cluster's status is one of `wanted` (throws on a *_FAILED status
 * that was not wanted, or after `timeoutMs`, default 120 s). Returns the status.
 */
export async function waitForClusterStatus(name: string, wanted: string[], timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status: string | undefined;
  for (;;) {
    status = await clusterStatus(name);
    if (status !== undefined && wanted.includes(status)) return status;
    if (status?.endsWith('_FAILED')) throw new Error(`cluster ${name} is ${status}, wanted ${wanted.join('/')}`);
    if (Date.now() > deadline) throw new Error(`cluster ${name} is still ${status ?? 'absent'} after ${timeoutMs} ms`);
    await sleep(2000);
  }
}

/**
 * Deletes a cluster if it exists and (by default) waits until it is gone. Safe to call
 * for a name that was never created (a cleanup after a failed create).
 */
export async function deleteCluster(name: string, opts: { wait?: boolean; timeoutMs?: number } = {}): Promise<void> {
  if ((await showCluster(name)) === undefined) return;
  const r = await cli(['cluster-delete', name]);
  if (!/has been accepted/.test(r.stdout)) throw failure(`magnum cluster-delete ${name}`, r);
  if (opts.wait === false) return;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while ((await showCluster(name)) !== undefined) {
    if (Date.now() > deadline) throw new Error(`cluster ${name} still exists after delete`);
    await sleep(2000);
  }
}

/** Deletes every cluster whose name is in `names` (cleanup for cases that create per side). */
export async function deleteClusters(names: readonly string[]): Promise<void> {
  for (const name of names) await deleteCluster(name);
}

/**
 * Creates a private cluster template copying the seeded `kubernetes` settings
 * (image fedora-atomic-25, external network public, flavors m1.medium); `args` adds or
 * overrides options (e.g. ['--coe', 'swarm'], ['--tls-disabled']).
 */
export async function createClusterTemplate(name: string, args: string[] = []): Promise<void> {
  const argv = [
    'cluster-template-create',
    name,
    '--image',
    'fedora-atomic-25',
    '--external-network',
    'public',
    '--flavor',
    'm1.medium',
    '--master-flavor',
    'm1.medium',
    ...(args.includes('--coe') ? [] : ['--coe', 'kubernetes']),
    ...args,
  ];
  const r = await cli(argv);
  if (r.code !== 0 || /failed/i.test(r.stdout)) throw failure(`magnum ${argv.join(' ')}`, r);
}

export async function deleteClusterTemplate(name: string): Promise<void> {
  const shown = await cli(['cluster-template-show', name]);
  if (shown.code !== 0) return;
  const r = await cli(['cluster-template-delete', name]);
  if (!/has been accepted/.test(r.stdout)) throw failure(`magnum cluster-template-delete ${name}`, r);
}
