/**
 * One request as the Keystone and Magnum clients send it: the transport's deadline, then
 * two policies on top (docs/configuration.md, Timeouts, retries and redirects):
 *
 * - Redirects. A 307 or 308 answering a GET is followed when it stays on the same scheme
 *   and host (at most MAX_REDIRECTS times). Any other redirect (301/302/303, another host
 *   or scheme, any method but GET) is an error naming the URL, the status and the
 *   Location: following it could drop a body or a token on another server, and taking
 *   its empty body as the answer would print an empty table or a false "accepted".
 * - Retries. Only a GET, being idempotent, is sent again: after a connection reset, or a
 *   429/502/503/504 reply, with exponential backoff from RETRY.firstWaitMs, honouring
 *   Retry-After, each wait at most RETRY.maxWaitMs and all of them at most
 *   RETRY.budgetMs; a Retry-After beyond those ends the retries at once. Never a POST,
 *   PATCH or DELETE: the server may have acted on the first one.
 */
import type { Clock } from '../context';
import type { HttpRequest, HttpResponse, Transport } from './transport';
import { TransportError } from './transport';
import { refusedRedirect, tooManyRedirects } from './failures';

export interface RetryLimits {
  /** Sends in all, the first one included. */
  attempts: number;
  firstWaitMs: number;
  maxWaitMs: number;
  budgetMs: number;
}

export const RETRY: RetryLimits = { attempts: 4, firstWaitMs: 500, maxWaitMs: 10_000, budgetMs: 30_000 };
export const MAX_REDIRECTS = 5;

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface ExchangeOptions {
  /** Sleeps between retries (ctx.clock, so tests need not wait). */
  clock?: Pick<Clock, 'now' | 'sleep'>;
  debugLog?: (line: string) => void;
  retry?: RetryLimits;
}

const realClock: Pick<Clock, 'now' | 'sleep'> = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Retry-After in ms: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function followable(req: HttpRequest, res: HttpResponse): string | undefined {
  const location = res.headers.location;
  if (!location || req.method !== 'GET' || (res.status !== 307 && res.status !== 308)) return undefined;
  let target: URL;
  try {
    target = new URL(location, req.url);
  } catch {
    return undefined;
  }
  const from = new URL(req.url);
  return target.protocol === from.protocol && target.host === from.host ? target.href : undefined;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export async function exchange(transport: Transport, request: HttpRequest, options: ExchangeOptions = {}): Promise<HttpResponse> {
  const clock = options.clock ?? realClock;
  const limits = options.retry ?? RETRY;
  let req = request;
  let redirects = 0;
  let attempt = 1;
  let waited = 0;

  /** The wait before the next attempt, or undefined when retrying is over. */
  const nextWait = (retryAfter: number | undefined, why: string): number | undefined => {
    if (req.method !== 'GET' || attempt >= limits.attempts) return undefined;
    const wait = retryAfter ?? limits.firstWaitMs * 2 ** (attempt - 1);
    if (wait > limits.maxWaitMs || waited + wait > limits.budgetMs) {
      options.debugLog?.(`Not retrying GET ${req.url} (${why}): a wait of ${seconds(wait)} is beyond the retry limits`);
      return undefined;
    }
    options.debugLog?.(`Retrying GET ${req.url} in ${seconds(wait)} (attempt ${attempt + 1} of ${limits.attempts}): ${why}`);
    return wait;
  };

  for (;;) {
    let res: HttpResponse;
    try {
      res = await transport.send(req);
    } catch (e) {
      const wait = e instanceof TransportError && e.kind === 'reset' ? nextWait(undefined, `connection reset (${e.message})`) : undefined;
      if (wait === undefined) throw e;
      await clock.sleep(wait);
      waited += wait;
      attempt++;
      continue;
    }
    if (REDIRECT_STATUSES.has(res.status)) {
      const target = followable(req, res);
      if (!target) throw refusedRedirect(req.url, req.method, res.status, res.headers.location);
      if (++redirects > MAX_REDIRECTS) throw tooManyRedirects(request.url, MAX_REDIRECTS);
      options.debugLog?.(`Following HTTP ${res.status} from ${req.url} to ${target}`);
      req = { ...req, url: target };
      continue;
    }
    if (RETRY_STATUSES.has(res.status)) {
      const wait = nextWait(retryAfterMs(res.headers['retry-after'], clock.now()), `HTTP ${res.status}`);
      if (wait !== undefined) {
        await clock.sleep(wait);
        waited += wait;
        attempt++;
        continue;
      }
    }
    return res;
  }
}
