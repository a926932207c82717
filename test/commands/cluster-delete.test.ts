import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { runCli } from '../support/run-cli';
import { magnumCalls } from './recorded';

const f = useFakeCloud();
const REQUEST_ID = /\(Request-ID: req-[0-9a-f-]{36}\)/g;

describe('cluster-delete', () => {
  it('deletes several clusters, one accepted line each', async () => {
    const a = f.cloud.seedCluster({ name: 'a' });
    f.cloud.seedCluster({ name: 'b' });
    const since = f.cloud.requests.length;
    const r = await f.magnum(['cluster-delete', 'b', a.uuid]);
    expect(r).toEqual({
      stdout: `Request to delete cluster b has been accepted.\nRequest to delete cluster ${a.uuid} has been accepted.\n`,
      stderr: '',
      code: 0,
    });
    expect(magnumCalls(f.cloud, since)).toEqual(['DELETE /v1/clusters/b', `DELETE /v1/clusters/${a.uuid}`]);
  });

  it('goes on after a failure, prints the reference line and exits 1', async () => {
    f.cloud.seedCluster({ name: 'c' });
    const r = await f.magnum(['cluster-delete', 'nope', 'c']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.replace(REQUEST_ID, '(Request-ID: <id>)')).toBe(
      'Delete for cluster nope failed: Cluster nope could not be found (HTTP 404) (Request-ID: <id>)\n' +
        'Request to delete cluster c has been accepted.\n',
    );
  });

  it('needs at least one cluster (usage error, exit 2)', async () => {
    const r = await f.magnum(['cluster-delete']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'usage: magnum cluster-delete <cluster> [<cluster> ...]\n' +
        'error: the following arguments are required: <cluster>\n' +
        "Try 'magnum help cluster-delete' for more information.\n",
      code: 2,
    });
  });
});

describe('cluster-delete of several clusters, concurrently', () => {
  /**
   * A magnum that holds every DELETE until `hold` are in flight (or no more can come), then
   * answers the held ones last-in first-out: the replies arrive out of order. It records
   * the most requests it ever had in flight at once.
   */
  async function outOfOrderMagnum(hold: number, missing: Set<string>) {
    const held: { name: string; res: ServerResponse }[] = [];
    const seen = { inFlight: 0, most: 0, order: [] as string[] };
    const answer = ({ name, res }: { name: string; res: ServerResponse }) => {
      seen.inFlight--;
      if (missing.has(name)) {
        const title = `Cluster ${name} could not be found`;
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ request_id: '', code: 'client', status: 404, title, detail: `${title}.`, links: [] }] }));
      } else {
        res.writeHead(204);
        res.end();
      }
    };
    let timer: NodeJS.Timeout | undefined;
    const release = () => {
      clearTimeout(timer);
      for (const h of held.splice(0).reverse()) answer(h);
    };
    const server = createServer((req, res) => {
      const name = decodeURIComponent((req.url ?? '').replace(/^\/v1\/clusters\//, ''));
      seen.order.push(`${req.method} ${name}`);
      seen.inFlight++;
      seen.most = Math.max(seen.most, seen.inFlight);
      held.push({ name, res });
      // The last requests of a run never fill the window: a short timer lets them go.
      clearTimeout(timer);
      if (held.length >= hold) release();
      else timer = setTimeout(release, 200);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('sends 8 at a time, prints the lines in the order given, failures included', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `c${i}`);
    const magnum = await outOfOrderMagnum(8, new Set(['c2', 'c9']));
    try {
      const r = await runCli(['--os-token', 'tok', '--os-endpoint-override', magnum.url, 'cluster-delete', ...names]);
      const line = (n: string) =>
        n === 'c2' || n === 'c9'
          ? `Delete for cluster ${n} failed: Cluster ${n} could not be found (HTTP 404)\n`
          : `Request to delete cluster ${n} has been accepted.\n`;
      expect(r).toEqual({ stdout: names.map(line).join(''), stderr: '', code: 1 });
      expect(magnum.seen.most).toBe(8);
      expect([...magnum.seen.order].sort()).toEqual(names.map((n) => `DELETE ${n}`).sort());
    } finally {
      await magnum.close();
    }
  });

  it('sends a name given twice only after its first occurrence was answered, as the reference would', async () => {
    const magnum = await outOfOrderMagnum(8, new Set());
    try {
      const r = await runCli(['--os-token', 'tok', '--os-endpoint-override', magnum.url, 'cluster-delete', 'd', 'd']);
      expect(r).toEqual({ stdout: 'Request to delete cluster d has been accepted.\n'.repeat(2), stderr: '', code: 0 });
      expect(magnum.seen).toMatchObject({ most: 1, order: ['DELETE d', 'DELETE d'] });
    } finally {
      await magnum.close();
    }
  });
});
