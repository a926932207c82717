// The harness's own rules (no stack needed): a compatibility check that cannot fail is
// worthless, so each normalisation is shown to keep real differences visible.
import { describe, expect, it } from 'vitest';
import { compareOutcomes, type CompatOptions, type Side, type SideOutcome, type Which } from './harness';
import { DEPRECATION_BANNER, decodePyBytesRepr, normalisers, stripReferenceWarnings } from './normalise';

const KEYPAIR_WARNING =
  'WARNING: The --keypair-id parameter is deprecated and will be removed in a future release. Use the --keypair parameter to avoid seeing this message.';

function outcome(which: Which, stdout: string, stderr = '', code = 0): SideOutcome {
  const side: Side = { which, cwd: `/tmp/cwd-${which}`, home: `/tmp/home-${which}`, env: {}, unique: `u-${which}`, shared: 'u' };
  return { side, result: { stdout, stderr, code, durationMs: 1 }, stdout: '' };
}

function mismatches(ref: SideOutcome, ours: SideOutcome, options: CompatOptions = {}): string[] {
  return compareOutcomes(ref, ours, options).mismatches;
}

describe('stripReferenceWarnings', () => {
  it('removes the banner and collects moved warnings in order', () => {
    const out = stripReferenceWarnings(`${KEYPAIR_WARNING}\n${DEPRECATION_BANNER}Request accepted.\n`);
    expect(out).toEqual({ text: 'Request accepted.\n', movedWarnings: [KEYPAIR_WARNING] });
  });
  it('keeps other WARNING lines', () => {
    expect(stripReferenceWarnings('WARNING: something else\n').text).toBe('WARNING: something else\n');
  });
});

describe('decodePyBytesRepr', () => {
  it.each([
    ["b'Cluster foo could not be found (HTTP 404)'", 'Cluster foo could not be found (HTTP 404)'],
    [`b"'foo' is not a valid subcommand"`, "'foo' is not a valid subcommand"],
    [`b'Cluster a"b\\'c x'`, `Cluster a"b'c x`],
    ["b'Cluster \\xc3\\xb1and\\xc3\\xba x'", 'Cluster ñandú x'],
    [`b"'ascii' codec can't encode character '\\\\xf1'"`, "'ascii' codec can't encode character '\\xf1'"],
  ])('%s', (repr, text) => expect(decodePyBytesRepr(repr)).toBe(text));
  it('rejects a plain message', () => expect(decodePyBytesRepr('Cluster foo')).toBeUndefined());
});

describe('compareOutcomes', () => {
  it('accepts the deliberate differences', () => {
    const ref = outcome('reference', `${KEYPAIR_WARNING}\n${DEPRECATION_BANNER}ok /tmp/cwd-reference/x\n`, "ERROR: b'boom'\n", 1);
    const ours = outcome('ours', 'ok /tmp/cwd-ours/x\n', `${KEYPAIR_WARNING}\nERROR: boom\n`, 1);
    expect(mismatches(ref, ours, { sameError: true })).toEqual([]);
  });
  it('sees a stdout difference', () => {
    expect(mismatches(outcome('reference', 'a\n'), outcome('ours', 'b\n'))).toEqual(['stdout differs']);
  });
  it('sees an exit code difference, and checks both sides of expectExit', () => {
    expect(mismatches(outcome('reference', '', '', 0), outcome('ours', '', '', 1))).toEqual(['ours exited 1']);
    const opts = { expectExit: { reference: 0, ours: 1 } };
    expect(mismatches(outcome('reference', '', '', 0), outcome('ours', '', '', 1), opts)).toEqual([]);
    expect(mismatches(outcome('reference', '', '', 1), outcome('ours', '', '', 1), opts)).toEqual(['reference exited 1']);
  });
  it('requires moved warnings on our stderr', () => {
    const ref = outcome('reference', `${KEYPAIR_WARNING}\nok\n`);
    expect(mismatches(ref, outcome('ours', 'ok\n'))).toEqual([`ours did not warn on stderr: ${KEYPAIR_WARNING}`]);
    expect(mismatches(ref, outcome('ours', `${KEYPAIR_WARNING}\nok\n`))[0]).toBe('stdout differs');
  });
  it('checks errors loosely, or exactly with sameError', () => {
    const ref = outcome('reference', '', "ERROR: b'Cluster x could not be found (HTTP 404)'\n", 1);
    expect(mismatches(ref, outcome('ours', '', '', 1))).toEqual(['reference printed ERROR: but ours did not']);
    expect(mismatches(ref, outcome('ours', '', "ERROR: b'x'\n", 1))).toEqual(["ours printed a b'…' error"]);
    expect(mismatches(ref, outcome('ours', '', 'ERROR: other\n', 1))).toEqual([]);
    expect(mismatches(ref, outcome('ours', '', 'ERROR: other\n', 1), { sameError: true })[0]).toMatch(/^error message differs/);
  });
  it('does not let ours write to stderr where the reference is silent', () => {
    expect(mismatches(outcome('reference', 'ok\n'), outcome('ours', 'ok\n', 'noise\n'))).toEqual([
      'ours wrote to stderr where the reference wrote nothing',
    ]);
  });
  it('compares whole stderrs with sameStderr', () => {
    const ref = outcome('reference', '', 'usage: a\nerror: x\n', 2);
    expect(mismatches(ref, outcome('ours', '', 'usage: a\nerror: x\n', 2), { sameStderr: true })).toEqual([]);
    expect(mismatches(ref, outcome('ours', '', 'usage: b\nerror: x\n', 2), { sameStderr: true })).toEqual(['stderr differs']);
  });
  it('masks uuids only when asked', () => {
    const ref = outcome('reference', 'cluster 2636bcb2-2efd-4537-b46a-8bb62edd2c74\n');
    const ours = outcome('ours', 'cluster cd121395-6e76-4afe-a3d3-e13c3f20f097\n');
    expect(mismatches(ref, ours)).toEqual(['stdout differs']);
    expect(mismatches(ref, ours, { normalise: normalisers.uuids })).toEqual([]);
  });
});
