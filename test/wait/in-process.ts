// Runs `magnum` in this process (src/cli.ts run()) against the fake cloud with a fake
// clock, so `--wait` loops finish instantly and their sleeps can be asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli';
import type { Clock, Context } from '../../src/context';
import { NodeTransport } from '../../src/http/node-transport';
import type { FakeCloud } from '../support/fake-cloud';
import { openrcEnv } from '../support/run-cli';

export class FakeClock implements Clock {
  /** Starts at the real time: the keystone session compares token expiry with it. */
  time = Date.now();
  readonly sleeps: number[] = [];
  /** Called after each sleep, e.g. to change the fake cloud's state at a given moment. */
  onSleep: (elapsedMs: number) => void = () => undefined;
  private readonly start = this.time;

  now = (): number => this.time;
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.time += ms;
    this.onSleep(this.time - this.start);
  };
}

export interface InProcessOptions {
  stderrIsTTY?: boolean;
  env?: Record<string, string>;
  clock?: FakeClock;
  columns?: number;
}

export interface InProcessResult {
  stdout: string;
  stderr: string;
  code: number;
  clock: FakeClock;
}

export async function magnumInProcess(cloud: FakeCloud, argv: string[], opts: InProcessOptions = {}): Promise<InProcessResult> {
  const home = mkdtempSync(join(tmpdir(), 'magnum-wait-home-'));
  const clock = opts.clock ?? new FakeClock();
  let stdout = '';
  let stderr = '';
  const ctx: Context = {
    io: {
      out: (s) => {
        stdout += s;
      },
      err: (s) => {
        stderr += s;
      },
      stdoutIsTTY: false,
      stderrIsTTY: opts.stderrIsTTY === true,
      columns: opts.columns,
    },
    env: { ...openrcEnv(cloud), HOME: home, SHELL: '/bin/bash', ...opts.env },
    cwd: home,
    homeDir: home,
    clock,
    transportFor: (tls) => new NodeTransport(tls),
  };
  try {
    const code = await run(argv, ctx);
    return { stdout, stderr, code, clock };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
