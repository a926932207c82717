/**
 * A Session hands the Magnum client a valid token: a fixed one (token + endpoint
 * override, no Keystone), or one issued by Keystone and refreshed when it has less
 * than 120 s left or after a 401 (`keystoneauth1/session.py Session.request, keystoneauth1/identity/base.py BaseIdentityPlugin.get_access`).
 */
import type { Session } from '../api/client';
import type { ClientConfig } from '../config/client-config';
import type { KeystoneOptions, TokenInfo } from './keystone';
import { issueToken } from './login';

export const MIN_TOKEN_LIFE_MS = 120_000;

export class StaticTokenSession implements Session {
  constructor(private readonly value: string) {}
  async token(): Promise<string> {
    return this.value;
  }
  async invalidate(): Promise<boolean> {
    return false;
  }
}

export interface TokenCache {
  /** Where entries live, for auth-status: the keyring, or the file's path. */
  location?(): string;
  load(): Promise<TokenInfo | null>;
  save(info: TokenInfo): Promise<void>;
  drop(): Promise<void>;
}

export class KeystoneSession implements Session {
  private current: TokenInfo | null = null;
  private reauthenticated = false;
  /** Where the current token came from (auth-status). */
  source: 'cache' | 'keystone' | null = null;
  /** The authentication in progress: concurrent requests wait for it instead of starting their own. */
  private pending: Promise<TokenInfo> | null = null;
  /** Where the last token was issued (from the cache too, even when its token expired): no discovery next time. */
  private identityUrl: string | undefined;
  /** The token the server rejected, that made us re-authenticate. */
  private rejected: string | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly keystone: KeystoneOptions,
    private readonly now: () => number,
    private readonly cache?: TokenCache,
    /** A token with less life left than this is replaced (exec-credential asks for more). */
    private readonly minLifeMs = MIN_TOKEN_LIFE_MS,
  ) {}

  private fresh(info: TokenInfo | null): info is TokenInfo {
    if (!info) return false;
    if (!info.expiresAt) return true;
    const expires = Date.parse(info.expiresAt);
    return Number.isFinite(expires) && expires - this.now() > this.minLifeMs;
  }

  /** The token and its catalog, authenticating (or reading the cache) when needed. */
  async access(): Promise<TokenInfo> {
    if (this.fresh(this.current)) return this.current;
    this.pending ??= this.authenticate().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async authenticate(): Promise<TokenInfo> {
    if (this.cache && !this.reauthenticated) {
      const cached = await this.cache.load();
      // An expired entry still tells where its token was issued (the key includes the auth URL).
      this.identityUrl ??= cached?.identityUrl;
      if (this.fresh(cached)) {
        this.keystone.debugLog?.('Reusing authentication from the token cache');
        this.current = cached;
        this.source = 'cache';
        return cached;
      }
    }
    const issued = await issueToken(this.config.auth, this.keystone, this.identityUrl);
    this.identityUrl = issued.identityUrl;
    this.current = issued;
    this.source = 'keystone';
    if (this.cache) await this.cache.save(issued);
    return issued;
  }

  async token(): Promise<string> {
    return (await this.access()).token;
  }

  /**
   * `rejected` is the token the 401 came back for. Requests sent concurrently with the same
   * token all get a 401: the first re-authenticates, the others retry with its new token,
   * just as they would have had they been sent one after the other.
   */
  async invalidate(rejected?: string): Promise<boolean> {
    if (rejected !== undefined && rejected === this.rejected) return true;
    if (this.reauthenticated) return false;
    this.reauthenticated = true;
    this.rejected = rejected;
    this.current = null;
    if (this.cache) await this.cache.drop();
    return true;
  }
}
