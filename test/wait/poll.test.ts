import { describe, expect, it } from 'vitest';
import { ApiError, RequestFailed } from '../../src/api/errors';
import { TransportError } from '../../src/http/transport';
import { CommandError } from '../../src/errors';
import type { Observation, WaitContext, WaitTarget } from '../../src/wait/poll';
import { waitForEach, waitUntilDone } from '../../src/wait/poll';
import { formatElapsed } from '../../src/wait/progress';
import { FakeClock } from './in-process';

function context(opts: { tty?: boolean; ci?: boolean; columns?: number } = {}): WaitContext & { stderr: () => string; clock: FakeClock } {
  let stderr = '';
  const clock = new FakeClock();
  return {
    clock,
    env: opts.ci ? { CI: 'true' } : {},
    io: {
      out: () => {
        throw new Error('nothing may go to stdout');
      },
      err: (s) => {
        stderr += s;
      },
      stdoutIsTTY: false,
      stderrIsTTY: opts.tty === true,
      columns: opts.columns,
    },
    stderr: () => stderr,
  };
}

/** A target that answers from a script; a function entry throws instead. */
function scripted(steps: (Observation | (() => never))[]): WaitTarget & { calls: () => number } {
  let calls = 0;
  return {
    description: 'cluster k8s',
    calls: () => calls,
    observe: async () => {
      const step = steps[Math.min(calls++, steps.length - 1)];
      return typeof step === 'function' ? step() : step;
    },
  };
}

const pending = (summary = 'CREATE_IN_PROGRESS, 1 master, 2 nodes'): Observation => ({ state: 'pending', summary });
const done: Observation = { state: 'done', summary: 'CREATE_COMPLETE, 1 master, 2 nodes' };

describe('waitUntilDone', () => {
  it('polls with a backoff from 2 s growing by half up to 10 s, and returns when done', async () => {
    const ctx = context();
    const target = scripted([pending(), pending(), pending(), pending(), pending(), pending(), pending(), done]);
    await waitUntilDone(ctx, target, { timeoutSeconds: 3600 });
    expect(ctx.clock.sleeps).toEqual([2000, 3000, 4500, 6750, 10000, 10000, 10000]);
    expect(target.calls()).toBe(8);
    expect(ctx.stderr()).toBe('');
  });

  it('returns at once, without sleeping, when the first observation is done', async () => {
    const ctx = context({ tty: true });
    await waitUntilDone(ctx, scripted([done]), { timeoutSeconds: 10 });
    expect(ctx.clock.sleeps).toEqual([]);
    expect(ctx.stderr()).toBe('');
  });

  it('throws the failure line of a failed target', async () => {
    const ctx = context();
    const failed: Observation = { state: 'failed', summary: 'CREATE_FAILED', failure: 'Cluster k8s failed: CREATE_FAILED: boom' };
    await expect(waitUntilDone(ctx, scripted([pending(), failed]), { timeoutSeconds: 60 })).rejects.toThrow(
      new CommandError('Cluster k8s failed: CREATE_FAILED: boom'),
    );
    expect(ctx.clock.sleeps).toEqual([2000]);
  });

  it('times out after the last observation at the deadline, naming the last status', async () => {
    const ctx = context();
    const target = scripted([pending('CREATE_IN_PROGRESS, 1 master, 1 node')]);
    await expect(waitUntilDone(ctx, target, { timeoutSeconds: 6 })).rejects.toThrow(
      'Timed out after 6 s waiting for cluster k8s (last status: CREATE_IN_PROGRESS, 1 master, 1 node).',
    );
    // 0 s, 2 s, 5 s, then a shortened sleep to the deadline and a last look at 6 s.
    expect(ctx.clock.sleeps).toEqual([2000, 3000, 1000]);
    expect(target.calls()).toBe(4);
  });

  it('rides out up to three transient errors in a row (5xx, refused connections)', async () => {
    const ctx = context();
    const unavailable = (): never => {
      throw new ApiError(503, 'Service Unavailable', '');
    };
    const refused = (): never => {
      throw new RequestFailed(new TransportError('connect ECONNREFUSED 127.0.0.1:9511', 'http://127.0.0.1:9511/v1/clusters/k8s', 'connect'));
    };
    await waitUntilDone(ctx, scripted([unavailable, refused, unavailable, pending(), unavailable, done]), { timeoutSeconds: 3600 });
    expect(ctx.clock.sleeps.length).toBe(5);
  });

  it('gives up on the fourth transient error in a row, and at once on any other error', async () => {
    const unavailable = (): never => {
      throw new ApiError(503, 'Service Unavailable', '');
    };
    await expect(waitUntilDone(context(), scripted([unavailable]), { timeoutSeconds: 3600 })).rejects.toThrow('Service Unavailable');
    const forbidden = (): never => {
      throw new ApiError(403, 'Forbidden', '');
    };
    const ctx = context();
    await expect(waitUntilDone(ctx, scripted([forbidden]), { timeoutSeconds: 3600 })).rejects.toThrow('Forbidden');
    expect(ctx.clock.sleeps).toEqual([]);
    const timedOut = (): never => {
      throw new RequestFailed(
        new TransportError('no complete reply within 120 s (--os-api-timeout)', 'http://127.0.0.1:9511/v1/clusters/k8s', 'timeout'),
      );
    };
    const again = context();
    await expect(waitUntilDone(again, scripted([timedOut]), { timeoutSeconds: 3600 })).rejects.toThrow(
      'Request to http://127.0.0.1:9511/v1/clusters/k8s timed out: no complete reply within 120 s (--os-api-timeout)',
    );
    expect(again.clock.sleeps).toEqual([]);
  });
});

