/**
 * Resolves what the CLI needs to reach Magnum from three layers, highest first
 * (OSC's precedence, docs/reference-behaviour.md, Configuration precedence):
 *   1. the global flags,
 *   2. the OS_* environment (and magnum's own MAGNUM_API_VERSION, BYPASS_URL, ...),
 *   3. the --os-cloud / OS_CLOUD entry of clouds.yaml (secure.yaml merged in),
 * then defaults. Flags and environment are resolved at start-up; clouds.yaml is read
 * only when a command needs the cloud (applyCloudConfig), so `help` never pays for it.
 * Where this differs from the python `magnum`, see docs/configuration.md.
 */
import { homedir } from 'node:os';
import type { ProxySettings, TlsOptions } from '../http/transport';
import { DEFAULT_API_TIMEOUT_MS } from '../http/transport';
import { proxySettingsFromEnv } from '../http/proxy';
import { CommandError } from '../errors';
import type { Env, SearchPlaces } from './cloud-files';
import type { AuthKey, CloudLayer } from './clouds';
import { getBoolean, loadCloud } from './clouds';

export interface AuthSettings {
  /** The auth plugin: one of AUTH_TYPES (auth-checks.ts). */
  authType: string;
  authUrl?: string;
  username?: string;
  userId?: string;
  password?: string;
  userDomainId?: string;
  userDomainName?: string;
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  projectDomainName?: string;
  domainId?: string;
  domainName?: string;
  /** The generic plugins' fallback for user and project domains (identity/generic/base.py:116-130). */
  defaultDomainId?: string;
  defaultDomainName?: string;
  systemScope?: string;
  trustId?: string;
  token?: string;
  /** admin_token's Magnum endpoint (auth.endpoint or OS_ENDPOINT). */
  endpoint?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  /** v3totp, and the totp method of v3multifactor: the current TOTP code. */
  passcode?: string;
  /** v3multifactor: the plugin names to combine (v3password, v3totp, ...), comma-separated. */
  authMethods?: string;
  /** v3oidc*: the Keystone identity provider and federation protocol (the federated auth URL). */
  identityProvider?: string;
  protocol?: string;
  /** v3oidcpassword, v3oidcclientcredentials: the OAuth 2.0 client and the IdP's token endpoint. */
  clientId?: string;
  clientSecret?: string;
  openidScope?: string;
  accessTokenEndpoint?: string;
  discoveryEndpoint?: string;
  /** Which member of the token endpoint's reply is sent to Keystone: access_token (default) or id_token. */
  accessTokenType?: string;
  /** v3oidcaccesstoken: an access token the user brings. */
  accessToken?: string;
}

/** The settings of one run, resolved once; never changed afterwards (applyCloudConfig makes a new one). */
export interface ClientConfig {
  readonly auth: Readonly<AuthSettings>;
  readonly regionName?: string;
  readonly interface: string;
  readonly serviceType: string;
  readonly endpointOverride?: string;
  readonly apiVersion: string;
  /**
   * --os-api-timeout / OS_API_TIMEOUT / clouds.yaml api_timeout, as given (seconds);
   * checked by apiTimeoutMs when a command needs the network, so help never fails on it.
   */
  readonly apiTimeout?: string;
  /** TLS material and the proxies taken from the environment. */
  readonly tls: Readonly<TlsOptions>;
  readonly cache: boolean;
  readonly debug: boolean;
  readonly cloud?: string;
  /** The clouds file the cloud came from, once applyCloudConfig has run. */
  readonly cloudFile?: string;
  /** What the config was built from, so applyCloudConfig can add the clouds.yaml layer underneath. */
  readonly origin: { readonly flags: Readonly<Record<string, unknown>>; readonly env: Env; readonly cloudApplied: boolean };
}

export type { Env };

