import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientKeyAndCsr, generateClientKeyAndCsrAsync, pemEncode, type ClientKeyAndCsr } from '../../src/certs/csr';

const OPENSSL = '/usr/bin/openssl';
const SLOW = 60_000; // RSA key generation time is random (docs/dependencies.md, node-forge)

interface OpensslResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function openssl(args: string[], cwd: string): OpensslResult {
  const result = spawnSync(OPENSSL, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectPemShape(pem: string, label: string): void {
  const lines = pem.split('\n');
  expect(lines[0]).toBe(`-----BEGIN ${label}-----`);
  expect(lines[lines.length - 2]).toBe(`-----END ${label}-----`);
  expect(lines[lines.length - 1]).toBe(''); // trailing newline
  const body = lines.slice(1, -2);
  for (const line of body.slice(0, -1)) expect(line).toHaveLength(64);
  expect(body[body.length - 1]?.length).toBeLessThanOrEqual(64);
  expect(body.join('')).toMatch(/^[A-Za-z0-9+/]+=*$/);
}

let dir: string;
let generated: ClientKeyAndCsr;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'magnum-csr-'));
  generated = generateClientKeyAndCsr();
  writeFileSync(join(dir, 'key.pem'), generated.keyPem);
  writeFileSync(join(dir, 'csr.pem'), generated.csrPem);
}, SLOW);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('pemEncode', () => {
  it('wraps at 64 columns and ends with a newline', () => {
    const pem = pemEncode('TEST', Buffer.alloc(100, 0xff));
    expectPemShape(pem, 'TEST');
    expect(pem.split('\n')).toHaveLength(1 + 3 + 1 + 1); // 136 base64 chars → 3 lines
  });
  it('handles an exact multiple of 64 columns', () => {
    const pem = pemEncode('TEST', Buffer.alloc(48));
    expect(pem).toBe(`-----BEGIN TEST-----\n${'A'.repeat(64)}\n-----END TEST-----\n`);
  });
});

describe('generateClientKeyAndCsr (`magnumclient/common/utils.py generate_csr_and_key`)', () => {
  it('exports the key as PKCS#1 PEM', () => {
    expect(generated.keyPem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expectPemShape(generated.keyPem, 'RSA PRIVATE KEY');
    const key = createPrivateKey(generated.keyPem);
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(key.asymmetricKeyDetails?.publicExponent).toBe(65537n);
  });

  it('produces a CERTIFICATE REQUEST PEM', () => {
    expectPemShape(generated.csrPem, 'CERTIFICATE REQUEST');
  });

  it('verifies with openssl req -verify', () => {
    const result = openssl(['req', '-in', 'csr.pem', '-verify', '-noout'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/verify OK/);
  });

  it('has the expected subject, key size and signature algorithm', () => {
    const result = openssl(['req', '-in', 'csr.pem', '-noout', '-text'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Subject: CN = admin, O = system:masters');
    expect(result.stdout).toContain('Public-Key: (2048 bit)');
    expect(result.stdout).toContain('Exponent: 65537 (0x10001)');
    expect(result.stdout).toContain('Signature Algorithm: sha256WithRSAEncryption');
    // openssl 3.0 prints an empty "Requested Extensions:" heading even when there are none
    expect(result.stdout).toMatch(/Attributes:\n\s+\(none\)\n/);
  });

  it('encodes the RDN values as UTF8String and the attributes as an empty [0]', () => {
    const result = openssl(['asn1parse', '-in', 'csr.pem'], dir);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const strings = lines.filter((l) => /\b(UTF8STRING|PRINTABLESTRING|IA5STRING|T61STRING)\b/.test(l));
    expect(strings).toHaveLength(2);
    expect(strings[0]).toMatch(/UTF8STRING\s+:admin$/);
    expect(strings[1]).toMatch(/UTF8STRING\s+:system:masters$/);
    expect(lines.some((l) => /cont \[ 0 \]/.test(l) && /l=\s*0 /.test(l))).toBe(true);
    // CN (2.5.4.3) comes before O (2.5.4.10)
    const oids = lines.filter((l) => /OBJECT\s+:(commonName|organizationName)/.test(l));
    expect(oids.map((l) => l.replace(/.*:/, ''))).toEqual(['commonName', 'organizationName']);
  });

  it('embeds the public key of the returned private key', () => {
    const fromCsr = openssl(['req', '-in', 'csr.pem', '-noout', '-pubkey'], dir);
    expect(fromCsr.status, fromCsr.stderr).toBe(0);
    const fromKey = createPublicKey(generated.keyPem).export({ type: 'spki', format: 'pem' });
    expect(fromCsr.stdout).toBe(fromKey);
  });

  it(
    'honours a custom subject and makes a new key each call',
    () => {
      const other = generateClientKeyAndCsr({ CN: 'jdoe' });
      expect(other.keyPem).not.toBe(generated.keyPem);
      const path = join(dir, 'other.csr');
      writeFileSync(path, other.csrPem);
      const result = openssl(['req', '-in', path, '-noout', '-subject', '-verify'], dir);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe('subject=CN = jdoe');
    },
    SLOW,
  );
});

describe('generateClientKeyAndCsrAsync (on the thread pool, for cluster-config)', () => {
  it(
    'gives a PKCS#1 key and a CSR that openssl verifies, with the admin subject and that key',
    async () => {
      const pending = generateClientKeyAndCsrAsync();
      // The event loop is free meanwhile: a timer fires before the key is ready.
      let ticked = false;
      setImmediate(() => (ticked = true));
      const made = await pending;
      expect(ticked).toBe(true);
      expect(made.keyPem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
      expect(createPrivateKey(made.keyPem).asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
      writeFileSync(join(dir, 'async.csr'), made.csrPem);
      const result = openssl(['req', '-in', 'async.csr', '-noout', '-subject', '-verify', '-pubkey'], dir);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('subject=CN = admin, O = system:masters');
      expect(result.stdout).toContain(createPublicKey(made.keyPem).export({ type: 'spki', format: 'pem' }) as string);
      expect(made.keyPem).not.toBe(generated.keyPem);
    },
    SLOW,
  );
});

describe('end to end: a CA signs our CSR', () => {
  it(
    'yields a cert that verifies against the CA and matches our key',
    () => {
      const run = (args: string[]): string => {
        const r = openssl(args, dir);
        expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
        return r.stdout;
      };
      run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=magnum test CA', '-days', '1']);
      run(['x509', '-req', '-in', 'csr.pem', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'cert.pem', '-days', '1']);

      expect(run(['verify', '-CAfile', 'ca.pem', 'cert.pem']).trim()).toBe('cert.pem: OK');
      expect(run(['x509', '-in', 'cert.pem', '-noout', '-subject']).trim()).toBe('subject=CN = admin, O = system:masters');

      const certPublicKey = run(['x509', '-in', 'cert.pem', '-noout', '-pubkey']);
      const keyPublicKey = run(['pkey', '-in', 'key.pem', '-pubout']);
      expect(certPublicKey).toBe(keyPublicKey);
      // and the same from node's side
      const certKeyDer = createPublicKey(certPublicKey).export({ type: 'spki', format: 'der' });
      const ourKeyDer = createPublicKey(createPrivateKey(generated.keyPem)).export({ type: 'spki', format: 'der' });
      expect(Buffer.compare(certKeyDer, ourKeyDer)).toBe(0);
    },
    SLOW,
  );
});
