// Run the built CLI (bin/magnum → dist/magnum.cjs) as a child process with a clean
// environment, for end-to-end tests against test/support/fake-cloud.ts.
import { runProcess, type ProcessRunOptions } from './run-process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, derived from this file's location (test/support/ → ../..). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(repoRoot, 'bin', 'magnum');

export interface RunCliOptions {
  /** Added to the clean environment (PATH, HOME, SHELL, LANG); may override HOME. */
  env?: Record<string, string>;
  /** Working directory; default: the temporary HOME (so no stray ./clouds.yaml is found). */
  cwd?: string;
  /** Written to stdin, which is then closed (stdin is always closed). */
  input?: string;
  /** Kill the child after this long (default 15000 ms); `code` is then null. */
  timeoutMs?: number;
  /** Run this program (e.g. the standalone executable) instead of `node bin/magnum`. */
  executable?: string;
  /** Called with the child once started (tests that signal it). */
  onSpawn?: ProcessRunOptions['onSpawn'];
}

export interface RunCliResult {
  stdout: string;
  stderr: string;
  /** Exit code, or null when the process was killed by a signal (e.g. the timeout). */
  code: number | null;
}

/**
 * The Node that runs the CLI: the one running the tests, or MAGNUM_TEST_NODE, which lets CI
 * check the package's declared runtime floor with a Node older than the test tooling needs.
 */
export const cliNode = process.env['MAGNUM_TEST_NODE'] || process.execPath;

export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<RunCliResult> {
  const ownHome = opts.env?.['HOME'] === undefined ? await mkdtemp(join(tmpdir(), 'magnum-cli-home-')) : undefined;
  const home = ownHome ?? opts.env?.['HOME'] ?? '';
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
    ...opts.env,
  };
  try {
    const [file, argv] = opts.executable ? [opts.executable, args] : [cliNode, [cliPath, ...args]];
    const run = await runProcess(file, argv, {
      cwd: opts.cwd ?? home,
      env,
      stdin: opts.input,
      timeoutMs: opts.timeoutMs ?? 15000,
      onSpawn: opts.onSpawn,
    });
    return { stdout: run.stdout, stderr: run.stderr, code: run.code };
  } finally {
    if (ownHome) await rm(ownHome, { recursive: true, force: true });
  }
}

/** The OS_* variables of a keystone v3 openrc for the fake cloud's demo or admin user. */
export function openrcEnv(cloud: { authUrlV3: string }, user: 'demo' | 'admin' = 'demo'): Record<string, string> {
  return {
    OS_AUTH_URL: cloud.authUrlV3,
    OS_USERNAME: user,
    OS_PASSWORD: 'secret',
    OS_PROJECT_NAME: user,
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: 'RegionOne',
    OS_INTERFACE: 'public',
    OS_IDENTITY_API_VERSION: '3',
  };
}
