// Fault suite (docs/testing.md): output that cannot be written. A full disk or a broken
// file on stdout is exit 1 with a message on stderr (the reference exits 1 too); a closed
// pipe (`| head -1`) ends quietly; an unwritable stderr still shows in the exit code.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeCloud } from '../support/cli-fixture';
import { cliPath, openrcEnv } from '../support/run-cli';

const f = useFakeCloud();
const home = mkdtempSync(join(tmpdir(), 'magnum-output-errors-'));
beforeAll(() => void f.cloud.seedTemplate({ name: 'k8s-tmpl' }));
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI with stdout and/or stderr on /dev/full, or stdout on a pipe whose
 * reading end is closed at once (EPIPE on the first write).
 */
function runWith(args: string[], how: { stdout?: 'full' | 'closed-pipe'; stderr?: 'full' }): Promise<Outcome> {
  const full = openSync('/dev/full', 'w');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...openrcEnv(f.cloud) };
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: home,
    env,
    stdio: ['ignore', how.stdout === 'full' ? full : 'pipe', how.stderr === 'full' ? full : 'pipe'],
  });
  closeSync(full);
  let stdout = '';
  let stderr = '';
  if (how.stdout === 'closed-pipe') child.stdout?.destroy();
  else child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const ENOSPC = 'ERROR: Cannot write to standard output: ENOSPC: no space left on device, write\n';

describe('write errors', () => {
  it('needs /dev/full', () => {
    expect(existsSync('/dev/full')).toBe(true);
  });

  it.each([[['--version']], [['help']], [['cluster-list']], [['cluster-template-show', 'k8s-tmpl']]])(
    'magnum %j > /dev/full exits 1 with a message on stderr',
    async (args) => {
      expect(await runWith(args, { stdout: 'full' })).toEqual({ code: 1, stdout: '', stderr: ENOSPC });
    },
  );

  it('a failing command with stdout on /dev/full still exits 1 with one message', async () => {
    expect(await runWith(['cluster-show', 'nope-not-here'], { stdout: 'full' })).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^ERROR: Cluster nope-not-here .*\(HTTP 404\).*\n$/),
    });
  });

  it('stderr on /dev/full: an error still exits 1, a success still exits 0', async () => {
    expect((await runWith(['cluster-show', '..'], { stderr: 'full' })).code).toBe(1);
    expect(await runWith(['--version'], { stderr: 'full' })).toEqual({ code: 0, stdout: '4.0.0\n', stderr: '' });
  });

  it('a warning that cannot be written to stderr makes the exit code 1', async () => {
    // --keypair-id prints its deprecation warning on stderr; the create itself succeeds.
    const args = (name: string) => ['cluster-create', name, '--cluster-template', 'k8s-tmpl', '--keypair-id', 'k'];
    const shown = await runWith(args('warned-1'), {});
    expect([shown.code, shown.stderr]).toEqual([0, expect.stringMatching(/^WARNING: The --keypair-id parameter is deprecated/)]);
    const lost = await runWith(args('warned-2'), { stderr: 'full' });
    expect([lost.code, lost.stdout]).toEqual([1, expect.stringMatching(/^Request to create cluster .* has been accepted\.\n$/)]);
  });
});

describe('a closed pipe ends quietly', () => {
  it.each([[['help']], [['cluster-list']]])('magnum %j | (closed)', async (args) => {
    expect(await runWith(args, { stdout: 'closed-pipe' })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
