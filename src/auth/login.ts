/**
 * A Keystone login (`keystoneauth1/identity/generic/base.py`, `keystoneauth1/identity/v3`):
 * version discovery for the generic `password`/`token` types, a direct POST for the
 * `v3*` types (src/auth/keystone.ts), the OIDC types through the identity provider
 * (oidc.ts), and a second factor when Keystone answers with an auth receipt (receipt.ts).
 */
import type { AuthSettings } from '../config/client-config';
import type { HttpResponse } from '../http/transport';
import { TransportError } from '../http/transport';
import { exchange } from '../http/exchange';
import { isConnectFailure, transportFailureText } from '../http/failures';
import { rethrowFailure } from '../api/errors';
import { CommandError } from '../errors';
import { NO_PASSCODE, NO_PASSWORD, needsPasscode, needsPassword } from '../config/auth-checks';
import type { KeystoneOptions, TokenInfo } from './keystone';
import { isObject, keystoneErrorMessage, postAuth, tokenFromReply, tokenRequestBody, v3Root } from './keystone';

interface VersionEntry {
  id?: string;
  status?: string;
  links?: { rel?: string; href?: string }[];
}

/** Joins a discovered self link to the configured URL, keeping the user's scheme and host (`keystoneauth1/identity/generic/base.py BaseGenericPlugin._do_create_plugin`). */
function combineSelfLink(configured: string, selfLink: string): string {
  const base = new URL(configured);
  const link = new URL(selfLink, configured);
  if (link.host === base.host) return link.toString();
  const versionSegment = link.pathname.replace(/\/+$/, '').split('/').pop() ?? 'v3';
  const basePath = base.pathname.replace(/\/+$/, '');
  const keep = basePath.endsWith(`/${versionSegment}`) ? basePath : `${basePath}/${versionSegment}`;
  return `${base.protocol}//${base.host}${keep}/`;
}

const DISCOVERY_FAILURE = 'Could not find versioned identity endpoints when attempting to authenticate. Please check that your auth_url is correct.';

async function discoverV3(authUrl: string, opts: KeystoneOptions): Promise<string> {
  let res: HttpResponse;
  const guess = (reason: string): string => {
    if (new URL(authUrl).pathname.startsWith('/v3')) return authUrl;
    throw new CommandError(reason ? `${DISCOVERY_FAILURE} ${reason}` : DISCOVERY_FAILURE);
  };
  try {
    opts.debugLog?.(`REQ: GET ${authUrl} (identity version discovery)`);
    res = await exchange(
      opts.transport,
      { method: 'GET', url: authUrl, headers: { Accept: 'application/json', 'User-Agent': opts.userAgent } },
      opts,
    );
    opts.debugLog?.(`RESP: [${res.status}] GET ${authUrl}`);
  } catch (e) {
    // Only a Keystone that could not be reached is guessed past; one that does not answer
    // in time will not answer the token request either, and a refused redirect or
    // unusable TLS files are errors of their own.
    if (!(e instanceof TransportError && (isConnectFailure(e) || e.kind === 'tls'))) rethrowFailure(e);
    if (new URL(authUrl).pathname.startsWith('/v3')) return authUrl;
    throw new CommandError(`${DISCOVERY_FAILURE} ${transportFailureText(e)}`);
  }
  if (res.status >= 400) return guess(keystoneErrorMessage(res));
  let entries: unknown[] = [];
  try {
    const body = JSON.parse(res.body) as { version?: VersionEntry; versions?: { values?: VersionEntry[] } | VersionEntry[] } | null;
    // Any JSON may come back: only objects and arrays of the documented shape count.
    if (isObject(body?.version)) entries = [body.version];
    else if (Array.isArray(body?.versions)) entries = body.versions;
    else if (isObject(body?.versions) && Array.isArray(body.versions.values)) entries = body.versions.values;
  } catch {
    return guess('');
  }
  const usable = entries
    .filter(isObject)
    .filter(
      (e: VersionEntry) =>
        typeof e.id === 'string' &&
        /^v3(\.|$)/.test(e.id) &&
        ['stable', 'current', 'supported', 'deprecated'].includes(String(e.status ?? '').toLowerCase()) &&
        Array.isArray(e.links) &&
        e.links.some((l: unknown) => isObject(l) && l.rel === 'self' && typeof l.href === 'string' && l.href !== ''),
    );
  if (usable.length === 0) return guess('');
  const self = (usable[0].links as unknown[]).filter(isObject).find((l) => l.rel === 'self' && typeof l.href === 'string')?.href as string;
  return combineSelfLink(authUrl, self);
}

