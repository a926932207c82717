/**
 * From a resolved ClientConfig to a ready MagnumClient: the auth pre-check, Keystone
 * (or a token + endpoint override without it), and the catalog lookup.
 */
import type { Context } from '../context';
import type { ClientConfig } from '../config/client-config';
import { ensureAuthInfo, usesTokenEndpoint } from '../config/client-config';
import { MagnumClient } from './client';
import { KeystoneSession, StaticTokenSession } from '../auth/session';
import type { TokenCache } from '../auth/session';
import { EndpointNotFound, selectEndpoint } from '../auth/catalog';
import { CommandError } from '../errors';

export const USER_AGENT = 'magnum-ts/4.0.0';

export interface ConnectOptions {
  tokenCache?: TokenCache;
  debugLog?: (line: string) => void;
}

export async function connect(ctx: Context, config: ClientConfig, options: ConnectOptions = {}): Promise<MagnumClient> {
  ensureAuthInfo(config);
  const transport = ctx.transportFor(config.tls);
  const common = { transport, apiVersion: config.apiVersion, userAgent: USER_AGENT, debugLog: options.debugLog };
  if (usesTokenEndpoint(config)) {
    return new MagnumClient({ ...common, endpoint: config.endpointOverride as string, session: new StaticTokenSession(config.auth.token as string) });
  }
  const session = new KeystoneSession(
    config,
    { transport, userAgent: USER_AGENT, debugLog: options.debugLog },
    () => ctx.clock.now(),
    options.tokenCache,
  );
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
