// A set of files that belong together (cluster-config's key.pem, cert.pem, ca.pem and the
// kubeconfig embedding the same key and certificate) written so that a directory only
// ever holds a whole set: the old one, or the new one.
//
// 1. stage: every file is written, with its mode, into a fresh hidden directory beside
//    the targets (`.magnum-config-XXXXXX`, same filesystem, so rename(2) is atomic);
// 2. lock: `<dir>/.magnum-config.lock` (lock-file.ts) serialises the commits of runs into
//    the same directory; the existence check (without --force) is made again under it;
// 3. commit: one rename per file, in one synchronous block: a signal this process handles
//    runs only after the block (signal-cleanup.ts), and a concurrent run waits for the lock,
//    so two `--force` runs leave one run's whole set, never a mix of keys and certificates;
// 4. the staging directory and the lock are removed, also on SIGINT/SIGTERM/SIGHUP.
//
// Why not a symlink to a fresh directory (the one-rename swap)? Users and scripts expect
// `--dir` to hold regular files; replacing them with symlinks would change that, and a
// reader holding the previous set would still see it at its old path.
import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CommandError } from '../errors';
import { ensureDir, writeNewFile } from './atomic-write';
import { withLock } from './lock-file';
import { cleanupOnSignal } from './signal-cleanup';

export interface PlannedFile {
  path: string;
  content: string;
  mode: number;
}

const STAGE_PREFIX = '.magnum-config-';
export const SET_LOCK_NAME = '.magnum-config.lock';

/** What an fs error code means, for one `ERROR:` line instead of Node's `EACCES: …, open '…'`. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENOENT':
      return 'no such file or directory';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** `path` and any missing parents (new ones 0700); a clear error when it cannot be a directory. */
export function prepareDirectory(path: string, mode = 0o700): void {
  try {
    ensureDir(path, mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new CommandError(`Cannot write into ${path}: it exists and is not a directory.`);
    throw new CommandError(`Cannot create directory ${path}: ${describeFsError(e)}.`);
  }
  if (!statSync(path).isDirectory()) throw new CommandError(`Cannot write into ${path}: it exists and is not a directory.`);
}

/** The reference's check (`magnumclient/v1/clusters_shell.py do_cluster_config`): the first planned file that exists stops the run. */
export function refuseExisting(files: readonly PlannedFile[]): void {
  for (const f of files) if (existsSync(f.path)) throw new CommandError(`File ${f.path} exists, aborting.`);
}

/**
 * Writes `files` (all in `dir`) as one set, as described above. Without `force`, a file that
 * exists (before, or when the lock is taken) aborts the run and nothing is written.
 */
export async function writeFileSet(dir: string, files: readonly PlannedFile[], force: boolean): Promise<void> {
  for (const f of files) if (dirname(f.path) !== dir) throw new Error(`${f.path} is not in ${dir}`);
  prepareDirectory(dir);
  if (!force) refuseExisting(files);
  // The handler first: a signal that arrives once the directory exists must find it
  // installed (handlers run on the event loop, so `stage` is set by then); without one,
  // the default action kills the process on the spot and the directory is left behind.
  let stage: string | undefined;
  const removeStage = (): void => {
    if (stage !== undefined) rmSync(stage, { recursive: true, force: true });
  };
  const forget = cleanupOnSignal(removeStage);
  try {
    try {
      stage = mkdtempSync(join(dir, STAGE_PREFIX));
    } catch (e) {
      throw new CommandError(`Cannot write into ${dir}: ${describeFsError(e)}.`);
    }
    const staged = stage;
    try {
      for (const f of files) writeNewFile(join(staged, basename(f.path)), f.content, f.mode);
    } catch (e) {
      throw new CommandError(`Cannot write into ${dir}: ${describeFsError(e)}.`);
    }
    await withLock(join(dir, SET_LOCK_NAME), dir, () => {
      if (!force) refuseExisting(files);
      // One synchronous block: no signal handler and no other run of ours in between.
      for (const f of files) renameSync(join(staged, basename(f.path)), f.path);
    });
  } finally {
    removeStage();
    forget();
  }
}