const FEDERATED_TYPES = ['v3oidcaccesstoken', 'v3oidcpassword', 'v3oidcclientcredentials'];

/**
 * The v3 endpoint when no discovery is needed (docs/configuration.md, Identity version
 * discovery): the `v3*` types never discover (keystoneauth1/identity/v3); the generic types
 * skip it when the auth URL already ends in `/v3` (where keystoneauth's discovery, or its
 * fallback when discovery fails, lands on that same URL) or when the token cache remembers
 * where the last token was issued for this auth URL.
 */
function knownV3Endpoint(settings: AuthSettings, remembered: string | undefined): string | undefined {
  const trimmed = (settings.authUrl as string).replace(/\/+$/, '');
  if (settings.authType.startsWith('v3')) return v3Root(trimmed);
  if (/\/v3$/.test(new URL(trimmed).pathname)) return trimmed;
  return remembered;
}

/**
 * Issues a token. Generic types discover the v3 endpoint first unless it is known
 * (knownV3Endpoint; a remembered endpoint that answers 404 is forgotten and discovery runs
 * after all); `v3*` types POST directly; the OIDC types go through the federated auth URL
 * (oidc.ts). A missing password or passcode is asked for here, after the token cache
 * missed, and only on a terminal.
 */
export async function issueToken(settings: AuthSettings, opts: KeystoneOptions, remembered?: string): Promise<TokenInfo> {
  await askForMissingSecrets(settings, opts);
  if (FEDERATED_TYPES.includes(settings.authType)) {
    const { federatedLogin } = await import('./oidc');
    const { unscoped, rescope } = await federatedLogin(settings, opts);
    return rescope ? issueToken(rescope, opts) : unscoped;
  }
  const authUrl = settings.authUrl as string;
  const known = knownV3Endpoint(settings, remembered);
  const v3 = known ?? (await discoverV3(authUrl, opts));
  const url = `${v3.replace(/\/+$/, '')}/auth/tokens`;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': opts.userAgent,
  };
  const body = tokenRequestBody(settings);
  const identity = (body.auth as { identity: { methods: string[] } }).identity;
  if (identity.methods[0] === 'token' && settings.token) headers['X-Auth-Token'] = settings.token;
  const res = await postAuth(url, headers, JSON.stringify(body), opts);
  if (res.status === 404 && remembered !== undefined && known === remembered) return issueToken(settings, opts);
  const identityUrl = v3.replace(/\/+$/, '');
  if (res.status === 401 && res.headers['openstack-auth-receipt']) {
    const { continueWithReceipt } = await import('./receipt');
    return { ...(await continueWithReceipt(settings, body, res, url, headers, opts)), identityUrl };
  }
  return { ...tokenFromReply(url, res), identityUrl };
}

/**
 * keystoneauth's prompts (`Password: `, `TOTP passcode: `; loading/_plugins/identity/v3.py),
 * asked as osc-lib's prompt_for_password does: only when stdin is a terminal, only for a
 * value that is needed and not configured, and only once a user to log in as is known.
 */
async function askForMissingSecrets(a: AuthSettings, opts: KeystoneOptions): Promise<void> {
  if (needsPassword(a) && !a.password) {
    if (opts.askSecret && (a.username || a.userId)) a.password = (await opts.askSecret('Password: ')) || undefined;
    if (!a.password)
      throw new CommandError(a.authType === 'v3oidcpassword' ? 'Missing value password required for auth plugin v3oidcpassword' : NO_PASSWORD);
  }
  if (needsPasscode(a) && !a.passcode) {
    if (opts.askSecret) a.passcode = (await opts.askSecret('TOTP passcode: ')) || undefined;
    if (!a.passcode) throw new CommandError(NO_PASSCODE);
  }
}
