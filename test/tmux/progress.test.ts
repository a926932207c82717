// The --wait progress line as a person sees it: the built CLI runs in a real terminal
// (a tmux pane, on a tmux server of this test's own) against the fake cloud, and the
// pane is captured while it waits and after it exits. With stderr piped there is none.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { cliPath, openrcEnv } from '../support/run-cli';
import { itNeeds } from '../support/tools';

const TMUX = '/usr/bin/tmux';
const HAVE_TMUX = spawnSync(TMUX, ['-V'], { stdio: 'ignore' }).status === 0;
const itWithTmux = itNeeds(HAVE_TMUX, `${TMUX} is not installed (apt-get install -y tmux)`);
const SOCKET = `magnum-progress-${process.pid}`;
const WIDTH = 100;

// The fake cloud keeps a new cluster CREATE_IN_PROGRESS for 4 s of real time: the CLI
// sees it at 0 s and 2 s, and CREATE_COMPLETE at its third look, 5 s in.
const f = useFakeCloud({ transitionDelayMs: 4000 });
const home = mkdtempSync(join(tmpdir(), 'magnum-tmux-home-'));

afterAll(() => {
  if (HAVE_TMUX) spawnSync(TMUX, ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
});

const tmux = (...args: string[]): string => execFileSync(TMUX, ['-L', SOCKET, ...args], { encoding: 'utf8' });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `magnum args` in a new tmux window with a clean environment (no $CI unless given),
 * capturing the pane every 100 ms until the command has printed `EXIT=<code>`; `act` runs
 * once, at the first frame `when` accepts.
 */
async function inPane(
  name: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  when?: (frame: string) => boolean,
  act?: () => void,
): Promise<string[]> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm', LANG: 'C.UTF-8', ...openrcEnv(f.cloud), ...extraEnv };
  // `trap : INT`: the pane's shell outlives a Ctrl-C (its child still gets the default
  // SIGINT disposition) and reports how the command ended.
  const command = [
    'trap : INT;',
    'env',
    '-i',
    ...Object.entries(env).map(([k, v]) => quote(`${k}=${v}`)),
    quote(process.execPath),
    quote(cliPath),
    ...args.map(quote),
    '; echo EXIT=$?; sleep 60',
  ].join(' ');
  if (spawnSync(TMUX, ['-L', SOCKET, 'has-session', '-t', 'progress'], { stdio: 'ignore' }).status === 0) {
    tmux('new-window', '-t', 'progress', '-n', name, command);
  } else {
    tmux('new-session', '-d', '-s', 'progress', '-n', name, '-x', String(WIDTH), '-y', '20', command);
  }
  const frames: string[] = [];
  for (let i = 0; i < 300; i++) {
    const frame = tmux('capture-pane', '-p', '-t', `progress:${name}`);
    frames.push(frame);
    if (/EXIT=\d+/.test(frame)) return frames;
    // Once, when the frame shows what `when` waits for: `act` (e.g. a key press).
    if (act && when?.(frame)) {
      act();
      act = undefined;
    }
    await sleep(100);
  }
  throw new Error(`the command in window ${name} did not finish:\n${frames.at(-1)}`);
}

const lines = (frame: string): string[] =>
  frame
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');

describe('the --wait progress line in a terminal', () => {
  itWithTmux(`updates one line while waiting and leaves nothing behind`, async () => {
    f.cloud.seedTemplate({ name: 'kubernetes' });
    const frames = await inPane('tty', ['cluster-create', 'slow-tty', '--cluster-template', 'kubernetes', '--node-count', '2', '--wait']);
    const waiting = frames.filter((frame) => frame.includes('Waiting for cluster'));
    expect(waiting.length).toBeGreaterThan(0);
    const progress = lines(waiting.at(-1) ?? '');
    expect(progress[0]).toMatch(/^Request to create cluster [0-9a-f-]{36} has been accepted\.$/);
    expect(progress[1]).toMatch(/^Waiting for cluster slow-tty: CREATE_IN_PROGRESS, 1 master, 2 nodes \(\ds\)$/);
    expect(progress.length).toBe(2);
    // The elapsed time moved on while the line stayed one line.
    const seconds = new Set(waiting.map((frame) => /\((\d+)s\)/.exec(frame)?.[1]));
    expect(seconds.size).toBeGreaterThan(1);
    // At the end the line was blanked: the next output starts on it, at column 0.
    const last = lines(frames.at(-1) ?? '');
    expect(last).toEqual([progress[0], 'EXIT=0']);
  });

  itWithTmux(`is blanked on Ctrl-C, and the process dies of SIGINT (exit status 130)`, async () => {
    if (!f.cloud.state.templates.some((t) => t.name === 'kubernetes')) f.cloud.seedTemplate({ name: 'kubernetes' });
    const frames = await inPane(
      'interrupt',
      ['cluster-create', 'slow-interrupt', '--cluster-template', 'kubernetes', '--wait'],
      {},
      (frame) => frame.includes('Waiting for cluster slow-interrupt'),
      () => tmux('send-keys', '-t', 'progress:interrupt', 'C-c'),
    );
    expect(
      frames.some((frame) => frame.includes('Waiting for cluster slow-interrupt')),
      frames.at(-1),
    ).toBe(true);
    // Nothing of the progress line (nor the echoed ^C) is left; the shell saw 128 + SIGINT.
    expect(lines(frames.at(-1) ?? '')).toEqual([expect.stringMatching(/^Request to create cluster .* has been accepted\.$/), 'EXIT=130']);
  });

  itWithTmux(`is not shown on a terminal when $CI is set`, async () => {
    const frames = await inPane('ci', ['cluster-create', 'slow-ci', '--cluster-template', 'kubernetes', '--wait'], { CI: 'true' });
    expect(frames.some((frame) => frame.includes('Waiting'))).toBe(false);
    expect(lines(frames.at(-1) ?? '')).toEqual([expect.stringMatching(/^Request to create cluster .* has been accepted\.$/), 'EXIT=0']);
  });
});

describe('the --wait progress line with stderr piped', () => {
  it('is not there: stderr stays empty and stdout is what it is without --wait', async () => {
    const waited = await f.magnum(['cluster-create', 'slow-piped', '--cluster-template', 'kubernetes', '--wait'], { timeoutMs: 30_000 });
    expect(waited.code).toBe(0);
    expect(waited.stderr).toBe('');
    expect(waited.stdout).toMatch(/^Request to create cluster [0-9a-f-]{36} has been accepted\.\n$/);
    expect(f.cloud.state.clusters.find((c) => c.name === 'slow-piped')?.status).toBe('CREATE_COMPLETE');
  });
});
