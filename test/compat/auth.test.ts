/**
 * Authentication and configuration against the reference client on the real stack:
 * where we match it (keystone's errors, clouds.yaml + secure.yaml, token + endpoint,
 * catalog errors), and the documented differences (docs/configuration.md) pinned as
 * cases with the exit codes each side has.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compat, describeCompat, type Side } from './harness';
import { normalisers } from './normalise';

const { requestIds } = normalisers;
const SAME_ERROR = { expectExit: 1, sameError: true, normalise: requestIds } as const;
const SHARED_STATE = { retries: 2 } as const;

/** demo-openrc's credentials removed, so that only the clouds file speaks. */
const NO_OPENRC = Object.fromEntries(
  ['OS_AUTH_TYPE', 'OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME', 'OS_USER_DOMAIN_NAME', 'OS_PROJECT_DOMAIN_NAME', 'OS_AUTH_URL', 'OS_REGION_NAME', 'OS_INTERFACE'].map(
    (k) => [k, undefined],
  ),
);

/** A clouds.yaml cloud `stack` with demo-openrc's settings; `extra` lines go at the cloud's top level. */
function cloudsYaml(extra = '', withPassword = true): string {
  const e = process.env;
  return (
    'clouds:\n  stack:\n    auth:\n' +
    `      auth_url: ${e.OS_AUTH_URL}\n      username: ${e.OS_USERNAME}\n      project_name: ${e.OS_PROJECT_NAME}\n` +
    `      user_domain_name: ${e.OS_USER_DOMAIN_NAME}\n      project_domain_name: ${e.OS_PROJECT_DOMAIN_NAME}\n` +
    (withPassword ? `      password: ${e.OS_PASSWORD}\n` : '') +
    extra
  );
}
const writeClouds = (text: string, name = 'clouds.yaml') => (side: Side) => writeFileSync(join(side.cwd, name), text);

describeCompat('auth and configuration', () => {
  compat('wrong password: keystone’s 401', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_PASSWORD: 'wrong' } });
  compat('unknown project: the same 401', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_PROJECT_NAME: 'no-such-project' } });
  compat('unknown cloud', ['--os-cloud', 'nope', 'cluster-template-list'], { ...SAME_ERROR, env: { OS_CLIENT_CONFIG_FILE: '/nonexistent.yaml' } });
  compat('region not in the catalog', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_REGION_NAME: 'RegionX' } });
  compat('interface not in the catalog', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_INTERFACE: 'bogus' } });
  compat('publicURL is public', ['cluster-template-list'], { ...SHARED_STATE, env: { OS_ENDPOINT_TYPE: 'publicURL' } });

  compat('./clouds.yaml with --os-cloud', ['--os-cloud', 'stack', 'cluster-template-list'], {
    ...SHARED_STATE,
    env: NO_OPENRC,
    setup: writeClouds(cloudsYaml()),
  });
  compat('the password from ./secure.yaml', ['cluster-template-list'], {
    ...SHARED_STATE,
    env: { ...NO_OPENRC, OS_CLOUD: 'stack' },
    setup: (side) => {
      writeClouds(cloudsYaml('', false))(side);
      writeClouds(`clouds:\n  stack:\n    auth:\n      password: ${process.env.OS_PASSWORD}\n`, 'secure.yaml')(side);
    },
  });
  compat('OS_CLIENT_CONFIG_FILE', ['--os-cloud', 'stack', 'cluster-template-list'], {
    ...SHARED_STATE,
    env: (side) => ({ ...NO_OPENRC, OS_CLIENT_CONFIG_FILE: join(side.home, 'elsewhere.yaml') }),
    setup: (side) => writeFileSync(join(side.home, 'elsewhere.yaml'), cloudsYaml()),
  });
  compat('tenant_name in clouds.yaml', ['--os-cloud', 'stack', 'cluster-template-list'], {
    ...SHARED_STATE,
    env: NO_OPENRC,
    setup: writeClouds(cloudsYaml().replace('project_name:', 'tenant_name:')),
  });

  // Deliberate differences (docs/configuration.md): each side's exit code is pinned.
  compat('clouds.yaml region_name is honoured (the reference ignores it)', ['--os-cloud', 'stack', 'cluster-template-list'], {
    env: NO_OPENRC,
    setup: writeClouds(cloudsYaml('    region_name: RegionX\n')),
    expectExit: { reference: 0, ours: 1 },
  });
  compat('clouds.yaml interface is honoured (the reference ignores it)', ['--os-cloud', 'stack', 'cluster-template-list'], {
    env: NO_OPENRC,
    setup: writeClouds(cloudsYaml('    interface: bogus\n')),
    expectExit: { reference: 0, ours: 1 },
  });
  compat('a flag beats clouds.yaml auth (the reference lets clouds.yaml win)', ['--os-cloud', 'stack', '--os-password', 'wrong', 'cluster-template-list'], {
    env: NO_OPENRC,
    setup: writeClouds(cloudsYaml()),
    expectExit: { reference: 0, ours: 1 },
  });
});
