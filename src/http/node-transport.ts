/**
 * Transport on node:http / node:https (docs/dependencies.md: undici costs ~100 ms to
 * load). TLS material (--os-cacert, --os-cert/--os-key, --insecure) goes straight to
 * the TLS handshake; proxies from the environment are honoured as python requests
 * honours them: absolute-URI requests for http targets, a CONNECT tunnel for https
 * targets (proxy.ts decides which URL goes through which proxy).
 *
 * Connections are kept alive for the whole run, one per host (a keep-alive agent per
 * scheme, and one per proxy whose CONNECT tunnel is itself the pooled socket), with TLS
 * sessions resumed; idle sockets never hold the process open (the agent unrefs them)
 * and close() ends them when the run is over.
 *
 * Every request has a deadline: a connect timeout and a total one (timeoutMs) that
 * covers the tunnel, the handshake and the whole reply, so a server that trickles a
 * byte now and then still times out.
 */
import type { Agent as HttpAgent, AgentOptions, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import type { HttpRequest, HttpResponse, TlsOptions, Transport } from './transport';
import { CONNECT_TIMEOUT_MS, DEFAULT_API_TIMEOUT_MS, TransportError } from './transport';
import { isIPv4Address, proxyFor } from './proxy';

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
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'connect';
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

/**
 * Idle kept-alive sockets are closed after this long: below the shortest common server
 * keep-alive timeout (Apache's 5 s), so a request is never written into a socket the
 * server is closing (that is the one way keep-alive could lose a POST).
 */
const IDLE_SOCKET_MS = 4_000;

/** What the CONNECT tunnel needs, passed through the agent to createConnection. */
interface TunnelRequestOptions {
  tunnelProxy: URL;
  tunnelUrl: string;
  tunnelSignal: AbortSignal;
  tunnelConnectTimeoutMs: number;
}

/** What node:http and node:https have in common here. */
interface HttpModule {
  request(options: RequestOptions & Record<string, unknown>, callback: (res: IncomingMessage) => void): ClientRequest;
  Agent: new (options: AgentOptions) => HttpAgent;
}

function httpModule(protocol: string): HttpModule {
  // node:https is loaded only for https URLs, so plain-http clouds never pay for it.
  return protocol === 'https:' ? require('node:https') : require('node:http');
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
    res.on('error', (e: NodeJS.ErrnoException) =>
      reject(new TransportError(e.message === 'aborted' ? 'the connection was closed before the reply was complete' : describe(e), url, classify(e))),
    );
  });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

const secondsText = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * CONNECT host:port through `proxy`; calls back with the raw tunnel socket. Bounded by the
 * request's connect timeout and its total deadline (the signal).
 */
function openTunnel(authority: string, o: TunnelRequestOptions, done: (err: Error | null, socket?: Socket) => void): void {
  const { tunnelProxy: proxy, tunnelUrl: url } = o;
  const failed = (message: string, kind: TransportError['kind'] = 'connect'): TransportError =>
    new TransportError(`Cannot connect to proxy ${proxy.host}: ${message}`, url, kind);
  let settled = false;
  const finish = (err: Error | null, socket?: Socket): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    o.tunnelSignal.removeEventListener('abort', onAbort);
    done(err, socket);
  };
  const r = httpModule(proxy.protocol).request(
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
      finish(failed(`Tunnel connection failed: ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()));
    },
  );
  const timer = setTimeout(() => {
    r.destroy();
    finish(new TransportError(`not connected within ${secondsText(o.tunnelConnectTimeoutMs)}`, url, 'timeout'));
  }, o.tunnelConnectTimeoutMs);
  const onAbort = (): void => {
    r.destroy();
    finish(new Error('aborted'));
  };
  o.tunnelSignal.addEventListener('abort', onAbort);
  r.on('connect', (res: IncomingMessage, socket: Socket) => {
    if (res.statusCode === 200) finish(null, socket);
    else {
      socket.destroy();
      finish(failed(`Tunnel connection failed: ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()));
    }
  });
  r.on('error', (e: NodeJS.ErrnoException) => finish(failed(describe(e), classify(e) === 'dns' ? 'dns' : 'connect')));
  r.end();
}

type SessionCache = { _getSession?(key: string): Buffer | undefined; _cacheSession?(key: string, session: Buffer): void };

/**
 * An https agent whose connections are TLS over a CONNECT tunnel: the pooled, kept-alive
 * socket is the tunnel itself, so later requests to the same host reuse both the tunnel
 * and the TLS session, as a direct connection would.
 */
