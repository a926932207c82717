// The polling loop behind every `--wait` (docs/wait.md): observe, then sleep with a
// growing interval (2 s, ×1.5, at most 10 s) until the target is done, has failed, or
// the timeout passes. Time comes only from ctx.clock, so tests run it on a fake clock.
import type { Context } from '../context';
import { ApiError, RequestFailed } from '../api/errors';
import { CommandError } from '../errors';
import type { WaitSettings } from './options';
import { formatElapsed, progressLine } from './progress';

export interface Observation {
  state: 'pending' | 'done' | 'failed';
  /** The status (and node counts) shown on the progress line, e.g. `CREATE_IN_PROGRESS, 1 master, 3 nodes`. */
  summary: string;
  /** For 'failed': the whole error line after `ERROR: `. */
  failure?: string;
}

export interface WaitTarget {
  /** `cluster k8s-1`, for the progress and timeout lines. */
  description: string;
  observe(): Promise<Observation>;
}

export type WaitContext = Pick<Context, 'clock' | 'io' | 'env' | 'signals'>;

export const FIRST_INTERVAL_MS = 2000;
export const MAX_INTERVAL_MS = 10_000;
const BACKOFF = 1.5;
/** Consecutive transient errors (5xx, no connection) tolerated while polling. */
const MAX_TRANSIENT_ERRORS = 3;
/** Progress-line refresh while sleeping, so the elapsed time keeps moving. */
const TICK_MS = 1000;

function isTransient(e: unknown): boolean {
  if (e instanceof ApiError) return e.status >= 500;
  // A refused or dropped connection; a timeout is not ridden out (the deadline is the user's).
  return e instanceof RequestFailed && e.connectFailure;
}

/**
 * Resolves when the target is done; throws CommandError when it failed or the time ran
 * out. `since` (default: now) is when the timeout started to run.
 */
export async function waitUntilDone(ctx: WaitContext, target: WaitTarget, settings: WaitSettings, since?: number): Promise<void> {
  const start = since ?? ctx.clock.now();
  const deadline = start + settings.timeoutSeconds * 1000;
  const progress = progressLine(ctx);
  const show = (summary: string): void =>
    progress.update(`Waiting for ${target.description}: ${summary} (${formatElapsed(ctx.clock.now() - start)})`);
  let interval = FIRST_INTERVAL_MS;
  let transientErrors = 0;
  let last = 'not seen yet';
  try {
    for (;;) {
      let seen: Observation | undefined;
      try {
        seen = await target.observe();
        transientErrors = 0;
      } catch (e) {
        if (!isTransient(e) || ++transientErrors > MAX_TRANSIENT_ERRORS) throw e;
      }
      if (seen) {
        if (seen.state === 'done') return;
        if (seen.state === 'failed') throw new CommandError(seen.failure ?? `${target.description} failed: ${seen.summary}`);
        last = seen.summary;
      }
      const remaining = deadline - ctx.clock.now();
      if (remaining <= 0) {
        throw new CommandError(`Timed out after ${settings.timeoutSeconds} s waiting for ${target.description} (last status: ${last}).`);
      }
      // With a progress line, sleep in ticks so that its elapsed time keeps moving.
      let pause = Math.min(interval, remaining);
      while (pause > 0) {
        show(last);
        const step = progress.enabled ? Math.min(pause, TICK_MS) : pause;
        await ctx.clock.sleep(step);
        pause -= step;
      }
      interval = Math.min(MAX_INTERVAL_MS, interval * BACKOFF);
    }
  } finally {
    progress.clear();
  }
}

/**
 * Waits for several targets (the resources of one multi-item delete) under one timeout,
 * one after the other: each failure is reported on stderr as `ERROR: ...` and the others
 * are still waited for. Returns false when any of them failed or timed out.
 */
export async function waitForEach(ctx: WaitContext, targets: readonly WaitTarget[], settings: WaitSettings): Promise<boolean> {
  const start = ctx.clock.now();
  let ok = true;
  for (const target of targets) {
    try {
      await waitUntilDone(ctx, target, settings, start);
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      ctx.io.err(`ERROR: ${e.message}\n`);
      ok = false;
    }
  }
  return ok;
}
