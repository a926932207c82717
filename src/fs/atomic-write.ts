// Atomic file replacement with an explicit mode. The reference writes pem and
// kubeconfig files with plain open(..., "w"), i.e. 0666 & ~umask and a
// world-readable private key (`magnumclient/common/utils.py config_cluster`); we write with an
// explicit mode instead, and never leave a half-written file behind.
import { closeSync, constants, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Write `data` to `path` via `.<name>.<random>.tmp` in the same directory
 * (same filesystem, so rename(2) is atomic), fsync'd, then renamed over the
 * target. The result has exactly `mode`: it is chmod'ed after open because the
 * open mode is filtered by the umask. On any failure the temp file is removed
 * and the error rethrown; an existing target is then left untouched.
 */
/**
 * Creates `path`, which must not exist (O_EXCL), with exactly `mode` (chmod'ed after open
 * because the open mode is filtered by the umask), writes `data` and fsyncs it.
 */
export function writeNewFile(path: string, data: string | Buffer, mode: number): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    fchmodSync(fd, mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write `data` to `path` via `.<name>.<random>.tmp` in the same directory
 * (same filesystem, so rename(2) is atomic), fsync'd, then renamed over the
 * target, with exactly `mode`. On any failure the temp file is removed
 * and the error rethrown; an existing target is then left untouched.
 */
export function writeFileAtomic(path: string, data: string | Buffer, mode: number): void {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid.toString(36)}${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    writeNewFile(tempPath, data, mode);
    renameSync(tempPath, path);
  } catch (error) {
    try {
      unlinkSync(tempPath);
    } catch {
      // already gone or never created; the original error is what matters
    }
    throw error;
  }
}

/**
 * Create `path` and any missing parents; new directories get `mode` (subject to umask).
 *
 * Not `mkdirSync(path, { recursive: true })`: Node 20's recursive mkdir loops forever where
 * mkdir(2) answers ENOENT for a parent that exists (`/proc/x`: procfs refuses new entries
 * with ENOENT), so `cluster-config --dir /proc/x` hung. Here each missing directory is made
 * once, from the deepest existing ancestor down, and the first refusal is thrown.
 */
export function ensureDir(path: string, mode = 0o700): void {
  const missing: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.push(dir);
      if (dirname(dir) === dir) break;
      continue;
    }
    if (!isDirectory) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${dir}'`), { code: 'EEXIST', path: dir });
    break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, { mode });
    } catch (e) {
      // Made meanwhile by another run: as good as made here.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dir).isDirectory()) throw e;
    }
  }
}
