// Which Magnum the OS_* variables name, from the server itself: the maximum microversion
// its /v1 document announces (OpenStack-API-Maximum-Version). Magnum 15 serves up to 1.10,
// Magnum 23 up to 1.14 (magnum api/rest_api_version_history.rst). The stack suites use it
// to run each generation's own cases, so a case is never silently skipped: on a server
// without a feature the case asserts the refusal instead.
import { homedir } from 'node:os';
import { compareVersions } from '../../src/api/client';
import { resolveClientConfig } from '../../src/config/client-config';
import { checkedConfig, magnumClient } from '../../src/factory';
import { NodeTransport } from '../../src/http/node-transport';
import type { Context } from '../../src/context';

let cached: Promise<string> | undefined;

/** The server's maximum microversion, e.g. `1.10` or `1.14` (one request per test process). */
export function serverMaxVersion(env: Record<string, string | undefined> = process.env): Promise<string> {
  cached ??= (async () => {
    const ctx: Context = {
      io: { out: () => {}, err: () => {}, stdoutIsTTY: false, stderrIsTTY: false },
      env,
      cwd: process.cwd(),
      homeDir: homedir(),
      clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      transportFor: (tls) => new NodeTransport(tls),
    };
    const client = magnumClient(ctx, checkedConfig(ctx, resolveClientConfig({}, env)));
    await client.request('GET', '/v1');
    if (!client.serverRange) throw new Error('the Magnum API named no microversion range (OpenStack-API-Maximum-Version)');
    return client.serverRange.max;
  })();
  return cached;
}

/** True when the server offers at least `version` (credential rotation 1.12, cluster_id 1.13, node taints 1.14). */
export async function serverOffers(version: string): Promise<boolean> {
  return compareVersions(await serverMaxVersion(), version) >= 0;
}
