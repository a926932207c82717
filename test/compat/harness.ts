/**
 * Compatibility harness: runs one invocation through the reference `/usr/bin/magnum`
 * (python-magnumclient 4.0.0) and through ours (`node bin/magnum`) against the same
 * cloud, and compares them after the documented normalisations (docs/testing.md).
 *
 * HOW TO ADD A CASE FILE (test/compat/<topic>.test.ts):
 *
 *   import { compat, describeCompat } from './harness';
 *   import { createCluster, deleteCluster } from './resources';
 *   import { normalisers } from './normalise';
 *
 *   describeCompat('cluster-delete', () => {
 *     compat('unknown cluster', ['cluster-delete', 'nope'], { expectExit: { reference: 0, ours: 1 } });
 *     compat('a cluster of each side', (side) => ['cluster-delete', side.unique], {
 *       setup: (side) => createCluster(side.unique),        // per side, before its run
 *       cleanup: (side) => deleteCluster(side.unique),      // per side, always (even on failure)
 *       normalise: normalisers.uuids,                       // opt-in: nothing is masked by default
 *     });
 *   });
 *
 * What happens for each case:
 * - Each side gets a fresh cwd and a fresh HOME (temp dirs; deleted afterwards) and the
 *   environment OS_* of this process + SHELL=/bin/bash HOME=<its home> PATH=/usr/bin:/bin
 *   LANG=C.UTF-8, then `options.env` (undefined removes a variable).
 * - The reference runs first, then ours, sequentially, on the same cloud state.
 * - stdout: the reference's deprecation banner and the warning lines ours moves to stderr
 *   (deprecated options, cluster-config's api_address) are removed, and ours must print
 *   each such warning on stderr; each side's cwd/HOME become `<CWD>`/`<HOME>`; then
 *   `options.normalise` runs on both. The results must be equal.
 * - exit code: equal, unless `expectExit` says otherwise; `expectExit: {reference: 0,
 *   ours: 1}` is for the reference's "failure line + exit 0" commands. Both are asserted.
 * - stderr, in every case: the reference's `ERROR: b'…'` lines are decoded to `ERROR: …`
 *   (README 2), the moved warnings are taken out of ours, both get the placeholders and
 *   `normalise`, and the two must be equal; ours must never print the b'…' form. A case
 *   whose stderr differs on purpose says how with `normaliseStderr` (citing README).
 * - Each side's own resource name (`side.unique`, the same length on both sides, so
 *   column widths are compared too) is shown as `<shared>-<S>` in everything compared.
 * - `check(outcomes)` adds assertions of your own (files written, ...).
 * - `retries: n` re-runs both sides on a mismatch: only for read-only cases whose output
 *   can change under you on a shared cloud (other people's clusters progressing).
 *
 * Use describeCompat (not describe): it skips with a message when OS_AUTH_URL is unset or
 * /usr/bin/magnum is missing, and fails instead when CI=true.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  baseEnv,
  freshTempDir,
  referenceInstalled,
  runOurs,
  runReference,
  type Env,
  type EnvOverrides,
  type ProcessResult,
} from './processes';
import { decodeErrorLines, decodePyBytesRepr, errorLines, stripReferenceWarnings, substitutePaths } from './normalise';
import { uniqueName } from './resources';

export type Which = 'reference' | 'ours';

export interface Side {
  which: Which;
  /** A fresh temp dir: the process's cwd. Shown as `<CWD>` in compared output. */
  cwd: string;
  /** A fresh temp dir: $HOME. Shown as `<HOME>` in compared output. */
  home: string;
  /** The environment the process gets (after `options.env`). */
  env: Env;
  /**
   * A resource name unique to this case and side, `compat-3fa9c1-ref` / `compat-3fa9c1-our`:
   * the same length on both sides, so a table's column widths match when ours is right.
   */
  unique: string;
  /** A resource name unique to this case, shared by both sides, e.g. `compat-3fa9c1`. */
  shared: string;
}

export interface SideOutcome {
  side: Side;
  result: ProcessResult;
  /** stdout after all normalisations (what was compared). */
  stdout: string;
}

