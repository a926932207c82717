/**
 * magnum as its own kubectl credential plugin (docs/kubectl-plugin.md): the kubeconfig
 * `exec` user that `cluster-config --use-keystone` writes, the ExecCredential the hidden
 * `exec-credential` command prints, and how `kubeconfig-check` recognises both this entry
 * and the reference's (`magnumclient/common/utils.py _config_cluster_kubernetes`, use_keystone) in an existing kubeconfig.
 *
 * The shape follows the client-go credential plugin contract
 * (client.authentication.k8s.io/v1, KEP-541), the one `aws eks get-token`,
 * `gke-gcloud-auth-plugin` and `doctl kubernetes cluster kubeconfig exec-credential` use.
 */

import { renderKubeconfig, type KubeconfigUserEntry } from './kubeconfig';

export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1';
/** The hidden command kubectl runs. */
export const EXEC_COMMAND = 'exec-credential';

export interface SelfInvocation {
  /** Absolute path of the program to run. */
  command: string;
  /** Arguments before magnum's own (the script, when the program is node). */
  prefix: string[];
}

export interface ProcessFacts {
  execPath: string;
  argv1: string | undefined;
  /** True in a single-executable build (node:sea's isSea()). */
  isSea: boolean;
}

/** What the running process is: node + script, or a single executable. */
export function currentProcessFacts(): ProcessFacts {
  let isSea = false;
  try {
    isSea = (require('node:sea') as { isSea?: () => boolean }).isSea?.() === true;
  } catch {
    // node:sea is missing before Node 20.12: not a single executable then.
  }
  return { execPath: process.execPath, argv1: process.argv[1], isSea };
}

/**
 * How kubectl should start this CLI again. A single executable is its own program. Under
 * node, the absolute node binary runs the script by the path it was started with: kubectl
 * is often started where `node` is not on PATH (an IDE, Lens, cron), so relying on the
 * launcher's `#!/usr/bin/env node` would fail there; and the script path is kept
 * unresolved, because an npm global install starts us through its bin symlink
 * (`<prefix>/bin/magnum`), which stays valid across upgrades of the package.
 */
export function selfInvocation(facts: ProcessFacts, resolvePath: (p: string) => string): SelfInvocation {
  if (facts.isSea || facts.argv1 === undefined) return { command: facts.execPath, prefix: [] };
  return { command: facts.execPath, prefix: [resolvePath(facts.argv1)] };
}

export interface ExecUserInput {
  self: SelfInvocation;
  /** The clouds.yaml cloud cluster-config used, recorded so kubectl uses the same one. */
  cloud?: string;
  clusterUuid: string;
}

/** The argv kubectl runs: `[prefix…] [--os-cloud C] exec-credential --cluster <uuid>`. */
export function execArgs({ self, cloud, clusterUuid }: ExecUserInput): string[] {
  return [...self.prefix, ...(cloud === undefined ? [] : ['--os-cloud', cloud]), EXEC_COMMAND, '--cluster', clusterUuid];
}

/**
 * A YAML scalar: plain when it cannot be read as anything but this string, else a JSON
 * string (valid YAML double-quoted). Paths with spaces, `:` or `#`, cloud names like
 * `yes`, numbers: all quoted.
 */
export function yamlScalar(value: string): string {
  const plain = /^[A-Za-z0-9_/.][A-Za-z0-9_/.@+=-]*$/.test(value) || /^--?[A-Za-z][A-Za-z0-9_-]*$/.test(value);
  const special = /^(true|false|yes|no|on|off|y|n|null|~)$/i.test(value) || /^[-+.]?(\d|\.inf|\.nan)/i.test(value);
  return plain && !special ? value : JSON.stringify(value);
}

/**
 * The `user:` mapping (indented for a `- name:` list item). interactiveMode Never: the
 * command never reads stdin (no prompt can hang kubectl, a `watch`, k9s or CI); its
 * secrets come from clouds.yaml or OS_*, and MFA users use an application credential.
 */
