/**
 * Running the two CLIs as child processes with the compatibility environment
 * (docs/testing.md "Compatibility harness"): the OS_* variables of the test process,
 * SHELL=/bin/bash, HOME=<temp dir>, PATH=/usr/bin:/bin, LANG=C.UTF-8 — nothing else
 * leaks in, so pyenv, a developer's clouds.yaml or MAGNUM_* settings cannot change
 * either side's behaviour.
 */
import { spawn } from 'node:child_process';
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
}

/** Runs a program to completion; never rejects for a non-zero exit. */
export function runProcess(file: string, args: readonly string[], opts: RunOptions): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + (signal ? `\n[killed by ${signal}]\n` : ''),
        code: code ?? -1,
        durationMs: performance.now() - started,
      });
    });
    // No stdin unless the case gives one: an immediately closed pipe, as in CI.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
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
