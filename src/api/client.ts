/**
 * The Magnum REST client: URLs, the microversion header, the token, error envelopes and
 * pagination. Commands call the resource helpers in resources.ts; nothing here prints.
 */
import type { Clock } from '../context';
import type { HttpResponse, Transport } from '../http/transport';
import { exchange } from '../http/exchange';
import { describeNonJson } from '../http/failures';
import { apiErrorFromResponse, invalidResponse, jsonObjectReply, rethrowFailure } from './errors';
import { CommandError } from '../errors';
import { pathSegment, type IdentifierKind } from './identifiers';
import { collectionPage, type Reply } from './reply-shape';

export interface Session {
  /** A valid token; may authenticate or refresh. */
  token(): Promise<string>;
  /** Called after a 401: drop the token so the next token() re-authenticates. Returns false when that cannot help. */
  invalidate(rejected?: string): Promise<boolean>;
}

/** How requests reach Magnum: the transport, where Magnum is, and what authenticates them. */
export interface MagnumConnection {
  transport: Transport;
  /** Base URL of the v1 API, e.g. http://127.0.0.1:9511/v1 (with or without /v1). */
  endpoint: string;
  session: Session;
}

export interface MagnumClientOptions {
  /**
   * The connection, or how to open it: called once, on the first request. Building a
   * client thus costs no login, and a command's own checks run before any (src/factory.ts).
   */
  connection: MagnumConnection | (() => Promise<MagnumConnection>);
  apiVersion: string;
  userAgent: string;
  debugLog?: (line: string) => void;
  /** For the waits between retries (src/http/exchange.ts). */
  clock?: Pick<Clock, 'now' | 'sleep'>;
}

/**
 * One path segment from a user's (or a reply's) identifier: `.`, `..`, empty, whitespace-only
 * and `/`-holding values are refused, the rest percent-encoded (src/api/identifiers.ts).
 * Every path the API layer builds goes through here, so no caller can forget.
 */
export function seg(value: string, what: IdentifierKind): string {
  return pathSegment(value, what);
}

/**
 * The service names Magnum puts in its microversion headers: `container-infra` up to
 * Magnum 2023.x, `container-infrastructure-management` since (the Magnum API reference,
 * "Microversions"). Both are accepted in answers; we keep sending `container-infra`,
 * which every generation accepts.
 */
const SERVICE_NAME = /^\s*(?:container-infra|container-infrastructure-management)\s+/i;

/** `container-infra 1.10` or `container-infrastructure-management 1.14` → `1.10` / `1.14`. */
export function versionFromHeader(value: string | undefined): string | undefined {
  if (!value || !SERVICE_NAME.test(value)) return undefined;
  const version = value.replace(SERVICE_NAME, '').trim();
  return /^\d+\.\d+$/.test(version) ? version : undefined;
}

/** Orders microversions numerically (`1.9` < `1.10`); `X` alone is `X.0`. */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export interface VersionRange {
  min: string;
  max: string;
}

export class MagnumClient {
  private connection?: Promise<MagnumConnection & { base: string }>;
  /** The microversion the server answered with on the last request. */
  serverVersion?: string;
  /** The server's supported range, from the first response of this run that carried it. */
  serverRange?: VersionRange;

  constructor(private readonly opts: MagnumClientOptions) {}

  get apiVersion(): string {
    return this.opts.apiVersion;
  }

