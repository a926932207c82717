/**
 * `exec-credential` (hidden; docs/kubectl-plugin.md): what the kubeconfig of
 * `cluster-config --use-keystone` runs. It prints an ExecCredential holding a Keystone
 * token and its expiry, served from the token cache (always on here, keyed by identity
 * and scope, file 0600) and replaced when less than EXEC_MIN_LIFE_MS is left, so a burst
 * of kubectl calls costs at most one Keystone login. It never talks to Magnum and never
 * reads stdin (the kubeconfig says interactiveMode: Never). A failure is one `ERROR:`
 * line on stderr, which kubectl shows above its own "getting credentials" line.
 */
import { defineCommand } from './define';
import type { ClientConfig, Env } from '../config/client-config';
import { applyCloudConfig, resolveClientConfig, tokenEndpoint } from '../config/client-config';
import { ensureAuthInfo } from '../config/auth-checks';
import { USER_AGENT } from '../program';
import { CommandError } from '../errors';
import { EXEC_API_VERSION, EXEC_COMMAND, execCredentialText } from '../kube/exec-credential';

/** Enough for one kubectl command (a `logs -f`, an apply) to finish on the token it got. */
export const EXEC_MIN_LIFE_MS = 5 * 60_000;

/**
 * With a recorded cloud (`--os-cloud` in the kubeconfig's args), the OS_* variables of
 * the shell kubectl runs in are ignored, except where clouds.yaml is: an openrc sourced
 * for another project must not mix its user or project into this cluster's credential.
 */
export function configForRecordedCloud(config: ClientConfig): ClientConfig {
  const { flags, env } = config.origin;
  if (typeof flags.os_cloud !== 'string' || flags.os_cloud === '') return config;
  const kept: Env = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('OS_') || name === 'OS_CLIENT_CONFIG_FILE') kept[name] = value;
  }
  return resolveClientConfig(flags, kept);
}

/** v1 unless kubectl asked for another version in KUBERNETES_EXEC_INFO (a v1beta1 kubeconfig). */
function requestedApiVersion(env: Env): string {
  try {
    const info = JSON.parse(env.KUBERNETES_EXEC_INFO ?? '') as { apiVersion?: unknown };
    if (info.apiVersion === 'client.authentication.k8s.io/v1beta1') return info.apiVersion;
  } catch {
    // not set (run by hand) or not JSON: the version our kubeconfig names
  }
  return EXEC_API_VERSION;
}

export const execCredential = defineCommand({
  name: EXEC_COMMAND,
  help: 'Print a Kubernetes ExecCredential with a Keystone token (run by kubectl through the kubeconfig of cluster-config --use-keystone).',
  hidden: true,
  extension: true,
  needsClient: false,
  options: [
    {
      flags: ['--cluster'],
      dest: 'cluster',
      metavar: '<cluster>',
      help: 'UUID of the cluster the kubeconfig is for (recorded for kubeconfig-check; the token does not depend on it).',
    },
    { flags: ['--no-cache'], dest: 'no_cache', action: 'store_true', help: 'Do not read or write the token cache.' },
  ],
  async run(ctx, args) {
    const recorded = configForRecordedCloud(ctx.config);
    const where = recorded.cloud !== undefined ? ` (cloud ${recorded.cloud})` : '';
    let token: string;
    let expiresAt: string | undefined;
    try {
      const config = applyCloudConfig(recorded, { cwd: ctx.cwd, homeDir: ctx.homeDir });
      ensureAuthInfo(config);
      const fixed = tokenEndpoint(config);
      if (fixed) {
        token = fixed.token;
      } else {
        // Loaded here, as src/connect.ts is, so other commands' start-up never pays for them.
        const [{ KeystoneSession }, { LayeredTokenCache }, { cacheKey }, { FileTokenCache, cacheDirectory }, { openKeyring }] = await Promise.all([
          import('../auth/session'),
          import('../auth/token-cache-factory'),
          import('../auth/token-cache-entry'),
          import('../auth/file-token-cache'),
          import('../auth/keyring-store'),
        ]);
        const debugLog = config.debug ? (line: string) => ctx.io.err(`DEBUG ${line}\n`) : undefined;
        const key = cacheKey(config);
        const cache = args.no_cache
          ? undefined
          : new LayeredTokenCache(
              key,
              ctx.credentialStore ?? openKeyring(ctx.env),
              new FileTokenCache(cacheDirectory(ctx.env, ctx.homeDir), key),
              debugLog,
            );
        const transport = ctx.transportFor(config.tls);
        const session = new KeystoneSession(config, { transport, userAgent: USER_AGENT, debugLog }, () => ctx.clock.now(), cache, EXEC_MIN_LIFE_MS);
        const info = await session.access();
        token = info.token;
        expiresAt = info.expiresAt;
      }
    } catch (e) {
      if (e instanceof CommandError) throw new CommandError(`magnum could not get a Keystone token for kubectl${where}: ${e.message}`);
      throw e;
    }
    ctx.io.out(execCredentialText(token, expiresAt, requestedApiVersion(ctx.env)));
  },
});
