// clouds.yaml search, merge and fix-ups (`openstack/config/loader.py CONFIG_SEARCH_PATH`, `openstack/config/loader.py OpenStackConfig`, `openstack/config/loader.py OpenStackConfig.magic_fixes`), and where the
// cloud sits under flags and OS_* (docs/reference-behaviour.md, Configuration precedence, OSC's rule).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCloudConfig, resolveClientConfig, type ClientConfig, type Env } from '../../src/config/client-config';
import { searchDirectories } from '../../src/config/cloud-files';
import { getBoolean } from '../../src/config/clouds';

let root: string;
let home: string;
let cwd: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'magnum-clouds-'));
  home = join(root, 'home');
  cwd = join(root, 'cwd');
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const userDir = (): string => join(home, '.config', 'openstack');
const baseEnv = (): Env => ({ HOME: home, XDG_CONFIG_DIRS: join(root, 'no-site') });

function resolve(flags: Record<string, unknown>, env: Env): ClientConfig {
  return applyCloudConfig(resolveClientConfig(flags, { ...baseEnv(), ...env }), { cwd, homeDir: home });
}

const DEVSTACK = `
clouds:
  devstack:
    auth:
      auth_url: http://keystone.example:5000/v3
      username: demo
      password: cloudpw
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: internal
`;

