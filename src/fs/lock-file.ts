// A lock file beside the file it guards, the convention kubectl uses for its kubeconfig
// (client-go tools/clientcmd/loader.go, lockFile/unlockFile: `<file>.lock` created with
// O_CREATE|O_EXCL, removed when done). What we match and what we add:
// - same name and same O_EXCL creation, so a magnum merge and a `kubectl config …` that
//   runs at the same moment exclude each other;
// - client-go gives up at once when the lock exists ("open …lock: file exists"); a merge
//   holds it for milliseconds, so we retry with a bounded backoff for LOCK_TIMEOUT_MS;
// - client-go writes nothing into it; we write our pid, so a lock left by a killed magnum is
//   recognised. A lock that is stale (its owner is gone, or it is older than STALE_AFTER_MS)
//   is never removed silently: the run stops and says which file to remove, because breaking
//   a lock someone still holds is exactly the lost update the lock prevents.
import { closeSync, constants, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { CommandError } from '../errors';
import { cleanupOnSignal } from './signal-cleanup';

export const LOCK_TIMEOUT_MS = 10_000;
export const STALE_AFTER_MS = 60_000;

export interface LockOptions {
  timeoutMs?: number;
  staleAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface HeldLock {
  readonly path: string;
  release(): void;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

interface LockHolder {
  /** null: unknown (kubectl's empty lock, one we cannot read, or one just being created). */
  pid: number | null;
  ageMs: number;
}

/** undefined when the lock has gone meanwhile. */
function inspect(path: string, now: number): LockHolder | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  let pid: number | null = null;
  try {
    const text = readFileSync(path, 'utf8').trim();
    if (/^[1-9]\d{0,9}$/.test(text)) pid = Number(text);
  } catch {
    // kubectl creates it with mode 0: unreadable for anyone but root
  }
  return { pid, ageMs: Math.max(0, now - mtimeMs) };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/**
 * Takes the lock file `lockPath` guarding `guarded` (named in messages), waiting up to
 * `timeoutMs` for another holder to release it. Released by `release()` or, if the process
 * is interrupted first, by the signal handlers.
 */
export async function acquireLock(lockPath: string, guarded: string, options: LockOptions = {}): Promise<HeldLock> {
  const { timeoutMs = LOCK_TIMEOUT_MS, staleAfterMs = STALE_AFTER_MS, sleep = defaultSleep, now = Date.now } = options;
  const removeIt = `Remove ${lockPath} if no kubectl or magnum is using ${guarded}, then retry.`;
  const start = now();
  let pause = 10;
  // The handler before the lock file: a signal that arrives right after it is created must
  // find it installed (handlers run on the event loop, after `created` is set); without one,
  // the default action kills the process on the spot and the lock is left behind.
  let created = false;
  const removeLock = (): void => {
    if (!created) return;
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone: nothing else to release
    }
  };
  const forget = cleanupOnSignal(removeLock);
  try {
    while (!tryCreate(lockPath)) {
      const holder = inspect(lockPath, now());
      if (holder !== undefined) {
        if (holder.pid !== null && holder.pid !== process.pid && !isRunning(holder.pid)) {
          throw new CommandError(`${lockPath} was left behind by process ${holder.pid}, which is no longer running. ${removeIt}`);
        }
        if (holder.ageMs > staleAfterMs) {
          throw new CommandError(
            `${lockPath} is ${seconds(holder.ageMs)} old: a kubectl or magnum that was killed probably left it behind. ${removeIt}`,
          );
        }
        if (now() - start >= timeoutMs) {
          const who = holder.pid === null ? 'another kubectl or magnum' : `process ${holder.pid}`;
          throw new CommandError(`${guarded} is locked by ${who} (${lockPath}); gave up after ${seconds(timeoutMs)}. ${removeIt}`);
        }
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 200);
    }
    created = true;
  } catch (e) {
    forget();
    throw e;
  }
  return {
    path: lockPath,
    release() {
      forget();
      removeLock();
    },
  };
}

/** Runs `body` holding the lock; the lock is released however `body` ends. */
export async function withLock<T>(lockPath: string, guarded: string, body: () => T | Promise<T>, options?: LockOptions): Promise<T> {
  const lock = await acquireLock(lockPath, guarded, options);
  try {
    return await body();
  } finally {
    lock.release();
  }
}
