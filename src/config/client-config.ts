/**
 * Resolves what the CLI needs to reach Magnum from the global flags and the OS_*
 * environment (flag > env > default, as python-magnumclient's argparse defaults do).
 * clouds.yaml (--os-cloud) is layered in by clouds.ts where present.
 */
import type { TlsOptions } from '../http/transport';
import { CommandError } from '../errors';

export interface AuthSettings {
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
  token?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
}

export interface ClientConfig {
  auth: AuthSettings;
  regionName?: string;
  interface: string;
  serviceType: string;
  endpointOverride?: string;
  apiVersion: string;
  tls: TlsOptions;
  cache: boolean;
  debug: boolean;
  cloud?: string;
}

export type Env = Record<string, string | undefined>;

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

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `publicURL` → `public` (shell.py:515-520 strips the suffix). */
export function normaliseInterface(value: string): string {
  return value.endsWith('URL') ? value.slice(0, -3) : value;
}

export function resolveClientConfig(flags: Record<string, unknown>, env: Env): ClientConfig {
  const pick = (dest: string, ...envNames: string[]): string | undefined => str(flags[dest]) ?? envValue(env, ...envNames);
  const endpointOverride = pick('os_endpoint_override', 'OS_ENDPOINT_OVERRIDE') ?? pick('bypass_url', 'BYPASS_URL');
  const iface = pick('os_endpoint_type', 'OS_ENDPOINT_TYPE') ?? pick('endpoint_type') ?? pick('os_interface', 'OS_INTERFACE') ?? 'public';
  return {
    auth: {
      authType: envValue(env, 'OS_AUTH_TYPE') ?? 'password',
      authUrl: pick('os_auth_url', 'OS_AUTH_URL'),
      username: pick('os_username', 'OS_USERNAME'),
      userId: pick('os_user_id', 'OS_USER_ID'),
      password: pick('os_password', 'OS_PASSWORD'),
      userDomainId: pick('os_user_domain_id', 'OS_USER_DOMAIN_ID'),
      userDomainName: pick('os_user_domain_name', 'OS_USER_DOMAIN_NAME'),
      projectId: pick('os_project_id', 'OS_PROJECT_ID') ?? pick('os_tenant_id', 'OS_TENANT_ID'),
      projectName: pick('os_project_name', 'OS_PROJECT_NAME') ?? pick('os_tenant_name', 'OS_TENANT_NAME'),
      projectDomainId: pick('os_project_domain_id', 'OS_PROJECT_DOMAIN_ID'),
      projectDomainName: pick('os_project_domain_name', 'OS_PROJECT_DOMAIN_NAME'),
      domainId: envValue(env, 'OS_DOMAIN_ID'),
      domainName: envValue(env, 'OS_DOMAIN_NAME'),
      token: pick('os_token', 'OS_TOKEN'),
      applicationCredentialId: envValue(env, 'OS_APPLICATION_CREDENTIAL_ID'),
      applicationCredentialName: envValue(env, 'OS_APPLICATION_CREDENTIAL_NAME'),
      applicationCredentialSecret: envValue(env, 'OS_APPLICATION_CREDENTIAL_SECRET'),
    },
    regionName: pick('os_region_name', 'OS_REGION_NAME'),
    interface: normaliseInterface(iface),
    serviceType: pick('service_type') ?? 'container-infra',
    endpointOverride,
    apiVersion: pick('magnum_api_version', 'MAGNUM_API_VERSION') ?? 'latest',
    tls: {
      caFile: pick('os_cacert', 'OS_CACERT'),
      certFile: envValue(env, 'OS_CERT'),
      keyFile: envValue(env, 'OS_KEY'),
      // MAGNUMCLIENT_INSECURE: any non-empty value is truthy (magnumclient.md §2.1).
      insecure: flags.insecure === true || envValue(env, 'MAGNUMCLIENT_INSECURE', 'OS_INSECURE') !== undefined,
    },
    cache: flags.os_cache === true || boolFromString(envValue(env, 'OS_CACHE')),
    debug: flags.debug === true,
    cloud: pick('os_cloud', 'OS_CLOUD'),
  };
}

/** True when no Keystone is involved: a token and an endpoint override (magnumclient.md §2.2). */
export function usesTokenEndpoint(config: ClientConfig): boolean {
  return config.auth.token !== undefined && config.endpointOverride !== undefined;
}

/**
 * `_ensure_auth_info` (magnumclient.md §2.3): the first missing item, with the
 * reference's wording, before any network traffic.
 */
export function ensureAuthInfo(config: ClientConfig): void {
  const a = config.auth;
  if (a.token !== undefined && (a.authUrl !== undefined || config.endpointOverride !== undefined)) return;
  if (config.cloud !== undefined) return;
  if (a.authType.includes('applicationcredential')) {
    if (!a.authUrl) throw new CommandError('You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]');
    return;
  }
  if (!a.username && !a.userId) {
    throw new CommandError('You must provide a username via either --os-username or via env[OS_USERNAME]');
  }
  if (!a.password) {
    throw new CommandError('You must provide a password via either --os-password, env[OS_PASSWORD], or prompted response');
  }
  if (!a.projectName && !a.projectId) {
    throw new CommandError(
      'You must provide a project name or project id via --os-project-name, --os-project-id, env[OS_PROJECT_NAME] or env[OS_PROJECT_ID]',
    );
  }
  if (!a.authUrl) throw new CommandError('You must provide an auth url via either --os-auth-url or via env[OS_AUTH_URL]');
}

const VERSION_FORMAT = /^(latest|\d+(\.\d+)?)$/;

/** `_check_version` (magnumclient.md §2.4): validates the format only; the raw string is sent. */
export function checkApiVersion(version: string): void {
  if (!VERSION_FORMAT.test(version)) {
    throw new CommandError(
      `The requested API version ${version} is an unexpected format. Acceptable formats are 'X', 'X.Y', or the literal string 'latest'.`,
    );
  }
}
