/**
 * The checks made before any network traffic, per auth plugin. For the password
 * plugins these are magnum's `_ensure_auth_info` (`magnumclient/shell.py _ensure_auth_info`) with its exact
 * wording and order, plus keystoneauth's v3 loader checks (`openstack/config/loader.py OpenStackConfig._get_auth_loader`); the
 * other plugins get keystoneauth's `Missing value … required for auth plugin …`.
 * Anything Keystone itself decides (a stray project with an application credential,
 * an unknown user) is left to Keystone, whose 401 is shown as it says it (docs/reference-behaviour.md, Keystone failures as the user sees them).
 */
import { CommandError } from '../errors';
import type { AuthSettings, ClientConfig } from './client-config';
import { tokenEndpoint } from './client-config';

export const AUTH_TYPES = [
  'password',
  'v3password',
  'token',
  'v3token',
  'v3applicationcredential',
  'v3totp',
  'v3multifactor',
  'v3oidcaccesstoken',
  'v3oidcpassword',
  'v3oidcclientcredentials',
  'admin_token',
] as const;

/** The plugins v3multifactor may combine: those whose method carries its own credentials (multi_factor.py). */
export const MULTIFACTOR_METHODS: Record<string, string> = {
  v3password: 'password',
  v3totp: 'totp',
  v3token: 'token',
  v3applicationcredential: 'application_credential',
};

/** v3multifactor's auth_methods as a list (clouds.yaml's YAML list arrives comma-separated, like OS_AUTH_METHODS). */
export function multifactorMethods(authMethods: string | undefined): string[] {
  return (authMethods ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

/** True when the settings will send (or prompt for) a password: the password method or the IdP's password grant. */
export function needsPassword(a: AuthSettings): boolean {
  switch (a.authType) {
    case 'password':
      // magnum's token + auth URL uses the token method instead (checkPassword).
      return !(a.token !== undefined && a.authUrl !== undefined);
    case 'v3password':
    case 'v3oidcpassword':
      return true;
    case 'v3multifactor':
      return multifactorMethods(a.authMethods).includes('v3password');
    default:
      return false;
  }
}

/** True when the settings send a TOTP passcode. */
export function needsPasscode(a: AuthSettings): boolean {
  return a.authType === 'v3totp' || (a.authType === 'v3multifactor' && multifactorMethods(a.authMethods).includes('v3totp'));
}

export const NO_PASSWORD = 'You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response';
export const NO_PASSCODE = 'You must provide a TOTP passcode via either --os-passcode, env[OS_PASSCODE], or prompted response';

const NO_AUTH_URL = 'You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]';

function missing(option: string, plugin: string): CommandError {
  return new CommandError(`Missing value ${option} required for auth plugin ${plugin}`);
}

function checkPassword(config: ClientConfig, canPrompt: boolean): void {
  const a = config.auth;
  // magnum skips its check for a token with an auth URL; the token method is then used.
  if (a.token !== undefined && a.authUrl !== undefined && a.password === undefined) return;
  if (!a.username && !a.userId) {
    throw new CommandError('You must provide a username via either --os-username or via env[OS_USERNAME]');
  }
  if (!a.password) {
    if (!canPrompt) throw new CommandError(NO_PASSWORD);
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

/** The user identity of v3totp and v3multifactor: keystoneauth's _assert_identity_options plus an auth URL. */
function checkUserIdentity(config: ClientConfig): void {
  const a = config.auth;
  if (!a.authUrl) throw new CommandError(NO_AUTH_URL);
  if (!a.username && !a.userId) {
    throw new CommandError('You must provide a username via either --os-username or via env[OS_USERNAME]');
  }
  if (a.username && !a.userId && !a.userDomainId && !a.userDomainName) {
    throw new CommandError(
      'You have provided a username. In the V3 identity API a username is only unique within a domain so you must also provide either a user_domain_id or user_domain_name.',
    );
  }
}

function checkMultifactor(config: ClientConfig, canPrompt: boolean): void {
  const a = config.auth;
  const methods = multifactorMethods(a.authMethods);
  if (methods.length === 0) throw missing('auth_methods', a.authType);
  const unknown = methods.filter((m) => !(m in MULTIFACTOR_METHODS));
  if (unknown.length > 0) {
    throw new CommandError(
      `auth_methods: ${unknown.join(', ')} cannot be combined by v3multifactor; use ${Object.keys(MULTIFACTOR_METHODS).join(', ')}`,
    );
  }
  if (methods.includes('v3password') || methods.includes('v3totp')) checkUserIdentity(config);
  else if (!a.authUrl) throw new CommandError(NO_AUTH_URL);
  // A missing password or passcode is asked for on a terminal after the token cache missed (login.ts askForMissingSecrets).
  if (!canPrompt && methods.includes('v3password') && !a.password) throw new CommandError(NO_PASSWORD);
  if (!canPrompt && methods.includes('v3totp') && !a.passcode) throw new CommandError(NO_PASSCODE);
  if (methods.includes('v3token') && a.token === undefined) throw missing('token', a.authType);
  if (methods.includes('v3applicationcredential')) checkApplicationCredential(config);
}

/** keystoneauth's loaders: BaseFederationLoader's identity_provider and protocol, then each flow's own options. */
function checkOidc(config: ClientConfig, canPrompt: boolean): void {
  const a = config.auth;
  if (!a.authUrl) throw new CommandError(NO_AUTH_URL);
  if (!a.identityProvider) throw missing('identity_provider', a.authType);
  if (!a.protocol) throw missing('protocol', a.authType);
  if (a.authType === 'v3oidcaccesstoken') {
    if (!a.accessToken) throw missing('access_token', a.authType);
    return;
  }
  // _OpenIDConnectBase.load_from_options
  if (!a.accessTokenEndpoint && !a.discoveryEndpoint) {
    throw new CommandError("You have to specify either an 'access-token-endpoint' or a 'discovery-endpoint'.");
  }
  if (!a.clientId) throw missing('client_id', a.authType);
  if (a.authType === 'v3oidcclientcredentials' && !a.clientSecret) throw missing('client_secret', a.authType);
  if (a.authType === 'v3oidcpassword') {
    if (!a.username) throw missing('username', a.authType);
    if (!a.password && !canPrompt) throw missing('password', a.authType);
  }
}

/** An auth type outside AUTH_TYPES: keystoneauth's words, then what this client offers instead. */
export function unsupportedAuthType(authType: string): CommandError {
  return new CommandError(`The plugin ${authType} could not be found; this client supports ${AUTH_TYPES.join(', ')}`);
}

/**
 * `canPrompt`: a missing password or passcode is not an error yet: it is asked for (on a
 * terminal) or reported when a token is needed (login.ts askForMissingSecrets).
 */
export function ensureAuthInfo(config: ClientConfig, canPrompt = false): void {
  const a = config.auth;
  if (!(AUTH_TYPES as readonly string[]).includes(a.authType)) throw unsupportedAuthType(a.authType);
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
    case 'v3totp':
      checkUserIdentity(config);
      if (!a.passcode && !canPrompt) throw new CommandError(NO_PASSCODE);
      return;
    case 'v3multifactor':
      checkMultifactor(config, canPrompt);
      return;
    case 'v3oidcaccesstoken':
    case 'v3oidcpassword':
    case 'v3oidcclientcredentials':
      checkOidc(config, canPrompt);
      return;
    default:
      checkPassword(config, canPrompt);
  }
}