/** cliutils.env: the first non-empty variable; an empty string counts as unset. */
export function envValue(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/** oslo strutils.bool_from_string with its default (False for anything unknown). */
export function boolFromString(value: string | undefined): boolean {
  return ['1', 't', 'true', 'on', 'y', 'yes'].includes((value ?? '').trim().toLowerCase());
}

/**
 * A flag's value, or else the environment's. A flag given explicitly empty counts as given,
 * as in the reference, where argparse's value replaces the `default=cliutils.env('OS_…')`
 * (`magnumclient/shell.py get_base_parser`): `--os-project-name ""` is empty, never
 * `$OS_PROJECT_NAME`, so a script passing an unset variable cannot act on the
 * environment's project. The empty value is then "none" (Python's falsy '', see `over`).
 */
function flagOrEnv(flags: Record<string, unknown>, env: Env, dest: string, envNames: string[]): string | undefined {
  const flag = flags[dest];
  return typeof flag === 'string' ? flag : envValue(env, ...envNames);
}

/** Python's `a or b`, as shell.py joins old and new spellings: the first non-empty value, else '' when one was given empty. */
function pyOr(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v) ?? values.find((v) => v !== undefined);
}

/** A flag or variable that was given (even empty) hides the clouds.yaml value; empty then means none. */
function over(given: string | undefined, lower: string | undefined): string | undefined {
  return given === undefined ? lower : given || undefined;
}

/** `publicURL` → `public` (shell.py:515-520 strips the suffix). */
export function normaliseInterface(value: string): string {
  return value.endsWith('URL') ? value.slice(0, -3) : value;
}

/** os.path.expanduser, which the SDK applies to cacert, cert and key (cloud_region.py:339-361). */
function expandUser(path: string | undefined, env: Env): string | undefined {
  if (path === undefined || !(path === '~' || path.startsWith('~/'))) return path;
  return (env.HOME || homedir()) + path.slice(1);
}

/** keystoneauth's plugin names; token_endpoint is the old name of admin_token (loader.py:921-935). */
function normaliseAuthType(value: string | undefined): string {
  if (value === undefined) return 'password';
  return value === 'token_endpoint' ? 'admin_token' : value;
}

/**
 * `openstack/config/loader.py OpenStackConfig._handle_domain_id`: with a project, domain_*
 * is not a scope but a default for the user and project domains.
 */
function fanOutDomain(a: AuthSettings): void {
  if (!a.projectId && !a.projectName) return;
  if (a.domainId) {
    a.userDomainId ??= a.domainId;
    a.projectDomainId ??= a.domainId;
  }
  if (a.domainName) {
    a.userDomainName ??= a.domainName;
    a.projectDomainName ??= a.domainName;
  }
  delete a.domainId;
  delete a.domainName;
}

