/**
 * A project-scoped password token straight from Keystone, with plain fetch: the stack suites'
 * set-up (admin calls, the API's own answer to compare with ours) must not depend on the
 * client under test.
 */

export interface DirectToken {
  token: string;
  userId: string;
  /** The catalog's public container-infra endpoint ('' when the catalog has none). */
  magnumUrl: string;
  /** Keystone's v3 base URL, without a trailing slash. */
  v3Url: string;
}

type OsEnv = Record<string, string | undefined>;

/** Keystone's v3 base for an OS_AUTH_URL given with or without its /v3. */
export function keystoneV3Url(authUrl: string | undefined): string {
  const base = (authUrl ?? '').replace(/\/+$/, '');
  return base.endsWith('/v3') ? base : `${base}/v3`;
}

/** Logs in with the password settings of `env` (an openrc's OS_* variables); any reply but 201 throws. */
export async function passwordTokenFromKeystone(env: OsEnv = process.env): Promise<DirectToken> {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const v3Url = keystoneV3Url(required('OS_AUTH_URL'));
  const res = await fetch(`${v3Url}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: { name: required('OS_USERNAME'), domain: { name: env.OS_USER_DOMAIN_NAME || 'Default' }, password: required('OS_PASSWORD') },
          },
        },
        scope: { project: { name: required('OS_PROJECT_NAME'), domain: { name: env.OS_PROJECT_DOMAIN_NAME || 'Default' } } },
      },
    }),
  });
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token) throw new Error(`Keystone password login as ${env.OS_USERNAME}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    token: { user: { id: string }; catalog?: { type: string; endpoints: { interface: string; url: string }[] }[] };
  };
  const magnum = body.token.catalog?.find((s) => s.type === 'container-infra')?.endpoints.find((ep) => ep.interface === 'public');
  return { token, userId: body.token.user.id, magnumUrl: magnum?.url ?? '', v3Url };
}
