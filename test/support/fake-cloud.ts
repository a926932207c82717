// A hermetic OpenStack for tests: a fake keystone v3 and a fake magnum-api 15 on two
// loopback HTTP servers. See fake-keystone.ts, fake-magnum.ts and fake-state.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeCas } from './fake-ca';
import { handleKeystone } from './fake-keystone';
import { handleMagnum } from './fake-magnum';
import {
  USERS,
  createState,
  newNodegroup,
  seedCluster,
  seedTemplate,
  type ClusterRecord,
  type ClusterSeed,
  type FakeConfig,
  type FakeState,
  type NodegroupRecord,
  type Reply,
  type TemplateRecord,
} from './fake-state';
import { pyJson } from './py';

export * from './fake-state';
export { defaultCatalog } from './fake-keystone';

export interface FakeCloudOptions extends Partial<FakeConfig> {
  /** Serve keystone under a path, devstack style (e.g. '/identity'); default ''. */
  identityPrefix?: string;
}

export interface RecordedRequest {
  server: 'keystone' | 'magnum';
  method: string;
  /** Path and query string as received. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When the whole request had arrived (performance.now() of the test process). */
  at: number;
}

export interface FakeCloud {
  /** Keystone root, e.g. http://127.0.0.1:40001 (plus identityPrefix). GET → 300 versions. */
  keystoneUrl: string;
  /** `${keystoneUrl}/v3`, what OS_AUTH_URL usually is. */
  authUrlV3: string;
  /** The magnum endpoint of the catalog, e.g. http://127.0.0.1:40002/v1. */
  magnumUrl: string;
  /** Every request both servers received, in order. */
  requests: RecordedRequest[];
  /** Live state: mutate freely (config knobs, records, tokens). */
  state: FakeState;
  seedTemplate(partial?: Partial<TemplateRecord>): TemplateRecord;
  seedCluster(partial?: ClusterSeed): ClusterRecord;
  seedNodegroup(cluster: ClusterRecord, partial?: Partial<NodegroupRecord>): NodegroupRecord;
  /**
   * A misbehaving Magnum for fault tests: when set, each Magnum request is first offered to
   * it (method, path with query); a Reply it returns is sent instead of the fake's own.
   */
  magnumOverride: ((method: string, path: string) => Reply | undefined) | null;
  /** Issue a project-scoped token without going through keystone (for direct fetch tests). */
  issueToken(user?: 'demo' | 'admin'): string;
  close(): Promise<void>;
}

type Handler = (method: string, url: URL, headers: IncomingHttpHeaders, body: string) => Reply | Promise<Reply>;

async function serve(name: RecordedRequest['server'], requests: RecordedRequest[], handler: Handler): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      requests.push({ server: name, method, path: req.url ?? '/', headers: req.headers, body, at: performance.now() });
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      } catch {
        url = new URL('http://127.0.0.1/');
      }
      Promise.resolve()
        .then(() => handler(method, url, req.headers, body))
        .catch((e: unknown): Reply => ({ status: 500, text: `fake ${name} crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }))
        .then((reply) => {
          const payload = reply.text ?? (reply.body === undefined ? '' : pyJson(reply.body));
          res.writeHead(reply.status, {
            ...(payload !== '' ? { 'Content-Type': reply.text !== undefined ? 'text/plain' : 'application/json' } : {}),
            'Content-Length': String(Buffer.byteLength(payload)),
            'x-openstack-request-id': `req-${randomUUID()}`,
            ...reply.headers,
          });
          res.end(method === 'HEAD' ? undefined : payload);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return server;
}

const baseOf = (s: Server): string => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const { identityPrefix = '', ...config } = options;
  const state = createState(config);
  const requests: RecordedRequest[] = [];
  const cas = new FakeCas();
  const urls = { keystoneUrl: '', magnumUrl: '', prefix: identityPrefix };
  const keystone = await serve('keystone', requests, (m, u, h, b) => handleKeystone(state, urls, m, u, h, b));
  const magnum = await serve('magnum', requests, async (m, u, h, b) => {
    if (state.config.magnumDelayMs > 0) await new Promise((r) => setTimeout(r, state.config.magnumDelayMs));
    return cloud.magnumOverride?.(m, u.pathname + u.search) ?? handleMagnum(state, cas, urls.keystoneUrl, m, u, h, b);
  });
  urls.keystoneUrl = `${baseOf(keystone)}${identityPrefix}`;
  urls.magnumUrl = `${baseOf(magnum)}/v1`;
  const close = (s: Server): Promise<void> =>
    new Promise((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  const cloud: FakeCloud = {
    magnumOverride: null,
    keystoneUrl: urls.keystoneUrl,
    authUrlV3: `${urls.keystoneUrl}/v3`,
    magnumUrl: urls.magnumUrl,
    requests,
    state,
    seedTemplate: (partial) => seedTemplate(state, partial),
    seedCluster: (partial) => seedCluster(state, partial),
    seedNodegroup: (cluster, partial = {}) => {
      const ng = newNodegroup(state, cluster, { image_id: cluster.nodegroups[0]?.image_id ?? null, ...partial });
      if (ng.status?.endsWith('_COMPLETE') && partial.node_addresses === undefined) {
        ng.node_addresses = Array.from({ length: ng.node_count }, (_, i) => `10.0.${cluster.nodegroups.length}.${10 + i}`);
      }
      cluster.nodegroups.push(ng);
      return ng;
    },
    issueToken: (user = 'demo') => {
      const u = USERS[user];
      const now = new Date();
      const token = `gAAAAAB${randomBytes(132).toString('base64url')}`;
      state.tokens.set(token, {
        token,
        user: u,
        project: u.project,
        domainScoped: false,
        methods: ['password'],
        auditIds: [randomBytes(16).toString('base64url')],
        issuedAt: now,
        expiresAt: new Date(now.getTime() + state.config.tokenLifetimeSeconds * 1000),
        appCredential: null,
      });
      return token;
    },
    close: async () => {
      await Promise.all([close(keystone), close(magnum)]);
      await cas.close();
    },
  };
  return cloud;
}
