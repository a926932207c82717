// The token cache key (src/auth/token-cache-entry.ts): identity and scope, never a secret.
import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/auth/token-cache-entry';
import { resolveClientConfig } from '../../src/config/client-config';

const BASE = {
  OS_AUTH_URL: 'https://keystone.example.com/v3',
  OS_USERNAME: 'alice',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_NAME: 'demo',
  OS_PROJECT_DOMAIN_NAME: 'Default',
};
const key = (env: Record<string, string>): string => cacheKey(resolveClientConfig({}, { ...BASE, ...env }));

describe('cacheKey', () => {
  it('changes with the auth type, the identity provider, protocol and client, and the scope', () => {
    const keys = [
      key({}),
      key({ OS_AUTH_TYPE: 'v3totp' }),
      key({ OS_AUTH_TYPE: 'v3multifactor', OS_AUTH_METHODS: 'v3password,v3totp' }),
      key({ OS_AUTH_TYPE: 'v3oidcpassword', OS_IDENTITY_PROVIDER: 'a', OS_PROTOCOL: 'openid', OS_CLIENT_ID: 'c' }),
      key({ OS_AUTH_TYPE: 'v3oidcpassword', OS_IDENTITY_PROVIDER: 'b', OS_PROTOCOL: 'openid', OS_CLIENT_ID: 'c' }),
      key({ OS_AUTH_TYPE: 'v3oidcpassword', OS_IDENTITY_PROVIDER: 'a', OS_PROTOCOL: 'saml2', OS_CLIENT_ID: 'c' }),
      key({ OS_AUTH_TYPE: 'v3oidcpassword', OS_IDENTITY_PROVIDER: 'a', OS_PROTOCOL: 'openid', OS_CLIENT_ID: 'd' }),
      key({ OS_AUTH_TYPE: 'v3oidcaccesstoken', OS_IDENTITY_PROVIDER: 'a', OS_PROTOCOL: 'openid', OS_ACCESS_TOKEN: 't1' }),
      key({ OS_AUTH_TYPE: 'v3oidcaccesstoken', OS_IDENTITY_PROVIDER: 'a', OS_PROTOCOL: 'openid', OS_ACCESS_TOKEN: 't2' }),
      key({ OS_PROJECT_NAME: 'other' }),
      key({ OS_PROJECT_NAME: '', OS_DOMAIN_NAME: 'Default' }),
      key({ OS_AUTH_URL: 'https://other.example.com/v3' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('does not change with a password, passcode or client secret, and holds none of them', () => {
    const a = key({ OS_AUTH_TYPE: 'v3multifactor', OS_AUTH_METHODS: 'v3password,v3totp', OS_PASSWORD: 'p1', OS_PASSCODE: '123456' });
    const b = key({ OS_AUTH_TYPE: 'v3multifactor', OS_AUTH_METHODS: 'v3password,v3totp', OS_PASSWORD: 'p2', OS_PASSCODE: '654321' });
    expect(a).toBe(b);
    const c = key({
      OS_AUTH_TYPE: 'v3oidcclientcredentials',
      OS_IDENTITY_PROVIDER: 'a',
      OS_PROTOCOL: 'openid',
      OS_CLIENT_ID: 'c',
      OS_CLIENT_SECRET: 's1',
    });
    const d = key({
      OS_AUTH_TYPE: 'v3oidcclientcredentials',
      OS_IDENTITY_PROVIDER: 'a',
      OS_PROTOCOL: 'openid',
      OS_CLIENT_ID: 'c',
      OS_CLIENT_SECRET: 's2',
    });
    expect(c).toBe(d);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
