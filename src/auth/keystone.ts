/**
 * Keystone v3's token request (`keystoneauth1/identity/v3/base.py Auth.get_auth_ref`):
 * the body of POST /v3/auth/tokens for each method, sending it, the token from
 * X-Subject-Token, errors as keystoneauth words them. Which requests a login makes
 * (discovery, federation, receipts) is src/auth/login.ts.
 */
import type { AuthSettings } from '../config/client-config';
import type { HttpRequest, HttpResponse, Transport } from '../http/transport';
import { exchange } from '../http/exchange';
import { httpErrorText, reasonPhrase } from '../http/reasons';
import { invalidResponse, jsonObjectReply, rethrowFailure } from '../api/errors';
import type { Clock } from '../context';
import type { CatalogService } from './catalog';
import { CommandError } from '../errors';
import { MULTIFACTOR_METHODS, multifactorMethods } from '../config/auth-checks';

export interface TokenInfo {
  token: string;
  /** ISO-8601 expiry, as Keystone sent it. */
  expiresAt?: string;
  catalog?: CatalogService[];
  projectId?: string;
  userId?: string;
  /** The v3 endpoint the token was issued at; kept with a cached token so that the next authentication needs no discovery. */
  identityUrl?: string;
  /** Names for `auth-status` (never secrets). */
  userName?: string;
  projectName?: string;
  /** The methods Keystone lists in the token (password, totp, mapped, ...). */
  methods?: string[];
}

export interface KeystoneOptions {
  transport: Transport;
  userAgent: string;
  debugLog?: (line: string) => void;
  /**
   * Asks the person at the terminal for a secret without echo; absent when stdin is not
   * a terminal, so a script never waits for an answer (Context.prompter).
   */
  askSecret?: (prompt: string) => Promise<string>;
  /** For the waits between retries of discovery (src/http/exchange.ts). */
  clock?: Pick<Clock, 'now' | 'sleep'>;
}

/** `<message> (HTTP <status>)[ (Request-ID: <id>)]` from a Keystone error reply (docs/reference-behaviour.md, Keystone failures as the user sees them). */
export function keystoneErrorMessage(res: HttpResponse): string {
  let message = reasonPhrase(res.status);
  if ((res.headers['content-type'] ?? '').includes('json')) {
    try {
      const body = JSON.parse(res.body) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      /* keep the class default */
    }
  }
  return httpErrorText(message, res.status, res.headers['x-openstack-request-id']);
}

function domainRef(id?: string, name?: string): { id: string } | { name: string } | undefined {
  if (id) return { id };
  if (name) return { name };
  return undefined;
}

/**
 * The generic plugins fill the user and project domains from default_domain_*, each of
 * id and name on its own, so a default id beats a configured name (generic/base.py:116-130).
 */
export function withDefaultDomain(a: AuthSettings): AuthSettings {
  if (a.authType !== 'password' && a.authType !== 'token') return a;
  return {
    ...a,
    userDomainId: a.userDomainId ?? a.defaultDomainId,
    userDomainName: a.userDomainName ?? a.defaultDomainName,
    projectDomainId: a.projectDomainId ?? a.defaultDomainId,
    projectDomainName: a.projectDomainName ?? a.defaultDomainName,
  };
}

function userRef(a: AuthSettings): Record<string, unknown> {
  if (a.userId) return { id: a.userId };
  const user: Record<string, unknown> = { name: a.username };
  const d = domainRef(a.userDomainId, a.userDomainName);
  if (d) user.domain = d;
  return user;
}

/**
 * The `scope` of the request (`keystoneauth1/identity/v3/base.py Auth.get_auth_ref`): domain > project > trust > system. An application
 * credential gets one too when a project is configured: keystone then refuses it with
 * its own 401, as keystoneauth lets it (`keystoneauth1/identity/v3 *Method.get_auth_data`, docs/reference-behaviour.md, Keystone failures as the user sees them).
 */
function scopeOf(a: AuthSettings): Record<string, unknown> | undefined {
  if (a.domainId || a.domainName) return { domain: domainRef(a.domainId, a.domainName) };
  if (a.projectId) return { project: { id: a.projectId } };
  if (a.projectName) {
    const project: Record<string, unknown> = { name: a.projectName };
    const d = domainRef(a.projectDomainId, a.projectDomainName);
    if (d) project.domain = d;
    return { project };
  }
  if (a.trustId) return { 'OS-TRUST:trust': { id: a.trustId } };
  if (a.systemScope === 'all') return { system: { all: true } };
  return undefined;
}

