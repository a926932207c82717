// The prompts through the Context: `run(argv, ctx)` in process with a fake prompter, so
// every question and its order is visible (the real terminal is test/tmux/prompts.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli';
import type { Context, Prompter } from '../../src/context';
import { NodeTransport } from '../../src/http/node-transport';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { TOTP_SECRETS } from '../support/fake-state';
import { openrcEnv } from '../support/run-cli';
import { totpCode } from '../support/totp';

let cloud: FakeCloud;
let home: string;
beforeAll(async () => {
  cloud = await startFakeCloud();
  cloud.seedCluster({ name: 'asked' });
  home = mkdtempSync(join(tmpdir(), 'magnum-prompts-'));
});
afterAll(async () => {
  await cloud.close();
  rmSync(home, { recursive: true, force: true });
});

/** A prompter that answers from a script and records what it was asked. */
function scripted(interactive: boolean, answers: Record<string, string>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  return {
    interactive,
    asked,
    async secret(prompt) {
      asked.push(prompt);
      return answers[prompt] ?? '';
    },
  };
}

async function magnum(
  argv: string[],
  env: Record<string, string | undefined>,
  prompter: Prompter,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx: Context = {
    io: { out: (s) => void (out += s), err: (s) => void (err += s), stdoutIsTTY: false, stderrIsTTY: false },
    env: { HOME: home, ...env },
    cwd: home,
    homeDir: home,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    transportFor: (tls) => new NodeTransport(tls),
    prompter,
  };
  const code = await run(argv, ctx);
  return { code, out, err };
}
const openrc = (over: Record<string, string | undefined>): Record<string, string | undefined> => ({ ...openrcEnv(cloud), ...over });

describe('password prompt', () => {
  it('asks "Password: " when none is configured and someone can answer', async () => {
    const p = scripted(true, { 'Password: ': 'secret' });
    const r = await magnum(['cluster-list'], openrc({ OS_PASSWORD: undefined }), p);
    expect([r.code, r.err, p.asked]).toEqual([0, '', ['Password: ']]);
    expect(r.out).toContain('| asked ');
  });

  it('never asks when stdin is not a terminal', async () => {
    const p = scripted(false, { 'Password: ': 'secret' });
    const r = await magnum(['cluster-list'], openrc({ OS_PASSWORD: undefined }), p);
    expect([r.code, r.err, p.asked]).toEqual([
      1,
      'ERROR: You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response\n',
      [],
    ]);
  });

  it('never asks for a configured password, nor before the user is known', async () => {
    const configured = scripted(true, {});
    expect((await magnum(['cluster-list'], openrc({}), configured)).code).toBe(0);
    const noUser = scripted(true, {});
    const r = await magnum(['cluster-list'], openrc({ OS_PASSWORD: undefined, OS_USERNAME: undefined }), noUser);
    expect([r.err, configured.asked, noUser.asked]).toEqual([
      'ERROR: You must provide a username via either --os-username or via env[OS_USERNAME]\n',
      [],
      [],
    ]);
  });

  it('asks nothing while the token cache holds a valid token', async () => {
    const env = openrc({ OS_CACHE: 'true', XDG_CACHE_HOME: join(home, 'cache'), OS_PASSWORD: undefined });
    const first = scripted(true, { 'Password: ': 'secret' });
    expect((await magnum(['cluster-list'], env, first)).code).toBe(0);
    const second = scripted(true, {});
    const r = await magnum(['cluster-list'], env, second);
    expect([r.code, first.asked, second.asked]).toEqual([0, ['Password: '], []]);
  });
});

describe('TOTP prompts', () => {
  it('v3totp asks "TOTP passcode: "', async () => {
    const p = scripted(true, { 'TOTP passcode: ': totpCode(TOTP_SECRETS.demo) });
    const r = await magnum(['cluster-list'], openrc({ OS_AUTH_TYPE: 'v3totp', OS_PASSWORD: undefined }), p);
    expect([r.code, r.err, p.asked]).toEqual([0, '', ['TOTP passcode: ']]);
  });

  it('a receipt for a multi-factor user asks for the missing factor only', async () => {
    const p = scripted(true, { 'TOTP passcode: ': totpCode(TOTP_SECRETS.mfa) });
    const before = cloud.requests.length;
    const r = await magnum(['cluster-list'], openrc({ OS_USERNAME: 'mfa', OS_PASSWORD: 'mfa-secret' }), p);
    expect([r.code, r.err, p.asked]).toEqual([0, '', ['TOTP passcode: ']]);
    const posts = cloud.requests.slice(before).filter((q) => q.server === 'keystone' && q.method === 'POST');
    expect(posts.map((q) => q.headers['openstack-auth-receipt'] !== undefined)).toEqual([false, true]);
  });

  it('password then passcode for v3multifactor, in that order', async () => {
    const p = scripted(true, { 'Password: ': 'mfa-secret', 'TOTP passcode: ': totpCode(TOTP_SECRETS.mfa) });
    const r = await magnum(
      ['cluster-list'],
      openrc({ OS_AUTH_TYPE: 'v3multifactor', OS_AUTH_METHODS: 'v3password,v3totp', OS_USERNAME: 'mfa', OS_PASSWORD: undefined }),
      p,
    );
    expect([r.code, r.err, p.asked]).toEqual([0, '', ['Password: ', 'TOTP passcode: ']]);
  });
});
