// A loopback "wide-area link" for `npm run bench -- --network` (docs/performance.md):
// a TLS-terminating reverse proxy in front of one plain-HTTP service (Keystone or Magnum),
// reached through a TCP layer that delays every byte by half a round trip each way.
//
//   client ──TCP, +RTT/2 each way──▶ delay layer ──loopback──▶ TLS + HTTP front ──HTTP──▶ service
//
// Why two layers: the delay must sit *below* TLS so that a handshake costs the round trips
// it costs on a real network (TLS 1.3: one; plus one for TCP's own handshake, modelled by
// holding a connection's first bytes one extra RTT). The front speaks HTTP/1.1 keep-alive
// to the client whatever the service does (the stack's uwsgi closes every connection; a
// real deployment's haproxy or Apache front keeps client connections open), so a client that
// reuses connections is able to, and one that does not pays for it.
//
// The front rewrites the services' own URLs in reply bodies and Location headers (the
// Keystone catalog and version document, Magnum's `next` links) to the proxied https
// ones, so every client, ours and the reference alike, goes through the link for every
// request: nothing can reach the service directly by following a link.
//
// It counts, per measured run: TCP connections, TLS handshakes (full and resumed), HTTP
// requests, client "flights" (a client→server burst after the server last spoke: one
// round trip each, plus one per connection for TCP's handshake), and the server time
// (the union of the intervals in which at least one request was waiting on the service).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway CA and a server certificate for 127.0.0.1, made with the system openssl. */
export function makeCertificates() {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-bench-tls-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const run = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ca = join(dir, 'ca.pem');
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    ca,
    '-subj',
    '/CN=bench-ca',
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  run(['req', ...ec, '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.csr'), '-subj', '/CN=127.0.0.1']);
  run([
    'x509',
    '-req',
    '-in',
    join(dir, 'server.csr'),
    '-CA',
    ca,
    '-CAkey',
    join(dir, 'ca.key'),
    '-set_serial',
    '1',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    join(dir, 'server.ext'),
    '-out',
    join(dir, 'server.pem'),
  ]);
  return {
    caFile: ca,
    cert: readFileSync(join(dir, 'server.pem')),
    key: readFileSync(join(dir, 'server.key')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/** Bytes from `from` written to `to` `delayMs` later, in order, `end` included. */
function delayedPipe(from, to, delayMs, extraFirstMs, onChunk) {
  let last = 0;
  let first = true;
  const at = () => {
    const t = Math.max(performance.now() + delayMs + (first ? extraFirstMs : 0), last);
    first = false;
    last = t;
    return t - performance.now();
  };
  from.on('data', (chunk) => {
    onChunk();
    setTimeout(() => to.writable && to.write(chunk), at());
  });
  from.on('end', () => setTimeout(() => to.end(), at()));
  from.on('error', () => to.destroy());
  to.on('error', () => from.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), at()));
}

/**
 * One proxied service. `upstream` is its http://host:port; `rewrite` (set after all links
 * exist) maps each service's own origin to its proxied origin.
 */
export async function startLink({ upstream, rttMs, tls }) {
  const up = new URL(upstream);
  const stats = freshStats();
  const busy = []; // [start, end] of each request's wait on the service
  let rewrites = [];

  const front = createHttpsServer({ cert: tls.cert, key: tls.key, keepAliveTimeout: 30_000 }, (req, res) => {
    stats.requests++;
    const body = [];
    req.on('data', (c) => body.push(c));
    req.on('end', () => {
      const headers = { ...req.headers, host: up.host };
      delete headers.connection;
      const started = performance.now();
      const out = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers, agent: false }, (reply) => {
        const chunks = [];
        reply.on('data', (c) => chunks.push(c));
        reply.on('end', () => {
          busy.push([started, performance.now()]);
          let payload = Buffer.concat(chunks);
          const text = payload.toString('latin1');
          const rewritten = applyRewrites(text, rewrites);
          if (rewritten !== text) payload = Buffer.from(rewritten, 'latin1');
          const replyHeaders = { ...reply.headers };
          delete replyHeaders.connection;
          delete replyHeaders['transfer-encoding'];
          delete replyHeaders['keep-alive'];
          if (replyHeaders.location) replyHeaders.location = applyRewrites(replyHeaders.location, rewrites);
          replyHeaders['content-length'] = String(payload.length);
          res.writeHead(reply.statusCode, replyHeaders);
          res.end(payload);
        });
      });
      out.on('error', (e) => {
        busy.push([started, performance.now()]);
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`bench proxy: ${e.message}\n`);
      });
      out.end(Buffer.concat(body));
    });
  });
  front.on('secureConnection', (socket) => {
    if (socket.isSessionReused()) stats.tlsResumed++;
    else stats.tlsFull++;
  });
  const frontPort = await listen(front);

  const link = createNetServer((client) => {
    stats.connections++;
    stats.flights++; // TCP's own handshake
    let serverSpokeLast = true;
    const inner = netConnect(frontPort, '127.0.0.1');
    client.setNoDelay(true);
    inner.setNoDelay(true);
    delayedPipe(client, inner, rttMs / 2, rttMs, () => {
      if (serverSpokeLast) stats.flights++;
      serverSpokeLast = false;
    });
    delayedPipe(inner, client, rttMs / 2, 0, () => {
      serverSpokeLast = true;
    });
  });
  const port = await listen(link);

  return {
    origin: `https://127.0.0.1:${port}`,
    upstreamOrigin: up.origin,
    setRewrites(list) {
      rewrites = list;
    },
    /** Counters since the last reset; server time as the union of busy intervals. */
    take() {
      const out = { ...stats, serverMs: unionMs(busy), busy: [...busy] };
      Object.assign(stats, freshStats());
      busy.length = 0;
      return out;
    },
    close() {
      front.closeAllConnections?.();
      return Promise.all([new Promise((r) => link.close(r)), new Promise((r) => front.close(r))]);
    },
  };
}

function freshStats() {
  return { connections: 0, tlsFull: 0, tlsResumed: 0, requests: 0, flights: 0 };
}

function applyRewrites(text, rewrites) {
  let out = text;
  for (const [from, to] of rewrites) out = out.split(from).join(to);
  return out;
}

function unionMs(intervals) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (s >= end) {
      total += e - s;
      end = e;
    } else if (e > end) {
      total += e - end;
      end = e;
    }
  }
  return total;
}

/** Links in front of every service; each rewrites all of the services' origins. */
export async function startLinks(upstreams, rttMs) {
  const tls = makeCertificates();
  const links = {};
  for (const [name, upstream] of Object.entries(upstreams)) links[name] = await startLink({ upstream, rttMs, tls });
  const rewrites = Object.values(links).map((l) => [l.upstreamOrigin, l.origin]);
  // `http://127.0.0.1:5000` also as JSON writes it in some replies (`\/`).
  for (const l of Object.values(links)) {
    rewrites.push([l.upstreamOrigin.replace(/\//g, '\\/'), l.origin.replace(/\//g, '\\/')]);
  }
  for (const l of Object.values(links)) l.setRewrites(rewrites);
  return {
    caFile: tls.caFile,
    links,
    /** Every link's counters since the last take, and the server time over all links. */
    take() {
      const per = Object.fromEntries(Object.entries(links).map(([n, l]) => [n, l.take()]));
      const serverMs = unionMs(Object.values(per).flatMap((p) => p.busy));
      for (const p of Object.values(per)) delete p.busy;
      return { per, serverMs };
    },
    async close() {
      await Promise.all(Object.values(links).map((l) => l.close()));
      tls.remove();
    },
  };
}
