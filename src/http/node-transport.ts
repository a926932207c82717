/**
 * Transport on node:http / node:https (docs/dependencies.md: undici costs ~100 ms to
 * load). TLS material (--os-cacert, --os-cert/--os-key, --insecure) goes straight to
 * the TLS handshake; proxies from the environment are honoured as python requests
 * honours them: absolute-URI requests for http targets, a CONNECT tunnel for https
 * targets (proxy.ts decides which URL goes through which proxy).
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import type { HttpRequest, HttpResponse, TlsOptions, Transport } from './transport';
import { TransportError } from './transport';
import { isIPv4Address, proxyFor } from './proxy';
import { CommandError } from '../errors';

type RequestFn = (options: RequestOptions & Record<string, unknown>, callback: (res: IncomingMessage) => void) => ClientRequest;

interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
}

function classify(err: NodeJS.ErrnoException): TransportError['kind'] {
  const code = err.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|ERR_TLS|ERR_OSSL/.test(code) || /certificate|ssl|tls/i.test(err.message)) return 'tls';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'connect';
  return 'other';
}

/**
 * A one-line reason in the spirit of Python's ssl errors (docs/reference-behaviour.md, TLS failure texts), for
 * the text after `SSL exception connecting to <url>: `. OpenSSL's own messages carry
 * a source path and a trailing newline; certificate checks only say what failed.
 */
function describe(err: NodeJS.ErrnoException & { reason?: string; library?: string }): string {
  const code = err.code ?? '';
  if (err.reason && code.startsWith('ERR_SSL_')) return `[SSL: ${code.slice('ERR_SSL_'.length)}] ${err.reason}`;
  // OpenSSL's X509 verification results (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, ...).
  if (!code.startsWith('ERR_') && /CERT|ISSUER|SIGNATURE|SELF_SIGNED|UNABLE_TO|INVALID_CA|CHAIN|PATH_LENGTH|UNTRUSTED/.test(code)) {
    return `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${err.message}`;
  }
  return err.message.trim();
}

function requestFn(protocol: string): RequestFn {
  // node:https is loaded only for https URLs, so plain-http clouds never pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (protocol === 'https:' ? require('node:https') : require('node:http')).request as RequestFn;
}

/** Reads the whole reply; header names lower-cased, repeated headers joined with ", ". */
function collect(res: IncomingMessage, url: string): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      }
      resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
    });
    res.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(describe(e), url, classify(e))));
  });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

export class NodeTransport implements Transport {
  private material?: TlsMaterial;

  constructor(private readonly options: TlsOptions = {}) {}

  /** Read once per run. A missing file is a configuration error, worded as requests words it. */
  private tlsMaterial(): TlsMaterial {
    if (this.material) return this.material;
    const read = (file: string | undefined, what: string): Buffer | undefined => {
      if (!file) return undefined;
      try {
        return readFileSync(file);
      } catch {
        throw new CommandError(`${what}, invalid path: ${file}`);
      }
    };
    const insecure = this.options.insecure === true;
    this.material = {
      ca: insecure ? undefined : read(this.options.caFile, 'Could not find a suitable TLS CA certificate bundle'),
      cert: read(this.options.certFile, 'Could not find the TLS certificate file'),
      key: read(this.options.keyFile, 'Could not find the TLS key file'),
      rejectUnauthorized: !insecure,
    };
    return this.material;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      throw new TransportError(`Unsupported scheme: ${url.protocol.replace(/:$/, '')}`, req.url, 'other');
    }
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const tls = isHttps ? this.tlsMaterial() : undefined;
    const proxy = proxyFor(url, this.options.proxy);
    const target = { protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: url.pathname + url.search };

    let options: RequestOptions & Record<string, unknown>;
    let request: RequestFn;
    if (!proxy) {
      options = { ...target, method: req.method, headers, agent: false, ...tls };
      request = requestFn(url.protocol);
    } else if (!isHttps) {
      // A plain-http target: the proxy gets the absolute URI (RFC 7230 §5.3.2).
      options = {
        protocol: proxy.protocol,
        hostname: proxy.hostname,
        port: proxy.port,
        path: url.href,
        method: req.method,
        headers: { ...headers, Host: url.host, ...proxyAuthorization(proxy) },
        agent: false,
      };
      request = requestFn(proxy.protocol);
    } else {
      const socket = await this.tunnel(proxy, url, req);
      // SNI is for names only; an IP literal (IPv4 or bracketed IPv6) gets none.
      const servername = isIPv4Address(target.hostname) || target.hostname.includes(':') ? undefined : target.hostname;
      options = {
        ...target,
        method: req.method,
        headers,
        ...tls,
        createConnection: () =>
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          (require('node:tls') as typeof import('node:tls')).connect({ socket, host: target.hostname, servername, ...tls }),
      };
      request = requestFn(url.protocol);
    }
    return this.exchange(request, options, req);
  }

  private exchange(request: RequestFn, options: RequestOptions & Record<string, unknown>, req: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let r: ClientRequest;
      try {
        r = request(options, (res) => collect(res, req.url).then(resolve, reject));
      } catch (e) {
        // Bad PEM material is reported synchronously by the TLS context.
        reject(new TransportError(describe(e as NodeJS.ErrnoException), req.url, 'tls'));
        return;
      }
      r.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(describe(e), req.url, classify(e))));
      if (req.timeoutMs) {
        r.setTimeout(req.timeoutMs, () => {
          r.destroy();
          reject(new TransportError(`Read timed out after ${(req.timeoutMs ?? 0) / 1000} s`, req.url, 'timeout'));
        });
      }
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }

  /** CONNECT host:port through the proxy; resolves with the raw tunnel socket. */
  private tunnel(proxy: URL, url: URL, req: HttpRequest): Promise<Socket> {
    const authority = `${url.hostname}:${url.port || '443'}`;
    const failed = (message: string, kind: TransportError['kind'] = 'connect'): TransportError =>
      new TransportError(`Cannot connect to proxy ${proxy.host}: ${message}`, req.url, kind);
    return new Promise<Socket>((resolve, reject) => {
      const r = requestFn(proxy.protocol)(
        {
          protocol: proxy.protocol,
          hostname: proxy.hostname,
          port: proxy.port,
          method: 'CONNECT',
          path: authority,
          headers: { Host: authority, ...proxyAuthorization(proxy) },
          agent: false,
        },
        (res) => {
          // A reply without an upgrade means the proxy refused the tunnel.
          res.resume();
          reject(failed(`Tunnel connection failed: ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()));
        },
      );
      r.on('connect', (res: IncomingMessage, socket: Socket) => {
        if (res.statusCode === 200) resolve(socket);
        else {
          socket.destroy();
          reject(failed(`Tunnel connection failed: ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()));
        }
      });
      r.on('error', (e: NodeJS.ErrnoException) => reject(failed(describe(e), classify(e) === 'dns' ? 'dns' : 'connect')));
      if (req.timeoutMs) {
        r.setTimeout(req.timeoutMs, () => {
          r.destroy();
          reject(new TransportError(`Read timed out after ${(req.timeoutMs ?? 0) / 1000} s`, req.url, 'timeout'));
        });
      }
      r.end();
    });
  }
}
