import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDir, writeFileAtomic } from '../../src/fs/atomic-write';

const permissions = (path: string): number => statSync(path).mode & 0o7777;

let dir: string;
let savedUmask: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'magnum-atomic-'));
  savedUmask = process.umask(0o022);
});

afterEach(() => {
  process.umask(savedUmask);
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the data with exactly mode 0600 under umask 022 and leaves no temp file', () => {
    const target = join(dir, 'key.pem');
    writeFileAtomic(target, 'secret\n', 0o600);
    expect(readFileSync(target, 'utf8')).toBe('secret\n');
    expect(permissions(target)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['key.pem']);
  });

  it('gets bits the umask would strip (0644 under umask 077)', () => {
    process.umask(0o077);
    const target = join(dir, 'ca.pem');
    writeFileAtomic(target, 'ca', 0o644);
    expect(permissions(target)).toBe(0o644);
  });

  it('writes Buffers byte for byte', () => {
    const target = join(dir, 'blob');
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe]);
    writeFileAtomic(target, bytes, 0o600);
    expect(Buffer.compare(readFileSync(target), bytes)).toBe(0);
  });

  it('writes large data completely', () => {
    const target = join(dir, 'big');
    const text = 'x'.repeat(5 * 1024 * 1024);
    writeFileAtomic(target, text, 0o600);
    expect(statSync(target).size).toBe(text.length);
  });

  it('replaces an existing file by rename: new inode, new content, new mode', () => {
    const target = join(dir, 'config');
    writeFileSync(target, 'old contents that are longer', { mode: 0o644 });
    const before = statSync(target);
    writeFileAtomic(target, 'new', 0o600);
    const after = statSync(target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(after.ino).not.toBe(before.ino);
    expect(permissions(target)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('throws ENOENT when the directory is missing, leaving nothing behind', () => {
    const target = join(dir, 'does-not-exist', 'key.pem');
    expect(() => writeFileAtomic(target, 'x', 0o600)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('throws when the target is a directory and removes the temp file', () => {
    const target = join(dir, 'config');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'keep');
    expect(() => writeFileAtomic(target, 'x', 0o600)).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) }),
    );
    expect(readdirSync(dir)).toEqual(['config']);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readdirSync(target)).toEqual(['inside']);
  });
});

describe('ensureDir', () => {
  it('creates missing parents with mode 0700 by default', () => {
    const nested = join(dir, 'a', 'b', 'c');
    ensureDir(nested);
    expect(statSync(nested).isDirectory()).toBe(true);
    expect(permissions(join(dir, 'a'))).toBe(0o700);
    expect(permissions(nested)).toBe(0o700);
  });

  it('accepts an explicit mode and an existing directory', () => {
    const path = join(dir, 'certs');
    ensureDir(path, 0o755);
    expect(permissions(path)).toBe(0o755);
    expect(() => ensureDir(path)).not.toThrow();
    expect(permissions(path)).toBe(0o755); // an existing directory is left alone
  });

  it('a path that is a file, or below one, is refused with its errno', () => {
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    expect(() => ensureDir(file)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => ensureDir(join(file, 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it("a parent that refuses new entries with ENOENT (procfs) is an error, not an endless loop (Node 20's recursive mkdir hangs there)", () => {
    expect(statSync('/proc').isDirectory(), 'this test needs Linux procfs').toBe(true);
    expect(() => ensureDir('/proc/magnum-test/sub')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
