/**
 * How an HTTP error status reads, for the Keystone and Magnum clients alike: the reason
 * phrase a status defaults to, and the `<message> (HTTP <status>) (Request-ID: <id>)`
 * text both Python libraries give their HttpError (`keystoneauth1/exceptions/http.py
 * HttpError`, `magnumclient/common/apiclient/exceptions.py HttpError`;
 * docs/reference-behaviour.md, Keystone failures as the user sees them).
 */

/** Reason phrases for status codes, as keystoneauth1 exceptions/http.py and magnumclient apiclient/exceptions.py default them. */
export const HTTP_REASONS: Readonly<Record<number, string>> = {
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

/** The message of a status whose reply says nothing usable: its reason, else the class default (HttpServerError / HttpClientError). */
export function reasonPhrase(status: number): string {
  return HTTP_REASONS[status] ?? (status >= 500 ? 'HTTP Server Error' : 'HTTP Client Error');
}

/** HttpError's `str()`: `<message> (HTTP <status>)`, then ` (Request-ID: <id>)` when the reply carried one. */
export function httpErrorText(message: string, status: number, requestId?: string): string {
  return `${message} (HTTP ${status})${requestId ? ` (Request-ID: ${requestId})` : ''}`;
}
