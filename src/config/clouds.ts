/**
 * One cloud out of clouds.yaml, as openstack.config builds it (`openstack/config/loader.py OpenStackConfig.get_one`):
 * the first clouds file, secure.yaml deep-merged over it, a `profile:` from
 * clouds-public.yaml underneath, the region's own values on top, then the
 * magic fix-ups of `openstack/config/loader.py OpenStackConfig.magic_fixes`. The result is a flat CloudLayer that client-config.ts puts
 * *under* flags and OS_* variables (the OSC precedence of docs/reference-behaviour.md, Configuration precedence).
 */
import { CommandError } from '../errors';
import type { ConfigDict, SearchPlaces } from './cloud-files';
import { deepMerge, findCloudsFile, findSecureFile, findVendorFile, isDict } from './cloud-files';

/** The auth plugin options we understand, keyed as clouds.yaml spells them under `auth:`. */
export const AUTH_KEYS = [
  'auth_url',
  'user_id',
  'username',
  'user_domain_id',
  'user_domain_name',
  'password',
  'project_id',
  'project_name',
  'project_domain_id',
  'project_domain_name',
  'domain_id',
  'domain_name',
  'default_domain_id',
  'default_domain_name',
  'system_scope',
  'trust_id',
  'token',
  'endpoint',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  // v3totp / v3multifactor (keystoneauth1 loading/_plugins/identity/v3.py TOTP, MultiFactor)
  'passcode',
  'auth_methods',
  // v3oidc* (loading/_plugins/identity/v3.py _OpenIDConnectBase, BaseFederationLoader)
  'identity_provider',
  'protocol',
  'client_id',
  'client_secret',
  'openid_scope',
  'access_token_endpoint',
  'discovery_endpoint',
  'access_token_type',
  'access_token',
] as const;
export type AuthKey = (typeof AUTH_KEYS)[number];

export interface CloudLayer {
  name: string;
  /** The clouds file the cloud came from. */
  file: string;
  authType?: string;
  auth: Partial<Record<AuthKey, string>>;
  regionName?: string;
  interface?: string;
  endpointOverride?: string;
  apiVersion?: string;
  /** openstacksdk's api_timeout, in seconds (config/defaults.py; cloud_region.py passes it to the session). */
  apiTimeout?: string;
  cacert?: string;
  cert?: string;
  key?: string;
  /** insecure: true, or verify: false. */
  insecure: boolean;
  /** The file's top-level `cache: {auth: true}` (`openstack/config/cloud_region.py CloudRegion.set_auth_cache`). */
  cacheAuth: boolean;
}

/** loader.get_boolean: only true or a string that lower-cases to "true" (`openstack/config/loader.py OpenStackConfig.magic_fixes`; "1" and "yes" are false). */
export function getBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  // auth_methods is a YAML list in clouds.yaml; it travels as the comma-separated form OS_AUTH_METHODS uses.
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join(',') : undefined;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** _util.normalize_keys: `-` becomes `_` in every key, recursively. */
function normalizeKeys(d: ConfigDict): ConfigDict {
  const out: ConfigDict = {};
  for (const [k, v] of Object.entries(d)) out[k.replace(/-/g, '_')] = isDict(v) ? normalizeKeys(v) : v;
  return out;
}

/** _auth_update: like a dict update, with `auth` merged one level deep. */
function authUpdate(base: ConfigDict, over: ConfigDict): ConfigDict {
  const out: ConfigDict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = k === 'auth' && isDict(v) && isDict(out.auth) ? { ...out.auth, ...v } : v;
  }
  return out;
}

interface Region {
  name: string;
  values: ConfigDict;
}

/** _get_known_regions / _expand_regions (loader.py:424-472). */
function knownRegions(cloud: ConfigDict): Region[] {
  let list: unknown[] = [];
  if (Array.isArray(cloud.regions)) list = cloud.regions;
  else if (Array.isArray(cloud.region_name)) list = cloud.region_name;
  else if (typeof cloud.region_name === 'string' && cloud.region_name !== '') list = cloud.region_name.split(',');
  return list.map((r) => {
    if (isDict(r)) {
      const keys = Object.keys(r);
      if (typeof r.name !== 'string' || keys.some((k) => k !== 'name' && k !== 'values')) {
        throw new CommandError(`Invalid region entry at: ${JSON.stringify(r)}`);
      }
      return { name: r.name, values: isDict(r.values) ? r.values : {} };
    }
    return { name: String(r), values: {} };
  });
}

/** _get_region: the requested region must be one of the cloud's, when it names any. */
function selectRegion(cloudName: string, cloud: ConfigDict, requested: string | undefined): Region | undefined {
  const regions = knownRegions(cloud);
  if (regions.length === 0) return requested ? { name: requested, values: {} } : undefined;
  if (!requested) return regions[0];
  const match = regions.find((r) => r.name === requested);
  if (match) return match;
  throw new CommandError(
    `Region ${requested} is not a valid region name for cloud ${cloudName}. Valid choices are ${regions.map((r) => r.name).join(',')}. ` +
      'Please note that region names are case sensitive.',
  );
}

