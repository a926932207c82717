/**
 * Chooses the token cache for a run: none unless the user opted in (--os-cache,
 * OS_CACHE=true, or clouds.yaml `cache: {auth: true}`).
 */
import type { Context } from '../context';
import type { ClientConfig } from '../config/client-config';
import type { TokenCache } from './session';

export async function tokenCacheFor(_ctx: Context, config: ClientConfig): Promise<TokenCache | undefined> {
  if (!config.cache) return undefined;
  return undefined;
}
