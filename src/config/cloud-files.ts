/**
 * Finding and reading clouds.yaml, secure.yaml and clouds-public.yaml the way
 * openstack.config does (`openstack/config/loader.py CONFIG_SEARCH_PATH`): one search path, the first existing
 * readable file of each kind wins, OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE go
 * first. `yaml` is required only here, and only once a file has been found, so a run
 * without --os-cloud never pays for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError } from '../errors';

/** Environment variables as the process has them (unset is undefined). */
export type Env = Record<string, string | undefined>;

export interface SearchPlaces {
  cwd: string;
  homeDir: string;
  env: Env;
  platform?: NodeJS.Platform;
}

export type ConfigDict = Record<string, unknown>;

export interface LoadedFile {
  path: string;
  data: ConfigDict;
}

const EXTENSIONS = ['yaml', 'yml', 'json'];

/**
 * The directories of CONFIG_SEARCH_PATH (loader.py:39-79): cwd, the user config dir,
 * ~/.config/openstack, the site config dirs, /etc/openstack. Python's appdirs joins
 * XDG_CONFIG_DIRS into one bogus path (`openstack/config/loader.py CONFIG_SEARCH_PATH`); we look in each of its entries instead.
 */
export function searchDirectories(places: SearchPlaces): string[] {
  const { cwd, homeDir, env } = places;
  const platform = places.platform ?? process.platform;
  const unixHome = env.SNAP_REAL_HOME || homeDir;
  const dirs = [cwd];
  if (platform === 'darwin') {
    dirs.push(join(homeDir, 'Library', 'Application Support', 'openstack'));
  } else {
    dirs.push(join(env.XDG_CONFIG_HOME || join(homeDir, '.config'), 'openstack'));
  }
  dirs.push(join(unixHome, '.config', 'openstack'));
  if (platform === 'darwin') dirs.push('/Library/Application Support/openstack');
  else for (const d of (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean)) dirs.push(join(d, 'openstack'));
  dirs.push('/etc/openstack');
  return [...new Set(dirs)];
}

function candidates(places: SearchPlaces, stem: string, override: string | undefined): string[] {
  const files = searchDirectories(places).flatMap((d) => EXTENSIONS.map((ext) => join(d, `${stem}.${ext}`)));
  return override ? [override, ...files] : files;
}

function parse(path: string, text: string): ConfigDict {
  let data: unknown;
  try {
    if (path.endsWith('.json')) data = JSON.parse(text);
    else {
      const yaml = require('yaml') as typeof import('yaml');
      // PyYAML is YAML 1.1 (yes/no are booleans) and lets a later duplicate key win.
      data = yaml.parse(text, { version: '1.1', uniqueKeys: false });
    }
  } catch (e) {
    throw new CommandError(`Unable to parse ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new CommandError(`Unable to parse ${path}: not a mapping`);
  return data as ConfigDict;
}

/** The first file of `paths` that exists and can be read; unreadable files are skipped (loader.py:405-419). */
function firstReadable(paths: string[]): LoadedFile | undefined {
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    return { path, data: parse(path, text) };
  }
  return undefined;
}

export function findCloudsFile(places: SearchPlaces): LoadedFile | undefined {
  return firstReadable(candidates(places, 'clouds', places.env.OS_CLIENT_CONFIG_FILE || undefined));
}

export function findSecureFile(places: SearchPlaces): LoadedFile | undefined {
  return firstReadable(candidates(places, 'secure', places.env.OS_CLIENT_SECURE_FILE || undefined));
}

export function findVendorFile(places: SearchPlaces): LoadedFile | undefined {
  return firstReadable(candidates(places, 'clouds-public', undefined));
}

export function isDict(v: unknown): v is ConfigDict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** openstack.config._util.merge_clouds: dicts merge recursively, anything else overwrites. */
export function deepMerge(base: ConfigDict, over: ConfigDict): ConfigDict {
  const out: ConfigDict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isDict(v) && isDict(out[k]) ? deepMerge(out[k] as ConfigDict, v) : v;
  }
  return out;
}
