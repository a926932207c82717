// The POST /v3/auth/tokens bodies (`keystoneauth1/identity/v3 *Method.get_auth_data`, `keystoneauth1/identity/v3/base.py Auth.get_auth_ref`).
import { describe, expect, it } from 'vitest';
import { tokenRequestBody } from '../../src/auth/keystone';
import type { AuthSettings } from '../../src/config/client-config';

const body = (a: Partial<AuthSettings>): unknown => tokenRequestBody({ authType: 'password', ...a });
const user = { password: 'pw', name: 'demo', domain: { name: 'Default' } };
const pw = { username: 'demo', userDomainName: 'Default', password: 'pw' };

describe('identity', () => {
  it('password: an id wins over a name and its domain', () => {
    expect(body({ ...pw, userId: 'u1', userDomainId: 'default' })).toEqual({
      auth: { identity: { methods: ['password'], password: { user: { password: 'pw', id: 'u1' } } } },
    });
  });

  it('password: a domain id wins over a domain name', () => {
    expect(body({ ...pw, userDomainId: 'default' })).toEqual({
      auth: { identity: { methods: ['password'], password: { user: { password: 'pw', name: 'demo', domain: { id: 'default' } } } } },
    });
  });

  it('application credential: an id wins; a name needs the user', () => {
    const ac = { authType: 'v3applicationcredential', applicationCredentialSecret: 's' };
    expect(body({ ...ac, applicationCredentialId: 'i', applicationCredentialName: 'n' })).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'i', secret: 's' } } },
    });
    expect(body({ ...ac, applicationCredentialName: 'n', userId: 'u1' })).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { name: 'n', user: { id: 'u1' }, secret: 's' } } },
    });
    expect(() => body({ ...ac, applicationCredentialName: 'n' })).toThrow(
      'You must provide either an application credential ID or an application credential name and user.',
    );
  });
});

describe('scope', () => {
  it.each([
    ['a project id', { projectId: 'p1', projectName: 'demo' }, { project: { id: 'p1' } }],
    [
      'a project name and domain id',
      { projectName: 'demo', projectDomainId: 'default', projectDomainName: 'D' },
      { project: { name: 'demo', domain: { id: 'default' } } },
    ],
    ['a domain', { domainName: 'Default' }, { domain: { name: 'Default' } }],
    ['a trust', { trustId: 't1' }, { 'OS-TRUST:trust': { id: 't1' } }],
    ['the system', { systemScope: 'all' }, { system: { all: true } }],
    ['a project over the system', { systemScope: 'all', projectId: 'p1' }, { project: { id: 'p1' } }],
  ])('%s', (_name, settings, scope) => {
    expect(body({ ...pw, ...settings })).toEqual({ auth: { identity: { methods: ['password'], password: { user } }, scope } });
  });

  it('none without project, domain, trust or system', () => {
    expect(body(pw)).toEqual({ auth: { identity: { methods: ['password'], password: { user } } } });
  });

  it('an application credential carries a configured project, for keystone to refuse', () => {
    expect(
      body({
        authType: 'v3applicationcredential',
        applicationCredentialId: 'i',
        applicationCredentialSecret: 's',
        projectName: 'demo',
        projectDomainName: 'Default',
      }),
    ).toEqual({
      auth: {
        identity: { methods: ['application_credential'], application_credential: { id: 'i', secret: 's' } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
  });

  it('the generic plugins take default_domain_* for missing domains, id and name each on its own', () => {
    expect(body({ username: 'demo', password: 'pw', projectName: 'demo', userDomainName: 'Mine', defaultDomainId: 'default' })).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { password: 'pw', name: 'demo', domain: { id: 'default' } } } },
        scope: { project: { name: 'demo', domain: { id: 'default' } } },
      },
    });
    // v3password has no default domain.
    expect(body({ authType: 'v3password', username: 'demo', password: 'pw', defaultDomainId: 'default' })).toEqual({
      auth: { identity: { methods: ['password'], password: { user: { password: 'pw', name: 'demo' } } } },
    });
  });
});
