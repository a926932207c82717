/**
 * The checks made before any network traffic, per auth plugin. For the password
 * plugins these are magnum's `_ensure_auth_info` (`magnumclient/shell.py _ensure_auth_info`) with its exact
 * wording and order, plus keystoneauth's v3 loader checks (`openstack/config/loader.py OpenStackConfig._get_auth_loader`); the
 * other plugins get keystoneauth's `Missing value … required for auth plugin …`.
 * Anything Keystone itself decides (a stray project with an application credential,
 * an unknown user) is left to Keystone, whose 401 is shown as it says it (docs/reference-behaviour.md, Keystone failures as the user sees them).
 */
import { CommandError } from '../errors';
import type { ClientConfig } from './client-config';
import { tokenEndpoint } from './client-config';

export const AUTH_TYPES = ['password', 'v3password', 'token', 'v3token', 'v3applicationcredential', 'admin_token'] as const;

const NO_AUTH_URL = 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]';

function missing(option: string, plugin: string): CommandError {
  return new CommandError(`Missing value ${option} required for auth plugin ${plugin}`);
}

function checkPassword(config: ClientConfig): void {
  const a = config.auth;
  // magnum skips its check for a token with an auth URL; the token method is then used.
  if (a.token !== undefined && a.authUrl !== undefined && a.password === undefined) return;
  if (!a.username && !a.userId) {
    throw new CommandError('You must provide a username via either --os-username or via env[OS_USERNAME]');
  }
  if (!a.password) {
    throw new CommandError('You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response');
  }
  // With a cloud, keystone may scope to the user's default project (magnum skips the check then).
  if (!a.projectName && !a.projectId && config.cloud === undefined && !a.domainId && !a.domainName && !a.systemScope) {
    throw new CommandError(
      'You must provide a project name or project id via --os-project-name, --os-project-id, env[OS_PROJECT_NAME] or env[OS_PROJECT_ID]',
    );
  }
  if (!a.authUrl) throw new CommandError(NO_AUTH_URL);
  if (a.authType === 'v3password') {
    // loading/_plugins/identity/v3.py:29-36 and loading/identity.py:93-103.
    if (a.username && !a.userId && !a.userDomainId && !a.userDomainName) {
      throw new CommandError(
        'You have provided a username. In the V3 identity API a username is only unique within a domain so you must also provide either a user_domain_id or user_domain_name.',
      );
    }
    if (a.projectName && !a.projectId && !a.projectDomainId && !a.projectDomainName) {
      throw new CommandError(
        'You have provided a project_name. In the V3 identity API a project_name is only unique within a domain so you must also provide either a project_domain_id or project_domain_name.',
      );
    }
  }
}

/** Application credentials need no username, password or project: only the credential itself. */
function checkApplicationCredential(config: ClientConfig): void {
  const a = config.auth;
  if (!a.authUrl) throw new CommandError(NO_AUTH_URL);
  if (!a.applicationCredentialSecret) throw missing('application_credential_secret', a.authType);
  if (!a.applicationCredentialId && !(a.applicationCredentialName && (a.username || a.userId))) {
    throw new CommandError('You must provide either an application credential ID or an application credential name and user.');
  }
}

export function ensureAuthInfo(config: ClientConfig): void {
  const a = config.auth;
  if (!(AUTH_TYPES as readonly string[]).includes(a.authType)) throw new CommandError(`The plugin ${a.authType} could not be found`);
  if (tokenEndpoint(config) !== undefined) return;
  switch (a.authType) {
    case 'admin_token':
      if (a.token === undefined) throw missing('token', a.authType);
      throw missing('endpoint', a.authType);
    case 'token':
    case 'v3token':
      if (a.token === undefined) throw missing('token', a.authType);
      if (!a.authUrl) throw new CommandError(NO_AUTH_URL);
      return;
    case 'v3applicationcredential':
      checkApplicationCredential(config);
      return;
    default:
      checkPassword(config);
  }
}
