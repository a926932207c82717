// Fake keystone v3: version discovery and POST /v3/auth/tokens for the password,
// token and application_credential methods (`keystoneauth1/identity/v3/base.py Auth.get_auth_ref`).
import { randomBytes } from 'node:crypto';
import { totpCode } from './totp';
import type { IncomingHttpHeaders } from 'node:http';
import {
  APP_CREDENTIAL,
  PROJECTS,
  USERS,
  type CatalogService,
  type CatalogUrls,
  type FakeProject,
  type FakeState,
  type FakeUser,
  type IssuedToken,
  type Reply,
} from './fake-state';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 500: 'Internal Server Error' };
const DOMAIN = { id: 'default', name: 'Default' };
const BAD_REQUEST_TAIL =
  'The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';
const UNAUTHORIZED = 'The request you have made requires authentication.';

class KsError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly identity = false,
  ) {
    super(message);
  }
}

export interface KeystoneUrls extends CatalogUrls {
  prefix: string;
}

export function defaultCatalog({ keystoneUrl, magnumUrl }: CatalogUrls): CatalogService[] {
  const ep = (id: string, iface: string, region: string, url: string) => ({ id, interface: iface, region_id: region, url, region });
  return [
    {
      endpoints: [
        ep('ee76df671826451d959dd51f752da703', 'public', 'RegionOne', `${keystoneUrl}/v3/`),
        ep('f0fec8bf848b4c87be4c537720c84fd2', 'internal', 'RegionOne', `${keystoneUrl}/v3/`),
        ep('85984e3518504576807d6fe2ebaaf698', 'admin', 'RegionOne', `${keystoneUrl}/v3/`),
      ],
      id: '080c9790a37741e78a515996a3c99aea',
      type: 'identity',
      name: 'keystone',
    },
    {
      endpoints: [
        ep('efd34f56ceb24ced81bf370a9c2d16f0', 'public', 'RegionOne', magnumUrl),
        ep('e9a09800402b48d69f2d7af117d6ebb0', 'internal', 'RegionOne', magnumUrl),
        ep('81376e8232ff46348349221981b03918', 'admin', 'RegionOne', magnumUrl),
        // RegionTwo points at a port nothing listens on.
        ep('671c3c4e52a84f0fa43a1ff1d8cc4a5b', 'public', 'RegionTwo', 'http://127.0.0.1:1/v1'),
      ],
      id: 'aebd6c3a1b4e4b5f8c2d9e0f1a2b3c4d',
      type: 'container-infra',
      name: 'magnum',
    },
  ];
}

const domainOk = (d: unknown): boolean => obj(d)['id'] === 'default' || obj(d)['name'] === 'Default';

function findUser(u: Obj): FakeUser | undefined {
  if (typeof u['id'] === 'string') return Object.values(USERS).find((x) => x.id === u['id']);
  if (u['domain'] === undefined) throw new KsError(400, `Expecting to find domain in user. ${BAD_REQUEST_TAIL}`);
  return domainOk(u['domain']) ? Object.values(USERS).find((x) => x.name === u['name']) : undefined;
}

function findProject(p: Obj): FakeProject | undefined {
  if (typeof p['id'] === 'string') return Object.values(PROJECTS).find((x) => x.id === p['id']);
  if (p['domain'] === undefined) throw new KsError(400, `Expecting to find domain in project. ${BAD_REQUEST_TAIL}`);
  return domainOk(p['domain']) ? Object.values(PROJECTS).find((x) => x.name === p['name']) : undefined;
}

const ksTime = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, '.000000Z');