  /** The connection with its v1 base URL, opened once: concurrent first requests share the one login. */
  private open(): Promise<MagnumConnection & { base: string }> {
    this.connection ??= (async () => {
      const given = this.opts.connection;
      const connection = typeof given === 'function' ? await given() : given;
      const trimmed = connection.endpoint.replace(/\/+$/, '');
      return { ...connection, base: trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1` };
    })();
    return this.connection;
  }

  /**
   * The reply's JSON object. Every Magnum reply with a body is a JSON object, and a GET
   * always has one; anything else (HTML, `null`, `[]`, nothing) is an error naming the
   * URL and status, so no command ever renders it. A write with no body gives null.
   */
  async request(method: string, path: string, body?: unknown): Promise<Record<string, unknown> | null> {
    return (await this.reply(method, path, body)).data;
  }

  /** The same with the URL and status, for the per-command shape checks (src/api/reply-shape.ts). */
  async reply(method: string, path: string, body?: unknown): Promise<Reply> {
    const { url, res } = await this.send(method, path, body, false);
    if (method !== 'GET' && (res.body === '' || res.status === 204)) return { url, status: res.status, data: null };
    return { url, status: res.status, data: jsonObjectReply(url, res) };
  }

  private async send(method: string, path: string, body: unknown, retried: boolean): Promise<{ url: string; res: HttpResponse }> {
    const { base, session, transport } = await this.open();
    // `path` is relative to /v1 (`/clusters`), or an absolute `/v1/...` path from a `next` link.
    const url = base + (path.startsWith('/v1/') || path === '/v1' ? path.slice(3) : path);
    const token = await session.token();
    const headers: Record<string, string> = {
      'OpenStack-API-Version': `container-infra ${this.opts.apiVersion}`,
      'User-Agent': this.opts.userAgent,
      'X-Auth-Token': token,
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers.Accept = 'application/json';
    } else if (method === 'GET') headers.Accept = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    this.opts.debugLog?.(`REQ: ${method} ${url}${payload !== undefined ? ` ${payload}` : ''}`);
    const res = await exchange(transport, { method, url, headers, body: payload }, { clock: this.opts.clock, debugLog: this.opts.debugLog }).catch(
      rethrowFailure,
    );
    this.opts.debugLog?.(`RESP: [${res.status}] ${method} ${url} ${res.body.length > 2000 ? `${res.body.slice(0, 2000)}…` : res.body}`);
    this.noteVersions(res.headers);
    // keystoneauth: on a 401, re-authenticate once and retry (`keystoneauth1/session.py Session.request, keystoneauth1/identity/base.py BaseIdentityPlugin.get_access`).
    if (res.status === 401 && !retried && (await session.invalidate(token))) {
      return this.send(method, path, body, true);
    }
    if (res.status >= 400) {
      // Magnum's errors are JSON; an HTML page (a proxy's 502, a web server's 500) is not
      // an API error to print as the server's message.
      if (res.body.trim() !== '' && !looksLikeJson(res.body)) throw invalidResponse(url, res.status, describeNonJson(res));
      throw apiErrorFromResponse(res);
    }
    if (res.status < 200 || res.status >= 300) throw invalidResponse(url, res.status, 'an unexpected status');
    return { url, res };
  }

  private noteVersions(headers: Record<string, string>): void {
    this.serverVersion = versionFromHeader(headers['openstack-api-version']) ?? this.serverVersion;
    const min = versionFromHeader(headers['openstack-api-minimum-version']);
    const max = versionFromHeader(headers['openstack-api-maximum-version']);
    if (min && max) this.serverRange = { min, max };
  }

  /**
   * Fails before anything is sent when `feature` needs microversion `needed` and this run
   * cannot have it: the pinned --magnum-api-version is older, or (with `latest`) the
   * server's maximum is. The range comes from any earlier response of this run, else from
   * one GET of the /v1 document (so only commands that need a newer version pay for it).
   * A server that does not name its range is left to answer for itself.
   */
  async requireVersion(needed: string, feature: string): Promise<void> {
    const pinned = this.opts.apiVersion;
    if (pinned !== 'latest') {
      if (compareVersions(pinned, needed) < 0) {
        throw new CommandError(`${feature} needs Magnum API ${needed} or newer, but the requested API version (--magnum-api-version) is ${pinned}.`);
      }
      return;
    }
    if (!this.serverRange) await this.request('GET', '/v1');
    const max = this.serverRange?.max;
    if (max && compareVersions(max, needed) < 0) {
      throw new CommandError(`${feature} needs Magnum API ${needed} or newer, but the server supports at most ${max}.`);
    }
  }

  /**
   * GET a collection (magnumclient base.py _list / _list_pagination): with no limit one
   * request and `next` is ignored; with a limit, follow `next` until `limit` items
   * (0 = all pages). `next` is re-issued against our own endpoint (scheme and host dropped).
   */
  async list(path: string, key: string, limit?: number | null): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of this.pages(path, key, limit)) for (const item of page) items.push(item);
    return items;
  }

  /**
   * The same collection one page at a time (a page is what one GET returns), so that a
   * long list is never held whole: the caller renders each page and lets it go.
   */
  async *pages(path: string, key: string, limit?: number | null): AsyncGenerator<Record<string, unknown>[]> {
    let count = 0;
    let next: string | undefined = path;
    while (next) {
      const { items: page, next: link } = collectionPage(await this.reply('GET', next), key);
      if (limit === undefined || limit === null) {
        yield page.filter((x) => x && Object.keys(x).length > 0);
        return;
      }
      if (limit !== 0 && count + page.length >= limit) {
        yield page.slice(0, limit - count);
        return;
      }
      count += page.length;
      yield page;
      if (link === undefined) return;
      const u = new URL(link, 'http://placeholder');
      next = u.pathname + u.search;
    }
  }
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
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
