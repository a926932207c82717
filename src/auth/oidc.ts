/**
 * OpenID Connect federation, as keystoneauth's v3oidc* plugins do it
 * (keystoneauth1/identity/v3/oidc.py, federation.py):
 *   1. an access token: the user's own (v3oidcaccesstoken), or one from the identity
 *      provider's token endpoint (`access_token_endpoint`, else `token_endpoint` of the
 *      `discovery_endpoint` document) with the password or client_credentials grant;
 *   2. POST <auth_url>/v3/OS-FEDERATION/identity_providers/<idp>/protocols/<protocol>/auth
 *      with `Authorization: Bearer <token>`: the web server in front of Keystone
 *      (mod_auth_openidc) validates it and Keystone maps its claims to an unscoped token;
 *   3. with a project, domain or trust configured, that token is re-scoped with the token
 *      method (federation.py _Rescoped.get_auth_ref).
 * Nothing secret (password, client secret, access token) is ever logged.
 */
import type { AuthSettings } from '../config/client-config';
import type { HttpResponse } from '../http/transport';
import { CommandError } from '../errors';
import { invalidResponse } from '../api/errors';
import type { KeystoneOptions, TokenInfo } from './keystone';
import { postAuth, sendForLogin, tokenFromReply, v3Root } from './keystone';

const GRANT: Record<string, string> = { v3oidcpassword: 'password', v3oidcclientcredentials: 'client_credentials' };

function httpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CommandError(`${what} is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CommandError(`${what} is not an http(s) URL: ${value}`);
  return url.toString();
}

function send(opts: KeystoneOptions, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<HttpResponse> {
  return sendForLogin(
    { method, url, headers: { 'User-Agent': opts.userAgent, ...headers }, body },
    body === undefined ? '' : ' (body not logged)',
    opts,
  );
}

function jsonObject(res: HttpResponse): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(res.body) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The discovery document (_OidcBase._get_discovery_document), or {} without a discovery_endpoint. */
async function discoveryDocument(a: AuthSettings, opts: KeystoneOptions): Promise<Record<string, unknown>> {
  if (!a.discoveryEndpoint) return {};
  const url = httpUrl(a.discoveryEndpoint, 'discovery_endpoint');
  const res = await send(opts, 'GET', url, { Accept: 'application/json' });
  if (res.status >= 400) throw new CommandError(`Cannot fetch discovery document ${url} (HTTP ${res.status})`);
  const doc = jsonObject(res);
  if (!doc || Object.keys(doc).length === 0) throw new CommandError('OpenID Connect Discovery Document is not valid JSON.');
  return doc;
}

/** The error an OAuth 2.0 token endpoint gives (RFC 6749 §5.2): `error_description`, else `error`. */
function tokenEndpointError(url: string, res: HttpResponse): CommandError {
  const body = jsonObject(res);
  const said = [body?.error, body?.error_description].filter((v) => typeof v === 'string' && v !== '').join(': ');
  return new CommandError(`The identity provider's token endpoint ${url} refused the request${said ? `: ${said}` : ''} (HTTP ${res.status})`);
}

/** Steps 1 of the password and client_credentials flows (_OidcBase.get_unscoped_auth_ref, _get_access_token). */
async function fetchAccessToken(a: AuthSettings, opts: KeystoneOptions): Promise<string> {
  const grant = GRANT[a.authType];
  const doc = await discoveryDocument(a, opts);
  const supported = doc.grant_types_supported;
  if (Array.isArray(supported) && !supported.includes(grant)) throw new CommandError('OpenID Connect grant type not supported by provider.');
  const endpoint = a.accessTokenEndpoint ?? (typeof doc.token_endpoint === 'string' ? doc.token_endpoint : undefined);
  if (!endpoint) throw new CommandError('OpenID Connect access token endpoint not provided.');
  const url = httpUrl(endpoint, 'access_token_endpoint');
  const form = new URLSearchParams();
  if (grant === 'password') {
    form.set('username', a.username ?? '');
    form.set('password', a.password ?? '');
  }
  form.set('scope', a.openidScope ?? 'openid profile');
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  // requests_auth=(client_id, client_secret): HTTP Basic; without a secret the id goes in the form.
  if (a.clientSecret) headers.Authorization = `Basic ${Buffer.from(`${a.clientId ?? ''}:${a.clientSecret}`, 'latin1').toString('base64')}`;
  else form.set('client_id', a.clientId ?? '');
  form.set('grant_type', grant);
  const res = await send(opts, 'POST', url, headers, form.toString());
  if (res.status >= 400) throw tokenEndpointError(url, res);
  const field = a.accessTokenType ?? 'access_token';
  const token = jsonObject(res)?.[field];
  if (typeof token !== 'string' || token === '' || /[\r\n]/.test(token)) {
    throw invalidResponse(url, res.status, `no ${field} in the reply`);
  }
  return token;
}

/** The federated auth URL (federation.py federated_token_url); the names are path segments, never a path. */
export function federatedTokenUrl(a: AuthSettings): string {
  const idp = encodeURIComponent(a.identityProvider ?? '');
  const protocol = encodeURIComponent(a.protocol ?? '');
  return `${v3Root(a.authUrl as string)}/OS-FEDERATION/identity_providers/${idp}/protocols/${protocol}/auth`;
}

/**
 * Steps 1 and 2; step 3, when a scope is configured, is the token request `rescope`
 * describes, which the caller sends (src/auth/login.ts issueToken).
 */
export async function federatedLogin(a: AuthSettings, opts: KeystoneOptions): Promise<{ unscoped: TokenInfo; rescope?: AuthSettings }> {
  const accessToken = a.authType === 'v3oidcaccesstoken' ? (a.accessToken as string) : await fetchAccessToken(a, opts);
  if (/[\r\n]/.test(accessToken)) throw new CommandError('access_token must be one line');
  const url = federatedTokenUrl(a);
  const res = await postAuth(url, { Accept: 'application/json', 'User-Agent': opts.userAgent, Authorization: `Bearer ${accessToken}` }, '', opts);
  const unscoped = tokenFromReply(url, res);
  const scoped = a.trustId || a.domainId || a.domainName || a.projectId || a.projectName;
  if (!scoped) return { unscoped };
  const rescope: AuthSettings = {
    authType: 'v3token',
    authUrl: a.authUrl,
    token: unscoped.token,
    trustId: a.trustId,
    domainId: a.domainId,
    domainName: a.domainName,
    projectId: a.projectId,
    projectName: a.projectName,
    projectDomainId: a.projectDomainId,
    projectDomainName: a.projectDomainName,
  };
  return { unscoped, rescope };
}
