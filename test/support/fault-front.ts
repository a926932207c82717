// A loopback HTTP server in front of one of the fake cloud's servers that misbehaves on
// cue: each rule matches a method and path and replaces the real answer (a stall, a
// trickle, a reset, a redirect, any status and body) a number of times; everything else
// is passed through. It counts the TCP connections it accepted, for the keep-alive tests.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultAction = (req: IncomingMessage, res: ServerResponse) => void;

export interface FaultRule {
  method?: string;
  /** Matches the path and query string as received. */
  path: string | RegExp;
  action: FaultAction;
  /** How many matching requests get the fault (default: all). */
  times?: number;
}

export interface FaultFront {
  /** http://127.0.0.1:<port> */
  url: string;
  rules: FaultRule[];
  /** Connections accepted so far. */
  connections: number;
  /** Every request seen, `METHOD path`, faulted or passed through. */
  seen: string[];
  close(): Promise<void>;
}

export async function startFaultFront(backendUrl: string): Promise<FaultFront> {
  const backend = new URL(backendUrl);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const front = { rules: [] as FaultRule[], connections: 0, seen: [] as string[] } as FaultFront;
  const pass = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const upstream = request(
      { hostname: backend.hostname, port: backend.port, path: req.url, method: req.method, headers: req.headers, agent: false },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      front.seen.push(`${req.method} ${req.url}`);
      const rule = front.rules.find(
        (r) =>
          (r.method === undefined || r.method === req.method) &&
          (typeof r.path === 'string' ? r.path === req.url : r.path.test(req.url ?? '')) &&
          r.times !== 0,
      );
      if (!rule) return pass(req, res, Buffer.concat(chunks));
      if (rule.times !== undefined) rule.times--;
      rule.action(req, res);
    });
  });
  server.on('connection', (s: Socket) => {
    front.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  front.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearInterval(t);
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  faultTimers.set(front, timers);
  return front;
}

const faultTimers = new WeakMap<FaultFront, Set<NodeJS.Timeout>>();

/** Accepts the request and never answers. */
export const stall: FaultAction = () => {};

/** Headers at once, then one byte of a JSON body every `everyMs`, never finishing. */
export function trickle(front: FaultFront, everyMs: number): FaultAction {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), everyMs);
    faultTimers.get(front)?.add(timer);
    res.on('close', () => clearInterval(timer));
  };
}

/** Drops the connection with a TCP reset, no reply. */
export const reset: FaultAction = (req) => {
  req.socket.resetAndDestroy();
};

/** Promises 1000 bytes of JSON, sends 10, then closes. */
export const truncated: FaultAction = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
  res.write('{"clusters"');
  setTimeout(() => res.socket?.destroy(), 20);
};

/** Any status, headers and body. */
export function reply(status: number, body = '', headers: Record<string, string> = {}): FaultAction {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };
}
