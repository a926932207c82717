// Client key and PKCS#10 certificate request for cluster-config
// (`magnumclient/common/utils.py generate_csr_and_key`; docs/dependencies.md, node-forge for why hand-written DER + node:crypto
// rather than an X.509 library: no dependency, no import cost, same ASN.1).
// node:crypto is required where it is used: start-up pays for it only in cluster-config.
type NodeCrypto = typeof import('node:crypto');
import { derBitString, derContext0, derInteger, derNull, derOid, derSequence, derSet, derUtf8String } from './der';

/** Subject attributes, emitted as separate RDNs in the order CN, then O (`magnumclient/common/utils.py generate_csr_and_key`). */
export interface CsrSubject {
  CN: string;
  O?: string;
}

export interface ClientKeyAndCsr {
  /** PKCS#1 "TraditionalOpenSSL" PEM, unencrypted: `-----BEGIN RSA PRIVATE KEY-----` (`magnumclient/common/utils.py generate_csr_and_key`). */
  keyPem: string;
  /** `-----BEGIN CERTIFICATE REQUEST-----` PEM. */
  csrPem: string;
}

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION_NAME = '2.5.4.10';
const OID_SHA256_WITH_RSA_ENCRYPTION = '1.2.840.113549.1.1.11';

/** RFC 7468 textual encoding: base64 in 64-character lines, trailing newline. */
export function pemEncode(label: string, der: Buffer): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function encodeName(subject: CsrSubject): Buffer {
  const rdn = (oid: string, value: string): Buffer => derSet(derSequence(derOid(oid), derUtf8String(value)));
  const rdns = [rdn(OID_COMMON_NAME, subject.CN)];
  if (subject.O !== undefined) rdns.push(rdn(OID_ORGANIZATION_NAME, subject.O));
  return derSequence(...rdns);
}

// Encodings requested up front: the private key straight as PKCS#1 PEM (the file format,
// `magnumclient/common/utils.py generate_csr_and_key`), the public key as DER
// SubjectPublicKeyInfo, which is exactly the CSR field.
const RSA_KEY_OPTIONS: import('node:crypto').RSAKeyPairOptions<'der', 'pem'> = {
  modulusLength: 2048,
  publicExponent: 65537,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
};

const nodeCrypto = (): NodeCrypto => require('node:crypto') as NodeCrypto;

/** The CSR for a key pair: CertificationRequestInfo (RFC 2986 §4.1) signed with the key. */
function certificationRequest(subject: CsrSubject, keyPem: string, subjectPublicKeyInfo: Buffer): ClientKeyAndCsr {
  // version 0, subject, SPKI, attributes [0] (empty).
  const requestInfo = derSequence(derInteger(0), encodeName(subject), subjectPublicKeyInfo, derContext0());
  // RSASSA-PKCS1-v1_5 is node's default padding for RSA keys.
  const signature = nodeCrypto().sign('sha256', requestInfo, keyPem);
  const signatureAlgorithm = derSequence(derOid(OID_SHA256_WITH_RSA_ENCRYPTION), derNull());
  const request = derSequence(requestInfo, signatureAlgorithm, derBitString(signature));
  return { keyPem, csrPem: pemEncode('CERTIFICATE REQUEST', request) };
}

const ADMIN: CsrSubject = { CN: 'admin', O: 'system:masters' };

/**
 * RSA-2048 (e = 65537) key plus a CSR for it. The default subject
 * CN=admin, O=system:masters makes the signed cert cluster-admin under
 * Kubernetes RBAC (`magnumclient/common/utils.py generate_csr_and_key`). No extensions,
 * empty attributes, SHA-256 signature. Synchronous: for tests and tools that have nothing
 * else to do meanwhile.
 */
export function generateClientKeyAndCsr(subject: CsrSubject = ADMIN): ClientKeyAndCsr {
  const { privateKey, publicKey } = nodeCrypto().generateKeyPairSync('rsa', RSA_KEY_OPTIONS);
  return certificationRequest(subject, privateKey, publicKey);
}

/**
 * The same, generated on libuv's thread pool: the 50-500 ms of key generation overlap
 * whatever the caller does meanwhile (cluster-config: its first requests).
 */
export function generateClientKeyAndCsrAsync(subject: CsrSubject = ADMIN): Promise<ClientKeyAndCsr> {
  return new Promise((resolve, reject) => {
    nodeCrypto().generateKeyPair('rsa', RSA_KEY_OPTIONS, (error, publicKey, privateKey) => {
      if (error) reject(error);
      else {
        try {
          resolve(certificationRequest(subject, privateKey, publicKey));
        } catch (e) {
          reject(e);
        }
      }
    });
  });
}
