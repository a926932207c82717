// NodeTransport's connection reuse (issue 13): kept-alive connections, and a TLS session
// resumed when a new connection to the same host is needed, directly and through a
// CONNECT tunnel. A loopback https server counts connections and resumed handshakes.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeTransport } from '../../src/http/node-transport';
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