/** _fix_backwards_project: tenant → project, auth_token → token; top-level keys move under auth. */
function fixBackwardsProject(cloud: ConfigDict, auth: ConfigDict): void {
  const mappings: Record<string, string[]> = {
    domain_id: ['domain_id'],
    domain_name: ['domain_name'],
    user_domain_id: ['user_domain_id'],
    user_domain_name: ['user_domain_name'],
    project_domain_id: ['project_domain_id'],
    project_domain_name: ['project_domain_name'],
    token: ['auth_token', 'token'],
    project_id: ['tenant_id', 'project_id'],
    project_name: ['tenant_name', 'project_name'],
  };
  for (const [target, sources] of Object.entries(mappings)) {
    let value: string | undefined;
    for (const key of sources) {
      if (key in cloud) {
        value = scalar(cloud[key]) ?? value;
        delete cloud[key];
      }
      if (key in auth) {
        value = scalar(auth[key]) ?? value;
        delete auth[key];
      }
    }
    if (value !== undefined) auth[target] = value;
  }
}

/** The per-service spelling of a key (`container_infra_region_name`, cloud_region.py:392-449), else the plain one. */
function serviceValue(cloud: ConfigDict, key: string): string | undefined {
  for (const prefix of ['container_infra', 'container_infrastructure_management', 'container_infrastructure']) {
    const v = scalar(cloud[`${prefix}_${key}`]);
    if (v !== undefined) return v;
  }
  return scalar(cloud[key]);
}

/** str.format(**config) for auth_url (loader.py:1071-1073); unknown placeholders are left alone. */
function formatAuthUrl(url: string, cloud: ConfigDict): string {
  return url.replace(/\{\{|\}\}|\{(\w+)\}/g, (m, key: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const v = key === undefined ? undefined : scalar(cloud[key]);
    return v ?? m;
  });
}

/** clouds-public.yaml's `public-clouds` entry named by `profile:` (or the old `cloud:`), if any. */
function vendorProfile(places: SearchPlaces, cloud: ConfigDict): ConfigDict {
  const name = scalar(cloud.profile) ?? scalar(cloud.cloud);
  if (!name) return {};
  const vendors = findVendorFile(places);
  const publicClouds = vendors && isDict(vendors.data['public-clouds']) ? vendors.data['public-clouds'] : {};
  const profile = publicClouds[name];
  return isDict(profile) ? normalizeKeys(profile) : {};
}

/**
 * The named cloud, or undefined for the pseudo-cloud `envvars` when no file defines it
 * (our OS_* layer already is that cloud, `openstack/config/loader.py OpenStackConfig._get_os_environ`). `requestedRegion` is the region from
 * the flags or OS_REGION_NAME: it picks the region's values and must be one of the
 * cloud's regions when the cloud lists any.
 */
export function loadCloud(name: string, places: SearchPlaces, requestedRegion?: string): CloudLayer | undefined {
  const clouds = findCloudsFile(places);
  const secure = findSecureFile(places);
  let file = clouds?.data ?? {};
  if (secure) file = deepMerge(file, secure.data);
  const defined = isDict(file.clouds) ? file.clouds : {};
  if (!(name in defined)) {
    if (name === 'envvars') return undefined;
    throw new CommandError(`Cloud ${name} was not found.`);
  }
  const own = defined[name];
  if (!isDict(own)) throw new CommandError(`Cloud ${name} was not found.`);

  let cloud = authUpdate(vendorProfile(places, normalizeKeys(own)), normalizeKeys(own));
  const region = selectRegion(name, cloud, requestedRegion);
  cloud = authUpdate(cloud, normalizeKeys(region?.values ?? {}));
  delete cloud.regions;
  if (region) cloud.region_name = region.name;

  // magic_fixes (loader.py:1036-1075), in its order.
  if ('auth_plugin' in cloud && !('auth_type' in cloud)) cloud.auth_type = cloud.auth_plugin;
  for (const key of Object.keys(cloud)) {
    if (key.endsWith('endpoint_type')) {
      const target = key.replace('endpoint_type', 'interface');
      if (!(target in cloud)) cloud[target] = cloud[key];
    }
  }
  const auth: ConfigDict = isDict(cloud.auth) ? { ...cloud.auth } : {};
  fixBackwardsProject(cloud, auth);
  // _validate_auth: a plugin option at the top level of the cloud wins over the one under auth.
  for (const key of AUTH_KEYS) {
    const top = scalar(cloud[key]);
    if (top !== undefined) auth[key] = top;
  }
  const layerAuth: Partial<Record<AuthKey, string>> = {};
  for (const key of AUTH_KEYS) {
    const v = scalar(auth[key]);
    if (v !== undefined) layerAuth[key] = v;
  }
  if (layerAuth.auth_url) layerAuth.auth_url = formatAuthUrl(layerAuth.auth_url, cloud);

  const cache = isDict(file.cache) ? file.cache : {};
  return {
    name,
    file: clouds?.path ?? secure?.path ?? '',
    authType: scalar(cloud.auth_type),
    auth: layerAuth,
    regionName: serviceValue(cloud, 'region_name'),
    interface: serviceValue(cloud, 'interface'),
    endpointOverride: serviceValue(cloud, 'endpoint_override'),
    apiVersion: serviceValue(cloud, 'api_version'),
    apiTimeout: scalar(cloud.api_timeout),
    // A string `verify:` is a CA bundle path to requests (`keystoneauth1/session.py Session.request, requests`).
    cacert: scalar(cloud.cacert) ?? (typeof cloud.verify === 'string' && !/^(true|false)$/i.test(cloud.verify) ? cloud.verify : undefined),
    cert: scalar(cloud.cert),
    key: scalar(cloud.key),
    // get_requests_verify_args: insecure always wins; verify: false means the same (`keystoneauth1/session.py Session.request, requests`).
    insecure: getBoolean(cloud.insecure) || cloud.verify === false || (typeof cloud.verify === 'string' && cloud.verify.toLowerCase() === 'false'),
    cacheAuth: getBoolean(cache.auth),
  };
}
