/**
 * `magnum auth-status`: who this configuration logs in as, where, how, and until when
 * (the Rust `osc auth status` is the model). It authenticates like any command (the
 * token cache first, when enabled), then prints the identity and scope of the token —
 * never the token, a password or any other secret.
 */
import { defineCommand } from './define';

const orNull = (v: string | undefined): string | null => v ?? null;

function named(name: string | undefined, id: string | undefined): string | null {
  if (name && id) return `${name} (${id})`;
  return name ?? id ?? null;
}

export const authStatus = defineCommand({
  name: 'auth-status',
  output: 'show',
  extension: true,
  help: 'Show which cloud, user and project this configuration logs in as, with the auth type, token expiry and token cache (never the token).',
  async run(ctx) {
    const { authenticate } = await import('../connect');
    const config = ctx.config;
    const debugLog = config.debug ? (line: string) => ctx.io.err(`DEBUG ${line}\n`) : undefined;
    const auth = await authenticate(ctx, config, { debugLog });
    const a = config.auth;
    const status: Record<string, unknown> = {
      cloud: orNull(config.cloud),
      auth_url: orNull(a.authUrl),
      auth_type: a.authType,
    };
    if (auth.kind === 'fixed') {
      Object.assign(status, {
        endpoint: auth.endpoint,
        user: null,
        project: null,
        expires_at: null,
        token_source: 'configured token',
        token_cache: 'not used',
      });
    } else {
      const t = auth.access;
      Object.assign(status, {
        identity_provider: a.identityProvider ? `${a.identityProvider} (protocol ${a.protocol ?? '-'})` : null,
        user: named(t.userName, t.userId) ?? named(a.username, a.userId),
        project: named(t.projectName, t.projectId),
        methods: t.methods ? t.methods.join(', ') : null,
        region: orNull(config.regionName),
        expires_at: orNull(t.expiresAt),
        token_source: auth.session.source === 'cache' ? 'token cache' : 'Keystone',
        token_cache: auth.tokenCache ? (auth.tokenCache.location?.() ?? 'enabled') : 'disabled (--os-cache, OS_CACHE=true)',
      });
      if (!status.identity_provider) delete status.identity_provider;
    }
    ctx.render.show(status);
  },
});