describe('search path', () => {
  it('lists cwd, the XDG or ~/.config user dir, ~/.config, the site dirs and /etc/openstack', () => {
    expect(searchDirectories({ cwd: '/w', homeDir: '/h', env: {}, platform: 'linux' })).toEqual([
      '/w',
      '/h/.config/openstack',
      '/etc/xdg/openstack',
      '/etc/openstack',
    ]);
    expect(searchDirectories({ cwd: '/w', homeDir: '/h', env: { XDG_CONFIG_HOME: '/x', XDG_CONFIG_DIRS: '/a:/b' }, platform: 'linux' })).toEqual([
      '/w',
      '/x/openstack',
      '/h/.config/openstack',
      '/a/openstack',
      '/b/openstack',
      '/etc/openstack',
    ]);
    expect(searchDirectories({ cwd: '/w', homeDir: '/h', env: {}, platform: 'darwin' })).toEqual([
      '/w',
      '/h/Library/Application Support/openstack',
      '/h/.config/openstack',
      '/Library/Application Support/openstack',
      '/etc/openstack',
    ]);
  });

  it('uses the first clouds file found and does not merge the others', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  a:\n    auth: {auth_url: http://cwd/v3, username: u, password: p, project_id: x}\n');
    write(join(userDir(), 'clouds.yaml'), 'clouds:\n  b:\n    auth: {auth_url: http://home/v3}\n');
    expect(resolve({ os_cloud: 'a' }, {}).auth.authUrl).toBe('http://cwd/v3');
    expect(() => resolve({ os_cloud: 'b' }, {})).toThrow('Cloud b was not found.');
  });

  it('prefers clouds.yaml over clouds.yml over clouds.json in one directory', () => {
    write(join(userDir(), 'clouds.yml'), 'clouds: {c: {auth: {auth_url: http://yml/v3}}}\n');
    write(join(userDir(), 'clouds.json'), '{"clouds": {"c": {"auth": {"auth_url": "http://json/v3"}}}}');
    expect(resolve({ os_cloud: 'c' }, {}).auth.authUrl).toBe('http://yml/v3');
    write(join(userDir(), 'clouds.yaml'), 'clouds: {c: {auth: {auth_url: http://yaml/v3}}}\n');
    expect(resolve({ os_cloud: 'c' }, {}).auth.authUrl).toBe('http://yaml/v3');
  });

  it('parses .json files as JSON', () => {
    write(join(userDir(), 'clouds.json'), '{"clouds": {"j": {"auth": {"auth_url": "http://json/v3"}, "region_name": "R9"}}}');
    const c = resolve({ os_cloud: 'j' }, {});
    expect([c.auth.authUrl, c.regionName, c.cloudFile]).toEqual(['http://json/v3', 'R9', join(userDir(), 'clouds.json')]);
  });

  it('puts OS_CLIENT_CONFIG_FILE first and honours XDG_CONFIG_HOME', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds: {x: {auth: {auth_url: http://cwd/v3}}}\n');
    const own = write(join(root, 'elsewhere', 'my.yaml'), 'clouds: {x: {auth: {auth_url: http://own/v3}}}\n');
    expect(resolve({}, { OS_CLOUD: 'x', OS_CLIENT_CONFIG_FILE: own }).auth.authUrl).toBe('http://own/v3');
    rmSync(join(cwd, 'clouds.yaml'));
    write(join(root, 'xdg', 'openstack', 'clouds.yaml'), 'clouds: {x: {auth: {auth_url: http://xdg/v3}}}\n');
    expect(resolve({}, { OS_CLOUD: 'x', XDG_CONFIG_HOME: join(root, 'xdg') }).auth.authUrl).toBe('http://xdg/v3');
  });

  it('skips a clouds file that cannot be read', () => {
    mkdirSync(join(cwd, 'clouds.yaml')); // a directory: EISDIR, like EACCES for a user
    write(join(userDir(), 'clouds.yaml'), 'clouds: {x: {auth: {auth_url: http://home/v3}}}\n');
    expect(resolve({ os_cloud: 'x' }, {}).auth.authUrl).toBe('http://home/v3');
  });

  it('reports an unknown cloud, and a broken file with its path', () => {
    expect(() => resolve({ os_cloud: 'nope' }, {})).toThrow(/^Cloud nope was not found\.$/);
    const bad = write(join(cwd, 'clouds.yaml'), 'clouds: [unclosed\n');
    expect(() => resolve({ os_cloud: 'x' }, {})).toThrow(`Unable to parse ${bad}: `);
  });

  it('treats the envvars pseudo-cloud as the OS_* layer when no file defines it', () => {
    const c = resolve({}, { OS_CLOUD: 'envvars', OS_AUTH_URL: 'http://env/v3' });
    expect([c.auth.authUrl, c.cloudFile]).toEqual(['http://env/v3', undefined]);
  });

  it('reads nothing without --os-cloud or OS_CLOUD', () => {
    write(join(cwd, 'clouds.yaml'), DEVSTACK);
    const c = resolve({}, {});
    expect([c.auth.authUrl, c.interface, c.cloudFile]).toEqual([undefined, 'public', undefined]);
  });
});

describe('secure.yaml and profiles', () => {
  it('deep-merges secure.yaml over the clouds file', () => {
    write(join(userDir(), 'clouds.yaml'), 'clouds:\n  s:\n    auth: {auth_url: http://k/v3, username: demo}\n    region_name: R1\n');
    write(join(cwd, 'secure.yaml'), 'clouds:\n  s:\n    auth: {password: fromsecure}\n');
    const c = resolve({ os_cloud: 's' }, {});
    expect([c.auth.authUrl, c.auth.username, c.auth.password, c.regionName]).toEqual(['http://k/v3', 'demo', 'fromsecure', 'R1']);
  });

  it('puts OS_CLIENT_SECURE_FILE first, and secure.yaml values beat the clouds file', () => {
    write(join(userDir(), 'clouds.yaml'), 'clouds: {s: {auth: {auth_url: http://k/v3, password: plain}}}\n');
    write(join(userDir(), 'secure.yaml'), 'clouds: {s: {auth: {password: home}}}\n');
    const mine = write(join(root, 'sec.yaml'), 'clouds: {s: {auth: {password: mine}}}\n');
    expect(resolve({ os_cloud: 's' }, {}).auth.password).toBe('home');
    expect(resolve({ os_cloud: 's' }, { OS_CLIENT_SECURE_FILE: mine }).auth.password).toBe('mine');
  });

  it('fills a cloud from its clouds-public.yaml profile, the cloud winning', () => {
    write(
      join(userDir(), 'clouds-public.yaml'),
      'public-clouds:\n  mylab:\n    auth: {auth_url: http://lab/v3, user_domain_name: Lab}\n    region_name: LabOne\n    interface: internal\n',
    );
    write(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  lab:\n    profile: mylab\n    auth: {username: demo, user_domain_name: Mine}\n    interface: admin\n',
    );
    const c = resolve({ os_cloud: 'lab' }, {});
    expect([c.auth.authUrl, c.auth.username, c.auth.userDomainName, c.regionName, c.interface]).toEqual([
      'http://lab/v3',
      'demo',
      'Mine',
      'LabOne',
      'admin',
    ]);
  });
});

describe('fix-ups (`openstack/config/loader.py OpenStackConfig.magic_fixes`)', () => {
  it('renames tenant_*, auth_token, auth_plugin and endpoint_type; dashes become underscores', () => {
    write(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  old:\n    auth_plugin: v3token\n    endpoint_type: internalURL\n    auth:\n      auth-url: http://k/v3\n      tenant_name: legacy\n      auth_token: tok\n',
    );
    const c = resolve({ os_cloud: 'old' }, {});
    expect([c.auth.authType, c.interface, c.auth.authUrl, c.auth.projectName, c.auth.token]).toEqual([
      'v3token',
      'internal',
      'http://k/v3',
      'legacy',
      'tok',
    ]);
  });

  it('moves plugin options written at the top level of the cloud under auth', () => {
    write(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  flat:\n    auth_url: http://flat/v3\n    username: top\n    project_id: 42\n    auth: {username: nested}\n',
    );
    const c = resolve({ os_cloud: 'flat' }, {});
    expect([c.auth.authUrl, c.auth.username, c.auth.projectId]).toEqual(['http://flat/v3', 'top', '42']);
  });

  it('fans domain_name out to the user and project domains when a project is set', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  d:\n    auth: {auth_url: http://k/v3, project_name: demo, domain_name: Dom, user_domain_id: uid}\n');
    const c = resolve({ os_cloud: 'd' }, {});
    expect(c.auth).toMatchObject({ userDomainId: 'uid', userDomainName: 'Dom', projectDomainName: 'Dom' });
    expect(c.auth.domainName).toBeUndefined();
  });

  it('keeps domain_* as a domain scope without a project', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  d:\n    auth: {auth_url: http://k/v3, domain_id: default}\n');
    expect(resolve({ os_cloud: 'd' }, {}).auth.domainId).toBe('default');
  });

  it('formats {placeholders} in auth_url from the cloud', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  f:\n    region_name: r1\n    auth: {auth_url: "http://{region_name}.example/v3/{unknown}"}\n');
    expect(resolve({ os_cloud: 'f' }, {}).auth.authUrl).toBe('http://r1.example/v3/{unknown}');
  });

  it('maps token_endpoint to admin_token', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  t:\n    auth_type: token_endpoint\n    auth: {endpoint: http://m/v1, token: tok}\n');
    const c = resolve({ os_cloud: 't' }, {});
    expect([c.auth.authType, c.auth.endpoint, c.auth.token]).toEqual(['admin_token', 'http://m/v1', 'tok']);
  });

  it.each([
    [true, true],
    ['true', true],
    ['TRUE', true],
    ['1', false],
    ['yes', false],
    [1, false],
    [undefined, false],
  ])('get_boolean(%j) is %s', (value, expected) => {
    expect(getBoolean(value)).toBe(expected);
  });

  it.each([
    ['insecure: true', true],
    ['insecure: "1"', false],
    ['insecure: "True"', true],
    ['verify: false', true],
    ['verify: no', true],
    ['verify: true', false],
  ])('TLS %s → insecure %s', (line, insecure) => {
    write(join(cwd, 'clouds.yaml'), `clouds:\n  t:\n    ${line}\n    auth: {auth_url: https://k/v3}\n`);
    expect(resolve({ os_cloud: 't' }, {}).tls.insecure).toBe(insecure);
  });

  it('expands ~ in cacert, cert and key; a string verify is a CA bundle', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  t:\n    cacert: ~/ca.pem\n    cert: ~/c.pem\n    key: ~/k.pem\n  v:\n    verify: /etc/ca.pem\n');
    expect(resolve({ os_cloud: 't' }, {}).tls).toMatchObject({ caFile: `${home}/ca.pem`, certFile: `${home}/c.pem`, keyFile: `${home}/k.pem` });
    expect(resolve({ os_cloud: 'v' }, {}).tls.caFile).toBe('/etc/ca.pem');
  });

  it('reads the top-level cache: {auth: true} of the file', () => {
    write(join(cwd, 'clouds.yaml'), 'cache:\n  auth: true\nclouds:\n  c: {auth: {auth_url: http://k/v3}}\n');
    expect(resolve({ os_cloud: 'c' }, {}).cache).toBe(true);
    write(join(cwd, 'clouds.yaml'), 'cache:\n  auth: "1"\nclouds:\n  c: {auth: {auth_url: http://k/v3}}\n');
    expect(resolve({ os_cloud: 'c' }, {}).cache).toBe(false);
  });
});

