// Minimal DER (X.690 Distinguished Encoding Rules) encoder: just the types a
// PKCS#10 certificate request needs (`magnumclient/common/utils.py generate_csr_and_key`). Every function
// returns a complete TLV (tag, length, value) as a Buffer.

const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_NULL = 0x05;
const TAG_OBJECT_IDENTIFIER = 0x06;
const TAG_UTF8_STRING = 0x0c;
const TAG_SEQUENCE = 0x30; // constructed
const TAG_SET = 0x31; // constructed
const TAG_CONTEXT_CONSTRUCTED_0 = 0xa0;

/** Definite-length octets: short form below 128, else 0x80|n followed by n big-endian bytes. */
export function derLength(length: number): Buffer {
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`invalid DER length ${length}`);
  }
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with an arbitrary tag byte. */
export function derTlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(value.length), value]);
}

export function derSequence(...items: Buffer[]): Buffer {
  return derTlv(TAG_SEQUENCE, Buffer.concat(items));
}

/**
 * SET OF. DER wants the members sorted by encoding; every caller here passes a
 * single member (one attribute per RDN), so they are sorted rather than trusted.
 */
export function derSet(...items: Buffer[]): Buffer {
  const sorted = [...items].sort((a, b) => Buffer.compare(a, b));
  return derTlv(TAG_SET, Buffer.concat(sorted));
}

/**
 * INTEGER from a non-negative number, bigint or big-endian magnitude bytes.
 * Leading zero bytes are stripped and one 0x00 is added back when the top bit
 * is set, so the value stays positive (two's complement).
 */
export function derInteger(value: number | bigint | Buffer): Buffer {
  let bytes: Buffer;
  if (Buffer.isBuffer(value)) {
    bytes = value;
  } else {
    let n = BigInt(value);
    if (n < 0n) throw new RangeError('negative DER INTEGER is not supported');
    const out: number[] = [];
    do {
      out.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
    bytes = Buffer.from(out);
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  let magnitude = bytes.subarray(start);
  if (magnitude.length === 0) magnitude = Buffer.from([0]);
  const first = magnitude[0] ?? 0;
  const content = first & 0x80 ? Buffer.concat([Buffer.from([0]), magnitude]) : magnitude;
  return derTlv(TAG_INTEGER, content);
}

/** OBJECT IDENTIFIER from dotted form, e.g. "2.5.4.3". */
export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((part) => {
    if (!/^\d+$/.test(part)) throw new RangeError(`invalid OID ${dotted}`);
    return BigInt(part);
  });
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || first > 2n || (first < 2n && second > 39n)) {
    throw new RangeError(`invalid OID ${dotted}`);
  }
  const out: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    // base-128, most significant group first, continuation bit on all but the last
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let n = arc >> 7n; n > 0n; n >>= 7n) groups.unshift(Number(n & 0x7fn) | 0x80);
    out.push(...groups);
  }
  return derTlv(TAG_OBJECT_IDENTIFIER, Buffer.from(out));
}

/** UTF8String: python-cryptography (and so magnumclient) encodes Name values this way (`magnumclient/common/utils.py generate_csr_and_key`). */
export function derUtf8String(text: string): Buffer {
  return derTlv(TAG_UTF8_STRING, Buffer.from(text, 'utf8'));
}

/** BIT STRING with zero unused bits (whole-byte payloads: keys, signatures). */
export function derBitString(bytes: Buffer): Buffer {
  return derTlv(TAG_BIT_STRING, Buffer.concat([Buffer.from([0]), bytes]));
}

export function derNull(): Buffer {
  return Buffer.from([TAG_NULL, 0x00]);
}

/** [0] IMPLICIT, constructed: wraps already-encoded content (CSR attributes). */
export function derContext0(...items: Buffer[]): Buffer {
  return derTlv(TAG_CONTEXT_CONSTRUCTED_0, Buffer.concat(items));
}
