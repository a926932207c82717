/**
 * Chooses the token cache for a run: none unless the user opted in (--os-cache,
 * OS_CACHE=true, or clouds.yaml `cache: {auth: true}`). Then the OS keyring when one
 * answers, else a private file (file-token-cache.ts). A keyring that fails or hangs
 * once is not asked again in this run; a failed read looks like "no entry"
 * (docs/dependencies.md, keytar), so the file is always consulted after the keyring.
 */
import type { Context, CredentialStore } from '../context';
import type { ClientConfig } from '../config/client-config';
import type { TokenInfo } from './keystone';
import type { TokenCache } from './session';
import { cacheKey, decodeEntry, encodeEntry } from './token-cache-entry';
import { FileTokenCache, cacheDirectory } from './file-token-cache';
import { openKeyring } from './keyring-store';

export class LayeredTokenCache implements TokenCache {
  constructor(
    private readonly key: string,
    private keyring: CredentialStore | undefined,
    private readonly file: FileTokenCache,
    private readonly debugLog?: (line: string) => void,
  ) {}

  private keyringFailed(e: unknown): void {
    this.debugLog?.(`token cache: keyring unusable (${e instanceof Error ? e.message : String(e)}); using ${this.file.path}`);
    this.keyring = undefined;
  }

  location(): string {
    return this.keyring ? 'OS keyring (service magnum)' : this.file.path;
  }

  async load(): Promise<TokenInfo | null> {
    if (this.keyring) {
      try {
        const text = await this.keyring.get(this.key);
        const info = text === null ? null : decodeEntry(this.key, text);
        if (info) return info;
      } catch (e) {
        this.keyringFailed(e);
      }
    }
    return this.file.load();
  }

  async save(info: TokenInfo): Promise<void> {
    if (this.keyring) {
      try {
        await this.keyring.set(this.key, encodeEntry(this.key, info));
        // Never leave an older plaintext copy behind once the keyring holds the token.
        this.file.drop();
        return;
      } catch (e) {
        this.keyringFailed(e);
      }
    }
    try {
      this.file.save(info);
    } catch (e) {
      // A cache that cannot be written must not fail the command.
      this.debugLog?.(`token cache: cannot write ${this.file.path}: ${(e as Error).message}`);
    }
  }

  async drop(): Promise<void> {
    if (this.keyring) {
      try {
        await this.keyring.delete(this.key);
      } catch (e) {
        this.keyringFailed(e);
      }
    }
    this.file.drop();
  }
}

export async function tokenCacheFor(ctx: Context, config: ClientConfig, debugLog?: (line: string) => void): Promise<TokenCache | undefined> {
  if (!config.cache) return undefined;
  const key = cacheKey(config);
  const file = new FileTokenCache(cacheDirectory(ctx.env, ctx.homeDir), key, (path) =>
    ctx.io.err(`magnum: token cached in ${path} (no usable keyring)\n`),
  );
  return new LayeredTokenCache(key, ctx.credentialStore ?? openKeyring(ctx.env), file, debugLog);
}