describe('regions', () => {
  const REGIONS = `
clouds:
  multi:
    auth: {auth_url: http://k/v3}
    regions:
      - name: RegionOne
        values: {interface: admin}
      - RegionTwo
`;

  it('takes the first region and its values when none is asked for', () => {
    write(join(cwd, 'clouds.yaml'), REGIONS);
    const c = resolve({ os_cloud: 'multi' }, {});
    expect([c.regionName, c.interface]).toEqual(['RegionOne', 'admin']);
  });

  it('takes the asked region, which must be one of the cloud’s', () => {
    write(join(cwd, 'clouds.yaml'), REGIONS);
    expect(resolve({ os_cloud: 'multi' }, { OS_REGION_NAME: 'RegionTwo' })).toMatchObject({ regionName: 'RegionTwo', interface: 'public' });
    expect(() => resolve({ os_cloud: 'multi', os_region_name: 'regionone' }, {})).toThrow(
      'Region regionone is not a valid region name for cloud multi. Valid choices are RegionOne,RegionTwo. ' +
        'Please note that region names are case sensitive.',
    );
  });

  it('accepts a comma-separated region_name and the per-service spellings', () => {
    write(
      join(cwd, 'clouds.yaml'),
      'clouds:\n  c:\n    region_name: A,B\n    container_infra_interface: internal\n    container_infra_endpoint_override: http://m/v1\n    container_infra_api_version: "1.10"\n',
    );
    const c = resolve({ os_cloud: 'c' }, { OS_REGION_NAME: 'B' });
    expect([c.regionName, c.interface, c.endpointOverride, c.apiVersion]).toEqual(['B', 'internal', 'http://m/v1', '1.10']);
  });

  it('rejects a malformed region entry', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  c:\n    regions:\n      - {name: A, bogus: 1}\n');
    expect(() => resolve({ os_cloud: 'c' }, {})).toThrow('Invalid region entry at: ');
  });
});

