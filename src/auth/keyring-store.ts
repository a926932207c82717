/**
 * The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager) through
 * the optional @napi-rs/keyring, used only when the token cache is on (docs/configuration.md,
 * Token cache). On Linux without a D-Bus session there is no Secret Service to reach, so
 * the keyring is skipped at once; the entry is pinned to the Secret Service so that the
 * kernel keyutils store (in-memory, per login session) is never used by accident.
 *
 * Every call runs in a child process that is killed after KEYRING_TIMEOUT_MS. In-process
 * it could not be bounded: with a session bus that accepts the connection and never
 * answers, the module blocks the main thread inside the native call, so no timer
 * (and no AbortSignal) ever fires and every command hangs. A child costs ~40 ms per call,
 * paid only by those who turned the cache on and have a keyring; a keyring that failed
 * once is not asked again in the run (token-cache-factory.ts).
 */
import type { CredentialStore } from '../context';

export const KEYRING_SERVICE = 'magnum';
export const KEYRING_TIMEOUT_MS = 1500;

/**
 * Runs in the child: `node -e CHILD_SCRIPT <module> <op> <service> <account>`, the secret
 * to store on stdin (never in argv, which other users can read), one JSON line out.
 */
const CHILD_SCRIPT = `
const [mod, op, service, account] = process.argv.slice(1);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  let out;
  try {
    const { Entry } = require(mod);
    const entry = new Entry(service, account, { linux: { store: 'secret-service' } });
    const result = op === 'get' ? entry.getPassword() : op === 'set' ? (entry.setPassword(input), null) : entry.deletePassword();
    out = { ok: true, result: result === undefined ? null : result };
  } catch (e) {
    out = { ok: false, error: String((e && e.message) || e) };
  }
  process.stdout.write(JSON.stringify(out));
});
`;

type Operation = 'get' | 'set' | 'delete';

/** One keyring call in a child process; rejects on any failure, or after `timeoutMs`. */
function callInChild(
  modulePath: string,
  op: Operation,
  account: string,
  value: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<unknown> {
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_SCRIPT, modulePath, op, KEYRING_SERVICE, account], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: env as NodeJS.ProcessEnv,
    });
    let out = '';
    let settled = false;
    const finish = (err: Error | null, result?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else resolve(result);
    };
    const timer = setTimeout(() => finish(new Error(`keyring did not answer within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
    });
    child.on('error', (e) => finish(e));
    child.on('close', () => {
      let reply: { ok?: boolean; result?: unknown; error?: string };
      try {
        reply = JSON.parse(out);
      } catch {
        return finish(new Error('keyring helper gave no answer'));
      }
      if (reply.ok) finish(null, reply.result);
      else finish(new Error(reply.error ?? 'keyring error'));
    });
    child.stdin.on('error', () => {
      /* a child that died early is reported by 'close' */
    });
    child.stdin.end(value);
  });
}

/** The installed @napi-rs/keyring, or undefined (it is optional). */
function locateModule(): string | undefined {
  try {
    return require.resolve('@napi-rs/keyring');
  } catch {
    return undefined;
  }
}

/** A CredentialStore on the OS keyring, or undefined when there is none to talk to. */
export function openKeyring(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  locate: () => string | undefined = locateModule,
  timeoutMs = KEYRING_TIMEOUT_MS,
): CredentialStore | undefined {
  if (platform !== 'darwin' && platform !== 'win32' && !env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  const modulePath = locate();
  if (!modulePath) return undefined;
  const call = (op: Operation, key: string, value = ''): Promise<unknown> => callInChild(modulePath, op, key, value, env, timeoutMs);
  return {
    get: async (key) => {
      const result = await call('get', key);
      return typeof result === 'string' ? result : null;
    },
    set: async (key, value) => {
      await call('set', key, value);
    },
    delete: async (key) => {
      await call('delete', key);
    },
  };
}
