// `npm run bench -- --network`: ours, the reference /usr/bin/magnum and `openstack coe`
// side by side over a loopback TLS link with a round-trip delay (scripts/bench-proxy.mjs),
// counting the connections, TLS handshakes, requests and round trips each makes
// (docs/performance.md, "Network mode").
//
//   npm run bench -- --network [--rtt 20] [--runs 5] [--ref-runs 3] [--json out.json]
//                              [--baseline before.json] [--only cluster-list,...]
//
// Loopback only; needs the stack (OS_* set, or its demo-openrc). It creates one cluster for
// cluster-config and five per cluster-delete run (unique `bench-<pid>-…` names, deleted
// again), so it runs for about two to four minutes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudEnv, median } from './bench-common.mjs';
import { startLinks } from './bench-proxy.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUR_BIN = join(ROOT, 'bin', 'magnum');
const REFERENCE = '/usr/bin/magnum';
const OPENSTACK = '/usr/bin/openstack';

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
}
function intOption(name, fallback) {
  const n = Number(argValue(name, fallback));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer`);
  return n;
}
const RTT = intOption('--rtt', 20);
const RUNS = intOption('--runs', 5);
const REF_RUNS = Math.min(RUNS, intOption('--ref-runs', 3));
const JSON_OUT = argValue('--json', undefined);
const BASELINE = argValue('--baseline', undefined);
const ONLY = argValue('--only', undefined)?.split(',');
const DELETE_COUNT = 5;

const cloud = cloudEnv();
if (!cloud.OS_AUTH_URL) {
  console.log('network mode needs the stack: OS_AUTH_URL is unset and there is no demo-openrc');
  process.exit(1);
}
delete cloud.OS_CACHE;

// ---- direct (unproxied) API access, for setting up and cleaning up clusters only ----
async function directToken() {
  const auth = cloud.OS_AUTH_URL.replace(/\/+$/, '');
  const res = await fetch(`${auth}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: cloud.OS_USERNAME, password: cloud.OS_PASSWORD, domain: { name: cloud.OS_USER_DOMAIN_NAME } } },
        },
        scope: { project: { name: cloud.OS_PROJECT_NAME, domain: { name: cloud.OS_PROJECT_DOMAIN_NAME } } },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`token: HTTP ${res.status}`);
  const body = await res.json();
  const svc = body.token.catalog.find((s) => s.type === 'container-infra');
  const ep = svc.endpoints.find(
    (x) => x.interface === (cloud.OS_INTERFACE || 'public') && (!cloud.OS_REGION_NAME || x.region === cloud.OS_REGION_NAME),
  );
  return { token: res.headers.get('x-subject-token'), magnum: ep.url.replace(/\/+$/, '') };
}
const api = await directToken();
async function magnum(method, path, body) {
  const res = await fetch(`${api.magnum}${path}`, {
    method,
    headers: { 'x-auth-token': api.token, 'content-type': 'application/json', 'openstack-api-version': 'container-infra latest' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const TEMPLATE = argValue('--template', 'kubernetes');
async function createCluster(name) {
  const r = await magnum('POST', '/clusters', { name, cluster_template_id: TEMPLATE, master_count: 1, node_count: 1 });
  if (r.status !== 202) throw new Error(`create ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
}
async function clusterStatus(name) {
  const r = await magnum('GET', `/clusters/${name}`);
  return r.status === 200 ? r.body.status : undefined;
}
async function clusterCount() {
  const r = await magnum('GET', '/clusters?limit=1000');
  // magnum-api 15 sometimes answers a list with HTTP 400 ("Invalid input for field/attribute
  // master_count") while clusters are being created or deleted: count it as no room yet.
  return r.status === 200 ? r.body.clusters.length : Infinity;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Polls until `ok()` or the deadline (the conductor syncs status every 10 s). */
async function until(what, ok, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting ${seconds} s for ${what}`);
    await sleep(500);
  }
}
// Magnum's default quota is 20 clusters per project, and a deleted cluster counts until the
// conductor has finished with it: wait for room rather than fail on HTTP 403.
const CLUSTER_QUOTA = 20;
/** `count` settled clusters (CREATE_COMPLETE: deleting one still being created can race the conductor). */
async function settledClusters(names) {
  await until('room in the cluster quota', async () => (await clusterCount()) + names.length <= CLUSTER_QUOTA - 1, 120);
  for (const n of names) created.add(n);
  await Promise.all(names.map(createCluster));
  await until(
    `${names.join(', ')} to be CREATE_COMPLETE`,
    async () => {
      const statuses = await Promise.all(names.map(clusterStatus));
      if (statuses.some((s) => s && s !== 'CREATE_COMPLETE' && s !== 'CREATE_IN_PROGRESS'))
        throw new Error(`set-up clusters: ${statuses.join(', ')}`);
      return statuses.every((s) => s === 'CREATE_COMPLETE');
    },
    120,
  );
}
const created = new Set();
async function cleanUp() {
  for (const name of created) {
    const status = await clusterStatus(name).catch(() => undefined);
    if (status && !status.startsWith('DELETE')) {
      const r = await magnum('DELETE', `/clusters/${name}`).catch((e) => ({ status: e.message }));
      if (r.status !== 204) console.log(`note: could not delete ${name} (${status}): ${r.status}`);
    }
  }
}

// ---- the link ----
const magnumOrigin = new URL(api.magnum).origin;
const keystoneUrl = new URL(cloud.OS_AUTH_URL);
const net = await startLinks({ keystone: keystoneUrl.origin, magnum: magnumOrigin }, RTT);
const proxiedAuthUrl = net.links.keystone.origin + keystoneUrl.pathname;
const home = mkdtempSync(join(tmpdir(), 'magnum-bench-net-'));
const env = {
  ...cloud,
  OS_AUTH_URL: proxiedAuthUrl,
  OS_CACERT: net.caFile,
  SHELL: '/bin/bash',
  HOME: home,
  PATH: '/usr/bin:/bin',
  LANG: 'C.UTF-8',
};

const CLIENTS = [
  { name: 'ours', file: process.execPath, prefix: [OUR_BIN], runs: RUNS, legacyArgs: true },
  { name: 'reference', file: REFERENCE, prefix: [], runs: REF_RUNS, legacyArgs: true, present: existsSync(REFERENCE) },
  { name: 'openstack coe', file: OPENSTACK, prefix: ['coe'], runs: REF_RUNS, present: existsSync(OPENSTACK) },
].filter((c) => c.present !== false);

/** `node -e 0` once per round: Node's own start-up under the machine's current load. */
const nodeStartup = [];
function timeNodeStartup() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('close', () => resolve(performance.now() - t0));
  });
}

