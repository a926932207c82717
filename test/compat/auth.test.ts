/**
 * Authentication and configuration against the reference client on the real stack:
 * where we match it (keystone's errors, clouds.yaml + secure.yaml, token + endpoint,
 * catalog errors), and the documented differences (docs/configuration.md) pinned as
 * cases with the exit codes each side has.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compat, describeCompat, type Side } from './harness';
import { applyOverrides, baseEnv, freshTempDir, OPENRC_LOGIN, runOurs, runReference, unsetVars, type ProcessResult } from './processes';
import { normalisers } from './normalise';
import { passwordTokenFromKeystone } from '../support/keystone-direct';

const { requestIds } = normalisers;
const SAME_ERROR = { expectExit: 1, normalise: requestIds } as const;
const SHARED_STATE = { retries: 2 } as const;

/** demo-openrc's credentials removed, so that only the clouds file speaks. */
const NO_OPENRC = unsetVars(...OPENRC_LOGIN, 'OS_AUTH_URL', 'OS_REGION_NAME', 'OS_INTERFACE');

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
const writeClouds =
  (text: string, name = 'clouds.yaml') =>
  (side: Side) =>
    writeFileSync(join(side.cwd, name), text);

describeCompat('auth and configuration', () => {
  compat('wrong password: keystone’s 401', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_PASSWORD: 'wrong' } });
  compat('unknown project: the same 401', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_PROJECT_NAME: 'no-such-project' } });
  compat('unknown cloud', ['--os-cloud', 'nope', 'cluster-template-list'], { ...SAME_ERROR, env: { OS_CLIENT_CONFIG_FILE: '/nonexistent.yaml' } });
  compat('region not in the catalog', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_REGION_NAME: 'RegionX' } });
  compat('interface not in the catalog', ['cluster-template-list'], { ...SAME_ERROR, env: { OS_INTERFACE: 'bogus' } });
  compat('publicURL is public', ['cluster-template-list'], { ...SHARED_STATE, env: { OS_ENDPOINT_TYPE: 'publicURL' } });

  // shell.py main: a non-empty --bypass-url replaces --os-endpoint-override, so the dead
  // override is never called on either side.
  let magnumUrl = '';
  compat(
    '--bypass-url wins over --os-endpoint-override',
    () => ['--bypass-url', magnumUrl, '--os-endpoint-override', 'http://127.0.0.1:1/v1', 'cluster-template-list'],
    {
      ...SHARED_STATE,
      setup: async () => {
        magnumUrl ||= (await passwordTokenFromKeystone()).magnumUrl;
      },
    },
  );
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

  // Deliberate differences (docs/configuration.md): each side's own outcome is pinned.
  describe('documented differences', () => {
    async function bothWith(clouds: string, argv: string[]): Promise<Record<'reference' | 'ours', ProcessResult>> {
      const out = {} as Record<'reference' | 'ours', ProcessResult>;
      for (const which of ['reference', 'ours'] as const) {
        const dir = freshTempDir(`magnum-compat-auth-${which}-`);
        try {
          writeFileSync(join(dir, 'clouds.yaml'), clouds);
          const run = which === 'reference' ? runReference : runOurs;
          out[which] = await run(argv, { cwd: dir, env: applyOverrides(baseEnv(dir), NO_OPENRC) });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      return out;
    }
    const listsTemplates = (r: ProcessResult): void => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^\| [0-9a-f-]{36} \| kubernetes +\|$/m);
    };

    it('clouds.yaml region_name is honoured (the reference ignores it)', async () => {
      const r = await bothWith(cloudsYaml('    region_name: RegionX\n'), ['--os-cloud', 'stack', 'cluster-template-list']);
      listsTemplates(r.reference);
      expect([r.ours.code, r.ours.stdout, r.ours.stderr]).toEqual([
        1,
        '',
        'ERROR: public endpoint for container service in RegionX region not found\n',
      ]);
    });

    it('clouds.yaml interface is honoured (the reference ignores it)', async () => {
      const r = await bothWith(cloudsYaml('    interface: bogus\n'), ['--os-cloud', 'stack', 'cluster-template-list']);
      listsTemplates(r.reference);
      expect([r.ours.code, r.ours.stdout, r.ours.stderr]).toEqual([1, '', 'ERROR: bogus endpoint for container service not found\n']);
    });

    it('a flag beats clouds.yaml auth (the reference lets clouds.yaml win)', async () => {
      const r = await bothWith(cloudsYaml(), ['--os-cloud', 'stack', '--os-password', 'wrong', 'cluster-template-list']);
      listsTemplates(r.reference);
      expect(r.ours.code).toBe(1);
      expect(r.ours.stderr).toMatch(/^ERROR: The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]+\)\n$/);
    });
  });
});
