/**
 * `magnum [<global options>] __complete <resource> [<prefix>]` — the hidden helper the
 * shell completion scripts (completions/, src/completions/) call for dynamic values.
 *
 * Interface (kept stable for the scripts):
 * - <resource> is `clusters` or `cluster-templates`.
 * - stdout: the names of those resources, one per line, in the server's order; only
 *   names starting with <prefix> when one is given. Resources without a name, and names
 *   containing a line break, are left out.
 * - It authenticates like any command (the global options given before `__complete`,
 *   OS_* variables, clouds.yaml) and uses the token cache when that is enabled
 *   (--os-cache, OS_CACHE=true or clouds.yaml `cache: {auth: true}`), so a completion
 *   costs no Keystone round trip while a cached token is valid.
 * - It is silent on any failure: unknown resource, no credentials, network or API
 *   errors all give no output at all and exit status 0, so a shell never shows an error
 *   in the middle of a command line. Usage errors in the global options before
 *   `__complete` are reported by the main parser as usual.
 */
import type { CommandContext } from './types';
import { defineCommand } from './define';
import type { Resource } from '../api/resources';
import { listClusterTemplates, listClusters } from '../api/resources';
import type { MagnumClient } from '../api/client';

const LISTERS: Record<string, (client: MagnumClient) => Promise<Resource[]>> = {
  clusters: (client) => listClusters(client, {}),
  'cluster-templates': (client) => listClusterTemplates(client, {}),
};

async function names(ctx: CommandContext, resource: string, prefix: string): Promise<string[]> {
  const lister = LISTERS[resource];
  if (!lister) return [];
  const items = await lister(ctx.client);
  return items
    .map((item) => item.name)
    .filter((name): name is string => typeof name === 'string' && name !== '' && !/[\r\n]/.test(name) && name.startsWith(prefix));
}

export const complete = defineCommand({
  name: '__complete',
  help: 'Print the names of clusters or cluster templates, one per line (for shell completion).',
  hidden: true,
  // Its connection settings are checked when it first lists, inside run(), so that a
  // missing password is as silent as any other failure.
  needsClient: false,
  // Nothing may reach the terminal while the user is typing, not even the cache notice.
  quiet: true,
  // Free-form words, checked in run(), so that no usage error is ever printed.
  positionals: [{ dest: 'words', metavar: '<resource> [<prefix>]', nargs: '*' }],
  async run(ctx, args) {
    const [resource = '', prefix = ''] = args.words;
    let found: string[] = [];
    try {
      found = await names(ctx, resource, prefix);
    } catch {
      found = [];
    }
    if (found.length > 0) ctx.io.out(`${found.join('\n')}\n`);
    ctx.exitCode = 0;
  },
});
