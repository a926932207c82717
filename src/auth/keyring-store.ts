/**
 * The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager) through
 * the optional @napi-rs/keyring, loaded only when the token cache is on
 * (docs/dependencies.md, keytar). On Linux without a D-Bus session there is no Secret
 * Service to reach, so the keyring is skipped at once; the entry is pinned to the
 * Secret Service so that the kernel keyutils store (in-memory, per login session) is
 * never used by accident. Every call is bounded by KEYRING_TIMEOUT_MS.
 */
import type { CredentialStore } from '../context';

export const KEYRING_SERVICE = 'magnum';
export const KEYRING_TIMEOUT_MS = 1500;

interface AsyncEntryLike {
  getPassword(signal?: AbortSignal): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal): Promise<void>;
  deletePassword(signal?: AbortSignal): Promise<boolean>;
}

interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: { linux?: { store?: string } }) => AsyncEntryLike;
}

/** Rejects on any failure, or after `ms` without keeping the process alive. */
function bounded<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`keyring did not answer within ${ms} ms`));
    }, ms);
    timer.unref();
  });
  // A pinned store that is missing throws in the constructor: make that a rejection too.
  const attempt = Promise.resolve().then(() => work(controller.signal));
  return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
}

function loadModule(): KeyringModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@napi-rs/keyring') as Partial<KeyringModule>;
    return typeof mod.AsyncEntry === 'function' ? (mod as KeyringModule) : undefined;
  } catch {
    return undefined;
  }
}

/** A CredentialStore on the OS keyring, or undefined when there is none to talk to. */
export function openKeyring(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  load: () => KeyringModule | undefined = loadModule,
  timeoutMs = KEYRING_TIMEOUT_MS,
): CredentialStore | undefined {
  if (platform !== 'darwin' && platform !== 'win32' && !env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  const mod = load();
  if (!mod) return undefined;
  const entry = (account: string): AsyncEntryLike => new mod.AsyncEntry(KEYRING_SERVICE, account, { linux: { store: 'secret-service' } });
  return {
    get: (key) => bounded((signal) => entry(key).getPassword(signal), timeoutMs),
    set: (key, value) => bounded((signal) => entry(key).setPassword(value, signal), timeoutMs),
    delete: async (key) => {
      await bounded((signal) => entry(key).deletePassword(signal), timeoutMs);
    },
  };
}
