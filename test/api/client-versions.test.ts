import { describe, expect, it } from 'vitest';
import { MagnumClient, compareVersions, versionFromHeader } from '../../src/api/client';
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/transport';

/** A transport answering every request with `headers`, recording what was asked. */
function recording(headers: Record<string, string>): Transport & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    sent,
    async send(req: HttpRequest): Promise<HttpResponse> {
      sent.push(req);
      return { status: 200, headers, body: '{}' };
    },
  } as Transport & { sent: HttpRequest[] };
}

const session = { token: async () => 'tok', invalidate: async () => false };
const client = (transport: Transport, apiVersion = 'latest'): MagnumClient =>
  new MagnumClient({ connection: { transport, endpoint: 'http://magnum.test:9511/v1', session }, apiVersion, userAgent: 'test' });

const M23 = {
  'openstack-api-minimum-version': 'container-infrastructure-management 1.1',
  'openstack-api-maximum-version': 'container-infrastructure-management 1.14',
  'openstack-api-version': 'container-infrastructure-management 1.14',
};
const M15 = {
  'openstack-api-minimum-version': 'container-infra 1.1',
  'openstack-api-maximum-version': 'container-infra 1.10',
  'openstack-api-version': 'container-infra 1.10',
};

describe('microversion headers', () => {
  it('reads either service name', () => {
    expect(versionFromHeader('container-infra 1.10')).toBe('1.10');
    expect(versionFromHeader('container-infrastructure-management 1.14')).toBe('1.14');
    expect(versionFromHeader('compute 2.1')).toBeUndefined();
    expect(versionFromHeader('container-infra latest')).toBeUndefined();
    expect(versionFromHeader(undefined)).toBeUndefined();
  });

  it('orders versions numerically', () => {
    expect(compareVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareVersions('1.14', '1.12')).toBeGreaterThan(0);
    expect(compareVersions('1', '1.0')).toBe(0);
  });

  it('records the range and the answered version of Magnum 23 and 15', async () => {
    for (const [headers, max, answered] of [
      [M23, '1.14', '1.14'],
      [M15, '1.10', '1.10'],
    ] as const) {
      const c = client(recording(headers));
      await c.request('GET', '/clusters');
      expect(c.serverRange).toEqual({ min: '1.1', max });
      expect(c.serverVersion).toBe(answered);
    }
  });
});

describe('requireVersion', () => {
  it('learns the range once (GET /v1) and sends latest', async () => {
    const t = recording(M23);
    const c = client(t);
    await c.requireVersion('1.12', 'x');
    await c.requireVersion('1.14', 'y');
    expect(t.sent.map((r) => `${r.method} ${r.url}`)).toEqual(['GET http://magnum.test:9511/v1']);
    expect(t.sent[0]?.headers['OpenStack-API-Version']).toBe('container-infra latest');
  });

  it('uses the range of an earlier response instead of asking', async () => {
    const t = recording(M15);
    const c = client(t);
    await c.request('GET', '/clusters/k8s');
    await expect(c.requireVersion('1.12', 'credential-rotate')).rejects.toThrow(
      'credential-rotate needs Magnum API 1.12 or newer, but the server supports at most 1.10.',
    );
    expect(t.sent).toHaveLength(1);
  });

  it('with a pinned version decides without the server', async () => {
    const t = recording(M23);
    await expect(client(t, '1.13').requireVersion('1.14', '--node-taints')).rejects.toThrow(
      '--node-taints needs Magnum API 1.14 or newer, but the requested API version (--magnum-api-version) is 1.13.',
    );
    await client(t, '1.14').requireVersion('1.14', '--node-taints');
    expect(t.sent).toEqual([]);
  });

  it('lets a server that names no range answer for itself', async () => {
    const t = recording({});
    await client(t).requireVersion('1.12', 'x');
    expect(t.sent).toHaveLength(1);
  });
});
