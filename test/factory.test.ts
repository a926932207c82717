// src/factory.ts: each command gets a fresh context whose client logs in on its first
// request, so a command's own argument checks run before any network traffic (gh's
// Factory: providers, not values), and nothing the caller passed in is changed.
import { createServer, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli';
import type { Context } from '../src/context';
import type { CommandModule } from '../src/commands/types';
import { findCommand } from '../src/commands';
import { resolveClientConfig } from '../src/config/client-config';
import { NO_PASSWORD } from '../src/config/auth-checks';
import { commandContext, type CommandInputs } from '../src/factory';
import { listClusterTemplates, listClusters } from '../src/api/resources';
import { NodeTransport } from '../src/http/node-transport';
import { startFakeCloud, type FakeCloud } from './support/fake-cloud';
import { openrcEnv, runCli, type RunCliResult } from './support/run-cli';
import { tempDir } from './support/temp';

/** A port nothing listens on: connecting to it is refused. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Keystone that is down in another way: it takes each connection and drops it, counting them. */
async function droppingKeystone(): Promise<{ authUrl: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = createServer((socket: Socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    authUrl: `http://127.0.0.1:${port}/v3`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const openrcFor = (authUrl: string): Record<string, string> => ({ ...openrcEnv({ authUrlV3: authUrl }) });

describe('with Keystone down, a command still reports its own argument errors first', () => {
  // Each raised by the command itself (not by the parser), before its first request.
  const FLAG_ERRORS: [string, string[], RunCliResult][] = [
    [
      'cluster-create --wait-timeout 0',
      ['cluster-create', 'x', '--cluster-template', 't', '--wait-timeout', '0'],
      { stdout: '', stderr: 'ERROR: --wait-timeout must be a positive number of seconds.\n', code: 1 },
    ],
    [
      'cluster-create --master-lb-disabled --master-count 3',
      ['cluster-create', 'x', '--cluster-template', 't', '--master-lb-disabled', '--master-count', '3'],
      { stdout: '', stderr: 'ERROR: Master node count can only be one if master loadbalancer is disabled.\n', code: 1 },
    ],
    [
      'cluster-update with a labels value that is no list',
      ['cluster-update', 'c', 'replace', 'labels=5'],
      { stdout: '', stderr: 'ERROR: labels must be a list of KEY=VALUE pairs, not 5\n', code: 1 },
    ],
  ];

  it.each(FLAG_ERRORS)('%s: the flag error, exit 1, with nothing listening on the auth URL', async (_name, argv, expected) => {
    const port = await deadPort();
    expect(await runCli(argv, { env: openrcFor(`http://127.0.0.1:${port}/v3`) })).toEqual(expected);
  });

  it.each(FLAG_ERRORS)('%s: not one connection to Keystone', async (_name, argv, expected) => {
    const keystone = await droppingKeystone();
    try {
      expect(await runCli(argv, { env: openrcFor(keystone.authUrl) })).toEqual(expected);
      expect(keystone.connections()).toBe(0);
    } finally {
      await keystone.close();
    }
  });

  it('a command line without such an error does reach for Keystone, and says it cannot', async () => {
    const port = await deadPort();
    const r = await runCli(['cluster-create', 'x', '--cluster-template', 't', '--wait-timeout', '5'], {
      env: openrcFor(`http://127.0.0.1:${port}/v3`),
    });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^ERROR: Unable to establish connection to http://127\\.0\\.0\\.1:${port}/v3/auth/tokens: .*ECONNREFUSED.*\\n$`),
    );
    const keystone = await droppingKeystone();
    try {
      expect((await runCli(['cluster-list'], { env: openrcFor(keystone.authUrl) })).code).toBe(1);
      expect(keystone.connections()).toBeGreaterThan(0);
    } finally {
      await keystone.close();
    }
  });

  it('the auth settings are still checked before the command, as the reference does (_ensure_auth_info)', async () => {
    const keystone = await droppingKeystone();
    try {
      const env = { ...openrcFor(keystone.authUrl), OS_PASSWORD: '' };
      const r = await runCli(['cluster-create', 'x', '--cluster-template', 't', '--wait-timeout', '0'], { env });
      expect(r).toEqual({ stdout: '', stderr: `ERROR: ${NO_PASSWORD}\n`, code: 1 });
      expect(keystone.connections()).toBe(0);
    } finally {
      await keystone.close();
    }
  });
});

describe('in process', () => {
  let cloud: FakeCloud;
  beforeAll(async () => {
    cloud = await startFakeCloud();
    cloud.seedCluster({ name: 'frozen-ctx' });
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => {
    cloud.requests.length = 0;
  });

  const home = tempDir('magnum-factory-home-');
  let stdout = '';
  let stderr = '';
  let transports = 0;
  /** Frozen all the way down that a run could reach: assigning onto it throws. */
  function baseContext(env: Record<string, string | undefined>): Context {
    stdout = '';
    stderr = '';
    transports = 0;
    return Object.freeze({
      io: Object.freeze({ out: (s: string) => void (stdout += s), err: (s: string) => void (stderr += s), stdoutIsTTY: false, stderrIsTTY: false }),
      env: Object.freeze({ HOME: home, ...env }),
      cwd: home,
      homeDir: home,
      clock: Object.freeze({ now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) }),
      transportFor: (tls) => {
        transports++;
        return new NodeTransport(tls);
      },
    } satisfies Context);
  }
  const inputs = (base: Context, flags: Record<string, unknown> = {}): CommandInputs => ({
    config: resolveClientConfig(flags, base.env),
    values: {},
    helpWidth: 80,
    debug: false,
  });
  const command = (name: string): CommandModule => findCommand(name)!;

  it('makes no request until the client makes one; requests sent together share one login', async () => {
    const base = baseContext(openrcEnv(cloud));
    const ctx = await commandContext(base, command('cluster-list'), inputs(base));
    const client = ctx.client;
    expect(ctx.client).toBe(client);
    expect([cloud.requests, transports]).toEqual([[], 0]);
    await Promise.all([listClusters(ctx.client, {}), listClusterTemplates(ctx.client, {})]);
    const logins = cloud.requests.filter((q) => q.server === 'keystone' && q.method === 'POST' && q.path.endsWith('/auth/tokens'));
    expect(logins).toHaveLength(1);
    expect(cloud.requests.filter((q) => q.server === 'magnum').map((q) => q.path)).toEqual(['/v1/clusters', '/v1/clustertemplates']);
    expect(transports).toBe(1);
  });

  it('checks the connection settings of a command that needs the cloud before it runs', async () => {
    const base = baseContext({ ...openrcEnv(cloud), OS_PASSWORD: undefined });
    await expect(commandContext(base, command('cluster-list'), inputs(base))).rejects.toThrow(NO_PASSWORD);
    expect(cloud.requests).toEqual([]);
  });

  it('adds the clouds.yaml layer to a new config, leaving the one it was given as it was', async () => {
    writeFileSync(join(home, 'clouds.yaml'), `clouds:\n  fake:\n    auth:\n      password: secret\n`);
    const base = baseContext({ ...openrcEnv(cloud), OS_PASSWORD: undefined, OS_CLOUD: 'fake' });
    const given = inputs(base);
    const before = structuredClone(given.config);
    const ctx = await commandContext(base, command('cluster-list'), given);
    expect(given.config).toEqual(before);
    expect([given.config.auth.password, ctx.config.auth.password, ctx.config.cloudFile]).toEqual([undefined, 'secret', join(home, 'clouds.yaml')]);
    await listClusters(ctx.client, {});
    expect(cloud.requests.filter((q) => q.server === 'magnum')).toHaveLength(1);
  });

  it('help: no checks, no clouds.yaml, no transport', async () => {
    const base = baseContext({ OS_CLOUD: 'no-such-cloud' });
    const given = inputs(base);
    const ctx = await commandContext(base, command('help'), given);
    expect(ctx.config).toBe(given.config);
    expect(transports).toBe(0);
  });

  it('a command declared needsClient: false that uses the client is checked on first use, inside its run', async () => {
    const base = baseContext({ ...openrcEnv(cloud), OS_PASSWORD: undefined });
    const ctx = await commandContext(base, command('__complete'), inputs(base));
    expect(() => ctx.client).toThrow(NO_PASSWORD);
  });

  it('a quiet command writes nothing to stderr, not even the token cache notice', async () => {
    const base = baseContext({ ...openrcEnv(cloud), OS_CACHE: 'true', DBUS_SESSION_BUS_ADDRESS: undefined });
    const quiet = await commandContext(base, command('__complete'), inputs(base));
    await listClusters(quiet.client, {});
    expect(stderr).toBe('');
  });

  it('is fresh and sealed: only exitCode is the command’s to set; the base gains nothing', async () => {
    const base = baseContext(openrcEnv(cloud));
    const ctx = await commandContext(base, command('cluster-list'), inputs(base));
    expect(ctx).not.toBe(base);
    expect(Object.isSealed(ctx)).toBe(true);
    ctx.exitCode = 1;
    expect(() => Object.assign(ctx, { extra: 1 })).toThrow(TypeError);
    expect('client' in base || 'exitCode' in base).toBe(false);
  });

  it('run() never writes to the Context it is given (nothing is assigned onto the caller’s objects)', async () => {
    const ctx = baseContext(openrcEnv(cloud));
    expect(await run(['cluster-list', '--fields', 'name'], ctx)).toBe(0);
    expect([stdout.includes('| frozen-ctx |'), stderr]).toEqual([true, '']);
    // A command's exit code belongs to its own context: the next run starts from 0.
    expect(await run(['cluster-delete', 'no-such-cluster'], ctx)).toBe(1);
    expect(await run(['help'], ctx)).toBe(0);
  });
});
