// What the bench's two modes share: the cloud's OS_* variables and medians.
import { existsSync, readFileSync } from 'node:fs';

export const OPENRC = '/tmp/magnum-stack/demo-openrc';

/** `export OS_X=value` lines of an openrc file (no shell involved). */
export function readOpenrc(path) {
  const env = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^export (OS_\w+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** The OS_* of this process, or the stack's demo-openrc when OS_AUTH_URL is unset. */
export function cloudEnv() {
  const fromProcess = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('OS_')));
  if (fromProcess.OS_AUTH_URL) return fromProcess;
  if (existsSync(OPENRC)) {
    console.log(`OS_AUTH_URL is unset: using ${OPENRC}`);
    return readOpenrc(OPENRC);
  }
  return {};
}

export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
