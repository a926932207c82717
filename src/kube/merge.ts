// `cluster-config --merge` (docs/extensions.md): add one cluster's cluster, user and
// context to the user's kubeconfig and make that context current, the way
// `aws eks update-kubeconfig` and `gcloud container clusters get-credentials` do. Every
// other entry, and the file's own formatting and comments, are kept: the file is edited
// as a YAML document, not re-serialised from a plain object.
import { join } from 'node:path';
import { CommandError } from '../errors';

/** The part of the `yaml` package used here; loaded lazily by the caller (start-up time). */
export type YamlModule = typeof import('yaml');

export interface MergeNames {
  cluster: string;
  user: string;
  context: string;
}

export interface MergeResult {
  text: string;
  /** true when an entry of one of the names was already there and has been replaced. */
  replaced: boolean;
}

/** Where kubectl reads its config: the first path of $KUBECONFIG, else ~/.kube/config. */
export function kubeconfigPath(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const first = (env.KUBECONFIG ?? '').split(':').find((p) => p !== '');
  return first ?? join(homeDir, '.kube', 'config');
}

/** The first entry of a kubeconfig section (`clusters`, `users`, `contexts`) of a one-cluster config. */
function onlyEntry(config: Record<string, unknown>, section: string): Record<string, unknown> {
  const list = config[section];
  const entry = Array.isArray(list) ? (list[0] as unknown) : undefined;
  if (typeof entry !== 'object' || entry === null) throw new Error(`generated kubeconfig has no ${section}`);
  return entry as Record<string, unknown>;
}

/**
 * Merges the single cluster/user/context of `incoming` (a kubeconfig cluster-config
 * rendered) into `existing` (null: no file yet) under `names`. Entries with the same
 * names are replaced in place; the others stay as they are, in their order.
 */
export function mergeKubeconfig(YAML: YamlModule, existing: string | null, incoming: string, names: MergeNames): MergeResult {
  const source = YAML.parse(incoming) as Record<string, unknown>;
  const cluster = { cluster: onlyEntry(source, 'clusters').cluster, name: names.cluster };
  const user = { name: names.user, user: onlyEntry(source, 'users').user ?? {} };
  const context = { context: { cluster: names.cluster, user: names.user }, name: names.context };

  const blank = existing === null || existing.trim() === '';
  const doc = blank
    ? YAML.parseDocument('apiVersion: v1\nclusters: []\ncontexts: []\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: []\n')
    : YAML.parseDocument(existing);
  if (doc.errors.length > 0) throw new CommandError(`cannot parse it as YAML: ${doc.errors[0].message}`);
  if (!YAML.isMap(doc.contents)) throw new CommandError('it is not a kubeconfig (the top level is not a mapping).');

  let replaced = false;
  const upsert = (section: string, entry: Record<string, unknown>): void => {
    let seq = doc.get(section, true);
    if (!YAML.isSeq(seq)) {
      if (seq !== undefined && !(YAML.isScalar(seq) && seq.value === null)) {
        throw new CommandError(`it is not a kubeconfig (${section} is not a list).`);
      }
      seq = doc.createNode([]);
      doc.set(section, seq);
    }
    const items = (seq as import('yaml').YAMLSeq).items;
    const node = doc.createNode(entry);
    const index = items.findIndex((item) => YAML.isMap(item) && item.get('name') === entry.name);
    if (index >= 0) {
      items[index] = node;
      replaced = true;
    } else items.push(node);
  };
  upsert('clusters', cluster);
  upsert('users', user);
  upsert('contexts', context);
  doc.set('current-context', names.context);
  // kubectl's own layout: list items not indented under their key; no line folding.
  return { text: doc.toString({ indentSeq: false, lineWidth: 0 }), replaced };
}