function issue(state: FakeState, urls: KeystoneUrls, headers: IncomingHttpHeaders, text: string): Reply {
  let req: unknown;
  try {
    req = JSON.parse(text);
  } catch {
    throw new KsError(400, `Malformed JSON in request body. ${BAD_REQUEST_TAIL}`);
  }
  const auth = obj(obj(req)['auth']);
  const identity = obj(auth['identity']);
  const methods = Array.isArray(identity['methods']) ? identity['methods'].map(String) : [];
  if (!methods.length) throw new KsError(400, `Expecting to find identity in auth. ${BAD_REQUEST_TAIL}`);
  let user: FakeUser | undefined;
  let parent: IssuedToken | undefined;
  let appCred: typeof APP_CREDENTIAL | null = null;
  // A receipt from an earlier partial multi-factor login carries its user and methods done.
  const receiptId = headers['openstack-auth-receipt'];
  const receipt = typeof receiptId === 'string' ? state.receipts.get(receiptId) : undefined;
  if (typeof receiptId === 'string' && (!receipt || receipt.expiresAt.getTime() <= Date.now())) throw new KsError(401, UNAUTHORIZED);
  const sameUser = (u: FakeUser | undefined): FakeUser | undefined => (receipt && u?.id !== receipt.user.id ? undefined : u);
  if (receipt) user = receipt.user;
  for (const m of methods) {
    const data = obj(identity[m]);
    if (m === 'password') {
      const u = obj(data['user']);
      user = sameUser(findUser(u));
      if (!user || u['password'] !== user.password) throw new KsError(401, UNAUTHORIZED);
    } else if (m === 'totp') {
      // keystone/auth/plugins/totp.py: the current 30 s window or the one before.
      const u = obj(data['user']);
      user = sameUser(findUser(u));
      const secret = user?.totpSecret;
      const now = Date.now();
      if (!secret || ![totpCode(secret, now), totpCode(secret, now - 30_000)].includes(String(u['passcode']))) throw new KsError(401, UNAUTHORIZED);
    } else if (m === 'token') {
      parent = state.tokens.get(String(data['id']));
      if (!parent || parent.expiresAt.getTime() <= Date.now()) throw new KsError(404, 'Could not recognize Fernet token');
      if (headers['x-auth-token'] !== data['id']) throw new KsError(401, UNAUTHORIZED);
      user = parent.user;
    } else if (m === 'application_credential') {
      const ac = APP_CREDENTIAL;
      const byId = data['id'] === ac.id;
      const byName = data['name'] === ac.name && findUser(obj(data['user']))?.id === ac.userId;
      if (!(byId || byName) || data['secret'] !== ac.secret) throw new KsError(401, UNAUTHORIZED);
      if (auth['scope'] !== undefined) {
        throw new KsError(401, 'Error authenticating with application credential: Application credentials cannot request a scope.', true);
      }
      appCred = ac;
      user = Object.values(USERS).find((x) => x.id === ac.userId);
    } else throw new KsError(401, UNAUTHORIZED);
  }
  if (!user) throw new KsError(401, UNAUTHORIZED);
  const done = [...(receipt?.methods ?? []), ...methods.filter((m) => !receipt?.methods.includes(m))];
  if (user.mfaRules?.length && !user.mfaRules.some((rule) => rule.every((m) => done.includes(m)))) return receiptReply(state, user, done, urls);
  const scope = auth['scope'];
  let project: FakeProject | null = parent ? parent.project : user.project;
  let domainScoped = false;
  if (scope === 'unscoped') project = null;
  else if (scope !== undefined) {
    const s = obj(scope);
    if (s['project'] !== undefined) {
      project = findProject(obj(s['project'])) ?? null;
      if (project?.id !== user.project.id) throw new KsError(401, UNAUTHORIZED);
    } else if (s['domain'] !== undefined && domainOk(s['domain'])) {
      project = null;
      domainScoped = true;
    } else throw new KsError(401, UNAUTHORIZED);
  }
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const tok: IssuedToken = {
    token: `gAAAAAB${randomBytes(132).toString('base64url')}`,
    user,
    project,
    domainScoped,
    appCredential: appCred,
    methods: parent ? [...parent.methods, ...methods.filter((m) => !parent?.methods.includes(m))] : done,
    auditIds: [randomBytes(16).toString('base64url').slice(0, 22), ...(parent ? parent.auditIds.slice(0, 1) : [])],
    issuedAt: now,
    expiresAt: parent ? parent.expiresAt : new Date(now.getTime() + state.config.tokenLifetimeSeconds * 1000),
  };
  state.tokens.set(tok.token, tok);
  const scoped = project !== null || domainScoped;
  const catalog = (state.config.catalog ?? defaultCatalog)(urls).filter((svc) => !(state.config.omitMagnum && svc.type === 'container-infra'));
  const body = {
    token: {
      methods: tok.methods,
      user: { domain: DOMAIN, id: user.id, name: user.name, password_expires_at: null },
      audit_ids: tok.auditIds,
      expires_at: ksTime(tok.expiresAt),
      issued_at: ksTime(tok.issuedAt),
      ...(project ? { project: { domain: DOMAIN, id: project.id, name: project.name }, is_domain: false } : {}),
      ...(domainScoped ? { domain: DOMAIN } : {}),
      ...(scoped ? { roles: user.roles } : {}),
      ...(appCred ? { application_credential: { id: appCred.id, name: appCred.name, restricted: true } } : {}),
      ...(scoped ? { catalog } : {}),
    },
  };
  return { status: 201, headers: { 'X-Subject-Token': tok.token, Vary: 'X-Auth-Token' }, body };
}

