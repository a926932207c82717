/**
 * The token cache's file backend: ${XDG_CACHE_HOME:-~/.cache}/magnum/token-<key>.json,
 * written 0600 through a temp file and rename, and trusted only when it is a regular
 * file owned by us with no group or other permission bits (as ssh treats its keys).
 * Anything else (foreign owner, loose mode, a symlink, bad JSON) is a miss.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, writeFileAtomic } from '../fs/atomic-write';
import type { TokenInfo } from './keystone';
import { decodeEntry, encodeEntry } from './token-cache-entry';

export function cacheDirectory(env: Record<string, string | undefined>, homeDir: string): string {
  return join(env.XDG_CACHE_HOME || join(homeDir, '.cache'), 'magnum');
}

/** Owned by us with no group/other bits. Windows has neither uids nor mode bits (the profile directory's ACL protects it). */
function privateToUs(uid: number, mode: number): boolean {
  if (process.platform === 'win32') return true;
  return uid === process.getuid?.() && (mode & 0o077) === 0;
}

export class FileTokenCache {
  readonly path: string;
  private droppedThisRun = false;

  constructor(
    private readonly dir: string,
    private readonly key: string,
    /** Told the path when a new cache file is created (not when one is refreshed). */
    private readonly onCreate: (path: string) => void = () => {},
  ) {
    this.path = join(dir, `token-${key}.json`);
  }

  load(): TokenInfo | null {
    let fd: number;
    try {
      fd = openSync(this.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch {
      return null;
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile() || !privateToUs(st.uid, st.mode)) return null;
      return decodeEntry(this.key, readFileSync(fd, 'utf8'));
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }

  save(info: TokenInfo): void {
    ensureDir(this.dir, 0o700);
    const created = !existsSync(this.path);
    writeFileAtomic(this.path, `${encodeEntry(this.key, info)}\n`, 0o600);
    if (created && !this.droppedThisRun) this.onCreate(this.path);
  }

  drop(): void {
    this.droppedThisRun = true;
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}
