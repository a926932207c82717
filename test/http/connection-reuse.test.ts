// NodeTransport's connection reuse (issue 13): kept-alive connections, and a TLS session
// resumed when a new connection to the same host is needed, directly and through a
// CONNECT tunnel. A loopback https server counts connections and resumed handshakes.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeTransport } from '../../src/http/node-transport';
import { exchange } from '../../src/http/exchange';
import { TransportError } from '../../src/http/transport';
import { makePki, type Pki } from '../support/tls-front';
import { startLoopbackProxy, type LoopbackProxy } from './loopback-proxy';

let pki: Pki;
let server: Server;
let url: string;
let proxy: LoopbackProxy;
const handshakes: { resumed: boolean }[] = [];

beforeAll(async () => {
  pki = await makePki();
  // Connection: close for paths starting /close (so the next request needs a new connection).
  server = createServer({ cert: pki.serverCert, key: pki.serverKey }, (req, res) => {
    const close = (req.url ?? '').startsWith('/close');
    res.writeHead(200, { 'Content-Type': 'application/json', ...(close ? { Connection: 'close' } : {}) });
    res.end('{}');
  });
  server.on('secureConnection', (s: TLSSocket) => handshakes.push({ resumed: s.isSessionReused() }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy = await startLoopbackProxy();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await proxy.close();
  await pki.close();
});

const get = (t: NodeTransport, path: string) => t.send({ method: 'GET', url: `${url}${path}`, headers: {} });

describe.each([
  ['directly', () => new NodeTransport({ caFile: pki.caFile })],
  ['through a CONNECT tunnel', () => new NodeTransport({ caFile: pki.caFile, proxy: { httpsProxy: proxy.url } })],
])('%s', (name, make) => {
  it('sends three requests over one connection', async () => {
    const t = make();
    handshakes.length = 0;
    proxy.seen.length = 0;
    for (const path of ['/a', '/b', '/c']) expect((await get(t, path)).status).toBe(200);
    t.close();
    expect(handshakes).toHaveLength(1);
    expect(proxy.seen.length).toBe(name === 'directly' ? 0 : 1);
  });

  it('resumes the TLS session on a new connection to the same host', async () => {
    const t = make();
    handshakes.length = 0;
    for (const path of ['/close-1', '/close-2']) expect((await get(t, path)).status).toBe(200);
    t.close();
    expect(handshakes).toEqual([{ resumed: false }, { resumed: true }]);
  });
});

describe('the connect timeout', () => {
  it('ends a TLS handshake that never completes, before the total deadline', async () => {
    // Accepts TCP and never says a word: the handshake cannot finish.
    const silent = createNetServer(() => {});
    const held = new Set<import('node:net').Socket>();
    silent.on('connection', (s) => held.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const target = `https://127.0.0.1:${(silent.address() as AddressInfo).port}/v3`;
    const t = new NodeTransport({ caFile: pki.caFile, timeoutMs: 10_000, connectTimeoutMs: 300 });
    const started = Date.now();
    await expect(t.send({ method: 'GET', url: target, headers: {} })).rejects.toMatchObject({
      kind: 'timeout',
      message: 'not connected within 0.3 s',
    });
    expect(Date.now() - started).toBeLessThan(3000);
    t.close();
    for (const s of held) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('does not cut a connected request that waits for its reply', async () => {
    const t = new NodeTransport({ caFile: pki.caFile, timeoutMs: 10_000, connectTimeoutMs: 300 });
    const slow = createServer({ cert: pki.serverCert, key: pki.serverKey }, (_req, res) => {
      setTimeout(() => res.end('{}'), 600);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const r = await t.send({ method: 'GET', url: `https://127.0.0.1:${(slow.address() as AddressInfo).port}/`, headers: {} });
    expect(r.status).toBe(200);
    t.close();
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });
});

// close() ends the run's connections. A request still in flight then fails at once: it must
// not look like a server's reset to exchange(), which would retry a GET on a new connection
// (and keep the finished run alive until that answers).
describe('close() with a request in flight', () => {
  it('fails the request, and it is not sent again', async () => {
    const seen: string[] = [];
    const held = createHttpServer((req) => seen.push(req.url ?? '')); // never answers
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    try {
      const t = new NodeTransport();
      const pending = exchange(
        t,
        { method: 'GET', url: `http://127.0.0.1:${(held.address() as AddressInfo).port}/held`, headers: {} },
        { retry: { attempts: 4, firstWaitMs: 1, maxWaitMs: 10, budgetMs: 100 } },
      );
      const outcome = pending.then(
        () => 'answered',
        (e: unknown) => (e instanceof TransportError ? `TransportError ${e.kind}` : String(e)),
      );
      while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
      t.close();
      expect(await outcome).toBe('TransportError closed');
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual(['/held']);
      await expect(t.send({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {} })).rejects.toMatchObject({ kind: 'closed' });
    } finally {
      held.closeAllConnections();
      await new Promise<void>((resolve) => held.close(() => resolve()));
    }
  });
});
