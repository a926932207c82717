// A loopback OpenID Connect identity provider for the OIDC tests: a discovery document,
// a token endpoint for the password and client_credentials grants (RFC 6749 §4.3, §4.4;
// client authentication by HTTP Basic or client_id in the form, §2.3.1), a JWKS, and
// RS256-signed JWT access tokens (RFC 9068 claims). Errors are RFC 6749 §5.2's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

export interface IdpRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LoopbackIdp {
  issuer: string;
  discoveryUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** The `aud` of every access token: the resource (Keystone) the tokens are for. */
  audience: string;
  requests: IdpRequest[];
  /** Signs an access token with these claims over the defaults (iss, aud, iat, exp, jti). */
  mint(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

export interface IdpOptions {
  /** username → password (password grant). */
  users?: Record<string, string>;
  /** client_id → client_secret; null for a public client (password grant only). */
  clients?: Record<string, string | null>;
  audience?: string;
  tokenLifetimeSeconds?: number;
  /** grant_types_supported in the discovery document. */
  grantTypes?: string[];
}

const b64url = (v: Buffer | string): string => Buffer.from(v).toString('base64url');

export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'at+jwt', kid }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), key))}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLoopbackIdp(options: IdpOptions = {}): Promise<LoopbackIdp> {
  const users = options.users ?? { alice: 'wonderland' };
  const clients = options.clients ?? { 'magnum-cli': 'cli-secret', 'public-cli': null };
  const audience = options.audience ?? 'keystone';
  const lifetime = options.tokenLifetimeSeconds ?? 300;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const requests: IdpRequest[] = [];
  let issuer = '';

  const mint = (claims: Record<string, unknown>, o: { key?: KeyObject; kid?: string } = {}): string => {
    const now = Math.floor(Date.now() / 1000);
    return signJwt({ iss: issuer, aud: audience, iat: now, exp: now + lifetime, jti: randomUUID(), ...claims }, o.key ?? privateKey, o.kid ?? kid);
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  const oauthError = (res: ServerResponse, status: number, error: string, description: string): void =>
    json(res, status, { error, error_description: description }, status === 401 ? { 'WWW-Authenticate': 'Basic realm="loopback-idp"' } : {});

  const token = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const form = new URLSearchParams(text);
    let clientId = form.get('client_id') ?? '';
    let secret: string | null = null;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('latin1');
      clientId = decoded.slice(0, decoded.indexOf(':'));
      secret = decoded.slice(decoded.indexOf(':') + 1);
    }
    if (!(clientId in clients) || (clients[clientId] !== null && clients[clientId] !== secret)) {
      return oauthError(res, 401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
    const scope = form.get('scope') ?? '';
    const grant = form.get('grant_type');
    if (grant === 'password') {
      const username = form.get('username') ?? '';
      if (users[username] === undefined || users[username] !== form.get('password')) {
        return oauthError(res, 401, 'invalid_grant', 'Invalid user credentials');
      }
      const claims = { sub: `user-${username}`, preferred_username: username, email: `${username}@example.test`, azp: clientId, scope };
      return json(res, 200, {
        access_token: mint(claims),
        token_type: 'Bearer',
        expires_in: lifetime,
        scope,
        id_token: mint({ ...claims, typ: 'ID' }),
      });
    }
    if (grant === 'client_credentials') {
      if (clients[clientId] === null) return oauthError(res, 401, 'unauthorized_client', 'Public client not allowed to retrieve service account');
      const claims = { sub: `service-${clientId}`, preferred_username: `service-account-${clientId}`, azp: clientId, scope };
      return json(res, 200, { access_token: mint(claims), token_type: 'Bearer', expires_in: lifetime, scope });
    }
    return oauthError(res, 400, 'unsupported_grant_type', `Unsupported grant_type ${grant ?? ''}`);
  };

  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const path = new URL(req.url ?? '/', 'http://idp').pathname;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body: text });
      if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          authorization_endpoint: `${issuer}/auth`,
          grant_types_supported: options.grantTypes ?? ['authorization_code', 'password', 'client_credentials'],
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        });
      }
      if (req.method === 'GET' && path === '/jwks') {
        return json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
      }
      if (req.method === 'POST' && path === '/token') return token(req, res, text);
      return json(res, 404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    tokenUrl: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    audience,
    requests,
    mint,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A key the IdP never published, for forged-signature tests. */
export function foreignKey(): KeyObject {
  return createPrivateKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
}
