#!/usr/bin/env node
// Start-up and request overhead of our CLI beside `node -e 0`, the reference
// /usr/bin/magnum and a bare node:http client doing the same requests
// (docs/performance.md explains the method and the budgets).
//
//   npm run bench [-- --runs 15 --ref-runs 5]
//   npm run bench -- --network [--rtt 20 --runs 5 --ref-runs 3 ...]   (see bench-network.mjs)
//
// Needs the stack (OS_* set, or /tmp/magnum-stack/demo-openrc readable) for the API rows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudEnv, median } from './bench-common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUR_BIN = join(ROOT, 'bin', 'magnum');
const REFERENCE = '/usr/bin/magnum';

// `--network`: the same clients over a delayed TLS link instead (scripts/bench-network.mjs).
if (process.argv.includes('--network')) {
  await import('./bench-network.mjs');
  process.exit(process.exitCode ?? 0);
}

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer`);
  return n;
}
const RUNS = option('--runs', 15);
const REF_RUNS = option('--ref-runs', Math.min(5, RUNS));

const cloud = cloudEnv();
// Only the cached row opts in to the token cache.
delete cloud.OS_CACHE;
const home = mkdtempSync(join(tmpdir(), 'magnum-bench-home-'));
const cacheHome = mkdtempSync(join(tmpdir(), 'magnum-bench-cache-'));
// The compat harness's environment (docs/testing.md): nothing else leaks in.
const baseEnv = { ...cloud, SHELL: '/bin/bash', HOME: home, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };

// Server time, measured inside a fresh node process around the requests themselves:
// version discovery (only for an unversioned auth URL, as ours), POST /v3/auth/tokens, then the GET.
const SERVER_TIME_SCRIPT = `
const http = require('node:http');
const t0 = performance.now();
function request(method, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const e = process.env;
  const auth = e.OS_AUTH_URL.replace(/\\/+$/, '');
  const start = performance.now();
  // Ours skips discovery when the auth URL ends in /v3 (docs/configuration.md): so does this baseline.
  if (!/\\/v3$/.test(auth)) await request('GET', auth, { Accept: 'application/json' });
  const discovered = performance.now();
  const body = JSON.stringify({ auth: {
    identity: { methods: ['password'], password: { user: { name: e.OS_USERNAME, password: e.OS_PASSWORD, domain: { name: e.OS_USER_DOMAIN_NAME } } } },
    scope: { project: { name: e.OS_PROJECT_NAME, domain: { name: e.OS_PROJECT_DOMAIN_NAME } } } } });
  const tok = await request('POST', auth + '/auth/tokens', { 'Content-Type': 'application/json', Accept: 'application/json' }, body);
  const tokened = performance.now();
  if (tok.status !== 201) throw new Error('token: HTTP ' + tok.status);
  const svc = JSON.parse(tok.body).token.catalog.find((s) => s.type === 'container-infra');
  const ep = svc.endpoints.find((x) => x.interface === (e.OS_INTERFACE || 'public') && (!e.OS_REGION_NAME || x.region === e.OS_REGION_NAME));
  const res = await request('GET', ep.url.replace(/\\/+$/, '') + process.argv[1], {
    'X-Auth-Token': tok.headers['x-subject-token'], Accept: 'application/json',
    'Content-Type': 'application/json', 'OpenStack-API-Version': 'container-infra latest' });
  const done = performance.now();
  if (res.status !== 200) throw new Error('GET: HTTP ' + res.status);
  process.stdout.write(JSON.stringify({ discovery: discovered - start, token: tokened - discovered, get: done - tokened,
    total: done - start, beforeFirstRequest: start - t0 }));
})().catch((err) => { console.error(err.message); process.exit(1); });
`;

const node = process.execPath;
/** name → how to run it; `runs` is how many timed runs it gets. */
const COMMANDS = [
  { name: 'node -e 0', file: node, args: ['-e', '0'], runs: RUNS },
  { name: 'ours --version', file: node, args: [OUR_BIN, '--version'], runs: RUNS },
  { name: 'ours help', file: node, args: [OUR_BIN, 'help'], runs: RUNS },
  { name: 'ours cluster-template-list', file: node, args: [OUR_BIN, 'cluster-template-list'], runs: RUNS, api: true },
  { name: 'ours cluster-list', file: node, args: [OUR_BIN, 'cluster-list'], runs: RUNS, api: true },
  {
    name: 'ours cluster-list (cache)',
    file: node,
    args: [OUR_BIN, 'cluster-list'],
    env: { OS_CACHE: 'true', HOME: cacheHome },
    runs: RUNS,
    api: true,
    optional: true,
  },
  { name: 'bare cluster-template-list', file: node, args: ['-e', SERVER_TIME_SCRIPT, '/clustertemplates'], runs: RUNS, api: true, server: true },
  { name: 'bare cluster-list', file: node, args: ['-e', SERVER_TIME_SCRIPT, '/clusters'], runs: RUNS, api: true, server: true },
  { name: 'reference --version', file: REFERENCE, args: ['--version'], runs: REF_RUNS, reference: true },
  { name: 'reference help', file: REFERENCE, args: ['help'], runs: REF_RUNS, reference: true },
  { name: 'reference cluster-template-list', file: REFERENCE, args: ['cluster-template-list'], runs: REF_RUNS, reference: true, api: true },
  { name: 'reference cluster-list', file: REFERENCE, args: ['cluster-list'], runs: REF_RUNS, reference: true, api: true },
];

/** One timed run: wall time from spawn to exit, as a user's shell sees it. */
function runOnce(cmd) {
  const env = { ...baseEnv, ...(cmd.env ?? {}) };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.file, cmd.args, { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) return { ms, error: `exit ${r.status}: ${String(r.stderr).trim().split('\n').pop()}` };
  return { ms, stdout: String(r.stdout) };
}

const haveCloud = Boolean(cloud.OS_AUTH_URL);
const haveReference = existsSync(REFERENCE);
const active = COMMANDS.filter((c) => (haveCloud || !c.api) && (haveReference || !c.reference));
// Per command: wall times and (bare client) server times, each keyed by round so that
// overheads can be taken per round (paired) — see the `row` function below.
const samples = new Map(active.map((c) => [c.name, { times: new Map(), server: new Map(), error: undefined }]));

console.log(
  `bench: ${RUNS} runs (reference: ${REF_RUNS}), interleaved; node ${process.version}, ` +
    `${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
if (!haveCloud) console.log('no cloud (OS_AUTH_URL unset and no demo-openrc): API rows are n/a');
if (!haveReference) console.log(`${REFERENCE} missing: reference rows are n/a`);

// Warm-up (untimed): page cache, the token cache for the cached row, Python's .pyc files.
for (const cmd of active) {
  const r = runOnce(cmd);
  if (r.error) samples.get(cmd.name).error = r.error;
}

/** The rounds a command runs in: all of them, or `runs` of them spread evenly. */
function roundsFor(cmd) {
  return new Set(Array.from({ length: cmd.runs }, (_, k) => Math.floor((k * RUNS) / cmd.runs)));
}

// Interleaved rounds: every command once per round, so drifting machine load (a shared,
// noisy VM) hits all of them alike. The reference's runs are spread over the rounds.
for (let round = 0; round < RUNS; round++) {
  for (const cmd of active) {
    const s = samples.get(cmd.name);
    if (s.error && cmd.optional) continue;
    if (!roundsFor(cmd).has(round)) continue;
    const r = runOnce(cmd);
    if (r.error) {
      s.error = r.error;
      continue;
    }
    s.times.set(round, r.ms);
    if (cmd.server) s.server.set(round, JSON.parse(r.stdout));
  }
  process.stderr.write(`\rround ${round + 1}/${RUNS}`);
}
process.stderr.write('\n');
rmSync(home, { recursive: true, force: true });
rmSync(cacheHome, { recursive: true, force: true });

const med = (name) => median([...(samples.get(name)?.times.values() ?? [])]);
const serverMed = (name, key) => median([...(samples.get(name)?.server.values() ?? [])].map((x) => x[key]));
const timeAt = (name, round) => samples.get(name)?.times.get(round);
const serverAt = (name, key) => (round) => samples.get(name)?.server.get(round)?.[key];

/**
 * Our overhead, paired: for each round, ours minus the baseline measured in the same
 * round (node -e 0, plus the server time of the bare client's requests for API rows);
 * then the median. Load on a shared VM drifts over a run, and this cancels most of it.
 */
function pairedOverhead(oursName, serverOf) {
  const diffs = [];
  for (let round = 0; round < RUNS; round++) {
    const o = timeAt(oursName, round);
    const n = timeAt('node -e 0', round);
    const srv = serverOf ? serverOf(round) : 0;
    if (o !== undefined && n !== undefined && srv !== undefined) diffs.push(o - n - srv);
  }
  return median(diffs);
}
const nodeMs = med('node -e 0');

const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'n/a');
const fmtDelta = (ms) => (Number.isFinite(ms) ? `${ms >= 0 ? '+' : ''}${ms.toFixed(1)} ms` : 'n/a');

