// Shell snippets printed by cluster-config (`magnumclient/common/utils.py config_cluster`, `magnumclient/common/utils.py _config_cluster_swarm`).
// Every block ends with "\n" exactly like the reference's strings; the caller
// prints it followed by one more "\n" (Python's print adds it), which is why
// the reference's stdout ends with an empty line (`magnumclient/common/utils.py config_cluster`).
import { basename } from 'node:path';

export type ShellFlavour = 'posix' | 'csh' | 'fish';

export interface DockerEnvInput {
  /** null renders as `None`, as the reference's `%s` does (`magnumclient/common/utils.py _config_cluster_kubernetes`). */
  apiAddress: string | null;
  /** Absolute directory holding ca.pem, cert.pem and key.pem. */
  certDir: string;
  tls: boolean;
  shell: ShellFlavour;
}

/**
 * `$SHELL` → syntax. The reference tests for the substring `csh` (so tcsh
 * counts too) and otherwise emits bash syntax; it raises KeyError when SHELL is
 * unset (`magnumclient/common/utils.py config_cluster`), which we deliberately don't: unset means posix. fish is
 * our addition, recognised by the executable's basename.
 */
export function detectShellFlavour(shellEnv: string | undefined): ShellFlavour {
  if (shellEnv === undefined || shellEnv === '') return 'posix';
  if (shellEnv.includes('csh')) return 'csh';
  if (basename(shellEnv) === 'fish') return 'fish';
  return 'posix';
}

/**
 * One assignment. Values are not quoted, as in the reference. csh keeps its
 * trailing space for an empty value (`setenv DOCKER_TLS_VERIFY `, `magnumclient/common/utils.py _config_cluster_swarm`); fish
 * follows the same "command name value" shape.
 */
function assignment(shell: ShellFlavour, name: string, value: string): string {
  switch (shell) {
    case 'csh':
      return `setenv ${name} ${value}\n`;
    case 'fish':
      return `set -gx ${name} ${value}\n`;
    case 'posix':
      return `export ${name}=${value}\n`;
  }
}

/** `magnumclient/common/utils.py _config_cluster_swarm`: DOCKER_HOST, DOCKER_CERT_PATH, DOCKER_TLS_VERIFY (`True`, or empty without TLS). */
export function renderDockerEnv({ apiAddress, certDir, tls, shell }: DockerEnvInput): string {
  return (
    assignment(shell, 'DOCKER_HOST', apiAddress ?? 'None') +
    assignment(shell, 'DOCKER_CERT_PATH', certDir) +
    assignment(shell, 'DOCKER_TLS_VERIFY', tls ? 'True' : '')
  );
}

/** `magnumclient/common/utils.py config_cluster`: the line that points kubectl at the written config file. */
export function renderKubeconfigEnv(path: string, shell: ShellFlavour): string {
  return assignment(shell, 'KUBECONFIG', path);
}
