// HTTPS in front of the plain-HTTP fake cloud: throwaway certificate authorities made
// with the system openssl, and TLS-terminating fronts that pipe to the fake's servers
// (so the fake's request log still sees every request). Used by the TLS, proxy and
// cache tests in test/http and test/auth.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { openssl } from './fake-ca';
import { defaultCatalog } from './fake-keystone';
import type { FakeCloud } from './fake-cloud';

export interface Pki {
  dir: string;
  /** The CA that signed the server and client certificates. */
  caFile: string;
  /** A CA that signed nothing we serve. */
  otherCaFile: string;
  serverCert: Buffer;
  serverKey: Buffer;
  /** A server certificate for the name `wronghost` only. */
  wrongHostCert: Buffer;
  wrongHostKey: Buffer;
  clientCertFile: string;
  clientKeyFile: string;
  close(): Promise<void>;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  await openssl([
    'req',
    '-x509',
    ...EC,
    '-keyout',
    key,
    '-out',
    cert,
    '-subj',
    `/CN=${name}`,
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { cert, key };
}

async function issue(dir: string, ca: { cert: string; key: string }, name: string, cn: string, ext: string): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const extFile = join(dir, `${name}.ext`);
  await writeFile(extFile, `${ext}\n`);
  await openssl(['req', ...EC, '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`]);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-set_serial',
    String(Date.now()),
    '-days',
    '2',
    '-sha256',
    '-extfile',
    extFile,
    '-out',
    cert,
  ]);
  return { cert, key };
}

export async function makePki(): Promise<Pki> {
  const dir = await mkdtemp(join(tmpdir(), 'magnum-tls-'));
  const ca = await makeCa(dir, 'test-ca');
  const other = await makeCa(dir, 'other-ca');
  const server = await issue(dir, ca, 'server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth');
  const wrong = await issue(dir, ca, 'wronghost', 'wronghost', 'subjectAltName=DNS:wronghost\nextendedKeyUsage=serverAuth');
  const client = await issue(dir, ca, 'client', 'magnum-client', 'extendedKeyUsage=clientAuth');
  return {
    dir,
    caFile: ca.cert,
    otherCaFile: other.cert,
    serverCert: await readFile(server.cert),
    serverKey: await readFile(server.key),
    wrongHostCert: await readFile(wrong.cert),
    wrongHostKey: await readFile(wrong.key),
    clientCertFile: client.cert,
    clientKeyFile: client.key,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface TlsFront {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Common names of the client certificates presented, one entry per accepted connection ('' for none). */
  clientNames: string[];
  close(): Promise<void>;
}

export interface TlsFrontOptions {
  cert: Buffer;
  key: Buffer;
  /** Require a client certificate signed by this CA file. */
  clientCaFile?: string;
}

/** A TLS server on a loopback port that pipes every accepted connection to `backendUrl`. */
export async function startTlsFront(backendUrl: string, options: TlsFrontOptions): Promise<TlsFront> {
  const backend = new URL(backendUrl);
  const clientNames: string[] = [];
  const open = new Set<TLSSocket>();
  const server: TlsServer = createTlsServer(
    {
      cert: options.cert,
      key: options.key,
      ...(options.clientCaFile ? { ca: await readFile(options.clientCaFile), requestCert: true, rejectUnauthorized: true } : {}),
    },
    (socket: TLSSocket) => {
      const peer = socket.getPeerCertificate();
      clientNames.push(typeof peer?.subject?.CN === 'string' ? peer.subject.CN : '');
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      const upstream = netConnect(Number(backend.port), backend.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    },
  );
  server.on('tlsClientError', () => {
    /* a refused handshake is what some tests want */
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientNames,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}

export interface HttpsCloud {
  keystone: TlsFront;
  magnum: TlsFront;
  /** https://…/v3 in front of the fake keystone. */
  authUrlV3: string;
  /** https://…/v1, what the catalog now lists for container-infra. */
  magnumUrl: string;
  close(): Promise<void>;
}

/** Puts TLS fronts before both fake servers and makes the catalog list the https URLs. */
export async function startHttpsCloud(cloud: FakeCloud, options: TlsFrontOptions): Promise<HttpsCloud> {
  const keystone = await startTlsFront(cloud.keystoneUrl, options);
  const magnum = await startTlsFront(cloud.magnumUrl, options);
  const magnumUrl = `${magnum.url}/v1`;
  cloud.state.config.catalog = () => defaultCatalog({ keystoneUrl: keystone.url, magnumUrl });
  return {
    keystone,
    magnum,
    authUrlV3: `${keystone.url}/v3`,
    magnumUrl,
    close: async () => {
      cloud.state.config.catalog = null;
      await Promise.all([keystone.close(), magnum.close()]);
    },
  };
}
