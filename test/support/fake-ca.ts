// Per-cluster certificate authorities for the fake magnum, made and used with the
// system openssl so tests can `openssl verify` what the CLI writes (docs/reference-behaviour.md, Certificate signing on the server).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pyBytesRepr } from './py';

export const OPENSSL = '/usr/bin/openssl';

export function openssl(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(OPENSSL, args, { encoding: 'utf8', maxBuffer: 1 << 22 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`openssl ${args[0] ?? ''} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
    // openssl may exit without reading stdin (most calls give it nothing): its failure, if
    // any, is reported by the callback above, never as an unhandled EPIPE.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input ?? '');
  });
}

/** Thrown for a CSR magnum refuses; `status` is what the real server answers (docs/reference-behaviour.md, Certificate signing on the server). */
export class CsrError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Ca {
  dir: string;
  certPem: string;
}

// Requested-extension names as `openssl req -text` prints them → openssl.cnf spelling.
const EKU: Record<string, string> = {
  'TLS Web Client Authentication': 'clientAuth',
  'TLS Web Server Authentication': 'serverAuth',
  'Code Signing': 'codeSigning',
  'E-mail Protection': 'emailProtection',
  'Time Stamping': 'timeStamping',
};
const ALLOWED_KU: Record<string, string> = {
  'Digital Signature': 'digitalSignature',
  'Key Encipherment': 'keyEncipherment',
  'Non Repudiation': 'nonRepudiation',
};

export class FakeCas {
  private root: Promise<string> = mkdtemp(join(tmpdir(), 'fake-magnum-ca-'));
  private cas = new Map<string, Promise<Ca>>();

  /** CA kinds follow magnum: etcd, front-proxy, everything else is the kubernetes CA. */
  static kind(caCertType: string | null | undefined): string {
    if (caCertType === 'etcd') return 'etcd';
    return caCertType === 'front_proxy' || caCertType === 'front-proxy' ? 'front-proxy' : 'kubernetes';
  }

  ca(clusterUuid: string, cn: string, kind: string): Promise<Ca> {
    const key = `${clusterUuid}/${kind}`;
    let ca = this.cas.get(key);
    if (!ca) {
      ca = this.create(cn);
      this.cas.set(key, ca);
    }
    return ca;
  }

  /** CA rotation: forget the cluster's CAs, new ones are made on next use. */
  rotate(clusterUuid: string): void {
    for (const k of [...this.cas.keys()]) if (k.startsWith(`${clusterUuid}/`)) this.cas.delete(k);
  }

  private async create(cn: string): Promise<Ca> {
    const dir = join(await this.root, randomUUID());
    await openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${dir}.key`,
      '-out',
      `${dir}.pem`,
      '-subj',
      `/CN=${cn}`,
      '-days',
      '1825',
      '-sha256',
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,keyCertSign',
      '-addext',
      'subjectKeyIdentifier=none',
      '-addext',
      'authorityKeyIdentifier=none',
    ]);
    const certPem = await openssl(['x509', '-in', `${dir}.pem`]);
    return { dir, certPem: certPem.trim() };
  }

  /** Sign a PEM CSR like magnum's x509 operations: subject kept, extensions filtered, no trailing newline. */
  async sign(ca: Ca, csr: string): Promise<string> {
    let text: string;
    try {
      if (!csr.includes('-----BEGIN CERTIFICATE REQUEST-----')) throw new Error('not PEM');
      text = await openssl(['req', '-noout', '-text'], csr);
    } catch {
      throw new CsrError(400, `Received invalid csr ${pyBytesRepr(csr)}.`);
    }
    const ext: string[] = [];
    const block = /Requested Extensions:\n([\s\S]*?)(?:\n {4}\S|\n?$)/.exec(text)?.[1] ?? '';
    for (const m of block.matchAll(/^ +(?:X509v3 )?([^:\n]+):( critical)?[ \t]*\n +(.*)$/gm)) {
      const [, name = '', crit, value = ''] = m;
      const c = crit ? 'critical,' : '';
      const refuse = (): never => {
        throw new CsrError(500, 'Circular reference detected');
      };
      if (name === 'Subject Alternative Name') ext.push(`subjectAltName=${c}${value.replace(/IP Address:/g, 'IP:')}`);
      else if (name === 'Extended Key Usage')
        ext.push(
          `extendedKeyUsage=${c}${value
            .split(', ')
            .map((v) => EKU[v] ?? v)
            .join(',')}`,
        );
      else if (name === 'Key Usage') {
        const names = value.split(', ');
        if (crit && names.some((n) => !ALLOWED_KU[n])) refuse();
        const kept = names.flatMap((n) => ALLOWED_KU[n] ?? []);
        if (kept.length) ext.push(`keyUsage=${c}${kept.join(',')}`);
      } else if (name === 'Basic Constraints') {
        if (crit && value.includes('CA:TRUE')) refuse();
        ext.push(`basicConstraints=${c}CA:FALSE`);
      } else if (crit) refuse();
    }
    const id = randomUUID();
    const extFile = join(await this.root, `${id}.ext`);
    await writeFile(extFile, `[v3]\nsubjectKeyIdentifier=none\nauthorityKeyIdentifier=none\n${ext.join('\n')}\n`);
    const pem = await openssl(
      [
        'x509',
        '-req',
        '-CA',
        `${ca.dir}.pem`,
        '-CAkey',
        `${ca.dir}.key`,
        '-set_serial',
        `0x${id.replace(/-/g, '')}`,
        '-days',
        '1825',
        '-sha256',
        '-extfile',
        extFile,
        '-extensions',
        'v3',
      ],
      csr,
    );
    return pem.trim();
  }

  async close(): Promise<void> {
    await rm(await this.root, { recursive: true, force: true });
  }
}
