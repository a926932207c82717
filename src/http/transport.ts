/**
 * The one seam between the CLI and the network. Keystone and Magnum clients take a
 * Transport from the Context, so tests can record requests or script replies, and the
 * production implementation (node-transport.ts) can stay on node:http/https, which
 * costs ~10 ms to load against ~100 ms for undici (docs/dependencies.md).
 */
/** Proxies from the environment (proxy.ts); absent means direct connections. */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** What a transport needs besides the request: TLS material, proxies and deadlines. */
export interface TlsOptions {
  /** PEM bundle replacing the default trust store (--os-cacert). */
  caFile?: string;
  /** Client certificate and key (--os-cert / --os-key). */
  certFile?: string;
  keyFile?: string;
  /** --insecure: do not verify the server certificate. */
  insecure?: boolean;
  proxy?: ProxySettings;
  /**
   * The total deadline of one request in ms (--os-api-timeout): connect, TLS, proxy
   * tunnel, sending and the whole reply. Default DEFAULT_API_TIMEOUT_MS.
   */
  timeoutMs?: number;
  /** The connect timeout in ms; default CONNECT_TIMEOUT_MS (capped by timeoutMs). */
  connectTimeoutMs?: number;
}

/** 120 s; why, in docs/configuration.md (Timeouts). */
export const DEFAULT_API_TIMEOUT_MS = 120_000;
/** The connection (TCP + TLS + proxy CONNECT) must be up within this, or the total deadline when shorter. */
export const CONNECT_TIMEOUT_MS = 30_000;

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Overrides the transport's total deadline for this request. */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes the idle kept-alive connections at the end of a run. */
  close?(): void;
}

/**
 * The one error type of src/http: every way a request can go wrong below the API layer.
 * The layer above (src/api/errors.ts RequestFailed) turns it into the CLI's error, with
 * the wording of src/http/failures.ts. `message` is the reason only, never the URL.
 * - No complete HTTP answer: `connect` (refused, unreachable), `dns`, `tls`, `timeout`,
 *   `other`, and `reset`, a connection dropped by the peer (ECONNRESET, a reply cut
 *   short): the one kind an idempotent request may be retried on (src/http/exchange.ts).
 * - `redirect`: a 3xx that exchange.ts does not follow (`message` is the whole sentence).
 * - `setup`: the TLS files given (--os-cacert, --os-cert, --os-key) cannot be used, found
 *   before anything is sent (`message` is the whole sentence).
 * - `closed`: the transport was closed (the run is over) before the reply came, or before
 *   the request was sent; never retried.
 */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly url: string,
    readonly kind: 'connect' | 'reset' | 'tls' | 'timeout' | 'dns' | 'other' | 'redirect' | 'setup' | 'closed',
  ) {
    super(message);
  }
}
