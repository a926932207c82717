// A 50,000-template `cluster-template-list --detail` through the built CLI under a 128 MB
// heap (issue 13; docs/performance.md, Large lists): pages are rendered as they arrive,
// so the list is never held as objects. The expected bytes come from the whole-list
// renderer (the one the golden tests compare with the reference), run in this process.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETAIL_COLUMNS } from '../../src/commands/cluster-template-list';
import type { IOStreams } from '../../src/context';
import { formatRenderer, type OutputFormat } from '../../src/output/render';
import { cliPath } from '../support/run-cli';
import { runProcess } from '../support/run-process';

const TOTAL = 50_000;
const PAGE = 1000; // magnum's default [api] max_limit

/** Template i as magnum-api 15 shows it under /clustertemplates/detail (values vary in width and type). */
function template(i: number, base: string): Record<string, unknown> {
  const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    insecure_registry: null,
    links: [{ href: `${base}/v1/clustertemplates/${uuid}`, rel: 'self' }],
    http_proxy: i % 10 === 0 ? 'http://proxy.example:3128' : null,
    updated_at: null,
    floating_ip_enabled: true,
    fixed_subnet: null,
    master_flavor_id: 'm1.medium',
    uuid,
    no_proxy: null,
    https_proxy: null,
    tls_disabled: i % 7 === 0,
    keypair_id: 'mykey',
    public: i % 2 === 0,
    labels: { kube_tag: 'v1.27.3', boot_volume_size: String(10 + (i % 50)), zone: 'nova' },
    docker_volume_size: 10 + (i % 5),
    server_type: 'vm',
    external_network_id: 'public',
    cluster_distro: 'fedora-coreos',
    image_id: 'fedora-coreos-35',
    volume_driver: null,
    registry_enabled: false,
    docker_storage_driver: 'overlay2',
    apiserver_port: null,
    name: i % 97 === 0 ? `template-${i}-ü` : `template-${i}`,
    created_at: '2026-11-25T10:00:00+00:00',
    network_driver: 'flannel',
    fixed_network: null,
    coe: 'kubernetes',
    flavor_id: 'm1.small',
    master_lb_enabled: false,
    dns_nameserver: '8.8.8.8',
    hidden: false,
    tags: null,
  };
}

/** GET /v1/clustertemplates/detail with limit and marker, as magnum pages it (`next` while a page is full). */
async function bigMagnum(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const limit = Math.min(Number(url.searchParams.get('limit') ?? PAGE), PAGE);
    const marker = url.searchParams.get('marker');
    const start = marker === null ? 0 : Number(marker.slice(-12)) + 1;
    const items = [];
    for (let i = start; i < Math.min(start + limit, TOTAL); i++) items.push(template(i, base));
    const body: Record<string, unknown> = { clustertemplates: items };
    if (items.length === limit) body.next = `${base}/v1/clustertemplates/detail?limit=${limit}&marker=${String(items.at(-1)?.uuid)}`;
    const text = JSON.stringify(body);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

/** The whole-list rendering, in this process (digest and line count; the text is ~40-70 MB). */
function expected(base: string, format: OutputFormat): { sha: string; lines: number } {
  const items = Array.from({ length: TOTAL }, (_, i) => template(i, base));
  const hash = createHash('sha256');
  let lines = 0;
  const io: IOStreams = {
    out: (s) => {
      hash.update(s);
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
    },
    err: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  formatRenderer(io, { format, columns: [] }).list(items, DETAIL_COLUMNS);
  return { sha: hash.digest('hex'), lines };
}

function digest(text: string): { sha: string; lines: number } {
  return { sha: createHash('sha256').update(text).digest('hex'), lines: text.split('\n').length - 1 };
}

let magnum: { server: Server; url: string };
beforeAll(async () => {
  magnum = await bigMagnum();
});
afterAll(() => new Promise<void>((r) => magnum.server.close(() => r())));

describe('a 50,000-template --detail listing under --max-old-space-size=128', () => {
  const run = (extra: string[]) =>
    runProcess(
      process.execPath,
      [
        '--max-old-space-size=128',
        cliPath,
        '--os-token',
        'tok',
        '--os-endpoint-override',
        magnum.url,
        'cluster-template-list',
        '--detail',
        '--limit',
        String(TOTAL),
        ...extra,
      ],
      { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), LANG: 'C.UTF-8' }, timeoutMs: 120_000 },
    );
  const base = () => magnum.url.replace(/\/v1$/, '');

  it('prints the table, byte for byte', async () => {
    const r = await run([]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(digest(r.stdout)).toEqual(expected(base(), 'table'));
    expect(digest(r.stdout).lines).toBe(TOTAL + 4);
  }, 180_000);

  it('prints -f json, byte for byte (a valid array of every template)', async () => {
    const r = await run(['-f', 'json']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(digest(r.stdout)).toEqual(expected(base(), 'json'));
    const parsed = JSON.parse(r.stdout) as { uuid: string }[];
    expect(parsed.length).toBe(TOTAL);
    expect(parsed[TOTAL - 1].uuid).toBe(`00000000-0000-4000-8000-${String(TOTAL - 1).padStart(12, '0')}`);
  }, 180_000);
});