export interface CompatOptions {
  /** Per side, before that side runs (create resources, files in side.cwd, ...). */
  setup?: (side: Side) => void | Promise<void>;
  /** Per side, after both ran, always (delete what setup or the command created). */
  cleanup?: (side: Side) => void | Promise<void>;
  env?: EnvOverrides | ((side: Side) => EnvOverrides);
  stdin?: string;
  /** Default: ours must exit as the reference did. A number asserts both sides. */
  expectExit?: number | { reference: number; ours: number };
  /** Extra normalisation of both stdouts and both stderrs; opt-in, see normalisers. */
  normalise?: (text: string, side: Side) => string;
  /** Only for a stderr that differs on purpose (cite README's difference): applied to both stderrs after `normalise`. */
  normaliseStderr?: (text: string, side: Side) => string;
  /** More assertions on the two outcomes. */
  check?: (outcomes: Record<Which, SideOutcome>) => void | Promise<void>;
  /** Re-run both sides this many times on a mismatch (read-only cases on a shared cloud). */
  retries?: number;
  /** Per-process timeout (default 120 s). */
  timeoutMs?: number;
}

export type Argv = readonly string[] | ((side: Side) => readonly string[]);

/** Why a stack-backed suite cannot run, or undefined when it can. */
export function missingStack(opts: { reference: boolean }): string | undefined {
  if (!process.env.OS_AUTH_URL) return 'OS_AUTH_URL is unset (source /tmp/magnum-stack/demo-openrc)';
  if (opts.reference && !referenceInstalled()) return '/usr/bin/magnum (python3-magnumclient) is not installed';
  return undefined;
}

/**
 * describe() for suites that need the real stack: skipped with a message when it is
 * missing, but a failing test when CI=true (CI always has the stack, so a skip there
 * would hide a broken pipeline).
 */
export function describeOnStack(title: string, opts: { reference: boolean }, body: () => void): void {
  const why = missingStack(opts);
  if (!why) {
    describe(title, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has the stack it needs', () => {
        throw new Error(`CI=true but ${why}`);
      });
    });
    return;
  }
  console.warn(`[skipped] ${title}: ${why}`);
  describe.skip(title, body);
}

/** describe() for compatibility cases: needs OS_AUTH_URL and /usr/bin/magnum. */
export function describeCompat(title: string, body: () => void): void {
  describeOnStack(title, { reference: true }, body);
}

function makeSide(which: Which, shared: string, env: CompatOptions['env']): Side {
  const cwd = freshTempDir(`magnum-compat-${which}-cwd-`);
  const home = freshTempDir(`magnum-compat-${which}-home-`);
  const side: Side = { which, cwd, home, env: {}, unique: `${shared}-${which === 'reference' ? 'ref' : 'our'}`, shared };
  const overrides = typeof env === 'function' ? env(side) : env;
  side.env = applyOverrides(baseEnv(home), overrides);
  return side;
}

async function runSide(side: Side, argv: Argv, options: CompatOptions): Promise<SideOutcome> {
  await options.setup?.(side);
  const args = typeof argv === 'function' ? argv(side) : argv;
  const run = side.which === 'reference' ? runReference : runOurs;
  const result = await run(args, { cwd: side.cwd, env: side.env, stdin: options.stdin, timeoutMs: options.timeoutMs });
  return { side, result, stdout: '' };
}

function placeholders(side: Side): Record<string, string> {
  return { '<CWD>': side.cwd, '<HOME>': side.home, [`${side.shared}-<S>`]: side.unique };
}

export interface Comparison {
  mismatches: string[];
  reference: SideOutcome;
  ours: SideOutcome;
  /** Stderr of each side as compared: decoded errors, without the moved warnings, normalised. */
  stderr: Record<Which, string>;
  expected: Record<Which, number>;
}