describe('the progress line', () => {
  it('is one line on a terminal, redrawn with \\r every second and blanked at the end', async () => {
    const ctx = context({ tty: true });
    await waitUntilDone(ctx, scripted([pending('A'), done]), { timeoutSeconds: 60 });
    expect(ctx.clock.sleeps).toEqual([1000, 1000]);
    const blank = ' '.repeat('Waiting for cluster k8s: A (1s)'.length);
    expect(ctx.stderr()).toBe(`\rWaiting for cluster k8s: A (0s)\rWaiting for cluster k8s: A (1s)\r${blank}\r`);
  });

  it('pads a shorter redraw over the longer one before it', async () => {
    const ctx = context({ tty: true });
    await waitUntilDone(ctx, scripted([pending('LONGER'), pending('S'), done]), { timeoutSeconds: 60 });
    const frames = ctx.stderr().split('\r').slice(1);
    expect(frames).toEqual([
      'Waiting for cluster k8s: LONGER (0s)',
      'Waiting for cluster k8s: LONGER (1s)',
      'Waiting for cluster k8s: S (2s)     ',
      'Waiting for cluster k8s: S (3s)',
      'Waiting for cluster k8s: S (4s)',
      '                               ',
      '',
    ]);
  });

  it('is cut to the terminal width so that it never wraps', async () => {
    const ctx = context({ tty: true, columns: 30 });
    await waitUntilDone(ctx, scripted([pending('UPDATE_IN_PROGRESS, 3 masters, 12 nodes'), done]), { timeoutSeconds: 60 });
    const frames = ctx.stderr().split('\r').slice(1);
    expect(frames[0]).toBe('Waiting for cluster k8s: U...');
    expect(Math.max(...frames.map((f) => f.length))).toBe(29);
  });

  it('is blanked before the failure is reported', async () => {
    const ctx = context({ tty: true });
    const failed: Observation = { state: 'failed', summary: 'X', failure: 'boom' };
    await expect(waitUntilDone(ctx, scripted([pending('A'), failed]), { timeoutSeconds: 60 })).rejects.toThrow('boom');
    expect(ctx.stderr().endsWith(`\r${' '.repeat('Waiting for cluster k8s: A (1s)'.length)}\r`)).toBe(true);
  });

  it('is not shown when $CI is set, even on a terminal', async () => {
    const ctx = context({ tty: true, ci: true });
    await waitUntilDone(ctx, scripted([pending(), pending(), done]), { timeoutSeconds: 60 });
    expect(ctx.stderr()).toBe('');
    expect(ctx.clock.sleeps).toEqual([2000, 3000]);
  });

  it('formats the elapsed time compactly', () => {
    expect([0, 999, 59_000, 65_000, 3_723_000].map(formatElapsed)).toEqual(['0s', '0s', '59s', '1m05s', '1h02m03s']);
  });
});

describe('waitForEach', () => {
  it('waits for every target under one timeout and reports each failure on stderr', async () => {
    const ctx = context();
    const failed: Observation = { state: 'failed', summary: 'DELETE_FAILED', failure: 'Cluster a failed: DELETE_FAILED: stuck' };
    const ok = await waitForEach(ctx, [scripted([failed]), scripted([pending(), done]), scripted([pending()])], { timeoutSeconds: 5 });
    expect(ok).toBe(false);
    expect(ctx.stderr()).toBe(
      'ERROR: Cluster a failed: DELETE_FAILED: stuck\n' +
        'ERROR: Timed out after 5 s waiting for cluster k8s (last status: CREATE_IN_PROGRESS, 1 master, 2 nodes).\n',
    );
    // The second target used 2 s of the 5; the third gets the remaining 3 s (2 + 1).
    expect(ctx.clock.sleeps).toEqual([2000, 2000, 1000]);
  });
});
