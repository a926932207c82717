/**
 * Runs a kubeconfig's exec credential plugin the way client-go does (KEP-541): the
 * command with its args, KUBERNETES_EXEC_INFO in the environment, no stdin (our entries
 * say interactiveMode: Never), and reads the ExecCredential from stdout. Bounded by a
 * deadline so kubeconfig-check never hangs on a plugin that does.
 */
import { EXEC_API_VERSION } from './exec-credential';

/** `missing`: the program, or the script node was told to run, does not exist (an installation moved or removed). */
export type ExecPluginResult = { ok: true; expirationTimestamp?: string } | { ok: false; error: string; missing?: string };

export const EXEC_PLUGIN_TIMEOUT_MS = 60_000;

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}

export function runExecPlugin(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = EXEC_PLUGIN_TIMEOUT_MS,
): Promise<ExecPluginResult> {
  const { execFile } = require('node:child_process') as typeof import('node:child_process');
  const info = JSON.stringify({ apiVersion: EXEC_API_VERSION, kind: 'ExecCredential', spec: { interactive: false } });
  return new Promise((resolvePromise) => {
    const child = execFile(
      command,
      args,
      { env: { ...env, KUBERNETES_EXEC_INFO: info }, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
          if (e.code === 'ENOENT') return resolvePromise({ ok: false, error: `${command} not found`, missing: command });
          // Under Node.js the command is node, which exists; when the magnum script it runs is
          // gone, node prints a stack trace whose first line (node:internal/…) says nothing.
          const script = args[0];
          if (script !== undefined && stderr.includes(`Error: Cannot find module '${script}'`)) {
            return resolvePromise({ ok: false, error: `${script} not found`, missing: script });
          }
          if (e.killed) return resolvePromise({ ok: false, error: `no answer within ${timeoutMs / 1000} s` });
          return resolvePromise({ ok: false, error: firstLine(stderr) || `exit code ${String(e.code)}` });
        }
        try {
          const cred = JSON.parse(stdout) as { kind?: unknown; status?: { token?: unknown; expirationTimestamp?: unknown } };
          if (cred.kind !== 'ExecCredential' || typeof cred.status?.token !== 'string' || cred.status.token === '') {
            return resolvePromise({ ok: false, error: 'the plugin printed no ExecCredential with a token' });
          }
          const expiry = cred.status.expirationTimestamp;
          resolvePromise({ ok: true, ...(typeof expiry === 'string' ? { expirationTimestamp: expiry } : {}) });
        } catch {
          resolvePromise({ ok: false, error: 'the plugin printed no ExecCredential (not JSON)' });
        }
      },
    );
    child.stdin?.end();
  });
}
