/**
 * Every sentence for a request that went wrong below the API layer, in one place, so the
 * Keystone and Magnum clients (and the per-command reply checks) word them alike. Only
 * words: the transport throws TransportError, and the layer above (src/api/errors.ts)
 * makes the CLI's error of these texts.
 * - no complete HTTP answer: keystoneauth's three texts (session._send_request:
 *   ConnectFailure, ConnectTimeout, SSLError), with the reason after a colon;
 * - an answer we cannot use: `Invalid response from <url> (HTTP <status>): <what>`;
 * - a redirect we do not follow: the URL, the status and where it pointed.
 */
import type { HttpResponse } from './transport';
import { TransportError } from './transport';

/** Failures keystoneauth reports as ConnectFailure (`Unable to establish connection`): what --wait rides out. */
export function isConnectFailure(err: TransportError): boolean {
  return err.kind === 'connect' || err.kind === 'reset' || err.kind === 'dns' || err.kind === 'other';
}

/** The user-facing text of a TransportError. */
export function transportFailureText(err: TransportError): string {
  if (err.kind === 'redirect' || err.kind === 'setup') return err.message;
  if (err.kind === 'tls') return `SSL exception connecting to ${err.url}: ${err.message}`;
  if (err.kind === 'timeout') return `Request to ${err.url} timed out: ${err.message}`;
  return `Unable to establish connection to ${err.url}: ${err.message}`;
}

/**
 * A reply that came back but cannot be used: not JSON, not the JSON object the command
 * needs, a field missing. `what` says what was wrong, in plain words (never a
 * JavaScript error text).
 */
export function invalidResponseText(url: string, status: number, what: string): string {
  return `Invalid response from ${url} (HTTP ${status}): ${what}`;
}

/** What a body that should have been JSON looks like, for invalidResponseText. */
export function describeNonJson(res: HttpResponse): string {
  const type = res.headers['content-type'];
  if (res.body.trim() === '') return 'the body is empty';
  return `the body is not JSON${type ? ` (Content-Type: ${type.split(';')[0].trim()})` : ''}`;
}

/** The JSON type name of a parsed value, for "not a JSON object (got …)". */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A reply that must be a JSON object: the object, or why it is not one (for invalidResponseText). */
export function readJsonObject(res: HttpResponse): { problem: string } | { object: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    return { problem: describeNonJson(res) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: `the body is ${jsonTypeOf(parsed)}, not a JSON object` };
  }
  return { object: parsed as Record<string, unknown> };
}

/** A 3xx that is not followed (src/http/exchange.ts says which are). */
export function refusedRedirect(url: string, method: string, status: number, location: string | undefined): TransportError {
  if (!location) return new TransportError(`${method} ${url} was redirected (HTTP ${status}) without a Location; not followed`, url, 'redirect');
  return new TransportError(
    `${method} ${url} was redirected (HTTP ${status}) to ${location}; not followed ` +
      '(only a 307 or 308 for a GET on the same scheme and host is). Check the auth URL or endpoint.',
    url,
    'redirect',
  );
}

export function tooManyRedirects(url: string, count: number): TransportError {
  return new TransportError(`GET ${url} was redirected more than ${count} times; giving up`, url, 'redirect');
}
