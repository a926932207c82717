// Token lifetime handling (`keystoneauth1/session.py Session.request, keystoneauth1/identity/base.py BaseIdentityPlugin.get_access`): a new token when less than 120 s
// remain, and one re-authentication + retry after a 401 from Magnum.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MagnumClient } from '../../src/api/client';
import { KeystoneSession, type TokenCache } from '../../src/auth/session';
import type { TokenInfo } from '../../src/auth/keystone';
import { resolveClientConfig } from '../../src/config/client-config';
import { NodeTransport } from '../../src/http/node-transport';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { openrcEnv } from '../support/run-cli';

let cloud: FakeCloud;
let now: number;
beforeAll(async () => {
  cloud = await startFakeCloud();
  cloud.seedCluster({ name: 'c1' });
});
afterAll(() => cloud.close());
beforeEach(() => {
  now = Date.now();
  cloud.state.config.tokenLifetimeSeconds = 3600;
});

const transport = new NodeTransport();
const posts = (): number => cloud.requests.filter((q) => q.server === 'keystone' && q.method === 'POST').length;
const magnumCalls = (): number => cloud.requests.filter((q) => q.server === 'magnum').length;

function session(cache?: TokenCache): KeystoneSession {
  const config = resolveClientConfig({}, openrcEnv(cloud));
  return new KeystoneSession(config, { transport, userAgent: 'test' }, () => now, cache);
}
const client = (s: KeystoneSession): MagnumClient =>
  new MagnumClient({ connection: { transport, endpoint: cloud.magnumUrl, session: s }, apiVersion: 'latest', userAgent: 'test' });

class MemoryCache implements TokenCache {
  entry: TokenInfo | null = null;
  log: string[] = [];
  async load(): Promise<TokenInfo | null> {
    this.log.push('load');
    return this.entry;
  }
  async save(info: TokenInfo): Promise<void> {
    this.log.push('save');
    this.entry = info;
  }
  async drop(): Promise<void> {
    this.log.push('drop');
    this.entry = null;
  }
}

describe('proactive refresh', () => {
  it('reuses the token while more than 120 s remain, and gets a new one after', async () => {
    const s = session();
    const before = posts();
    const first = await s.access();
    const expires = Date.parse(first.expiresAt ?? '');
    now = expires - 121_000;
    expect(await s.token()).toBe(first.token);
    expect(posts() - before).toBe(1);
    now = expires - 119_000;
    const second = await s.token();
    expect(second).not.toBe(first.token);
    expect(posts() - before).toBe(2);
  });

  it('treats a cached token with less than 120 s left as a miss', async () => {
    const cache = new MemoryCache();
    const s1 = session(cache);
    const issued = await s1.access();
    now = Date.parse(issued.expiresAt ?? '') - 100_000;
    const before = posts();
    const s2 = session(cache);
    expect(await s2.token()).not.toBe(issued.token);
    expect(posts() - before).toBe(1);
    expect(cache.log).toEqual(['load', 'save', 'load', 'save']);
  });
});

describe('a 401 from Magnum', () => {
  it('re-authenticates once and retries the request', async () => {
    const s = session();
    const c = client(s);
    const revoked = await s.token();
    cloud.state.tokens.delete(revoked);
    const [p, m] = [posts(), magnumCalls()];
    const body = (await c.request('GET', '/clusters')) as { clusters: { name: string }[] };
    expect(body.clusters.map((x) => x.name)).toEqual(['c1']);
    expect([posts() - p, magnumCalls() - m]).toEqual([1, 2]);
    const tokens = cloud.requests
      .filter((q) => q.server === 'magnum')
      .slice(-2)
      .map((q) => q.headers['x-auth-token']);
    expect(tokens[0]).toBe(revoked);
    expect(tokens[1]).not.toBe(revoked);
  });

  it('drops the cached entry before re-authenticating', async () => {
    const cache = new MemoryCache();
    const s = session(cache);
    const c = client(s);
    cloud.state.tokens.delete(await s.token());
    await c.request('GET', '/clusters');
    expect(cache.log).toEqual(['load', 'save', 'drop', 'save']);
    expect(cloud.state.tokens.has(cache.entry?.token ?? '')).toBe(true);
  });

  it('reports a second 401 instead of looping', async () => {
    // Every token keystone issues is already expired, so magnum refuses each one.
    cloud.state.config.tokenLifetimeSeconds = -10;
    const s = session();
    const c = client(s);
    const [p, m] = [posts(), magnumCalls()];
    await expect(c.request('GET', '/clusters')).rejects.toThrow(/^Unauthorized \(HTTP 401\)/);
    expect([posts() - p, magnumCalls() - m]).toEqual([2, 2]);
  });

  it('re-authenticates once for requests sent together with the same revoked token', async () => {
    const s = session();
    const c = client(s);
    const revoked = await s.token();
    cloud.state.tokens.delete(revoked);
    const [p, m] = [posts(), magnumCalls()];
    const bodies = (await Promise.all([1, 2, 3].map(() => c.request('GET', '/clusters')))) as { clusters: unknown[] }[];
    expect(bodies.map((b) => b.clusters.length)).toEqual([1, 1, 1]);
    expect([posts() - p, magnumCalls() - m]).toEqual([1, 6]);
  });
});
