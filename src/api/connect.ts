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
import { EndpointNotFound, selectEndpoint } from '../auth/catalog';
import { tokenCacheFor } from '../auth/token-cache-factory';
import { CommandError } from '../errors';

export const USER_AGENT = 'magnum-ts/4.0.0';

export interface ConnectOptions {
  /** Replaces the cache tokenCacheFor would choose (tests). */
  tokenCache?: TokenCache;
  debugLog?: (line: string) => void;
}

export async function connect(ctx: Context, config: ClientConfig, options: ConnectOptions = {}): Promise<MagnumClient> {
  applyCloudConfig(config, { cwd: ctx.cwd, homeDir: ctx.homeDir });
  ensureAuthInfo(config);
  const transport = ctx.transportFor({ ...config.tls, timeoutMs: apiTimeoutMs(config) });
  const common = { transport, apiVersion: config.apiVersion, userAgent: USER_AGENT, debugLog: options.debugLog, clock: ctx.clock };
  const fixed = tokenEndpoint(config);
  if (fixed) return new MagnumClient({ ...common, endpoint: fixed.endpoint, session: new StaticTokenSession(fixed.token) });
  const tokenCache = options.tokenCache ?? (await tokenCacheFor(ctx, config, options.debugLog));
  const session = new KeystoneSession(config, { transport, userAgent: USER_AGENT, debugLog: options.debugLog, clock: ctx.clock }, () => ctx.clock.now(), tokenCache);
  const access = await session.access();
  let endpoint = config.endpointOverride;
  if (endpoint === undefined) {
    try {
      endpoint = selectEndpoint(access.catalog, config.serviceType, config.interface, config.regionName);
    } catch (e) {
      if (e instanceof EndpointNotFound) throw new CommandError(e.message);
      throw e;
    }
  }
  return new MagnumClient({ ...common, endpoint, session });
}
