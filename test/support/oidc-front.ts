// The part Apache's mod_auth_openidc plays in front of Keystone in a production OIDC
// deployment, as a small loopback reverse proxy (the test stack's Keystone runs under
// uwsgi without Apache). docs/auth.md says how it matches mod_auth_openidc configured as
// an OAuth 2.0 resource server (`AuthType oauth20`, `OIDCOAuthVerifyJwksUri`):
//   - every request: client-supplied `OIDC-*` / `OIDC_*` headers are removed (mod_auth_openidc
//     scrubs its claim headers, OIDCScrubRequestHeaders on), then the request goes to Keystone
//     unchanged (Host kept, so Keystone's links name this front);
//   - on the federation auth path of the protected protocol: a `Bearer` token is required
//     and verified as a JWS (RS256, key by `kid` from the IdP's JWKS), with `iss`, `aud`,
//     `exp` and `nbf` checked; a failure is 401 with `WWW-Authenticate: Bearer error=
//     "invalid_token"` and never reaches Keystone. The claims go to Keystone as
//     `OIDC-Claim-<name>` headers (OIDCPassClaimsAs headers, OIDCClaimPrefix "OIDC-Claim-",
//     arrays joined with "," as OIDCClaimDelimiter), which Keystone's WSGI environ shows as
//     HTTP_OIDC_CLAIM_<NAME> — the assertion its mapped plugin reads.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

export interface OidcFrontOptions {
  /** Keystone's base URL, e.g. http://127.0.0.1:5000. */
  upstream: string;
  issuer: string;
  jwksUrl: string;
  audience: string;
  /** The federation protocol this front protects (the Location of mod_auth_openidc's config). */
  protocol: string;
  /** Allowed clock skew in seconds (mod_auth_openidc's default for JWTs is 0 for exp; we allow a little). */
  skewSeconds?: number;
}

export interface OidcFront {
  url: string;
  /** What was forwarded to Keystone on the federation path, for assertions: the claim headers. */
  forwardedClaims: Record<string, string>[];
  rejected: string[];
  close(): Promise<void>;
}

const CLAIM_PREFIX = 'OIDC-Claim-';

function isOidcHeader(name: string): boolean {
  return /^oidc[-_]/i.test(name);
}

async function fetchJwks(url: string): Promise<JsonWebKey[]> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { keys?: JsonWebKey[] };
  return Array.isArray(body.keys) ? body.keys : [];
}

/** The verified claims of a JWT access token, or the reason it is refused. */
export async function verifyAccessToken(
  token: string,
  o: OidcFrontOptions,
  keys: () => Promise<JsonWebKey[]>,
): Promise<Record<string, unknown> | string> {
  const parts = token.split('.');
  if (parts.length !== 3) return 'not a JWT';
  let header: { alg?: string; kid?: string };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return 'malformed JWT';
  }
  if (header.alg !== 'RS256') return `unsupported alg ${String(header.alg)}`;
  const jwk = (await keys()).find((k) => (k as { kid?: string }).kid === header.kid);
  if (!jwk) return 'no key with this kid in the JWKS';
  const ok = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(parts[2], 'base64url'),
  );
  if (!ok) return 'bad signature';
  const now = Math.floor(Date.now() / 1000);
  const skew = o.skewSeconds ?? 10;
  if (claims.iss !== o.issuer) return 'wrong issuer';
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(o.audience)) return 'wrong audience';
  if (typeof claims.exp !== 'number' || claims.exp + skew < now) return 'token expired';
  if (typeof claims.nbf === 'number' && claims.nbf - skew > now) return 'token not yet valid';
  return claims;
}

function claimHeaders(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) continue;
    const text = Array.isArray(value)
      ? value.map(String).join(',')
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value);
    // Header values are bytes: UTF-8 claims travel as their bytes (Keystone reads them as latin-1, RFC 7230 §3.2.4).
    out[`${CLAIM_PREFIX}${name}`] = Buffer.from(text, 'utf8')
      .toString('latin1')
      .replace(/[\r\n]/g, ' ');
  }
  return out;
}

export async function startOidcFront(o: OidcFrontOptions): Promise<OidcFront> {
  const upstream = new URL(o.upstream);
  const forwardedClaims: Record<string, string>[] = [];
  const rejected: string[] = [];
  let jwks: JsonWebKey[] | null = null;
  const keys = async (): Promise<JsonWebKey[]> => (jwks ??= await fetchJwks(o.jwksUrl));
  const federationPath = new RegExp(
    `^(/[^?]*)?/v3/OS-FEDERATION/identity_providers/[^/]+/protocols/${o.protocol.replace(/[^A-Za-z0-9_-]/g, '')}/auth/?$`,
  );

  const server: Server = createServer((req, res) => {
    void (async () => {
      const headers: IncomingHttpHeaders = {};
      for (const [k, v] of Object.entries(req.headers)) if (!isOidcHeader(k)) headers[k] = v;
      const path = (req.url ?? '/').split('?')[0];
      if (federationPath.test(path)) {
        const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
        const verdict = bearer ? await verifyAccessToken(bearer[1], o, keys) : 'no bearer token';
        if (typeof verdict === 'string') {
          rejected.push(verdict);
          res.writeHead(401, {
            'WWW-Authenticate': `Bearer realm="keystone", error="invalid_token", error_description="${verdict}"`,
            'Content-Type': 'text/plain',
          });
          res.end(`Unauthorized: ${verdict}\n`);
          return;
        }
        const claims = claimHeaders(verdict);
        forwardedClaims.push(claims);
        Object.assign(headers, claims);
      }
      const up = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, timeout: 30_000 },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('timeout', () => up.destroy(new Error('upstream timeout')));
      up.on('error', (e) => {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`Bad Gateway: ${e.message}\n`);
      });
      req.pipe(up);
    })().catch((e: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`front error: ${e.message}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardedClaims,
    rejected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
