/**
 * Running the two CLIs as child processes with the compatibility environment
 * (docs/testing.md "Compatibility harness"): the OS_* variables of the test process,
 * SHELL=/bin/bash, HOME=<temp dir>, PATH=/usr/bin:/bin, LANG=C.UTF-8 — nothing else
 * leaks in, so pyenv, a developer's clouds.yaml or MAGNUM_* settings cannot change
 * either side's behaviour.
 */
import { runProcess as runChild, type ProcessRunOptions } from '../support/run-process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const REFERENCE_BIN = '/usr/bin/magnum';
export const OUR_BIN = join(REPO_ROOT, 'bin', 'magnum');

export type Env = Record<string, string>;
/** An override: a string sets the variable, undefined removes it. */
export type EnvOverrides = Record<string, string | undefined>;

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** The exit code; a signal death is reported as 128 + signal number-ish (-1 when unknown). */
  code: number;
  durationMs: number;
}

/** The OS_* variables of this process (CI sets them from /tmp/magnum-stack/demo-openrc). */
export function cloudEnv(): Env {
  const env: Env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('OS_') && v !== undefined) env[k] = v;
  }
  return env;
}

/** The whole environment both CLIs run with, before a case's own overrides. */
export function baseEnv(home: string): Env {
  return { ...cloudEnv(), SHELL: '/bin/bash', HOME: home, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' };
}

/** The password login's variables of an openrc (test/stack writes OS_AUTH_URL, these, region and interface). */
export const OPENRC_LOGIN = [
  'OS_AUTH_TYPE',
  'OS_USERNAME',
  'OS_PASSWORD',
  'OS_PROJECT_NAME',
  'OS_PROJECT_ID',
  'OS_USER_DOMAIN_NAME',
  'OS_PROJECT_DOMAIN_NAME',
] as const;

/** Overrides that remove each of `names` from a child's environment. */
export function unsetVars(...names: readonly string[]): EnvOverrides {
  return Object.fromEntries(names.map((k) => [k, undefined]));
}

export function applyOverrides(env: Env, overrides: EnvOverrides | undefined): Env {
  const out: Env = { ...env };
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** A fresh directory under the OS temp dir, with symlinks resolved (paths are compared). */
export function freshTempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export interface RunOptions {
  cwd: string;
  env: Env;
  stdin?: string;
  timeoutMs?: number;
  /** Called with the child once started (tests that signal it). */
  onSpawn?: ProcessRunOptions['onSpawn'];
}

/** Runs a program to completion; never rejects for a non-zero exit. */
export async function runProcess(file: string, args: readonly string[], opts: RunOptions): Promise<ProcessResult> {
  const run = await runChild(file, args, { ...opts, timeoutMs: opts.timeoutMs ?? 120_000 });
  return {
    stdout: run.stdout,
    stderr: run.stderr + (run.signal ? `\n[killed by ${run.signal}]\n` : ''),
    code: run.code ?? -1,
    durationMs: run.durationMs,
  };
}

/** Runs the reference client (`/usr/bin/magnum`, python3-magnumclient 4.0.0). */
export function runReference(argv: readonly string[], opts: RunOptions): Promise<ProcessResult> {
  return runProcess(REFERENCE_BIN, argv, opts);
}

/** Runs our CLI the way npm's bin shim does: `node <repo>/bin/magnum`. */
export function runOurs(argv: readonly string[], opts: RunOptions): Promise<ProcessResult> {
  return runProcess(process.execPath, [OUR_BIN, ...argv], opts);
}

export function referenceInstalled(): boolean {
  return existsSync(REFERENCE_BIN);
}
