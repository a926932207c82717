// The keyring-then-file logic of the token cache, with a scripted keyring standing in
// for the OS one (none answers on this machine), and the keyring adapter's guards.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialStore } from '../../src/context';
import { FileTokenCache } from '../../src/auth/file-token-cache';
import { LayeredTokenCache } from '../../src/auth/token-cache-factory';
import { KEYRING_SERVICE, openKeyring } from '../../src/auth/keyring-store';
import { cacheKey, decodeEntry, encodeEntry } from '../../src/auth/token-cache-entry';
import { resolveClientConfig } from '../../src/config/client-config';
import type { TokenInfo } from '../../src/auth/keystone';

const INFO: TokenInfo = {
  token: 'gAAAAABtoken',
  expiresAt: '2099-01-01T00:00:00.000000Z',
  catalog: [{ type: 'container-infra', endpoints: [{ interface: 'public', url: 'http://m/v1' }] }],
  projectId: 'p',
  userId: 'u',
};
const KEY = 'a'.repeat(64);

class ScriptedKeyring implements CredentialStore {
  readonly entries = new Map<string, string>();
  calls: string[] = [];
  constructor(private readonly fail: false | 'get' | 'set' | 'all' = false) {}
  async get(key: string): Promise<string | null> {
    this.calls.push('get');
    if (this.fail === 'get' || this.fail === 'all') throw new Error('Secret Service: no result found');
    return this.entries.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.calls.push('set');
    if (this.fail === 'set' || this.fail === 'all') throw new Error('Platform failure: locked collection');
    this.entries.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.calls.push('delete');
    this.entries.delete(key);
  }
}

let dir: string;
let notices: string[];
let file: FileTokenCache;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'magnum-layers-'));
  notices = [];
  file = new FileTokenCache(join(dir, 'magnum'), KEY, (p) => notices.push(p));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('LayeredTokenCache', () => {
  it('keeps the token in a working keyring and writes no file', async () => {
    const keyring = new ScriptedKeyring();
    const cache = new LayeredTokenCache(KEY, keyring, file);
    await cache.save(INFO);
    expect(existsSync(file.path)).toBe(false);
    expect(decodeEntry(KEY, keyring.entries.get(KEY) ?? '')).toEqual(INFO);
    expect(await cache.load()).toEqual(INFO);
    expect(notices).toEqual([]);
  });

  it('falls back to the file when the keyring refuses the write, and says where once', async () => {
    const keyring = new ScriptedKeyring('set');
    const cache = new LayeredTokenCache(KEY, keyring, file);
    await cache.save(INFO);
    await cache.save({ ...INFO, token: 'second' });
    expect(notices).toEqual([file.path]);
    expect(keyring.calls).toEqual(['set']);
    // A later run: the keyring answers "nothing" (a failed read looks like that), the file has it.
    expect(await new LayeredTokenCache(KEY, new ScriptedKeyring('set'), file).load()).toEqual({ ...INFO, token: 'second' });
  });

  it('stops asking a keyring that failed once', async () => {
    const keyring = new ScriptedKeyring('all');
    const cache = new LayeredTokenCache(KEY, keyring, file);
    expect(await cache.load()).toBeNull();
    await cache.save(INFO);
    await cache.drop();
    expect(keyring.calls).toEqual(['get']);
    expect(existsSync(file.path)).toBe(false);
  });

  it('drops the entry from both places after a 401, and a re-created file is not announced again', async () => {
    const keyring = new ScriptedKeyring();
    const cache = new LayeredTokenCache(KEY, keyring, file);
    file.save(INFO);
    keyring.entries.set(KEY, encodeEntry(KEY, INFO));
    await cache.drop();
    expect([keyring.entries.size, existsSync(file.path)]).toEqual([0, false]);
    file.save(INFO);
    expect(notices).toEqual([file.path]);
  });

  it('replaces an older plaintext copy once the keyring holds the token', async () => {
    file.save(INFO);
    await new LayeredTokenCache(KEY, new ScriptedKeyring(), file).save(INFO);
    expect(existsSync(file.path)).toBe(false);
  });

  it('never fails the command when the cache cannot be written', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const blocked = new FileTokenCache(join(dir, 'a-file', 'magnum'), KEY);
    await expect(new LayeredTokenCache(KEY, undefined, blocked).save(INFO)).resolves.toBeUndefined();
  });
});