describe('precedence: flag > OS_* > clouds.yaml > default (docs/reference-behaviour.md, Configuration precedence)', () => {
  beforeEach(() => write(join(cwd, 'clouds.yaml'), DEVSTACK));

  it.each([
    ['cloud only', {}, {}, 'cloudpw', 'RegionOne', 'internal'],
    ['env beats the cloud', {}, { OS_PASSWORD: 'envpw', OS_REGION_NAME: 'RegionOne', OS_INTERFACE: 'admin' }, 'envpw', 'RegionOne', 'admin'],
    [
      'flag beats env',
      { os_password: 'flagpw', os_interface: 'public' },
      { OS_PASSWORD: 'envpw', OS_INTERFACE: 'admin' },
      'flagpw',
      'RegionOne',
      'public',
    ],
    ['OS_ENDPOINT_TYPE beats --os-interface (magnum)', { os_interface: 'public' }, { OS_ENDPOINT_TYPE: 'adminURL' }, 'cloudpw', 'RegionOne', 'admin'],
  ])('%s', (_name, flags, env, password, region, iface) => {
    const c = resolve({ os_cloud: 'devstack', ...flags }, env as Env);
    expect([c.auth.password, c.regionName, c.interface]).toEqual([password, region, iface]);
  });

  it('lets OS_AUTH_TYPE beat the cloud’s auth_type, and OS_CACERT its cacert', () => {
    write(join(cwd, 'clouds.yaml'), 'clouds:\n  a:\n    auth_type: v3applicationcredential\n    cacert: /cloud.pem\n');
    const c = resolve({ os_cloud: 'a' }, { OS_AUTH_TYPE: 'v3password', OS_CACERT: '/env.pem' });
    expect([c.auth.authType, c.tls.caFile]).toEqual(['v3password', '/env.pem']);
    const d = resolve({ os_cloud: 'a', os_cacert: '/flag.pem' }, { OS_CACERT: '/env.pem' });
    expect([d.auth.authType, d.tls.caFile]).toEqual(['v3applicationcredential', '/flag.pem']);
  });

  it('lets OS_TENANT_NAME (an env value) beat the cloud’s project', () => {
    expect(resolve({ os_cloud: 'devstack' }, { OS_TENANT_NAME: 'other' }).auth.projectName).toBe('other');
  });

  it('takes OS_CLOUD when --os-cloud is absent, and --os-cloud over OS_CLOUD', () => {
    write(join(cwd, 'clouds.yaml'), `${DEVSTACK}  second:\n    auth: {auth_url: http://second/v3}\n`);
    expect(resolve({}, { OS_CLOUD: 'devstack' }).auth.authUrl).toBe('http://keystone.example:5000/v3');
    expect(resolve({ os_cloud: 'second' }, { OS_CLOUD: 'devstack' }).auth.authUrl).toBe('http://second/v3');
  });

  it('gives a new config and leaves the one given as it was; nothing is loaded twice', () => {
    const config = resolveClientConfig({ os_cloud: 'devstack' }, baseEnv());
    const before = structuredClone(config);
    const withCloud = applyCloudConfig(config, { cwd, homeDir: home });
    expect(withCloud).not.toBe(config);
    expect(config).toEqual(before);
    expect(config.auth.password).toBeUndefined();
    expect(withCloud.auth.password).toBe('cloudpw');
    chmodSync(join(cwd, 'clouds.yaml'), 0o000);
    rmSync(join(cwd, 'clouds.yaml'));
    expect(applyCloudConfig(withCloud, { cwd, homeDir: home })).toBe(withCloud);
  });
});
