// The user's kubeconfig file as `cluster-config --merge` changes it: found the way kubectl
// finds it, locked the way kubectl locks it (`<file>.lock`, src/fs/lock-file.ts), read
// again under the lock (so a concurrent merge's context is never lost), merged
// (merge.ts) and replaced atomically with mode 0600.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CommandError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { describeFsError, prepareDirectory } from '../fs/file-set';
import { withLock } from '../fs/lock-file';
import { kubeconfigPath, mergeKubeconfig, type MergeNames } from './merge';

export interface KubeconfigLocation {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  cwd: string;
}

export interface MergedInto {
  /** The file written: where a symlinked kubeconfig points. */
  path: string;
  /** An entry of one of the names was there already and has been replaced. */
  replaced: boolean;
}

/**
 * Merges the one-cluster kubeconfig `incoming` into the user's kubeconfig under `names`.
 * `beforeWrite` runs under the lock once the merge is known to succeed and before the file
 * is replaced (cluster-config writes its pem files there, so a kubeconfig it cannot merge
 * into leaves nothing new behind).
 */
export async function mergeIntoKubeconfigFile(
  where: KubeconfigLocation,
  incoming: string,
  names: MergeNames,
  beforeWrite: () => void | Promise<void> = () => {},
): Promise<MergedInto> {
  // The lock is named after the path as kubectl names it (not resolved), so both tools take the same one.
  const path = resolve(where.cwd, kubeconfigPath(where.env, where.homeDir));
  prepareDirectory(dirname(path));
  const YAML = await import('yaml');
  return withLock(`${path}.lock`, path, async () => {
    const target = existsSync(path) ? realpathSync(path) : path;
    let existing: string | null = null;
    try {
      existing = existsSync(target) ? readFileSync(target, 'utf8') : null;
    } catch (e) {
      throw new CommandError(`Cannot read ${target}: ${describeFsError(e)}.`);
    }
    let merged;
    try {
      merged = mergeKubeconfig(YAML, existing, incoming, names);
    } catch (e) {
      if (e instanceof CommandError) throw new CommandError(`Cannot merge into ${target}: ${e.message}`);
      throw e;
    }
    await beforeWrite();
    try {
      writeFileAtomic(target, merged.text, 0o600);
    } catch (e) {
      throw new CommandError(`Cannot write ${target}: ${describeFsError(e)}.`);
    }
    return { path: target, replaced: merged.replaced };
  });
}