function tunnelAgent(options: AgentOptions): HttpAgent {
  const { Agent } = require('node:https') as typeof import('node:https');
  const tls = require('node:tls') as typeof import('node:tls');
  class TunnelAgent extends Agent {
    override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
      const o = options as ConnectionOptions & TunnelRequestOptions & { _agentKey?: string; port?: number | string };
      const done = callback as (err: Error | null, stream?: Duplex) => void;
      const host = String(o.host);
      openTunnel(`${host.includes(':') ? `[${host}]` : host}:${o.port || 443}`, o, (err, raw) => {
        if (err || !raw) return done(err ?? new Error('no tunnel'));
        const cache = this as unknown as SessionCache;
        const session = o._agentKey ? cache._getSession?.(o._agentKey) : undefined;
        // SNI is for names only; an IP literal (IPv4 or IPv6) gets none.
        const servername = isIPv4Address(host) || host.includes(':') ? undefined : host;
        const socket: TLSSocket = tls.connect({ ...o, socket: raw, host, servername, ...(session ? { session } : {}) });
        if (o._agentKey) socket.on('session', (s: Buffer) => cache._cacheSession?.(o._agentKey as string, s));
        done(null, socket);
      });
      return undefined;
    }
  }
  return new TunnelAgent(options);
}

export interface NodeTransportHooks {
  /** Receives warnings for stderr (the --insecure warning). */
  warn?: (line: string) => void;
}

export class NodeTransport implements Transport {
  private material?: TlsMaterial;
  private readonly agents = new Map<string, HttpAgent>();
  private readonly warnedHosts = new Set<string>();
  /** Set by close(): nothing more is sent, and what is in flight fails as `closed`. */
  private closed = false;
  /** Fails one request in flight as `closed`, for close(). */
  private readonly inFlight = new Set<() => void>();

  constructor(
    private readonly options: TlsOptions = {},
    private readonly hooks: NodeTransportHooks = {},
  ) {}

  /** Read once per run. A missing or unusable file is a `setup` TransportError naming it. */
  private tlsMaterial(url: string): TlsMaterial {
    if (this.material) return this.material;
    this.material = readTlsMaterial(this.options, url);
    return this.material;
  }