/** One run: wall time from spawn to exit, stdout, and what the link saw meanwhile. */
function runOnce(client, args) {
  net.take();
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(client.file, [...client.prefix, ...args], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const seen = net.take();
      resolve({ ms, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), seen });
    });
  });
}

const pid = process.pid;
const configCluster = `bench-${pid}-config`;
const configDir = mkdtempSync(join(tmpdir(), 'magnum-bench-config-'));

/** The commands: arguments per client, and the per-run set-up they need. */
const COMMANDS = [
  {
    name: 'cluster-list',
    args: (c) => (c.legacyArgs ? ['cluster-list'] : ['cluster', 'list']),
  },
  {
    name: 'cluster-config',
    // One RTT per dependent request: token → cluster → template → certificates (CA ∥ CSR).
    dependentRequests: 4,
    args: (c) => [...(c.legacyArgs ? ['cluster-config'] : ['cluster', 'config']), configCluster, '--dir', configDir, '--force'],
  },
  {
    name: `cluster-delete ×${DELETE_COUNT}`,
    // Each run needs five fresh clusters (~10 s to create, ~10 s to go): fewer runs.
    runs: (client) => Math.min(client.runs, client.name === 'openstack coe' ? 2 : 3),
    async setUp(round, client) {
      const names = Array.from({ length: DELETE_COUNT }, (_, i) => `bench-${pid}-del-${round}-${client.name.replace(/\W+/g, '')}-${i}`);
      await settledClusters(names);
      return names;
    },
    args: (c, names) => [...(c.legacyArgs ? ['cluster-delete'] : ['cluster', 'delete']), ...names],
    // The legacy commands' stdout (the reference's do_cluster_delete).
    expectedStdout: (c, names) => (c.legacyArgs ? names.map((n) => `Request to delete cluster ${n} has been accepted.\n`).join('') : undefined),
  },
].filter((c) => !ONLY || ONLY.includes(c.name) || ONLY.includes(c.name.split(' ')[0]));