/**
 * GET /v3/auth/tokens: validates X-Subject-Token for the caller of X-Auth-Token (a token
 * may validate itself), as k8s-keystone-auth asks (test/support/kube-api.ts).
 */
function validate(state: FakeState, headers: IncomingHttpHeaders): Reply {
  const live = (id: unknown): IssuedToken | undefined => {
    const t = typeof id === 'string' ? state.tokens.get(id) : undefined;
    return t && t.expiresAt.getTime() > Date.now() ? t : undefined;
  };
  if (!live(headers['x-auth-token'])) throw new KsError(401, UNAUTHORIZED);
  const tok = live(headers['x-subject-token']);
  if (!tok) throw new KsError(404, 'Could not recognize Fernet token');
  return {
    status: 200,
    headers: { 'X-Subject-Token': String(headers['x-subject-token']) },
    body: {
      token: {
        methods: tok.methods,
        user: { domain: DOMAIN, id: tok.user.id, name: tok.user.name, password_expires_at: null },
        audit_ids: tok.auditIds,
        expires_at: ksTime(tok.expiresAt),
        issued_at: ksTime(tok.issuedAt),
        ...(tok.project ? { project: { domain: DOMAIN, id: tok.project.id, name: tok.project.name } } : {}),
      },
    },
  };
}

/** Keystone's answer to a login that meets none of the user's rules (auth/core.py InsufficientAuthMethods). */
function receiptReply(state: FakeState, user: FakeUser, methods: string[], urls: KeystoneUrls): Reply {
  const id = randomBytes(48).toString('base64url');
  const expiresAt = new Date(Date.now() + 300_000);
  state.receipts.set(id, { user, methods, expiresAt });
  return {
    status: 401,
    headers: { 'Openstack-Auth-Receipt': id, 'WWW-Authenticate': `Keystone uri="${urls.keystoneUrl}/v3"` },
    body: {
      receipt: { methods, user: { domain: DOMAIN, id: user.id, name: user.name }, expires_at: ksTime(expiresAt), issued_at: ksTime(new Date()) },
      // Keystone's order inside a rule is a Python set's, so it changes between Keystone processes
      // (seen as password,totp and totp,password on the same stack): answer in the other order
      // from the one configured, so the client's message is shown not to depend on it.
      required_auth_methods: user.mfaRules?.map((rule) => [...rule].reverse()),
    },
  };
}

/**
 * GET/POST /v3/OS-FEDERATION/identity_providers/<idp>/protocols/<protocol>/auth: the
 * mapped plugin reads the assertion the web server put in the environ (here the
 * `OIDC-Claim-*` headers of test/support/oidc-front.ts): the IdP is checked against its
 * remote_ids with HTTP_OIDC_CLAIM_ISS, and the mapping takes the user from
 * HTTP_OIDC_CLAIM_PREFERRED_USERNAME (federation/utils.py validate_idp, mapped.py).
 */