export function renderExecUserLines(input: ExecUserInput): string[] {
  return [
    '  user:',
    '    exec:',
    `      apiVersion: ${EXEC_API_VERSION}`,
    `      command: ${yamlScalar(input.self.command)}`,
    '      args:',
    ...execArgs(input).map((a) => `      - ${yamlScalar(a)}`),
    '      interactiveMode: Never',
    '      provideClusterInfo: false',
    `      installHint: ${yamlScalar(INSTALL_HINT)}`,
  ];
}

const INSTALL_HINT =
  'This kubeconfig runs the magnum CLI (OpenStack Magnum) to get a Keystone token; install it, or rerun `magnum cluster-config --use-keystone`.';

/** The ExecCredential kubectl reads from our stdout. */
export function execCredentialText(token: string, expiresAt: string | undefined, apiVersion = EXEC_API_VERSION): string {
  const status: Record<string, string> = { token };
  // Keystone's "2026-12-01T16:43:31.000000Z" → RFC 3339 as Go's time.Time parses it.
  if (expiresAt !== undefined) status.expirationTimestamp = rfc3339(expiresAt);
  return `${JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: {}, status })}\n`;
}

export function rfc3339(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z') : iso;
}

/** What kind of user entry a kubeconfig has, for kubeconfig-check. */
export type UserKind =
  | { kind: 'certificate'; certPem: string | null; certFile?: string }
  | { kind: 'magnum-exec'; command: string; args: string[]; env: Record<string, string>; clusterUuid?: string; cloud?: string }
  | { kind: 'reference-exec' }
  | { kind: 'other-exec'; command: string }
  | { kind: 'other' };

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

function optionValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}

/** Classifies a kubeconfig `users[].user` mapping. */
export function classifyUser(user: Record<string, unknown> | undefined, readFile: (path: string) => string | null): UserKind {
  if (!user) return { kind: 'other' };
  const exec = user.exec as Record<string, unknown> | undefined;
  if (exec && typeof exec === 'object') {
    const command = String(exec.command ?? '');
    const args = strings(exec.args);
    const commandIndex = args.indexOf(EXEC_COMMAND);
    if (commandIndex >= 0) {
      const env: Record<string, string> = {};
      if (Array.isArray(exec.env)) {
        for (const e of exec.env as { name?: unknown; value?: unknown }[]) if (typeof e?.name === 'string') env[e.name] = String(e.value ?? '');
      }
      const before = args.slice(0, commandIndex);
      return {
        kind: 'magnum-exec',
        command,
        args,
        env,
        clusterUuid: optionValue(args.slice(commandIndex + 1), '--cluster'),
        cloud: optionValue(before, '--os-cloud'),
      };
    }
    if (String(exec.apiVersion ?? '').endsWith('/v1alpha1') && args.some((a) => a.includes('OS_TOKEN'))) return { kind: 'reference-exec' };
    return { kind: 'other-exec', command };
  }
  if (typeof user['client-certificate-data'] === 'string') {
    return { kind: 'certificate', certPem: Buffer.from(user['client-certificate-data'], 'base64').toString('utf8') };
  }
  if (typeof user['client-certificate'] === 'string') {
    const file = user['client-certificate'];
    return { kind: 'certificate', certPem: readFile(file), certFile: file };
  }
  return { kind: 'other' };
}

/**
 * The standalone `--use-keystone` kubeconfig: the reference's cluster, context and user
 * names (`_config_cluster_kubernetes` with use_keystone), so scripts naming `openstackuser@kubernetes` keep working, with this
 * exec user instead of the v1alpha1 bash snippet kubectl no longer accepts.
 */
export function renderExecKubeconfig(
  head: { clusterName: string; server: string | null; caPem: string; contextName?: string },
  user: ExecUserInput,
): string {
  return renderKubeconfig({ ...head, user: execUserEntry(user), contextName: head.contextName ?? 'openstackuser@kubernetes' });
}

/** The exec user as a kubeconfig `users` entry named `openstackuser` (renderKubeconfig indents its body). */
export function execUserEntry(user: ExecUserInput): KubeconfigUserEntry {
  return {
    name: 'openstackuser',
    body: renderExecUserLines(user)
      .slice(1)
      .map((line) => line.slice(4)),
  };
}