function buildClientConfig(flags: Record<string, unknown>, env: Env, cloud: CloudLayer | undefined): ClientConfig {
  const fromCloud = (key: AuthKey): string | undefined => cloud?.auth[key];
  const pick = (dest: string, ...envNames: string[]): string | undefined => flagOrEnv(flags, env, dest, envNames);
  const authField = (dest: string | null, envNames: string[], key: AuthKey): string | undefined =>
    over(dest ? pick(dest, ...envNames) : envValue(env, ...envNames), fromCloud(key));

  const auth: AuthSettings = {
    authType: normaliseAuthType(envValue(env, 'OS_AUTH_TYPE', 'OS_AUTH_PLUGIN') ?? cloud?.authType),
    authUrl: authField('os_auth_url', ['OS_AUTH_URL'], 'auth_url'),
    username: authField('os_username', ['OS_USERNAME'], 'username'),
    userId: authField('os_user_id', ['OS_USER_ID'], 'user_id'),
    password: authField('os_password', ['OS_PASSWORD'], 'password'),
    userDomainId: authField('os_user_domain_id', ['OS_USER_DOMAIN_ID'], 'user_domain_id'),
    userDomainName: authField('os_user_domain_name', ['OS_USER_DOMAIN_NAME'], 'user_domain_name'),
    // shell.py:503-504: the project falls back to the tenant spelling.
    projectId: over(pyOr(pick('os_project_id', 'OS_PROJECT_ID'), pick('os_tenant_id', 'OS_TENANT_ID')), fromCloud('project_id')),
    projectName: over(pyOr(pick('os_project_name', 'OS_PROJECT_NAME'), pick('os_tenant_name', 'OS_TENANT_NAME')), fromCloud('project_name')),
    projectDomainId: authField('os_project_domain_id', ['OS_PROJECT_DOMAIN_ID'], 'project_domain_id'),
    projectDomainName: authField('os_project_domain_name', ['OS_PROJECT_DOMAIN_NAME'], 'project_domain_name'),
    domainId: authField(null, ['OS_DOMAIN_ID'], 'domain_id'),
    domainName: authField(null, ['OS_DOMAIN_NAME'], 'domain_name'),
    defaultDomainId: authField(null, ['OS_DEFAULT_DOMAIN_ID'], 'default_domain_id'),
    defaultDomainName: authField(null, ['OS_DEFAULT_DOMAIN_NAME'], 'default_domain_name'),
    systemScope: authField(null, ['OS_SYSTEM_SCOPE'], 'system_scope'),
    trustId: authField(null, ['OS_TRUST_ID'], 'trust_id'),
    token: authField('os_token', ['OS_TOKEN'], 'token'),
    endpoint: authField(null, ['OS_ENDPOINT'], 'endpoint'),
    applicationCredentialId: authField(null, ['OS_APPLICATION_CREDENTIAL_ID'], 'application_credential_id'),
    applicationCredentialName: authField(null, ['OS_APPLICATION_CREDENTIAL_NAME'], 'application_credential_name'),
    applicationCredentialSecret: authField(null, ['OS_APPLICATION_CREDENTIAL_SECRET'], 'application_credential_secret'),
    passcode: authField('os_passcode', ['OS_PASSCODE'], 'passcode'),
    authMethods: authField(null, ['OS_AUTH_METHODS'], 'auth_methods'),
    identityProvider: authField(null, ['OS_IDENTITY_PROVIDER'], 'identity_provider'),
    protocol: authField(null, ['OS_PROTOCOL'], 'protocol'),
    clientId: authField(null, ['OS_CLIENT_ID'], 'client_id'),
    clientSecret: authField(null, ['OS_CLIENT_SECRET'], 'client_secret'),
    openidScope: authField(null, ['OS_OPENID_SCOPE'], 'openid_scope'),
    accessTokenEndpoint: authField(null, ['OS_ACCESS_TOKEN_ENDPOINT'], 'access_token_endpoint'),
    discoveryEndpoint: authField(null, ['OS_DISCOVERY_ENDPOINT'], 'discovery_endpoint'),
    accessTokenType: authField(null, ['OS_ACCESS_TOKEN_TYPE'], 'access_token_type'),
    accessToken: authField(null, ['OS_ACCESS_TOKEN'], 'access_token'),
  };
  fanOutDomain(auth);
  for (const k of Object.keys(auth) as (keyof AuthSettings)[]) if (auth[k] === undefined) delete auth[k];

  // magnum: --os-endpoint-type / OS_ENDPOINT_TYPE beat --os-interface / OS_INTERFACE (`keystoneauth1/access/service_catalog.py ServiceCatalog._get_interface_list`).
  // shell.py: `os_endpoint_type or endpoint_type`, used only when non-empty, else os_interface.
  const iface =
    over(pyOr(pick('os_endpoint_type', 'OS_ENDPOINT_TYPE'), pick('endpoint_type')) || pick('os_interface', 'OS_INTERFACE'), cloud?.interface) ??
    'public';
  const caFile = over(pick('os_cacert', 'OS_CACERT'), cloud?.cacert);
  const proxy: ProxySettings = proxySettingsFromEnv(env);
  return {
    auth,
    regionName: over(pick('os_region_name', 'OS_REGION_NAME'), cloud?.regionName),
    interface: normaliseInterface(iface),
    // shell.py: `if not args.service_type: args.service_type = DEFAULT_SERVICE_TYPE`.
    serviceType: pick('service_type') || 'container-infra',
    // shell.py main: `if args.bypass_url: args.os_endpoint_override = args.bypass_url`, so a
    // non-empty --bypass-url / BYPASS_URL wins over --os-endpoint-override / OS_ENDPOINT_OVERRIDE.
    endpointOverride: over(pyOr(pick('bypass_url', 'BYPASS_URL'), pick('os_endpoint_override', 'OS_ENDPOINT_OVERRIDE')), cloud?.endpointOverride),
    apiVersion: pick('magnum_api_version', 'MAGNUM_API_VERSION') ?? cloud?.apiVersion ?? 'latest',
    apiTimeout: pick('os_api_timeout', 'OS_API_TIMEOUT') ?? cloud?.apiTimeout,
    tls: {
      // requests' own fallbacks when no bundle is configured (`keystoneauth1/session.py Session.request, requests`).
      caFile: expandUser(caFile ?? envValue(env, 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'), env),
      certFile: expandUser(over(pick('os_cert', 'OS_CERT'), cloud?.cert), env),
      keyFile: expandUser(over(pick('os_key', 'OS_KEY'), cloud?.key), env),
      // MAGNUMCLIENT_INSECURE: any non-empty value is truthy (`magnumclient/shell.py get_base_parser`);
      // OS_INSECURE goes through get_boolean, so only "true" counts (`openstack/config/cloud_region.py CloudRegion.get_requests_verify_args`).
      insecure:
        flags.insecure === true ||
        envValue(env, 'MAGNUMCLIENT_INSECURE') !== undefined ||
        getBoolean(envValue(env, 'OS_INSECURE')) ||
        cloud?.insecure === true,
      ...(proxy.httpProxy || proxy.httpsProxy ? { proxy } : {}),
    },
    cache: flags.os_cache === true || boolFromString(envValue(env, 'OS_CACHE')) || cloud?.cacheAuth === true,
    debug: flags.debug === true,
    cloud: pick('os_cloud', 'OS_CLOUD') || undefined,
    cloudFile: cloud?.file,
    origin: { flags, env, cloudApplied: cloud !== undefined },
  };
}

/** Flags and environment only; the cloud, if any, is added by applyCloudConfig. */
export function resolveClientConfig(flags: Record<string, unknown>, env: Env): ClientConfig {
  return buildClientConfig(flags, env, undefined);
}

/**
 * The same configuration with the clouds.yaml layer under the flags and environment, as
 * a new object (the one given is left as it is). The same object without
 * --os-cloud/OS_CLOUD or when the layer is there already.
 */
export function applyCloudConfig(config: ClientConfig, places: Omit<SearchPlaces, 'env'>): ClientConfig {
  const { flags, env, cloudApplied } = config.origin;
  if (config.cloud === undefined || cloudApplied) return config;
  const requestedRegion = flagOrEnv(flags, env, 'os_region_name', ['OS_REGION_NAME']) || undefined;
  const withCloud = buildClientConfig(flags, env, loadCloud(config.cloud, { ...places, env }, requestedRegion));
  checkApiVersion(withCloud.apiVersion);
  return withCloud;
}

/**
 * The fixed token and Magnum URL when no Keystone is involved: auth type admin_token
 * (token_endpoint), or magnum's token + endpoint override (`magnumclient/v1/client.py Client`) unless
 * a Keystone auth type other than the password ones was chosen.
 */
export function tokenEndpoint(config: ClientConfig): { token: string; endpoint: string } | undefined {
  const { authType, token, endpoint } = config.auth;
  if (authType === 'admin_token') {
    const url = config.endpointOverride ?? endpoint;
    return token !== undefined && url !== undefined ? { token, endpoint: url } : undefined;
  }
  // magnum's rule applies to the password types only: every other type has its own credentials.
  if (authType !== 'password' && authType !== 'v3password') return undefined;
  if (token !== undefined && config.endpointOverride !== undefined) return { token, endpoint: config.endpointOverride };
  return undefined;
}

/**
 * The total deadline of each request in ms (docs/configuration.md, Timeouts): the
 * configured seconds (a positive number, fractions allowed, as openstacksdk's float), or
 * DEFAULT_API_TIMEOUT_MS.
 */
export function apiTimeoutMs(config: Pick<ClientConfig, 'apiTimeout'>): number {
  if (config.apiTimeout === undefined) return DEFAULT_API_TIMEOUT_MS;
  const text = config.apiTimeout.trim();
  const seconds = /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new CommandError(
      `Invalid API timeout '${config.apiTimeout}' (--os-api-timeout, OS_API_TIMEOUT or api_timeout): a positive number of seconds is expected`,
    );
  }
  return Math.ceil(seconds * 1000);
}

const VERSION_FORMAT = /^(latest|\d+(\.\d+)?)$/;

/** `_check_version` (`magnumclient/shell.py _check_version`): validates the format only; the raw string is sent. */
export function checkApiVersion(version: string): void {
  if (!VERSION_FORMAT.test(version)) {
    throw new CommandError(
      `The requested API version ${version} is an unexpected format. Acceptable formats are 'X', 'X.Y', or the literal string 'latest'.`,
    );
  }
}
