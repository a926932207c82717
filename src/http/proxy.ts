/**
 * Proxy selection from the environment, as python requests does it for keystoneauth
 * and magnumclient (urllib.request.getproxies_environment + requests' no_proxy
 * handling, `keystoneauth1/session.py Session.request, requests`): lower-case variables win over upper-case ones,
 * ALL_PROXY is the fallback for both schemes, NO_PROXY lists hosts, domain suffixes,
 * host:port pairs and IPv4 CIDR blocks, and `*` disables proxying.
 */
import type { ProxySettings } from './transport';

type Env = Record<string, string | undefined>;

function envProxy(env: Env, name: string): string | undefined {
  const lower = env[name.toLowerCase()];
  if (lower !== undefined) return lower === '' ? undefined : lower;
  return env[name.toUpperCase()] || undefined;
}

export function proxySettingsFromEnv(env: Env): ProxySettings {
  const all = envProxy(env, 'all_proxy');
  return {
    httpProxy: envProxy(env, 'http_proxy') ?? all,
    httpsProxy: envProxy(env, 'https_proxy') ?? all,
    noProxy: envProxy(env, 'no_proxy'),
  };
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function inCidr(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (!isIPv4Address(ip) || !isIPv4Address(net) || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(net) & mask);
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
function splitHostPort(entry: string): { host: string; port?: string } {
  if (entry.startsWith('[')) return { host: entry.slice(1, entry.indexOf(']')), port: entry.split(']:')[1] };
  const parts = entry.split(':');
  return parts.length === 2 ? { host: parts[0], port: parts[1] } : { host: entry };
}

/** True when `url` must be reached directly according to NO_PROXY. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const { host: entryHost, port: entryPort } = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    const bare = entryHost.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** The proxy URL to use for `url`, if any. */
export function proxyFor(url: URL, settings: ProxySettings | undefined): URL | undefined {
  if (!settings) return undefined;
  const raw = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  if (!raw || bypassesProxy(url, settings.noProxy)) return undefined;
  // requests assumes http:// for a proxy given without a scheme.
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
}

/** A dotted-quad IPv4 address (node:net's isIPv4 would cost ~9 ms of start-up to load). */
export function isIPv4Address(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
}
