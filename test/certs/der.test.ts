import { describe, expect, it } from 'vitest';
import { derBitString, derContext0, derInteger, derLength, derNull, derOid, derSequence, derSet, derUtf8String } from '../../src/certs/der';

const hex = (b: Buffer): string => b.toString('hex');

describe('derLength', () => {
  it('uses the short form below 128', () => {
    expect(hex(derLength(0))).toBe('00');
    expect(hex(derLength(127))).toBe('7f');
  });
  it('uses the long form from 128 on', () => {
    expect(hex(derLength(128))).toBe('8180');
    expect(hex(derLength(255))).toBe('81ff');
    expect(hex(derLength(256))).toBe('820100');
    expect(hex(derLength(65536))).toBe('83010000');
  });
  it('rejects negative and fractional lengths', () => {
    expect(() => derLength(-1)).toThrow(RangeError);
    expect(() => derLength(1.5)).toThrow(RangeError);
  });
});

describe('derInteger', () => {
  it('encodes small values', () => {
    expect(hex(derInteger(0))).toBe('020100');
    expect(hex(derInteger(127))).toBe('02017f');
    expect(hex(derInteger(65537))).toBe('0203010001');
  });
  it('adds a zero byte when the high bit is set', () => {
    expect(hex(derInteger(128))).toBe('02020080');
    expect(hex(derInteger(0xffffn))).toBe('020300ffff');
  });
  it('strips redundant leading zeros from byte input', () => {
    expect(hex(derInteger(Buffer.from([0, 0, 0x01, 0x02])))).toBe('02020102');
    expect(hex(derInteger(Buffer.from([0, 0x80])))).toBe('02020080');
    expect(hex(derInteger(Buffer.from([0, 0])))).toBe('020100');
  });
  it('rejects negative numbers', () => {
    expect(() => derInteger(-1)).toThrow(RangeError);
  });
});

describe('derOid', () => {
  it('encodes attribute type OIDs', () => {
    expect(hex(derOid('2.5.4.3'))).toBe('0603550403');
    expect(hex(derOid('2.5.4.10'))).toBe('060355040a');
  });
  it('encodes multi-byte arcs (sha256WithRSAEncryption)', () => {
    expect(hex(derOid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
  });
  it('rejects malformed OIDs', () => {
    expect(() => derOid('1')).toThrow(RangeError);
    expect(() => derOid('1.40')).toThrow(RangeError);
    expect(() => derOid('3.1')).toThrow(RangeError);
    expect(() => derOid('1.2.x')).toThrow(RangeError);
  });
});

describe('strings, containers and simple types', () => {
  it('UTF8String carries UTF-8 bytes', () => {
    expect(hex(derUtf8String('admin'))).toBe('0c0561646d696e');
    expect(hex(derUtf8String('é'))).toBe('0c02c3a9');
  });
  it('BIT STRING has a zero unused-bits octet', () => {
    expect(hex(derBitString(Buffer.from([0xab, 0xcd])))).toBe('0303' + '00abcd');
  });
  it('NULL', () => {
    expect(hex(derNull())).toBe('0500');
  });
  it('SEQUENCE keeps order, SET sorts members', () => {
    const a = derInteger(2);
    const b = derInteger(1);
    expect(hex(derSequence(a, b))).toBe('3006' + '020102' + '020101');
    expect(hex(derSet(a, b))).toBe('3106' + '020101' + '020102');
  });
  it('[0] constructed, empty and wrapping content', () => {
    expect(hex(derContext0())).toBe('a000');
    expect(hex(derContext0(derNull()))).toBe('a0020500');
  });
  it('long content gets a long-form length', () => {
    const encoded = derUtf8String('x'.repeat(300));
    expect(hex(encoded.subarray(0, 4))).toBe('0c82012c');
    expect(encoded.length).toBe(304);
  });
});