describe('openKeyring', () => {
  // Stand-ins for @napi-rs/keyring, as module files the keyring's child process loads:
  // 'ok' keeps entries in a JSON file (and records how it was opened); 'block' blocks the
  // thread inside the call, as the real module does on a session bus that never answers.
  let modules: string;
  beforeEach(() => {
    modules = mkdtempSync(join(tmpdir(), 'magnum-keyring-fake-'));
  });
  afterEach(() => rmSync(modules, { recursive: true, force: true }));

  const fakeModule = (behaviour: 'ok' | 'block'): { path: string; opened: () => unknown[]; store: () => Record<string, string> } => {
    const path = join(modules, `${behaviour}.js`);
    const state = join(modules, `${behaviour}.json`);
    writeFileSync(
      path,
      `const fs = require('fs');
const state = ${JSON.stringify(state)};
const load = () => (fs.existsSync(state) ? JSON.parse(fs.readFileSync(state, 'utf8')) : { opened: [], store: {} });
const save = (s) => fs.writeFileSync(state, JSON.stringify(s));
class Entry {
  constructor(service, account, options) {
    const s = load(); s.opened.push([service, account, options]); save(s);
    this.account = account;
    ${behaviour === 'block' ? 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);' : ''}
  }
  getPassword() { const v = load().store[this.account]; return v === undefined ? null : v; }
  setPassword(p) { const s = load(); s.store[this.account] = p; save(s); }
  deletePassword() { const s = load(); const had = this.account in s.store; delete s.store[this.account]; save(s); return had; }
}
module.exports = { Entry };
`,
    );
    const read = (): { opened: unknown[]; store: Record<string, string> } =>
      existsSync(state) ? JSON.parse(readFileSync(state, 'utf8')) : { opened: [], store: {} };
    return { path, opened: () => read().opened, store: () => read().store };
  };

  it('skips the keyring at once on Linux without a D-Bus session, without looking for the module', () => {
    let looked = false;
    expect(openKeyring({}, 'linux', () => ((looked = true), undefined))).toBeUndefined();
    expect(looked).toBe(false);
  });

  it('is undefined when @napi-rs/keyring is not installed', () => {
    expect(openKeyring({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }, 'linux', () => undefined)).toBeUndefined();
  });

  it('talks to the Secret Service only (never keyutils), under service "magnum", the secret never in argv', async () => {
    const m = fakeModule('ok');
    const store = openKeyring({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }, 'linux', () => m.path);
    await store?.set('k', 'v');
    expect(m.store()).toEqual({ k: 'v' });
    expect(await store?.get('k')).toBe('v');
    await store?.delete('k');
    expect(await store?.get('k')).toBeNull();
    expect(m.opened()[0]).toEqual([KEYRING_SERVICE, 'k', { linux: { store: 'secret-service' } }]);
  });

  it('uses the platform keyring on macOS and Windows without D-Bus', () => {
    expect(openKeyring({}, 'darwin', () => '/some/module.js')).toBeDefined();
    expect(openKeyring({}, 'win32', () => '/some/module.js')).toBeDefined();
  });

  it('gives up on a keyring that blocks its thread, within the deadline', async () => {
    const m = fakeModule('block');
    const store = openKeyring({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }, 'linux', () => m.path, 300);
    const started = Date.now();
    await expect(store?.get('k')).rejects.toThrow('keyring did not answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(m.opened()).toHaveLength(1);
  });

  it('loads the real module when one is installed (npm ci installs the optional dependency)', async () => {
    // With a bus address that goes nowhere, the real Secret Service call fails fast.
    const store = openKeyring({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }, 'linux');
    expect(store).toBeDefined();
    await expect(store?.set('magnum-test', 'x')).rejects.toThrow();
  });
});

describe('cacheKey', () => {
  const key = (env: Record<string, string>) =>
    cacheKey(resolveClientConfig({}, { OS_AUTH_URL: 'http://k/v3', OS_USERNAME: 'demo', OS_PROJECT_NAME: 'demo', ...env }));

  it('ignores the password and a trailing slash of the auth URL', () => {
    expect(key({ OS_PASSWORD: 'a' })).toBe(key({ OS_PASSWORD: 'b', OS_AUTH_URL: 'http://k/v3/' }));
  });

  it.each([
    ['OS_AUTH_URL', 'http://other/v3'],
    ['OS_USERNAME', 'admin'],
    ['OS_USER_DOMAIN_NAME', 'Other'],
    ['OS_PROJECT_NAME', 'admin'],
    ['OS_PROJECT_DOMAIN_ID', 'x'],
    ['OS_REGION_NAME', 'RegionTwo'],
    ['OS_INTERFACE', 'internal'],
    ['OS_APPLICATION_CREDENTIAL_ID', 'ac'],
  ])('changes with %s', (name, value) => {
    expect(key({ [name]: value })).not.toBe(key({}));
  });

  it('keys token auth on the (hashed) token', () => {
    expect(key({ OS_AUTH_TYPE: 'v3token', OS_TOKEN: 'a' })).not.toBe(key({ OS_AUTH_TYPE: 'v3token', OS_TOKEN: 'b' }));
    expect(key({ OS_AUTH_TYPE: 'v3token', OS_TOKEN: 'a' })).toMatch(/^[0-9a-f]{64}$/);
  });
});
