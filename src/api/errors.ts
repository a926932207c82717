/**
 * The errors of the client layer (the Magnum API, and Keystone through src/auth/), as the
 * CLI prints them:
 * - ApiError: Magnum's error replies turned into the reference's messages
 *   (`magnumclient/common/httpclient.py _extract_error_json`): `str(e)` is
 *   `<title> (HTTP <code>)[ (Request-ID: <id>)]`, and some commands print `e.details`
 *   (the full `detail`, with its final period) instead.
 * - RequestFailed: the transport's TransportError, worded by src/http/failures.ts; the
 *   only place where a TransportError becomes the CLI's error.
 * - invalidResponse: a reply that came but cannot be used.
 */
import type { HttpResponse } from '../http/transport';
import { TransportError } from '../http/transport';
import { invalidResponseText, isConnectFailure, readJsonObject, transportFailureText } from '../http/failures';
import { httpErrorText, reasonPhrase } from '../http/reasons';
import { CommandError } from '../errors';
// The wording of replies that cannot be used, shared with the per-command shape checks.
export { jsonTypeOf } from '../http/failures';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly details: string,
    readonly requestId?: string,
  ) {
    super(httpErrorText(title, status, requestId));
  }

  /**
   * `details` for the lines that print the server's full message (cluster-update, quotas-create,
   * quotas-delete); when the server sent none (an empty body, e.g. a proxy's 503), the summary
   * line with the status instead of nothing (the reference prints `None` there).
   */
  get detailsOrSummary(): string {
    return this.details.trim() === '' ? this.message : this.details;
  }
}

/** A request that went wrong in the transport, as the user reads it. */
export class RequestFailed extends CommandError {
  override name = 'RequestFailed';
  constructor(readonly failure: TransportError) {
    super(transportFailureText(failure));
  }

  /** No connection (refused, reset, unresolvable): what a poll may ride out, unlike a timeout or a TLS failure. */
  get connectFailure(): boolean {
    return isConnectFailure(this.failure);
  }
}

/** For `.catch()` on a request: a TransportError becomes RequestFailed, anything else goes on unchanged. */
export function rethrowFailure(e: unknown): never {
  throw e instanceof TransportError ? new RequestFailed(e) : e;
}

/** A reply that came back but cannot be used (src/http/failures.ts invalidResponseText). */
export function invalidResponse(url: string, status: number, what: string): CommandError {
  return new CommandError(invalidResponseText(url, status, what));
}

/**
 * Parses a reply that must be a JSON object: anything else (not JSON, `null`, `[]`, a
 * string) is an invalidResponse naming the URL, the status and what came instead.
 */
export function jsonObjectReply(url: string, res: HttpResponse): Record<string, unknown> {
  const read = readJsonObject(res);
  if ('problem' in read) throw invalidResponse(url, res.status, read.problem);
  return read.object;
}

interface Extracted {
  faultstring?: string;
  debuginfo?: string;
}

function extract(body: unknown): Extracted {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  if (typeof b.error_message === 'string') {
    try {
      return extract(JSON.parse(b.error_message));
    } catch {
      return { faultstring: b.error_message };
    }
  }
  if ('faultstring' in b) return { faultstring: String(b.faultstring ?? ''), debuginfo: b.debuginfo == null ? undefined : String(b.debuginfo) };
  if (typeof b.error === 'object' && b.error !== null) {
    const e = b.error as Record<string, unknown>;
    return { faultstring: e.title == null ? undefined : String(e.title), debuginfo: e.message == null ? undefined : String(e.message) };
  }
  if (Array.isArray(b.errors) && b.errors.length > 0 && typeof b.errors[0] === 'object' && b.errors[0] !== null) {
    const e = b.errors[0] as Record<string, unknown>;
    const detail = e.detail ?? e.description;
    return { faultstring: e.title == null ? undefined : String(e.title), debuginfo: detail == null ? undefined : String(detail) };
  }
  return {};
}

export function apiErrorFromResponse(res: HttpResponse): ApiError {
  let extracted: Extracted = {};
  try {
    extracted = extract(JSON.parse(res.body));
  } catch {
    /* not JSON: the reason phrase, and the body as the details */
  }
  const title = extracted.faultstring ? extracted.faultstring : reasonPhrase(res.status);
  const details = extracted.debuginfo ?? res.body;
  return new ApiError(res.status, title, details, res.headers['x-openstack-request-id'] ?? res.headers['x-compute-request-id']);
}