/** One method's part of `identity` (the methods of keystoneauth's v3 plugins). */
function methodData(method: string, a: AuthSettings): Record<string, unknown> {
  switch (method) {
    case 'password':
      return { user: { password: a.password, ...userRef(a) } };
    case 'totp':
      // totp.py TOTPMethod.get_auth_data
      return { user: { passcode: a.passcode, ...userRef(a) } };
    case 'token':
      return { id: a.token };
    default:
      return applicationCredentialData(a);
  }
}

function applicationCredentialData(a: AuthSettings): Record<string, unknown> {
  const cred: Record<string, unknown> = {};
  if (a.applicationCredentialId) cred.id = a.applicationCredentialId;
  else {
    if (!a.applicationCredentialName || (!a.userId && !a.username)) {
      throw new CommandError('You must provide either an application credential ID or an application credential name and user.');
    }
    cred.name = a.applicationCredentialName;
    cred.user = userRef(a);
  }
  if (!a.applicationCredentialSecret) {
    throw new CommandError(`Missing value application_credential_secret required for auth plugin ${a.authType}`);
  }
  cred.secret = a.applicationCredentialSecret;
  return cred;
}

/** `identity` for the given Keystone methods, each with its data. */
export function identityFor(methods: string[], a: AuthSettings): Record<string, unknown> {
  const identity: Record<string, unknown> = { methods };
  for (const m of methods) identity[m] = methodData(m, a);
  return identity;
}

/** The Keystone methods an auth type sends (v3multifactor: its auth_methods, mapped to method names). */
export function keystoneMethods(a: AuthSettings): string[] {
  switch (a.authType) {
    case 'v3applicationcredential':
      return ['application_credential'];
    case 'v3totp':
      return ['totp'];
    case 'v3multifactor':
      return multifactorMethods(a.authMethods).map((m) => MULTIFACTOR_METHODS[m]);
    case 'token':
    case 'v3token':
      return ['token'];
    default:
      return a.token !== undefined && !a.password ? ['token'] : ['password'];
  }
}

/** The `auth` body of POST /v3/auth/tokens (`keystoneauth1/identity/v3 *Method.get_auth_data`, `keystoneauth1/identity/v3/base.py Auth.get_auth_ref`). */
export function tokenRequestBody(settings: AuthSettings): Record<string, unknown> {
  const a = withDefaultDomain(settings);
  const auth: Record<string, unknown> = { identity: identityFor(keystoneMethods(a), a) };
  const scope = scopeOf(a);
  if (scope) auth.scope = scope;
  return { auth };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `<auth_url>/v3` for the `v3*` types, which skip discovery (keystoneauth's v3 plugins). */
export function v3Root(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '');
  return trimmed.endsWith('v3') ? trimmed : `${trimmed}/v3`;
}

/**
 * One request of a login, with its debug lines; `note` follows the URL on the REQ line
 * (a body is never logged: it holds secrets). A request that gets no answer is
 * keystoneauth's connection message (RequestFailed).
 */
export async function sendForLogin(request: HttpRequest, note: string, opts: KeystoneOptions): Promise<HttpResponse> {
  opts.debugLog?.(`REQ: ${request.method} ${request.url}${note}`);
  const res = await exchange(opts.transport, request, opts).catch(rethrowFailure);
  opts.debugLog?.(`RESP: [${res.status}] ${request.method} ${request.url}`);
  return res;
}

/** POSTs an auth request. */
export function postAuth(url: string, headers: Record<string, string>, body: string, opts: KeystoneOptions): Promise<HttpResponse> {
  return sendForLogin({ method: 'POST', url, headers, body }, ' (auth request; body not logged)', opts);
}

/** The token of a 201 reply (X-Subject-Token and the body's token), or Keystone's error. */
export function tokenFromReply(url: string, res: HttpResponse): TokenInfo {
  if (res.status >= 300) throw new CommandError(keystoneErrorMessage(res));
  const token = res.headers['x-subject-token'];
  const parsed = jsonObjectReply(url, res) as {
    token?: {
      expires_at?: string;
      catalog?: CatalogService[];
      methods?: string[];
      project?: { id?: string; name?: string };
      user?: { id?: string; name?: string };
    };
  };
  if (!token || !isObject(parsed.token) || /[\r\n]/.test(token)) throw invalidResponse(url, res.status, 'no token in the reply');
  const t = parsed.token as NonNullable<typeof parsed.token>;
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    token,
    expiresAt: text(t.expires_at),
    catalog: Array.isArray(t.catalog) ? t.catalog : undefined,
    projectId: text(t.project?.id),
    projectName: text(t.project?.name),
    userId: text(t.user?.id),
    userName: text(t.user?.name),
    methods: Array.isArray(t.methods) ? t.methods.filter((m) => typeof m === 'string') : undefined,
  };
}
