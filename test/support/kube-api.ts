// A loopback Kubernetes API server, just enough for real `kubectl get pod`: TLS with a
// server certificate signed by the cluster's CA (through `ca-sign`, or the fake's CA),
// and the two ways a Magnum cluster lets a user in: a client certificate signed by the
// cluster CA (x509 client-cert authentication), or a bearer token that Keystone
// validates, as k8s-keystone-auth's webhook does (GET /v3/auth/tokens with
// X-Subject-Token). It answers the discovery requests kubectl makes (/api, /apis,
// /api/v1, /version) and the pod list of the default namespace.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { openssl } from './fake-ca';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubeApiOptions {
  /** PEM server certificate (SAN IP:127.0.0.1, serverAuth) and its key. */
  certPem: string;
  keyPem: string;
  /** The cluster CA: client certificates must chain to it. */
  caPem: string;
  /** Keystone's v3 URL (…/v3) that validates bearer tokens. */
  keystoneV3: string;
  /** 6443 on the stack (where the clusters' api_address points); 0 for any free port. */
  port?: number;
}

export interface KubeApiRequest {
  method: string;
  path: string;
  /** 'certificate:<CN>', 'keystone:<user name>' or 'anonymous' (refused). */
  identity: string;
  status: number;
}

export interface KubeApi {
  url: string;
  requests: KubeApiRequest[];
  close(): Promise<void>;
}

const STATUS_401 = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

/** GET <keystoneV3>/auth/tokens, the token validating itself (keystone's token_subject rule). */
function validateWithKeystone(keystoneV3: string, token: string): Promise<string | null> {
  const url = new URL(`${keystoneV3.replace(/\/+$/, '')}/auth/tokens`);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      url,
      { method: 'GET', headers: { 'X-Auth-Token': token, 'X-Subject-Token': token, Accept: 'application/json' }, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return resolve(null);
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token?: { user?: { name?: string } } };
            resolve(body.token?.user?.name ?? null);
          } catch {
            resolve(null);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

const podTable = (now: Date) => ({
  kind: 'Table',
  apiVersion: 'meta.k8s.io/v1',
  metadata: { resourceVersion: '1' },
  columnDefinitions: ['Name', 'Ready', 'Status', 'Restarts', 'Age'].map((name, i) => ({
    name,
    type: 'string',
    format: i === 0 ? 'name' : '',
    description: '',
    priority: 0,
  })),
  rows: [
    {
      cells: ['loopback', '1/1', 'Running', '0', '1m'],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: {
          name: 'loopback',
          namespace: 'default',
          creationTimestamp: new Date(now.getTime() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      },
    },
  ],
});

const podList = () => ({
  kind: 'PodList',
  apiVersion: 'v1',
  metadata: { resourceVersion: '1' },
  items: [
    { metadata: { name: 'loopback', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'none' }] }, status: { phase: 'Running' } },
  ],
});

function route(method: string, path: string, accept: string): { status: number; body: unknown } {
  const p = path.split('?')[0].replace(/\/+$/, '') || '/';
  if (method !== 'GET') return { status: 405, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 405, reason: 'MethodNotAllowed' } };
  switch (p) {
    case '/version':
      return { status: 200, body: { major: '1', minor: '32', gitVersion: 'v1.32.0-loopback', platform: 'linux/amd64' } };
    case '/healthz':
    case '/livez':
    case '/readyz':
      return { status: 200, body: 'ok' };
    case '/api':
      return {
        status: 200,
        body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] },
      };
    case '/apis':
      return { status: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups: [] } };
    case '/api/v1':
      return {
        status: 200,
        body: {
          kind: 'APIResourceList',
          groupVersion: 'v1',
          resources: [
            { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] },
          ],
        },
      };
    case '/api/v1/namespaces/default/pods':
      return { status: 200, body: accept.includes('as=Table') ? podTable(new Date()) : podList() };
    default:
      return {
        status: 404,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `the server could not find the requested resource (${p})`,
          reason: 'NotFound',
          code: 404,
        },
      };
  }
}

export async function startKubeApi(options: KubeApiOptions): Promise<KubeApi> {
  const requests: KubeApiRequest[] = [];
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const socket = req.socket as TLSSocket;
    let identity = 'anonymous';
    if (socket.authorized) {
      const cn = socket.getPeerCertificate().subject?.CN;
      identity = `certificate:${Array.isArray(cn) ? cn.join(',') : String(cn)}`;
    } else {
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const user = bearer ? await validateWithKeystone(options.keystoneV3, bearer) : null;
      if (user !== null) identity = `keystone:${user}`;
    }
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const reply = identity === 'anonymous' ? { status: 401, body: STATUS_401 } : route(method, path, String(req.headers.accept ?? ''));
    requests.push({ method, path, identity, status: reply.status });
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'Content-Type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const server: Server = createServer(
    // Ask for a client certificate but let token requests through: authorization is per request.
    { cert: options.certPem, key: options.keyPem, ca: options.caPem, requestCert: true, rejectUnauthorized: false },
    (req, res) => void handler(req, res),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/**
 * A key and a CSR for the API server's certificate, with the extensions Magnum's
 * x509 signing copies: subjectAltName=IP:127.0.0.1 and extendedKeyUsage=serverAuth.
 */
export async function serverKeyAndCsr(): Promise<{ keyPem: string; csrPem: string; dir: string; csrFile: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-api-'));
  const keyFile = join(dir, 'server.key');
  const csrFile = join(dir, 'server.csr');
  await openssl([
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    csrFile,
    '-subj',
    '/CN=kube-apiserver',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-addext',
    'extendedKeyUsage=serverAuth',
  ]);
  return {
    keyPem: await readFile(keyFile, 'utf8'),
    csrPem: await readFile(csrFile, 'utf8'),
    dir,
    csrFile,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The API server of a real cluster: its certificate from `magnum ca-sign` (with the
 * extensions above), its client CA from `magnum ca-show`, on `port` (6443: the stack's
 * api_address). `magnum` runs our CLI with the cloud's credentials.
 */
export async function startApiForCluster(
  magnum: (argv: string[]) => Promise<CliRun>,
  cluster: string,
  keystoneV3: string,
  port = 6443,
): Promise<KubeApi & { certPem: string; caPem: string }> {
  const server = await serverKeyAndCsr();
  try {
    const signed = await magnum(['ca-sign', '--cluster', cluster, '--csr', server.csrFile]);
    if (signed.code !== 0) throw new Error(`ca-sign failed: ${signed.stderr}`);
    const ca = await magnum(['ca-show', cluster]);
    if (ca.code !== 0) throw new Error(`ca-show failed: ${ca.stderr}`);
    const api = await startKubeApi({ certPem: signed.stdout, keyPem: server.keyPem, caPem: ca.stdout, keystoneV3, port });
    return { ...api, certPem: signed.stdout, caPem: ca.stdout };
  } finally {
    await server.cleanup();
  }
}

export const KUBECTL = '/usr/bin/kubectl';

/** Why kubectl cannot be used here, or undefined when it runs. */
export function kubectlMissing(): string | undefined {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  return spawnSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' }).status === 0 ? undefined : `${KUBECTL} is not installed (or does not run)`;
}
