// Temporary files and lock files must not outlive a run that is interrupted. Node's
// default for SIGINT/SIGTERM/SIGHUP is to die on the spot, leaving them behind; while a
// command holds any, these handlers remove them first and then exit as a signal-killed
// process would (128 + the signal number: 130 for Ctrl-C, 143 for SIGTERM).
//
// Signal handlers run on the event loop, never in the middle of synchronous code, so a
// synchronous block (e.g. the renames that commit a file set) is never cut in half by
// a signal this process handles. SIGKILL cannot be handled: see docs/extensions.md for
// what it can leave behind and how the next run reports it.
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const cleanups = new Set<() => void>();

function onSignal(signal: (typeof SIGNALS)[number]): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: the process is going away and must not die with a stack trace instead
    }
  }
  cleanups.clear();
  process.exit(128 + constants.signals[signal]);
}

const handlers = new Map(SIGNALS.map((s) => [s, () => onSignal(s)] as const));

/**
 * Runs `cleanup` (synchronously) if the process gets SIGINT, SIGTERM or SIGHUP before the
 * returned function is called. The handlers are installed only while something is registered,
 * so other commands keep Node's default behaviour.
 */
export function cleanupOnSignal(cleanup: () => void): () => void {
  if (pendingRemoval !== undefined) {
    clearImmediate(pendingRemoval);
    pendingRemoval = undefined;
  } else if (cleanups.size === 0) {
    for (const [signal, handler] of handlers) process.on(signal, handler);
  }
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup)) return;
    if (cleanups.size === 0) pendingRemoval = setImmediate(() => (pendingRemoval = setImmediate(removeHandlers)));
  };
}

/**
 * The handlers stay for two turns of the event loop after the last cleanup is gone: a signal
 * that came during the synchronous block just finished (the commit of a file set) is still
 * queued, and is read in the loop's next poll phase. Removed before that, it would be dropped
 * (Node does not apply the default action afterwards) and the run would end 0 as if never
 * signalled; kept, onSignal finds nothing to clean and exits 128 + the signal.
 */
let pendingRemoval: NodeJS.Immediate | undefined;
function removeHandlers(): void {
  pendingRemoval = undefined;
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
}
