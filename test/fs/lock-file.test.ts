import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, withLock } from '../../src/fs/lock-file';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'magnum-lock-'));
  lock = join(dir, 'config.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that is certainly not running: a child that has already exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid ?? 0;

describe('acquireLock', () => {
  it('creates <file>.lock holding our pid and removes it on release', async () => {
    const held = await acquireLock(lock, 'config');
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    held.release();
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a holder that releases it, then takes it', async () => {
    writeFileSync(lock, '');
    const slept: number[] = [];
    const held = await acquireLock(lock, 'config', {
      sleep: async (ms) => {
        slept.push(ms);
        if (slept.length === 3) rmSync(lock);
      },
    });
    expect(slept).toEqual([10, 20, 40]);
    held.release();
  });

  it('gives up after the timeout and names the holder and the file to remove', async () => {
    writeFileSync(lock, `${process.ppid}\n`);
    let now = 0;
    const error = await acquireLock(lock, '/home/me/.kube/config', {
      timeoutMs: 5000,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `/home/me/.kube/config is locked by process ${process.ppid} (${lock}); gave up after 5 s. ` +
        `Remove ${lock} if no kubectl or magnum is using /home/me/.kube/config, then retry.`,
    );
    expect(existsSync(lock)).toBe(true);
  });

  it("says 'another kubectl or magnum' for kubectl's empty lock", async () => {
    writeFileSync(lock, '');
    let now = 0;
    const error = await acquireLock(lock, 'f', { now: () => now, sleep: async (ms) => void (now += ms) }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^f is locked by another kubectl or magnum \(/);
  });

  it('reports, and does not break, a lock whose owner is gone', async () => {
    const pid = deadPid();
    writeFileSync(lock, `${pid}\n`);
    const error = await acquireLock(lock, 'f').catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `${lock} was left behind by process ${pid}, which is no longer running. Remove ${lock} if no kubectl or magnum is using f, then retry.`,
    );
    expect(readFileSync(lock, 'utf8')).toBe(`${pid}\n`);
  });

  it('reports, and does not break, a lock older than a minute', async () => {
    writeFileSync(lock, '');
    const old = Date.now() / 1000 - 125;
    utimesSync(lock, old, old);
    const error = await acquireLock(lock, 'f').catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `${lock} is 125 s old: a kubectl or magnum that was killed probably left it behind. Remove ${lock} if no kubectl or magnum is using f, then retry.`,
    );
    expect(existsSync(lock)).toBe(true);
  });

  it('withLock releases the lock when the body throws', async () => {
    await expect(withLock(lock, 'f', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });
});