console.log(
  `bench --network: ${RTT} ms round trip over TLS, ${RUNS} runs (reference, openstack coe: ${REF_RUNS}), interleaved; ` +
    `node ${process.version}, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
console.log(`clients: ${CLIENTS.map((c) => c.name).join(', ')}; auth URL through the link: ${proxiedAuthUrl}`);

let exitCode = 0;
const results = new Map(); // `${command}|${client}` → runs
try {
  if (COMMANDS.some((c) => c.name === 'cluster-config')) {
    await settledClusters([configCluster]);
  }
  // Warm-up (untimed): page cache, .pyc files; one run of each client's cluster-list.
  // (Not COMMANDS[0]: with `--only cluster-delete` that one needs names set up first.)
  for (const client of CLIENTS) await runOnce(client, client.legacyArgs ? ['cluster-list'] : ['cluster', 'list']);

  // Two phases: the commands that need no set-up first, then the deletes. The deletes keep
  // the conductor busy (five clusters created and deleted per run), which slows magnum-api for
  // whoever runs next; in their own phase that load falls on every client alike. Within a
  // round the clients take turns going first.
  const phases = [COMMANDS.filter((c) => !c.setUp), COMMANDS.filter((c) => c.setUp)];
  for (const [p, phase] of phases.entries()) {
    if (phase.length === 0) continue;
    for (let round = 0; round < RUNS; round++) {
      const order = CLIENTS.map((_, i) => CLIENTS[(i + round) % CLIENTS.length]);
      for (const cmd of phase) {
        for (const client of order) {
          const runs = cmd.runs?.(client) ?? client.runs;
          const spread = new Set(Array.from({ length: runs }, (_, k) => Math.floor((k * RUNS) / runs)));
          if (!spread.has(round)) continue;
          const data = cmd.setUp ? await cmd.setUp(round, client) : undefined;
          const r = await runOnce(client, cmd.args(client, data));
          const expected = cmd.expectedStdout?.(client, data);
          r.stdoutAsExpected = expected === undefined ? undefined : r.stdout === expected;
          const key = `${cmd.name}|${client.name}`;
          if (!results.has(key)) results.set(key, []);
          results.get(key).push(r);
        }
      }
      nodeStartup.push(await timeNodeStartup());
      process.stderr.write(`\rphase ${p + 1}/${phases.length}, round ${round + 1}/${RUNS}`);
    }
  }
  process.stderr.write('\n');
} finally {
  await cleanUp();
  await net.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
}

// ---- the table ----
const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : 'n/a');
const summary = {};
const rows = [];
for (const cmd of COMMANDS) {
  for (const client of CLIENTS) {
    const runs = results.get(`${cmd.name}|${client.name}`) ?? [];
    const ok = runs.filter((r) => r.code === 0);
    const failed = runs.length - ok.length;
    const last = ok.at(-1)?.seen;
    const per = last?.per ?? {};
    const sum = (k) => Object.values(per).reduce((a, p) => a + p[k], 0);
    const s = {
      wallMs: median(ok.map((r) => r.ms)),
      serverMs: median(ok.map((r) => r.seen.serverMs)),
      connections: last ? sum('connections') : NaN,
      tlsFull: last ? sum('tlsFull') : NaN,
      tlsResumed: last ? sum('tlsResumed') : NaN,
      handshakesPerHost: last ? Object.fromEntries(Object.entries(per).map(([h, p]) => [h, p.tlsFull + p.tlsResumed])) : {},
      requests: last ? sum('requests') : NaN,
      roundTrips: last ? sum('flights') : NaN,
      runs: ok.length,
      failed,
      stdoutAsExpected: runs.every((r) => r.stdoutAsExpected !== false),
      firstError: runs
        .find((r) => r.code !== 0)
        ?.stderr.trim()
        .split('\n')
        .pop(),
    };
    summary[`${cmd.name}|${client.name}`] = s;
    rows.push({
      command: cmd.name,
      client: client.name,
      wall: fmt(s.wallMs),
      server: fmt(s.serverMs),
      conns: String(s.connections),
      tls: `${s.tlsFull}+${s.tlsResumed}`,
      requests: String(s.requests),
      rtts: String(s.roundTrips),
      runs: failed ? `${s.runs} (+${failed} failed)` : String(s.runs),
    });
  }
}
const headers = {
  command: 'command',
  client: 'client',
  wall: 'wall (median)',
  server: 'server time',
  conns: 'TCP conns',
  tls: 'TLS full+resumed',
  requests: 'requests',
  rtts: 'round trips',
  runs: 'runs',
};
const keys = Object.keys(headers);
const widths = keys.map((k) => Math.max(headers[k].length, ...rows.map((r) => r[k].length)));
const line = (r) => `| ${keys.map((k, i) => r[k].padEnd(widths[i])).join(' | ')} |`;
console.log();
console.log(line(headers));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`node -e 0 (median of one per round): ${fmt(median(nodeStartup))}`);
for (const [key, s] of Object.entries(summary)) if (s.firstError) console.log(`note: ${key.replace('|', ', ')}: ${s.firstError}`);

// ---- budgets (issue 13) ----
const verdicts = [];
function budget(label, pass, detail) {
  verdicts.push(pass);
  console.log(`${pass === undefined ? 'n/a ' : pass ? 'PASS' : 'FAIL'}  ${label}: ${detail}`);
}
console.log();
const list = summary['cluster-list|ours'];
const listRef = summary['cluster-list|reference'];
if (list) {
  const perHost = Object.values(list.handshakesPerHost);
  budget(
    'cluster-list: one TLS handshake per host',
    perHost.length ? perHost.every((n) => n === 1) : undefined,
    Object.entries(list.handshakesPerHost)
      .map(([h, n]) => `${h} ${n}`)
      .join(', '),
  );
  if (listRef) {
    const ratio = listRef.wallMs / list.wallMs;
    budget(
      'cluster-list: >= 3x faster than the reference',
      Number.isFinite(ratio) ? ratio >= 3 : undefined,
      `${fmt(listRef.wallMs)} / ${fmt(list.wallMs)} = ${ratio.toFixed(2)}x`,
    );
  }
}
const config = summary['cluster-config|ours'];
if (config) {
  const deps = COMMANDS.find((c) => c.name === 'cluster-config').dependentRequests;
  const limit = 1.3 * (config.serverMs + deps * RTT);
  budget(
    'cluster-config: <= 1.3 x (server time + one RTT per dependent request)',
    Number.isFinite(config.wallMs) ? config.wallMs <= limit : undefined,
    `${fmt(config.wallMs)} vs 1.3 x (${fmt(config.serverMs)} + ${deps} x ${RTT} ms) = ${fmt(limit)}`,
  );
}
const delName = `cluster-delete ×${DELETE_COUNT}`;
const del = summary[`${delName}|ours`];
if (del) {
  budget(
    `${delName}: stdout as the reference prints it`,
    del.runs > 0 ? del.stdoutAsExpected : undefined,
    del.stdoutAsExpected ? 'every run' : 'differs',
  );
  const before = BASELINE ? JSON.parse(readFileSync(BASELINE, 'utf8')).summary?.[`${delName}|ours`] : undefined;
  if (before) {
    const ratio = before.wallMs / del.wallMs;
    budget(
      `${delName}: >= 3x faster than before (${BASELINE})`,
      Number.isFinite(ratio) ? ratio >= 3 : undefined,
      `${fmt(before.wallMs)} / ${fmt(del.wallMs)} = ${ratio.toFixed(2)}x`,
    );
  } else {
    budget(`${delName}: >= 3x faster than before`, undefined, 'no --baseline given');
  }
}
const failedBudgets = verdicts.filter((v) => v === false).length;
console.log(
  `\nbudgets: ${verdicts.filter((v) => v === true).length} PASS, ${failedBudgets} FAIL, ${verdicts.filter((v) => v === undefined).length} n/a`,
);
if (JSON_OUT) {
  const meta = { rtt: RTT, runs: RUNS, refRuns: REF_RUNS, node: process.version, nodeStartupMs: median(nodeStartup), date: new Date().toISOString() };
  writeFileSync(JSON_OUT, `${JSON.stringify({ ...meta, summary }, null, 2)}\n`);
  console.log(`wrote ${JSON_OUT}`);
}
if (failedBudgets > 0 || exitCode) process.exitCode = 1;