export function compareOutcomes(reference: SideOutcome, ours: SideOutcome, options: CompatOptions): Comparison {
  const mismatches: string[] = [];
  const norm = (text: string, side: Side) => {
    const t = substitutePaths(text, placeholders(side));
    return options.normalise ? options.normalise(t, side) : t;
  };
  const { text: refText, movedWarnings } = stripReferenceWarnings(reference.result.stdout);
  reference.stdout = norm(refText, reference.side);
  ours.stdout = norm(ours.result.stdout, ours.side);
  if (reference.stdout !== ours.stdout) mismatches.push('stdout differs');

  const want = options.expectExit;
  const expected: Record<Which, number> =
    want === undefined
      ? { reference: reference.result.code, ours: reference.result.code }
      : typeof want === 'number'
        ? { reference: want, ours: want }
        : want;
  if (reference.result.code !== expected.reference) mismatches.push(`reference exited ${reference.result.code}`);
  if (ours.result.code !== expected.ours) mismatches.push(`ours exited ${ours.result.code}`);

  // Warnings moved from stdout to stderr: each must be in ours' stderr.
  let oursStderrRest = ours.result.stderr;
  for (const warning of movedWarnings) {
    if (!oursStderrRest.includes(`${warning}\n`)) mismatches.push(`ours did not warn on stderr: ${warning}`);
    oursStderrRest = oursStderrRest.replace(`${warning}\n`, '');
  }
  if (errorLines(ours.result.stderr).some((e) => decodePyBytesRepr(e) !== undefined)) mismatches.push("ours printed a b'…' error");
  const stderrOf = (text: string, side: Side) => {
    const t = norm(text, side);
    return options.normaliseStderr ? options.normaliseStderr(t, side) : t;
  };
  const stderr = {
    reference: stderrOf(decodeErrorLines(reference.result.stderr), reference.side),
    ours: stderrOf(oursStderrRest, ours.side),
  };
  if (stderr.reference !== stderr.ours) mismatches.push('stderr differs');
  return { mismatches, reference, ours, stderr, expected };
}

/** Runs `cleanup` for each side and removes its temp dirs; returns the cleanup errors. */
async function cleanupSides(sides: Side[], options: CompatOptions): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const side of sides) {
    try {
      await options.cleanup?.(side);
    } catch (e) {
      errors.push(e);
      console.warn(`cleanup of the ${side.which} side failed:`, e);
    }
    rmSync(side.cwd, { recursive: true, force: true });
    rmSync(side.home, { recursive: true, force: true });
  }
  return errors;
}

/**
 * Registers one compatibility case (a vitest `it`). `argv` is the command line after
 * `magnum`, or a function of the side for per-side resource names.
 */
export function compat(name: string, argv: Argv, options: CompatOptions = {}): void {
  it(name, async () => {
    for (let attempt = 0; ; attempt++) {
      const shared = uniqueName('compat');
      const sides: Side[] = [];
      let cleanupErrors: unknown[] = [];
      try {
        sides.push(makeSide('reference', shared, options.env));
        const reference = await runSide(sides[0], argv, options);
        sides.push(makeSide('ours', shared, options.env));
        const ours = await runSide(sides[1], argv, options);
        const c = compareOutcomes(reference, ours, options);
        if (c.mismatches.length > 0 && attempt < (options.retries ?? 0)) continue;
        assertComparison(c);
        await options.check?.({ reference, ours });
      } finally {
        cleanupErrors = await cleanupSides(sides, options);
      }
      // Reached only when the case passed: a failed cleanup fails it (leaked resources).
      if (cleanupErrors.length > 0) throw cleanupErrors[0];
      return;
    }
  });
}

function assertComparison(c: Comparison): void {
  const context = (o: SideOutcome) =>
    `--- ${o.side.which} (exit ${o.result.code}, ${Math.round(o.result.durationMs)} ms)\n` +
    `stdout:\n${o.result.stdout}\nstderr:\n${o.result.stderr}`;
  const message = `${c.mismatches.join('; ')}\n${context(c.reference)}\n${context(c.ours)}`;
  // One assertion per aspect, so the report shows a diff of the part that differs.
  expect.soft(c.ours.stdout, 'stdout (ours vs the reference, normalised)').toBe(c.reference.stdout);
  expect.soft({ reference: c.reference.result.code, ours: c.ours.result.code }, 'exit codes').toEqual(c.expected);
  expect.soft(c.stderr.ours, 'stderr (ours vs the reference, errors decoded, normalised)').toBe(c.stderr.reference);
  expect(c.mismatches, message).toEqual([]);
}