const rows = [];
function row(label, oursName, refName, serverOf, baselineLabel, budget) {
  const oursMs = med(oursName);
  const refMs = refName ? med(refName) : NaN;
  const overhead = pairedOverhead(oursName, serverOf);
  const verdict = budget === undefined ? '' : Number.isFinite(overhead) ? (overhead <= budget ? 'PASS' : 'FAIL') : 'n/a';
  rows.push({
    command: label,
    ours: fmt(oursMs),
    reference: fmt(refMs),
    ratio: Number.isFinite(refMs / oursMs) ? `${(refMs / oursMs).toFixed(1)}x` : 'n/a',
    overhead: `${fmtDelta(overhead)} over ${baselineLabel}`,
    budget: budget === undefined ? '-' : `<= ${budget} ms`,
    verdict,
  });
}

rows.push({ command: 'node -e 0', ours: fmt(nodeMs), reference: 'n/a', ratio: 'n/a', overhead: '(baseline)', budget: '-', verdict: '' });
row('--version', 'ours --version', 'reference --version', undefined, 'node -e 0', 20);
row('help', 'ours help', 'reference help', undefined, 'node -e 0', undefined);
// Server time per API command: discovery + token + GET, as the bare client measured it.
row(
  'cluster-template-list',
  'ours cluster-template-list',
  'reference cluster-template-list',
  serverAt('bare cluster-template-list', 'total'),
  'node -e 0 + server',
  30,
);
row('cluster-list', 'ours cluster-list', 'reference cluster-list', serverAt('bare cluster-list', 'total'), 'node -e 0 + server', 30);
// A warm token cache skips discovery and the token POST: compare with the GET alone.
row(
  'cluster-list, OS_CACHE=true (warm)',
  'ours cluster-list (cache)',
  'reference cluster-list',
  serverAt('bare cluster-list', 'get'),
  'node -e 0 + GET',
  undefined,
);