  /** One keep-alive agent per scheme, and one per proxy for tunnels. */
  private agent(key: string, make: (options: AgentOptions) => HttpAgent): HttpAgent {
    let agent = this.agents.get(key);
    if (!agent) {
      agent = make({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' });
      this.agents.set(key, agent);
    }
    return agent;
  }

  /**
   * urllib3's InsecureRequestWarning (connectionpool.py _validate_conn), without Python's
   * `<file>:<line>: ` prefix and source line. The reference repeats it for every HTTPS
   * request; once per host is enough to say it.
   */
  private warnInsecure(host: string): void {
    if (this.warnedHosts.has(host)) return;
    this.warnedHosts.add(host);
    this.hooks.warn?.(
      `InsecureRequestWarning: Unverified HTTPS request is being made to host '${host}'. Adding certificate verification is strongly advised. ` +
        'See: https://urllib3.readthedocs.io/en/1.26.x/advanced-usage.html#ssl-warnings\n',
    );
  }

  /**
   * Ends the run's connections. A request still in flight fails as `closed` first: destroyed
   * sockets would otherwise read as a server's reset, which exchange() retries for a GET on
   * a new connection, keeping the finished run alive.
   */
  close(): void {
    this.closed = true;
    for (const fail of [...this.inFlight]) fail();
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    if (this.closed) throw new TransportError('the run is over: no request is sent after close()', req.url, 'closed');
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      throw new TransportError(`Unsupported scheme: ${url.protocol.replace(/:$/, '')}`, req.url, 'other');
    }
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const tls = isHttps ? this.tlsMaterial(req.url) : undefined;
    const proxy = proxyFor(url, this.options.proxy);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (tls && !tls.rejectUnauthorized) this.warnInsecure(hostname);
    const target = { protocol: url.protocol, hostname, port: url.port, path: url.pathname + url.search };
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
    const connectTimeoutMs = Math.min(this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, timeoutMs);
    const deadline = new AbortController();

    let options: RequestOptions & Record<string, unknown>;
    let module: HttpModule;
    if (!proxy) {
      module = httpModule(url.protocol);
      options = { ...target, method: req.method, headers, ...tls, agent: this.agent(url.protocol, (o) => new module.Agent(o)) };
    } else if (!isHttps) {
      // A plain-http target: the proxy gets the absolute URI (RFC 7230 §5.3.2).
      module = httpModule(proxy.protocol);
      options = {
        protocol: proxy.protocol,
        hostname: proxy.hostname,
        port: proxy.port,
        path: url.href,
        method: req.method,
        headers: { ...headers, Host: url.host, ...proxyAuthorization(proxy) },
        agent: this.agent(proxy.protocol, (o) => new module.Agent(o)),
      };
    } else {
      module = httpModule('https:');
      const tunnel: TunnelRequestOptions = {
        tunnelProxy: proxy,
        tunnelUrl: req.url,
        tunnelSignal: deadline.signal,
        tunnelConnectTimeoutMs: connectTimeoutMs,
      };
      options = { ...target, method: req.method, headers, ...tls, ...tunnel, agent: this.agent(`tunnel ${proxy.href}`, tunnelAgent) };
    }
    return this.exchange(module, options, req, { timeoutMs, connectTimeoutMs, deadline });
  }

  private exchange(
    module: HttpModule,
    options: RequestOptions & Record<string, unknown>,
    req: HttpRequest,
    limits: { timeoutMs: number; connectTimeoutMs: number; deadline: AbortController },
  ): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let r: ClientRequest | undefined;
      let done = false;
      const settle = (err: TransportError | null, res?: HttpResponse): void => {
        if (done) return;
        done = true;
        this.inFlight.delete(failOnClose);
        clearTimeout(total);
        clearTimeout(connecting);
        if (err) {
          limits.deadline.abort();
          r?.destroy();
          reject(err);
        } else resolve(res as HttpResponse);
      };
      const failOnClose = (): void => settle(new TransportError('the run ended before the reply came', req.url, 'closed'));
      this.inFlight.add(failOnClose);
      const total = setTimeout(
        () => settle(new TransportError(`no complete reply within ${secondsText(limits.timeoutMs)} (--os-api-timeout)`, req.url, 'timeout')),
        limits.timeoutMs,
      );
      const connecting = setTimeout(
        () => settle(new TransportError(`not connected within ${secondsText(limits.connectTimeoutMs)}`, req.url, 'timeout')),
        limits.connectTimeoutMs,
      );
      try {
        r = module.request(options, (res) =>
          collect(res, req.url).then(
            (reply) => settle(null, reply),
            (e: TransportError) => settle(e),
          ),
        );
      } catch (e) {
        // Bad PEM material is reported synchronously by the TLS context.
        settle(new TransportError(describe(e as NodeJS.ErrnoException), req.url, 'tls'));
        return;
      }
      const request = r;
      request.on('socket', (socket: Socket) => {
        // A kept-alive socket is connected already; a new one is once TCP (and TLS) is up.
        if (request.reusedSocket) clearTimeout(connecting);
        else socket.once((socket as TLSSocket).encrypted ? 'secureConnect' : 'connect', () => clearTimeout(connecting));
      });
      request.on('error', (e: NodeJS.ErrnoException) =>
        settle(e instanceof TransportError ? e : new TransportError(describe(e), req.url, classify(e))),
      );
      if (req.body !== undefined) request.write(req.body);
      request.end();
    });
  }
}

/**
 * The CA bundle, client certificate and key, checked as a user would want them checked
 * (docs/configuration.md, TLS): a CA file must hold a certificate; a client certificate
 * needs its key, from --os-key or in the same PEM (requests accepts both); a key needs a
 * certificate.
 */
function readTlsMaterial(options: TlsOptions, url: string): TlsMaterial {
  const unusable = (sentence: string): TransportError => new TransportError(sentence, url, 'setup');
  const read = (file: string | undefined, what: string): Buffer | undefined => {
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch {
      throw unusable(`${what}, invalid path: ${file}`);
    }
  };
  const insecure = options.insecure === true;
  const ca = insecure ? undefined : read(options.caFile, 'Could not find a suitable TLS CA certificate bundle');
  if (ca && !/-----BEGIN (TRUSTED )?CERTIFICATE-----/.test(ca.toString('latin1'))) {
    throw unusable(`The TLS CA certificate bundle ${options.caFile} holds no PEM certificate`);
  }
  const cert = read(options.certFile, 'Could not find the TLS certificate file');
  let key = read(options.keyFile, 'Could not find the TLS key file');
  if (key && !cert) throw unusable(`A TLS client key (--os-key ${options.keyFile}) needs a client certificate (--os-cert)`);
  if (cert && !/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(cert.toString('latin1'))) {
    throw unusable(`The TLS client certificate file ${options.certFile} holds no PEM certificate`);
  }
  if (cert && !key) {
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(cert.toString('latin1'))) {
      throw unusable(`The TLS client certificate file ${options.certFile} holds no private key: give its key with --os-key (or OS_KEY)`);
    }
    // One PEM holding both, as requests' `cert=<file>` takes it.
    key = cert;
  }
  return { ca, cert, key, rejectUnauthorized: !insecure };
}
