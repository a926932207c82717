// The harness's own rules (no stack needed): a compatibility check that cannot fail is
// worthless, so each normalisation is shown to keep real differences visible.
import { describe, expect, it } from 'vitest';
import { compareOutcomes, type CompatOptions, type Side, type SideOutcome, type Which } from './harness';
import { DEPRECATION_BANNER, decodePyBytesRepr, normalisers, stripReferenceWarnings } from './normalise';

const KEYPAIR_WARNING =
  'WARNING: The --keypair-id parameter is deprecated and will be removed in a future release. Use the --keypair parameter to avoid seeing this message.';

function outcome(which: Which, stdout: string, stderr = '', code = 0): SideOutcome {
  const side: Side = {
    which,
    cwd: `/tmp/cwd-${which}`,
    home: `/tmp/home-${which}`,
    env: {},
    unique: `u-${which === 'reference' ? 'ref' : 'our'}`,
    shared: 'u',
  };
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
    expect(mismatches(ref, ours)).toEqual([]);
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
  it('compares the error text in every case, the reference decoded', () => {
    const ref = outcome('reference', '', "ERROR: b'Cluster x could not be found (HTTP 404)'\n", 1);
    expect(mismatches(ref, outcome('ours', '', 'ERROR: Cluster x could not be found (HTTP 404)\n', 1))).toEqual([]);
    expect(mismatches(ref, outcome('ours', '', '', 1))).toEqual(['stderr differs']);
    expect(mismatches(ref, outcome('ours', '', "ERROR: b'Cluster x could not be found (HTTP 404)'\n", 1))).toEqual([
      "ours printed a b'…' error",
      'stderr differs',
    ]);
    expect(mismatches(ref, outcome('ours', '', 'ERROR: other\n', 1))).toEqual(['stderr differs']);
    expect(mismatches(ref, outcome('ours', '', 'ERROR: Cluster x could not be found (HTTP 404)\nmore\n', 1))).toEqual(['stderr differs']);
  });
  it('does not let ours write to stderr where the reference is silent', () => {
    expect(mismatches(outcome('reference', 'ok\n'), outcome('ours', 'ok\n', 'noise\n'))).toEqual(['stderr differs']);
  });
  it('compares whole stderrs (usage errors)', () => {
    const ref = outcome('reference', '', 'usage: a\nerror: x\n', 2);
    expect(mismatches(ref, outcome('ours', '', 'usage: a\nerror: x\n', 2))).toEqual([]);
    expect(mismatches(ref, outcome('ours', '', 'usage: b\nerror: x\n', 2))).toEqual(['stderr differs']);
  });
  it('a deliberate stderr difference only through normaliseStderr', () => {
    const ref = outcome('reference', '', 'usage: a\n', 2);
    const ours = outcome('ours', '', 'usage: a [more]\n', 2);
    expect(mismatches(ref, ours)).toEqual(['stderr differs']);
    expect(mismatches(ref, ours, { normaliseStderr: (t) => t.replace(' [more]', '') })).toEqual([]);
  });
  it("compares column widths: each side's name has the same length and the same placeholder", () => {
    const table = (name: string, pad: string) => `+${'-'.repeat(name.length + 2)}+\n| ${name}${pad} |\n`;
    const ref = outcome('reference', table('u-ref', ''));
    expect(mismatches(ref, outcome('ours', table('u-our', '')))).toEqual([]);
    expect(mismatches(ref, outcome('ours', table('u-our', ' ')))).toEqual(['stdout differs']);
  });
  it('masks uuids only when asked', () => {
    const ref = outcome('reference', 'cluster 2636bcb2-2efd-4537-b46a-8bb62edd2c74\n');
    const ours = outcome('ours', 'cluster cd121395-6e76-4afe-a3d3-e13c3f20f097\n');
    expect(mismatches(ref, ours)).toEqual(['stdout differs']);
    expect(mismatches(ref, ours, { normalise: normalisers.uuids })).toEqual([]);
  });
});
