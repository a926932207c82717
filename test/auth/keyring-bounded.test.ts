// The keyring may never hang a command (issue 9): with OS_CACHE=true and a session bus
// that accepts the connection and never answers, the real @napi-rs/keyring blocks inside
// its native call. The built CLI must give up on it after 1.5 s and use the file cache.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../support/fake-cloud';
import { openrcEnv, runCli } from '../support/run-cli';

let cloud: FakeCloud;
let root: string;
let bus: Server;
const held = new Set<Socket>();

beforeAll(async () => {
  cloud = await startFakeCloud();
  cloud.seedCluster({ name: 'cached' });
  root = mkdtempSync(join(tmpdir(), 'magnum-keyring-bus-'));
  // A "session bus" that accepts and reads, and never says a word.
  bus = createServer((s) => {
    held.add(s);
    s.on('data', () => {});
    s.on('close', () => held.delete(s));
  });
  await new Promise<void>((resolve) => bus.listen(join(root, 'bus'), resolve));
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((resolve) => bus.close(() => resolve()));
  await cloud.close();
  rmSync(root, { recursive: true, force: true });
});

it('needs the real keyring module (the optional dependency npm ci installs)', () => {
  expect(() => createRequire(import.meta.url).resolve('@napi-rs/keyring')).not.toThrow();
});

it('a session bus that never answers costs the 1.5 s deadline once, then the file cache is used', async () => {
  const cacheHome = join(root, 'cache');
  const env = { ...openrcEnv(cloud), OS_CACHE: 'true', DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(root, 'bus')}`, XDG_CACHE_HOME: cacheHome };
  const started = Date.now();
  const r = await runCli(['--debug', 'cluster-list'], { env, timeoutMs: 20_000 });
  const ms = Date.now() - started;
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('| cached ');
  expect(r.stderr).toContain('DEBUG token cache: keyring unusable (keyring did not answer within 1500 ms); using ');
  // One deadline, not one per call: a keyring that failed is not asked again in the run.
  expect(ms).toBeGreaterThanOrEqual(1500);
  expect(ms).toBeLessThan(6000);
  const dir = join(cacheHome, 'magnum');
  expect(existsSync(dir) ? readdirSync(dir) : []).toHaveLength(1);
});
