// The one mapping of transport failures to what the user reads (src/http/failures.ts),
// and its one conversion into the CLI's error (src/api/errors.ts RequestFailed).
import { describe, expect, it } from 'vitest';
import { TransportError } from '../../src/http/transport';
import { refusedRedirect, transportFailureText } from '../../src/http/failures';
import { RequestFailed, rethrowFailure } from '../../src/api/errors';
import { CommandError } from '../../src/errors';

const URL = 'http://127.0.0.1:5000/v3/auth/tokens';
const failure = (kind: TransportError['kind'], reason = 'why'): TransportError => new TransportError(reason, URL, kind);

describe('transport failures as the user reads them', () => {
  it("keystoneauth's three texts for a request with no complete answer", () => {
    expect(transportFailureText(failure('connect', 'connect ECONNREFUSED 127.0.0.1:5000'))).toBe(
      `Unable to establish connection to ${URL}: connect ECONNREFUSED 127.0.0.1:5000`,
    );
    for (const kind of ['reset', 'dns', 'other'] as const)
      expect(transportFailureText(failure(kind))).toBe(`Unable to establish connection to ${URL}: why`);
    expect(transportFailureText(failure('timeout', 'not connected within 30 s'))).toBe(`Request to ${URL} timed out: not connected within 30 s`);
    expect(transportFailureText(failure('tls'))).toBe(`SSL exception connecting to ${URL}: why`);
  });

  it('a refused redirect and unusable TLS files are their own sentence', () => {
    expect(transportFailureText(refusedRedirect(URL, 'POST', 302, undefined))).toBe(
      `POST ${URL} was redirected (HTTP 302) without a Location; not followed`,
    );
    expect(transportFailureText(failure('setup', 'The TLS CA certificate bundle /x holds no PEM certificate'))).toBe(
      'The TLS CA certificate bundle /x holds no PEM certificate',
    );
  });

  it('become the CLI error in one place; only a connection that could not be made counts as one for --wait', () => {
    const caught = (e: unknown): unknown => {
      try {
        rethrowFailure(e);
      } catch (thrown) {
        return thrown;
      }
    };
    const refused = caught(failure('connect'));
    expect(refused).toBeInstanceOf(RequestFailed);
    expect(refused).toBeInstanceOf(CommandError);
    expect((refused as RequestFailed).message).toBe(`Unable to establish connection to ${URL}: why`);
    expect((refused as RequestFailed).connectFailure).toBe(true);
    expect((caught(failure('timeout')) as RequestFailed).connectFailure).toBe(false);
    expect((caught(failure('tls')) as RequestFailed).connectFailure).toBe(false);
    const other = new Error('not a transport failure');
    expect(caught(other)).toBe(other);
  });
});
