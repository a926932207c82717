// A forward proxy on a loopback port that records what went through it: CONNECT
// tunnels for https targets, absolute-URI requests for http targets.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxyRecord {
  method: string;
  /** host:port for CONNECT, the absolute URI otherwise. */
  target: string;
  proxyAuthorization?: string;
}

export interface LoopbackProxy {
  url: string;
  seen: ProxyRecord[];
  /** Answer CONNECT with this status instead of opening the tunnel. */
  refuseConnect?: number;
  close(): Promise<void>;
}

export async function startLoopbackProxy(): Promise<LoopbackProxy> {
  const sockets = new Set<Socket>();
  const proxy = { seen: [] as ProxyRecord[] } as LoopbackProxy;
  const record = (req: IncomingMessage): void => {
    const auth = req.headers['proxy-authorization'];
    proxy.seen.push({ method: req.method ?? '', target: req.url ?? '', ...(auth ? { proxyAuthorization: auth } : {}) });
  };
  const server: Server = createServer((req, res) => {
    record(req);
    const target = new URL(req.url ?? '/');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = request(
      { hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    record(req);
    if (proxy.refuseConnect) {
      client.end(`HTTP/1.1 ${proxy.refuseConnect} Forbidden\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  return proxy;
}
