/**
 * Every message for a request that went wrong below the API layer, in one place, so the
 * Keystone and Magnum clients (and the per-command reply checks) word them alike:
 * - no complete HTTP answer: keystoneauth's three texts (session._send_request:
 *   ConnectFailure, ConnectTimeout, SSLError), with the reason after a colon;
 * - an answer we cannot use: `Invalid response from <url> (HTTP <status>): <what>`;
 * - a redirect we do not follow: the URL, the status and where it pointed.
 */
import { CommandError } from '../errors';
import type { HttpResponse, TransportError } from './transport';

/** Reason phrases for status codes, as keystoneauth1 exceptions/http.py and magnumclient apiclient/exceptions.py default them (docs/reference-behaviour.md, Keystone failures as the user sees them). */
export const HTTP_REASONS: Record<number, string> = {
  300: 'Multiple Choices',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  417: 'Expectation Failed',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
};

/** The user-facing text for a request that got no complete HTTP answer. */
export function connectionFailure(err: TransportError): CommandError {
  if (err.kind === 'tls') return new CommandError(`SSL exception connecting to ${err.url}: ${err.message}`);
  if (err.kind === 'timeout') return new CommandError(`Request to ${err.url} timed out: ${err.message}`);
  return new CommandError(`Unable to establish connection to ${err.url}: ${err.message}`);
}

/**
 * A reply that came back but cannot be used: not JSON, not the JSON object the command
 * needs, a field missing. `what` says what was wrong, in plain words (never a
 * JavaScript error text). Exported for the per-command shape checks too.
 */
export function invalidResponse(url: string, status: number, what: string): CommandError {
  return new CommandError(`Invalid response from ${url} (HTTP ${status}): ${what}`);
}

/** What a body that should have been JSON looks like, for invalidResponse. */
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

/**
 * Parses a reply that must be a JSON object: anything else (not JSON, `null`, `[]`, a
 * string) is an invalidResponse naming the URL, the status and what came instead.
 */
export function jsonObjectReply(url: string, res: HttpResponse): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    throw invalidResponse(url, res.status, describeNonJson(res));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidResponse(url, res.status, `the body is ${jsonTypeOf(parsed)}, not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** A 3xx that is not followed (src/http/exchange.ts says which are). */
export function refusedRedirect(url: string, method: string, status: number, location: string | undefined): CommandError {
  if (!location) return new CommandError(`${method} ${url} was redirected (HTTP ${status}) without a Location; not followed`);
  return new CommandError(
    `${method} ${url} was redirected (HTTP ${status}) to ${location}; not followed ` +
      '(only a 307 or 308 for a GET on the same scheme and host is). Check the auth URL or endpoint.',
  );
}

export function tooManyRedirects(url: string, count: number): CommandError {
  return new CommandError(`GET ${url} was redirected more than ${count} times; giving up`);
}
