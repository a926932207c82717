/**
 * The network half of reaching Magnum, loaded when a command first sends a request: from
 * a checked ClientConfig (src/factory.ts checkedConfig: the clouds.yaml layer and the
 * pre-checks, done before the command ran) to a connection: one transport, a token (from
 * the opt-in token cache, Keystone, or a fixed token without Keystone) and the Magnum
 * endpoint from the catalog.
 */
import type { Context } from './context';
import type { ClientConfig } from './config/client-config';
import { apiTimeoutMs, tokenEndpoint } from './config/client-config';
import type { MagnumConnection } from './api/client';
import { KeystoneSession, StaticTokenSession } from './auth/session';
import type { TokenCache } from './auth/session';
import type { TokenInfo } from './auth/keystone';
import type { Transport } from './http/transport';
import { EndpointNotFound, selectEndpoint } from './auth/catalog';
import { tokenCacheFor } from './auth/token-cache-factory';
import { CommandError } from './errors';
import { USER_AGENT } from './program';

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
 * A token for a checked config: from the cache when it is enabled and holds a fresh one,
 * else from Keystone (asking for a missing secret on a terminal).
 */
export async function authenticate(ctx: Context, config: ClientConfig, options: ConnectOptions = {}): Promise<Authenticated> {
  const askSecret = ctx.prompter?.interactive ? (prompt: string) => ctx.prompter!.secret(prompt) : undefined;
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

/** The transport, the token's session and Magnum's endpoint (the override, else the catalog's). */
export async function connect(ctx: Context, config: ClientConfig, options: ConnectOptions = {}): Promise<MagnumConnection> {
  const auth = await authenticate(ctx, config, options);
  if (auth.kind === 'fixed') return { transport: auth.transport, endpoint: auth.endpoint, session: new StaticTokenSession(auth.token) };
  let endpoint = config.endpointOverride;
  if (endpoint === undefined) {
    try {
      endpoint = selectEndpoint(auth.access.catalog, config.serviceType, config.interface, config.regionName);
    } catch (e) {
      if (e instanceof EndpointNotFound) throw new CommandError(e.message);
      throw e;
    }
  }
  return { transport: auth.transport, endpoint, session: auth.session };
}
