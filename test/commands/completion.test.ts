import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli';

// `magnum completion <shell>` prints exactly the script shipped in completions/.
describe('completion', () => {
  it.each([
    ['bash', 'magnum.bash'],
    ['zsh', '_magnum'],
    ['fish', 'magnum.fish'],
  ])('prints the %s script of completions/%s', async (shell, file) => {
    const r = await runCli(['completion', shell]);
    expect(r).toEqual({ stdout: readFileSync(join(repoRoot, 'completions', file), 'utf8'), stderr: '', code: 0 });
  });

  it('needs a shell it knows: usage error, exit 2', async () => {
    const r = await runCli(['completion', 'tcsh']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: argument <shell>: invalid choice: 'tcsh'\n");
  });
});
