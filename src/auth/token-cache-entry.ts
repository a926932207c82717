/**
 * What the opt-in token cache stores and under which key. An entry holds the token,
 * its expiry, the catalog and the v3 endpoint it was issued at (so that the next
 * authentication skips version discovery), never a password or secret. The key is a hash
 * of who is authenticating where and how (auth URL, auth type, user or identity provider,
 * project, domain, region, interface), so a
 * changed password reuses a still-valid token of the same identity, while another
 * user, project or cloud never does.
 */
import { createHash } from 'node:crypto';
import type { ClientConfig } from '../config/client-config';
import type { TokenInfo } from './keystone';
import type { CatalogService } from './catalog';

const FORMAT = 1;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Who logs in, how, and to what scope. Secrets never enter the key, not even hashed,
 * except a token the user brings (token auth, an OIDC access token), which is the
 * identity itself and enters only as its SHA-256. The passcode, password and client
 * secret do not: a new TOTP code must find the token the last one got.
 */
export function cacheKey(config: ClientConfig): string {
  const a = config.auth;
  const tokenIdentity = a.authType === 'token' || a.authType === 'v3token' ? sha256(a.token ?? '') : null;
  const accessTokenIdentity = a.authType === 'v3oidcaccesstoken' ? sha256(a.accessToken ?? '') : null;
  const parts = [
    a.authUrl?.replace(/\/+$/, '') ?? null,
    a.authType,
    a.authMethods ?? null,
    a.userId ?? null,
    a.username ?? null,
    a.userDomainId ?? null,
    a.userDomainName ?? null,
    a.applicationCredentialId ?? null,
    a.applicationCredentialName ?? null,
    tokenIdentity,
    a.identityProvider ?? null,
    a.protocol ?? null,
    a.clientId ?? null,
    a.discoveryEndpoint ?? a.accessTokenEndpoint ?? null,
    accessTokenIdentity,
    a.projectId ?? null,
    a.projectName ?? null,
    a.projectDomainId ?? null,
    a.projectDomainName ?? null,
    a.domainId ?? null,
    a.domainName ?? null,
    a.systemScope ?? null,
    a.trustId ?? null,
    config.regionName ?? null,
    config.interface,
  ];
  return sha256(JSON.stringify(parts));
}

export function encodeEntry(key: string, info: TokenInfo): string {
  return JSON.stringify({
    format: FORMAT,
    key,
    token: info.token,
    expires_at: info.expiresAt ?? null,
    project_id: info.projectId ?? null,
    user_id: info.userId ?? null,
    user_name: info.userName ?? null,
    project_name: info.projectName ?? null,
    methods: info.methods ?? null,
    catalog: info.catalog ?? null,
    identity_url: info.identityUrl ?? null,
  });
}

/** The entry, or null when the text is not one of ours for this key (tampered, truncated, another key). */
export function decodeEntry(key: string, text: string): TokenInfo | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const e = raw as Record<string, unknown>;
  if (e.format !== FORMAT || e.key !== key || typeof e.token !== 'string' || e.token === '') return null;
  if (typeof e.expires_at !== 'string' || !Number.isFinite(Date.parse(e.expires_at))) return null;
  if (e.catalog !== null && !Array.isArray(e.catalog)) return null;
  if (/[\r\n]/.test(e.token)) return null;
  return {
    token: e.token,
    expiresAt: e.expires_at,
    catalog: (e.catalog as CatalogService[] | null) ?? undefined,
    projectId: typeof e.project_id === 'string' ? e.project_id : undefined,
    userId: typeof e.user_id === 'string' ? e.user_id : undefined,
    userName: typeof e.user_name === 'string' ? e.user_name : undefined,
    projectName: typeof e.project_name === 'string' ? e.project_name : undefined,
    methods: Array.isArray(e.methods) && e.methods.every((m) => typeof m === 'string') ? (e.methods as string[]) : undefined,
    identityUrl: typeof e.identity_url === 'string' && /^https?:\/\//.test(e.identity_url) ? e.identity_url : undefined,
  };
}
