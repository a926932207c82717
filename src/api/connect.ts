/**
 * From a resolved ClientConfig to a ready MagnumClient: the clouds.yaml layer, the auth
 * pre-check, the opt-in token cache, Keystone (or a token + endpoint without it), and
 * the catalog lookup.
 */
import type { Context } from '../context';
import type { ClientConfig } from '../config/client-config';
import { apiTimeoutMs, applyCloudConfig, ensureAuthInfo, tokenEndpoint } from '../config/client-config';
import { MagnumClient } from './client';
import { KeystoneSession, StaticTokenSession } from '../auth/session';
import type { TokenCache } from '../auth/session';
import type { TokenInfo } from '../auth/keystone';
import type { Transport } from '../http/transport';
import { EndpointNotFound, selectEndpoint } from '../auth/catalog';
import { tokenCacheFor } from '../auth/token-cache-factory';
import { CommandError } from '../errors';

export const USER_AGENT = 'magnum-ts/4.0.0';

export interface ConnectOptions {
  /** Replaces the cache tokenCacheFor would choose (tests). */
  tokenCache?: TokenCache;
  debugLog?: (line: string) => void;
}

/** How the run is authenticated: a fixed token (no Keystone) or a Keystone session with its first token. */
export type Authenticated =
  | { kind: 'fixed'; token: string; endpoint: string; transport: Transport }
  | { kind: 'keystone'; session: KeystoneSession; access: TokenInfo; tokenCache?: TokenCache; transport: Transport };

/**
 * The clouds.yaml layer, the pre-checks, then a token: from the cache when it is enabled
 * and holds a fresh one, else from Keystone (asking for a missing secret on a terminal).
 */
export async function authenticate(ctx: Context, config: ClientConfig, options: ConnectOptions = {}): Promise<Authenticated> {
  applyCloudConfig(config, { cwd: ctx.cwd, homeDir: ctx.homeDir });
  const askSecret = ctx.prompter?.interactive ? (prompt: string) => ctx.prompter!.secret(prompt) : undefined;
  // With a terminal to ask, or a token cache that may already hold a token (a TOTP login
  // must not need a new code while its token is valid), a missing password or passcode
  // is checked only when Keystone is about to be asked (auth/login.ts askForMissingSecrets).
  ensureAuthInfo(config, askSecret !== undefined || config.cache);
  // One transport for Keystone and Magnum, so connections are reused.
  const transport = ctx.transportFor({ ...config.tls, timeoutMs: apiTimeoutMs(config) });
  const fixed = tokenEndpoint(config);
  if (fixed) return { kind: 'fixed', ...fixed, transport };
  const tokenCache = options.tokenCache ?? (await tokenCacheFor(ctx, config, options.debugLog));
  const session = new KeystoneSession(
    config,
    { transport, userAgent: USER_AGENT, debugLog: options.debugLog, clock: ctx.clock, askSecret },
    () => ctx.clock.now(),
    tokenCache,
  );
  return { kind: 'keystone', session, access: await session.access(), tokenCache, transport };
}

export async function connect(ctx: Context, config: ClientConfig, options: ConnectOptions = {}): Promise<MagnumClient> {
  const auth = await authenticate(ctx, config, options);
  const common = { transport: auth.transport, apiVersion: config.apiVersion, userAgent: USER_AGENT, debugLog: options.debugLog, clock: ctx.clock };
  if (auth.kind === 'fixed') return new MagnumClient({ ...common, endpoint: auth.endpoint, session: new StaticTokenSession(auth.token) });
  let endpoint = config.endpointOverride;
  if (endpoint === undefined) {
    try {
      endpoint = selectEndpoint(auth.access.catalog, config.serviceType, config.interface, config.regionName);
    } catch (e) {
      if (e instanceof EndpointNotFound) throw new CommandError(e.message);
      throw e;
    }
  }
  return new MagnumClient({ ...common, endpoint, session: auth.session });
}
