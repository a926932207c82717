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

/** What a transport needs besides the request: TLS material and proxies. */
export interface TlsOptions {
  /** PEM bundle replacing the default trust store (--os-cacert). */
  caFile?: string;
  /** Client certificate and key (--os-cert / --os-key). */
  certFile?: string;
  keyFile?: string;
  /** --insecure: do not verify the server certificate. */
  insecure?: boolean;
  proxy?: ProxySettings;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
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
}

/** A request that never got an HTTP answer (refused, DNS, TLS, timeout). */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly url: string,
    readonly kind: 'connect' | 'tls' | 'timeout' | 'dns' | 'other',
  ) {
    super(message);
  }
}
