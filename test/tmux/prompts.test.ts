// The password and TOTP prompts as a person meets them: the built CLI in a real terminal
// (a tmux pane on a tmux server of this test's own) against the fake cloud; the test
// types the answer with send-keys and checks that nothing typed was echoed. With stdin
// not a terminal there is never a prompt (test/auth/login-kinds.test.ts). Under CI=true a
// missing tmux fails instead of skipping.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { cliPath, openrcEnv } from '../support/run-cli';
import { TOTP_SECRETS } from '../support/fake-state';
import { totpCode } from '../support/totp';

const TMUX = '/usr/bin/tmux';
const HAVE_TMUX = spawnSync(TMUX, ['-V'], { stdio: 'ignore' }).status === 0;
const SOCKET = `magnum-prompts-${process.pid}`;
const f = useFakeCloud();
const home = mkdtempSync(join(tmpdir(), 'magnum-tmux-prompts-'));
let windows = 0;

afterAll(() => {
  if (HAVE_TMUX) spawnSync(TMUX, ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
});

const tmux = (...args: string[]): string => execFileSync(TMUX, ['-L', SOCKET, ...args], { encoding: 'utf8' });
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A terminal running `magnum args` with exactly `env`; `until` waits for text on the screen. */
function terminal(
  args: string[],
  env: Record<string, string>,
  stdin = '',
): { target: string; until(text: RegExp): Promise<string>; type(text: string): void } {
  const target = `prompts:w${++windows}`;
  const command = [
    'env',
    '-i',
    ...Object.entries({ PATH: '/usr/bin:/bin', HOME: home, TERM: 'xterm', LANG: 'C.UTF-8', ...env }).map(([k, v]) => shellQuote(`${k}=${v}`)),
    shellQuote(process.execPath),
    shellQuote(cliPath),
    ...args.map(shellQuote),
    stdin,
    '; echo EXIT=$?; sleep 60',
  ].join(' ');
  if (windows === 1) tmux('new-session', '-d', '-s', 'prompts', '-n', `w${windows}`, '-x', '160', '-y', '30', command);
  else tmux('new-window', '-t', 'prompts', '-n', `w${windows}`, command);
  return {
    target,
    async until(text) {
      for (let i = 0; i < 200; i++) {
        const screen = tmux('capture-pane', '-p', '-t', target);
        if (text.test(screen)) return screen;
        await pause(50);
      }
      throw new Error(`${text} never appeared in ${target}:\n${tmux('capture-pane', '-p', '-t', target)}`);
    },
    type(text) {
      tmux('send-keys', '-t', target, '-l', text);
      tmux('send-keys', '-t', target, 'Enter');
    },
  };
}

const screenLines = (screen: string): string[] =>
  screen
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
const env = (over: Record<string, string>): Record<string, string> => {
  const base: Record<string, string> = { ...openrcEnv(f.cloud), ...over };
  for (const [k, v] of Object.entries(over)) if (v === '') delete base[k];
  return base;
};

describe('prompts on a terminal', () => {
  it('has tmux (CI=true requires it)', () => {
    if (process.env.CI === 'true') expect(HAVE_TMUX).toBe(true);
  });

  it.skipIf(!HAVE_TMUX)('asks for a missing password without echo, then logs in', async () => {
    f.cloud.seedCluster({ name: 'prompted' });
    const t = terminal(['cluster-list'], env({ OS_PASSWORD: '' }));
    await t.until(/^Password:/m);
    t.type('secret');
    const screen = await t.until(/EXIT=\d+/);
    expect(screen).not.toContain('secret');
    const shown = screenLines(screen);
    expect(shown[0]).toBe('Password:');
    expect(shown).toContain('EXIT=0');
    expect(screen).toMatch(/\| prompted +\|/);
  });

  it.skipIf(!HAVE_TMUX)('an empty answer is the usual error', async () => {
    const t = terminal(['cluster-list'], env({ OS_PASSWORD: '' }));
    await t.until(/^Password:/m);
    t.type('');
    const screen = await t.until(/EXIT=\d+/);
    expect(screenLines(screen)).toEqual([
      'Password:',
      'ERROR: You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response',
      'EXIT=1',
    ]);
  });

  it.skipIf(!HAVE_TMUX)('v3totp asks for the TOTP passcode', async () => {
    const t = terminal(['cluster-list'], env({ OS_AUTH_TYPE: 'v3totp', OS_PASSWORD: '' }));
    await t.until(/^TOTP passcode:/m);
    const code = totpCode(TOTP_SECRETS.demo);
    t.type(code);
    const screen = await t.until(/EXIT=\d+/);
    expect(screen).not.toContain(code);
    expect(screenLines(screen)).toContain('EXIT=0');
  });

  it.skipIf(!HAVE_TMUX)("a multi-factor user: Keystone's receipt asks for the second factor", async () => {
    const t = terminal(['cluster-list'], env({ OS_USERNAME: 'mfa', OS_PASSWORD: 'mfa-secret' }));
    await t.until(/^TOTP passcode:/m);
    const code = totpCode(TOTP_SECRETS.mfa);
    t.type(code);
    const screen = await t.until(/EXIT=\d+/);
    expect(screen).not.toContain(code);
    const shown = screenLines(screen);
    expect([shown[0], shown.at(-1)]).toEqual(['TOTP passcode:', 'EXIT=0']);
  });

  it.skipIf(!HAVE_TMUX)('never asks when stdin is not the terminal', async () => {
    // stdout and stderr are the terminal, stdin is /dev/null.
    const piped = terminal(['cluster-list'], env({ OS_PASSWORD: '' }), '< /dev/null');
    const screen = await piped.until(/EXIT=\d+/);
    expect(screenLines(screen)).toEqual([
      'ERROR: You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response',
      'EXIT=1',
    ]);
  });
});
