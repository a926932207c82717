// Runs a program to completion and collects its output: the one child-process runner
// behind runCli (hermetic suite) and the compatibility/acceptance harness.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessRunOptions {
  cwd: string;
  env: Record<string, string>;
  /** Written to stdin, which is then closed (stdin is always closed, as in CI). */
  stdin?: string;
  /** Kill the child (SIGKILL) after this long. */
  timeoutMs: number;
  /** Called with the child once started (tests that signal it). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface ProcessRun {
  stdout: string;
  stderr: string;
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
}

/** Never rejects for a non-zero exit; rejects only when the program cannot be started. */
export function runProcess(file: string, args: readonly string[], opts: ProcessRunOptions): Promise<ProcessRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    opts.onSpawn?.(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        signal,
        durationMs: performance.now() - started,
      });
    });
    // The child may exit without reading stdin.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}
