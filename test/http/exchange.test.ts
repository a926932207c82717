// The retry and redirect policy on a scripted transport and a fake clock (no waiting).
import { describe, expect, it } from 'vitest';
import { exchange, retryAfterMs, RETRY } from '../../src/http/exchange';
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport';
import { TransportError } from '../../src/http/transport';

type Step = HttpResponse | TransportError;

function scripted(steps: Step[]): Transport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    async send(req) {
      sent.push(req);
      const step = steps.shift();
      if (!step) throw new Error('no more steps');
      if (step instanceof TransportError) throw step;
      return step;
    },
  };
}

function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const slept: number[] = [];
  return { now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)), slept };
}

const res = (status: number, headers: Record<string, string> = {}, body = '{}'): HttpResponse => ({ status, headers, body });
const GET: HttpRequest = { method: 'GET', url: 'http://api.example/v1/clusters', headers: {} };
const reset = (): TransportError => new TransportError('socket hang up', GET.url, 'reset');

describe('retries', () => {
  it('backs off 0.5, 1, 2 s on a lasting 503 and returns the last reply after 4 attempts', async () => {
    const t = scripted([res(503), res(503), res(503), res(503)]);
    const clock = fakeClock();
    expect((await exchange(t, GET, { clock })).status).toBe(503);
    expect([t.sent.length, clock.slept]).toEqual([RETRY.attempts, [500, 1000, 2000]]);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const clock = fakeClock();
    // An HTTP date 5 s from now is 3 s away after the first wait of 2 s.
    const date = new Date(clock.now() + 5000).toUTCString();
    const t = scripted([res(429, { 'retry-after': '2' }), res(503, { 'retry-after': date }), res(200)]);
    expect((await exchange(t, GET, { clock })).status).toBe(200);
    expect(clock.slept).toEqual([2000, 3000]);
  });

  it('stops when the total budget would be exceeded', async () => {
    const t = scripted([
      res(503, { 'retry-after': '9' }),
      res(503, { 'retry-after': '9' }),
      res(503, { 'retry-after': '9' }),
      res(503, { 'retry-after': '9' }),
    ]);
    const clock = fakeClock();
    const lines: string[] = [];
    expect((await exchange(t, GET, { clock, debugLog: (l) => lines.push(l), retry: { ...RETRY, budgetMs: 20_000 } })).status).toBe(503);
    expect(clock.slept).toEqual([9000, 9000]);
    expect(lines.at(-1)).toBe('Not retrying GET http://api.example/v1/clusters (HTTP 503): a wait of 9.0 s is beyond the retry limits');
  });

  it('retries a reset GET but never a POST, PATCH or DELETE', async () => {
    const clock = fakeClock();
    expect((await exchange(scripted([reset(), res(200)]), GET, { clock })).status).toBe(200);
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      const t = scripted([reset(), res(200)]);
      await expect(exchange(t, { ...GET, method }, { clock })).rejects.toThrow('socket hang up');
      const u = scripted([res(503), res(200)]);
      expect((await exchange(u, { ...GET, method }, { clock })).status).toBe(503);
      expect([t.sent.length, u.sent.length]).toEqual([1, 1]);
    }
  });

  it('does not retry a timeout or a refused connection', async () => {
    for (const kind of ['timeout', 'connect'] as const) {
      const t = scripted([new TransportError('x', GET.url, kind), res(200)]);
      await expect(exchange(t, GET, { clock: fakeClock() })).rejects.toThrow('x');
      expect(t.sent.length).toBe(1);
    }
  });
});

describe('redirects', () => {
  it('follows a same-host 307/308 for GET, relative or absolute', async () => {
    const t = scripted([res(307, { location: '/v1/other' }), res(308, { location: 'http://api.example/v1/third' }), res(200)]);
    expect((await exchange(t, GET, { clock: fakeClock() })).status).toBe(200);
    expect(t.sent.map((r) => r.url)).toEqual([GET.url, 'http://api.example/v1/other', 'http://api.example/v1/third']);
  });

  it.each([
    ['another scheme', 'GET', 307, 'https://api.example/v1/clusters'],
    ['another port', 'GET', 307, 'http://api.example:8080/v1/clusters'],
    ['a 301', 'GET', 301, '/v1/clusters'],
    ['a POST', 'POST', 307, '/v1/clusters'],
  ])('refuses %s', async (_name, method, status, location) => {
    const t = scripted([res(status, { location })]);
    await expect(exchange(t, { ...GET, method }, { clock: fakeClock() })).rejects.toThrow(
      `${method} ${GET.url} was redirected (HTTP ${status}) to ${location}; not followed`,
    );
  });

  it('a redirect without Location', async () => {
    await expect(exchange(scripted([res(302)]), GET, { clock: fakeClock() })).rejects.toThrow(
      `GET ${GET.url} was redirected (HTTP 302) without a Location; not followed`,
    );
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and dates, ignores garbage', () => {
    expect(retryAfterMs('0', 0)).toBe(0);
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
});