function federatedAuth(state: FakeState, urls: KeystoneUrls, idp: string, protocol: string, headers: IncomingHttpHeaders): Reply {
  const fed = state.config.federation;
  if (!fed || fed.idp !== idp) throw new KsError(404, `Could not find Identity Provider: ${idp}.`);
  if (fed.protocol !== protocol) throw new KsError(404, `Could not find federated protocol ${protocol} for Identity Provider: ${idp}.`);
  const iss = headers['oidc-claim-iss'];
  if (typeof iss !== 'string') throw new KsError(400, `Could not find Identity Provider identifier in environment ${BAD_REQUEST_TAIL}`);
  if (!fed.remoteIds.includes(iss)) throw new KsError(403, 'Incoming identity provider identifier not included among the accepted identifiers.');
  const name = headers['oidc-claim-preferred_username'];
  const user = typeof name === 'string' ? fed.users[name] : undefined;
  if (!user) throw new KsError(401, UNAUTHORIZED);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const tok: IssuedToken = {
    token: `gAAAAAB${randomBytes(132).toString('base64url')}`,
    user,
    project: null,
    domainScoped: false,
    appCredential: null,
    methods: ['mapped'],
    auditIds: [randomBytes(16).toString('base64url').slice(0, 22)],
    issuedAt: now,
    expiresAt: new Date(now.getTime() + state.config.tokenLifetimeSeconds * 1000),
  };
  state.tokens.set(tok.token, tok);
  const body = {
    token: {
      methods: tok.methods,
      user: {
        domain: DOMAIN,
        id: user.id,
        name: user.name,
        'OS-FEDERATION': { identity_provider: { id: idp }, protocol: { id: protocol }, groups: [] },
      },
      audit_ids: tok.auditIds,
      expires_at: ksTime(tok.expiresAt),
      issued_at: ksTime(tok.issuedAt),
    },
  };
  return { status: 201, headers: { 'X-Subject-Token': tok.token, Vary: 'X-Auth-Token' }, body };
}

export function handleKeystone(state: FakeState, urls: KeystoneUrls, method: string, url: URL, headers: IncomingHttpHeaders, text: string): Reply {
  const error = (code: number, message: string, identity = false): Reply => ({
    status: code,
    headers: code === 401 ? { 'WWW-Authenticate': `Keystone uri="${urls.keystoneUrl}/v3"` } : {},
    body: { error: { code, ...(identity ? { identity: {} } : {}), message, title: TITLES[code] ?? 'Error' } },
  });
  if (state.config.keystoneFailure) {
    return error(500, 'An unexpected error prevented the server from fulfilling your request.');
  }
  const path = url.pathname.startsWith(urls.prefix) ? url.pathname.slice(urls.prefix.length).replace(/\/+$/, '') || '/' : '';
  const version = {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${urls.keystoneUrl}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
  try {
    if (method === 'GET' && path === '/') {
      return { status: 300, headers: { Location: `${urls.keystoneUrl}/v3/` }, body: { versions: { values: [version] } } };
    }
    if (method === 'GET' && path === '/v3') return { status: 200, body: { version } };
    if (method === 'POST' && path === '/v3/auth/tokens') return issue(state, urls, headers, text);
    if (method === 'GET' && path === '/v3/auth/tokens') return validate(state, headers);
    const fed = /^\/v3\/OS-FEDERATION\/identity_providers\/([^/]+)\/protocols\/([^/]+)\/auth$/.exec(path);
    if (fed && (method === 'POST' || method === 'GET'))
      return federatedAuth(state, urls, decodeURIComponent(fed[1]), decodeURIComponent(fed[2]), headers);
    return error(404, 'The resource could not be found.');
  } catch (e) {
    if (e instanceof KsError) return error(e.code, e.message, e.identity);
    throw e;
  }
}