const headers = {
  command: 'command',
  ours: 'ours (median)',
  reference: 'reference (median)',
  ratio: 'ref/ours',
  overhead: 'our overhead',
  budget: 'budget',
  verdict: '',
};
const keys = Object.keys(headers);
const widths = keys.map((k) => Math.max(headers[k].length, ...rows.map((r) => String(r[k]).length)));
const line = (r) => `| ${keys.map((k, i) => String(r[k]).padEnd(widths[i])).join(' | ')} |`;
console.log();
console.log(line(headers));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));

console.log();
console.log('server time (median, measured in a fresh node process around the requests):');
for (const [label, name] of [
  ['cluster-template-list', 'bare cluster-template-list'],
  ['cluster-list', 'bare cluster-list'],
]) {
  const parts = ['discovery', 'token', 'get', 'total'].map((k) => `${k} ${fmt(serverMed(name, k))}`).join(', ');
  const bareOverhead = pairedOverhead(name, serverAt(name, 'total'));
  console.log(`  ${label}: ${parts}`);
  console.log(`    the bare client process: ${fmt(med(name))}, ${fmtDelta(bareOverhead)} over node -e 0 + server (the method's own floor)`);
}
for (const [name, s] of samples) {
  if (s.error) console.log(`note: ${name}: ${s.error}${COMMANDS.find((c) => c.name === name)?.optional ? ' (row shows n/a)' : ''}`);
}
const failed = rows.filter((r) => r.verdict === 'FAIL').length;
console.log(`\nbudgets: ${rows.filter((r) => r.verdict === 'PASS').length} PASS, ${failed} FAIL`);
process.exitCode = failed > 0 ? 1 : 0;
