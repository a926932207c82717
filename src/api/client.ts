/**
 * The Magnum REST client: URLs, the microversion header, the token, error envelopes and
 * pagination. Commands call the resource helpers in resources.ts; nothing here prints.
 */
import type { HttpResponse, Transport } from '../http/transport';
import { TransportError } from '../http/transport';
import { apiErrorFromResponse } from './errors';
import { CommandError } from '../errors';

export interface Session {
  /** A valid token; may authenticate or refresh. */
  token(): Promise<string>;
  /** Called after a 401: drop the token so the next token() re-authenticates. Returns false when that cannot help. */
  invalidate(): Promise<boolean>;
}

export interface MagnumClientOptions {
  transport: Transport;
  /** Base URL of the v1 API, e.g. http://127.0.0.1:9511/v1 (with or without /v1). */
  endpoint: string;
  session: Session;
  apiVersion: string;
  userAgent: string;
  debugLog?: (line: string) => void;
}

/** Percent-encodes one path segment (names with spaces or non-ASCII work; the reference crashes). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

export class MagnumClient {
  readonly base: string;
  /** The microversion the server answered with on the last request. */
  serverVersion?: string;

  constructor(private readonly opts: MagnumClientOptions) {
    const trimmed = opts.endpoint.replace(/\/+$/, '');
    this.base = trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
  }

  get apiVersion(): string {
    return this.opts.apiVersion;
  }

  /** `path` is relative to /v1 (`/clusters`), or an absolute `/v1/...` path from a `next` link. */
  url(path: string): string {
    if (path.startsWith('/v1/') || path === '/v1') return this.base + path.slice(3);
    return this.base + path;
  }

  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.send(method, path, body, false);
    if (res.body === '' || res.status === 204) return null;
    try {
      return JSON.parse(res.body);
    } catch {
      throw new CommandError(`Invalid response from ${this.url(path)}: the body is not JSON (HTTP ${res.status})`);
    }
  }

  private async send(method: string, path: string, body: unknown, retried: boolean): Promise<HttpResponse> {
    const url = this.url(path);
    const headers: Record<string, string> = {
      'OpenStack-API-Version': `container-infra ${this.opts.apiVersion}`,
      'User-Agent': this.opts.userAgent,
      'X-Auth-Token': await this.opts.session.token(),
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers.Accept = 'application/json';
    } else if (method === 'GET') headers.Accept = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    this.opts.debugLog?.(`REQ: ${method} ${url}${payload !== undefined ? ` ${payload}` : ''}`);
    let res: HttpResponse;
    try {
      res = await this.opts.transport.send({ method, url, headers, body: payload, timeoutMs: 600_000 });
    } catch (e) {
      if (e instanceof TransportError) {
        if (e.kind === 'tls') throw new CommandError(`SSL exception connecting to ${url}: ${e.message}`);
        throw new CommandError(`Unable to establish connection to ${url}: ${e.message}`);
      }
      throw e;
    }
    this.opts.debugLog?.(`RESP: [${res.status}] ${method} ${url} ${res.body.length > 2000 ? `${res.body.slice(0, 2000)}…` : res.body}`);
    const answered = res.headers['openstack-api-version'];
    if (answered) this.serverVersion = answered.replace(/^container-infra\s+/, '');
    // keystoneauth: on a 401, re-authenticate once and retry (`keystoneauth1/session.py Session.request, keystoneauth1/identity/base.py BaseIdentityPlugin.get_access`).
    if (res.status === 401 && !retried && (await this.opts.session.invalidate())) {
      return this.send(method, path, body, true);
    }
    if (res.status >= 400) throw apiErrorFromResponse(res);
    return res;
  }

  /**
   * GET a collection (magnumclient base.py _list / _list_pagination): with no limit one
   * request and `next` is ignored; with a limit, follow `next` until `limit` items
   * (0 = all pages). `next` is re-issued against our own endpoint (scheme and host dropped).
   */
  async list(path: string, key: string, limit?: number | null): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let next: string | undefined = path;
    while (next) {
      const body = (await this.request('GET', next)) as Record<string, unknown> | null;
      const page = body && Array.isArray(body[key]) ? (body[key] as Record<string, unknown>[]) : [];
      if (limit === undefined || limit === null) return page.filter((x) => x && Object.keys(x).length > 0);
      for (const item of page) {
        items.push(item);
        if (limit !== 0 && items.length >= limit) return items;
      }
      const link = body?.next;
      if (typeof link !== 'string' || link === '') break;
      const u = new URL(link, 'http://placeholder');
      next = u.pathname + u.search;
    }
    return items;
  }
}

/** The query string magnumclient's common_filters builds, in its order: limit, marker, sort_key, sort_dir. */
export function commonFilters(f: { limit?: number | null; marker?: string | null; sortKey?: string | null; sortDir?: string | null }): string[] {
  const out: string[] = [];
  if (typeof f.limit === 'number') out.push(`limit=${f.limit}`);
  if (f.marker != null) out.push(`marker=${encodeURIComponent(f.marker)}`);
  if (f.sortKey != null) out.push(`sort_key=${encodeURIComponent(f.sortKey)}`);
  if (f.sortDir != null) out.push(`sort_dir=${encodeURIComponent(f.sortDir)}`);
  return out;
}
