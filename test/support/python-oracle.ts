// Differential tests against the reference's own Python libraries: a seeded PRNG for
// reproducible random cases, and one Python process that answers a batch of them.
import { spawnSync } from 'node:child_process';

/** Debian's python3, which has prettytable, wcwidth, magnumclient and cliff. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export function pythonHasModules(modules: string): boolean {
  return spawnSync(SYSTEM_PYTHON, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0;
}

/** Sends `cases` as JSON on stdin to `script` and parses its JSON answer. */
export function runPythonOracle<T>(script: string, cases: unknown, env: NodeJS.ProcessEnv = process.env): T {
  const res = spawnSync(SYSTEM_PYTHON, [script], {
    input: JSON.stringify(cases),
    env: { ...env, PYTHONIOENCODING: 'utf-8' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (res.status !== 0) throw new Error(`python oracle ${script} failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as T;
}

/** mulberry32: a tiny seeded PRNG, so a failing random case is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
