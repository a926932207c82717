/**
 * Issue 9 point 4 on the real stack, our CLI only: 5 rounds of two concurrent
 * `cluster-config --merge` runs into one kubeconfig keep both contexts; SIGTERM at any
 * moment of a `cluster-config` run leaves either the whole consistent set or nothing new,
 * and no temporaries. Two unique clusters, deleted in afterAll.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnStack } from '../compat/harness';
import { applyOverrides, baseEnv, freshTempDir, runOurs, type ProcessResult } from '../compat/processes';
import { createCluster, deleteClusters, uniqueName } from '../compat/resources';
import { TWO_CONTEXTS } from '../kube/merge-fixtures';

const SET = ['ca.pem', 'cert.pem', 'config', 'key.pem'];
const keyModulus = (pem: string): string => String(createPrivateKey(pem).export({ format: 'jwk' }).n);
const certModulus = (pem: string): string => String(new X509Certificate(pem).publicKey.export({ format: 'jwk' }).n);

describeOnStack('acceptance: cluster-config data safety (--merge lock, one file set, signals)', { reference: false }, () => {
  const a = uniqueName('cfg-safe-a');
  const b = uniqueName('cfg-safe-b');
  const tmp = freshTempDir('magnum-cfg-safety-');

  /** Our CLI with the stack's OS_* variables, a HOME inside tmp, and `env` on top. */
  function ours(argv: string[], env: Record<string, string> = {}, onSpawn?: (c: ChildProcess) => void): Promise<ProcessResult> {
    return runOurs(argv, { cwd: tmp, env: applyOverrides(baseEnv(tmp), env), onSpawn });
  }

  beforeAll(async () => {
    await Promise.all([createCluster(a, { waitComplete: true }), createCluster(b, { waitComplete: true })]);
  }, 180_000);

  afterAll(async () => {
    await deleteClusters([a, b]);
    rmSync(tmp, { recursive: true, force: true });
  }, 180_000);

  it('5 rounds of two concurrent --merge runs into one kubeconfig keep both contexts', async () => {
    for (let round = 1; round <= 5; round++) {
      const file = join(tmp, `kubeconfig-${round}`);
      writeFileSync(file, TWO_CONTEXTS);
      const runs = await Promise.all([a, b].map((c) => ours(['cluster-config', c, '--merge'], { KUBECONFIG: file })));
      for (const [i, r] of runs.entries()) {
        const c = [a, b][i];
        expect(r, `round ${round}`).toMatchObject({
          code: 0,
          stdout: '',
          stderr: `Added context "${c}" (cluster "${c}", user "${c}-admin") in ${file}; it is now the current context.\n`,
        });
      }
      const contexts = (parse(readFileSync(file, 'utf8')).contexts as { name: string }[]).map((x) => x.name);
      expect(contexts.slice(0, 2), `round ${round}`).toEqual(['dev', 'prod']);
      expect(contexts.slice(2).sort(), `round ${round}`).toEqual([a, b].sort());
      expect(readdirSync(tmp).filter((n) => n.endsWith('.lock'))).toEqual([]);
    }
  }, 180_000);

  it('SIGTERM at any moment of cluster-config leaves the whole set or nothing, never temporaries', async () => {
    const full = await ours(['cluster-config', a, '--dir', join(tmp, 'timing')]);
    expect(full.code, full.stderr).toBe(0);
    const outcomes: string[] = [];
    // Spread the signal over the whole run: from start-up to well after its end (a signalled
    // run can be slower than the unsignalled one on a loaded machine).
    const steps = 10;
    for (let i = 0; i < steps; i++) {
      const delay = Math.round((full.durationMs * 2.5 * i) / (steps - 1));
      const dir = join(tmp, `sig-${i}`);
      mkdirSync(dir);
      let child: ChildProcess | undefined;
      const run = ours(['cluster-config', a, '--dir', dir], {}, (c) => (child = c));
      const timer = setTimeout(() => child?.kill('SIGTERM'), delay);
      const r = await run;
      clearTimeout(timer);
      const left = readdirSync(dir).sort();
      if (left.length === 0) {
        outcomes.push(`${delay} ms: nothing (exit ${r.code})`);
        expect(r.code, r.stderr).not.toBe(0);
        continue;
      }
      outcomes.push(`${delay} ms: whole set (exit ${r.code})`);
      expect(left, `signal after ${delay} ms`).toEqual(SET);
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const user = parse(readFileSync(join(dir, 'config'), 'utf8')).users[0].user;
      expect(Buffer.from(user['client-key-data'], 'base64').toString()).toBe(key);
      expect(certModulus(cert)).toBe(keyModulus(key));
    }
    console.log(`cluster-config took ${Math.round(full.durationMs)} ms unsignalled; SIGTERM outcomes:\n  ${outcomes.join('\n  ')}`);
    // Both outcomes must have been seen, or the signal never landed inside the run.
    expect(outcomes.some((o) => o.includes('nothing'))).toBe(true);
    expect(outcomes.some((o) => o.includes('whole set'))).toBe(true);
  }, 180_000);
});
