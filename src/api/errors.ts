/**
 * Magnum's error replies turned into the reference's messages (`magnumclient/common/httpclient.py _extract_error_json`):
 * `str(e)` is `<title> (HTTP <code>)[ (Request-ID: <id>)]`, and some commands print
 * `e.details` (the full `detail`, with its final period) instead.
 */
import type { HttpResponse } from '../http/transport';
import { HTTP_REASONS } from '../http/failures';
// The wording of replies that cannot be used, shared with the per-command shape checks.
export { invalidResponse, jsonObjectReply, jsonTypeOf } from '../http/failures';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly details: string,
    readonly requestId?: string,
  ) {
    super(`${title} (HTTP ${status})${requestId ? ` (Request-ID: ${requestId})` : ''}`);
  }
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
  const defaultMessage = HTTP_REASONS[res.status] ?? (res.status >= 500 ? 'HTTP Server Error' : 'HTTP Client Error');
  let extracted: Extracted = {};
  let parsed = false;
  try {
    extracted = extract(JSON.parse(res.body));
    parsed = true;
  } catch {
    /* not JSON */
  }
  const title = extracted.faultstring ? extracted.faultstring : defaultMessage;
  const contentType = res.headers['content-type'] ?? '';
  const details = extracted.debuginfo ?? (contentType.startsWith('text/') || !parsed ? res.body : res.body);
  return new ApiError(res.status, title, details, res.headers['x-openstack-request-id'] ?? res.headers['x-compute-request-id']);
}
