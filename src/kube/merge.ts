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
  /**
   * true when a context of that name was already there and has been updated: what the
   * message says ("Updated context"). A cluster or user entry of the same name alone does
   * not count, since the context the user switches to is new.
   */
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

/** A change to the existing text: [start, end) replaced by `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Column of `offset` in `text`. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * A mapping as block YAML in kubectl's layout, its first line unindented (it follows `- ` or a
 * key) and the others indented to `column`, without the final newline.
 */
function blockAt(YAML: YamlModule, value: Record<string, unknown>, column: number): string {
  const lines = YAML.stringify(value, YAML_OPTIONS).replace(/\n$/, '').split('\n');
  return lines.map((line, i) => (i === 0 || line === '' ? line : ' '.repeat(column) + line)).join('\n');
}

/** A scalar as YAML: plain when it reads back as the same string, else quoted. */
function scalarText(YAML: YamlModule, value: string): string {
  return YAML.stringify(value, YAML_OPTIONS).replace(/\n$/, '');
}

// kubectl's layout (list items not indented under their key, no line folding), and YAML 1.1
// quoting: kubectl's parser (sigs.k8s.io/yaml) reads a plain `yes`, `on` or `off` as a boolean.
const YAML_OPTIONS = { version: '1.1', indentSeq: false, lineWidth: 0 } as const;

type Node = import('yaml').Node;
type Pair = import('yaml').Pair;

/**
 * Merges the single cluster/user/context of `incoming` (a kubeconfig cluster-config
 * rendered) into `existing` (null: no file yet) under `names`. The existing text is changed
 * only where our entries go: an entry with one of the names is replaced where it stands
 * (a context keeps what the user added to it, e.g. its namespace: only its cluster and user
 * change), a new one is appended to its list, and `current-context` is set; every other byte
 * (entries, comments, quoting, flow style, indentation) stays as it was.
 */
export function mergeKubeconfig(YAML: YamlModule, existing: string | null, incoming: string, names: MergeNames): MergeResult {
  const source = YAML.parse(incoming) as Record<string, unknown>;
  const entries: Record<string, Record<string, unknown>> = {
    clusters: { cluster: onlyEntry(source, 'clusters').cluster, name: names.cluster },
    users: { name: names.user, user: onlyEntry(source, 'users').user ?? {} },
    contexts: { context: { cluster: names.cluster, user: names.user }, name: names.context },
  };

  if (existing === null || existing.trim() === '') {
    const list = (section: string): string => `${section}:\n- ${blockAt(YAML, entries[section], 2)}\n`;
    const text = `apiVersion: v1\n${list('clusters')}${list('contexts')}current-context: ${scalarText(YAML, names.context)}\nkind: Config\npreferences: {}\n${list('users')}`;
    return { text, replaced: false };
  }

  const doc = YAML.parseDocument(existing);
  if (doc.errors.length > 0) throw new CommandError(`cannot parse it as YAML: ${doc.errors[0].message}`);
  if (!YAML.isMap(doc.contents)) throw new CommandError('it is not a kubeconfig (the top level is not a mapping).');
  const top = doc.contents;
  const text = existing;
  const edits: Edit[] = [];
  // New top-level keys go at the end of the document, each on its own line.
  const atEnd = (key: string, body: string): void => {
    edits.push({ start: text.length, end: text.length, text: `${text.endsWith('\n') ? '' : '\n'}${key}:${body}\n` });
  };
  const pairOf = (key: string): Pair | undefined => top.items.find((p) => YAML.isScalar(p.key) && p.key.value === key) as Pair | undefined;
  const range = (node: unknown): [number, number, number] => (node as Node).range as [number, number, number];
  // A block node's range runs to the start of the next line: its text ends at the last non-blank.
  const textEnd = (node: unknown): number => {
    let end = range(node)[1];
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    return end;
  };
  let replaced = false;

  for (const [section, entry] of Object.entries(entries)) {
    const pair = pairOf(section);
    const value = pair?.value;
    if (pair === undefined) {
      atEnd(section, `\n- ${blockAt(YAML, entry, 2)}`);
      continue;
    }
    const asNewList = `\n- ${blockAt(YAML, entry, 2)}`;
    if (value === null || value === undefined || (YAML.isScalar(value) && value.value === null)) {
      // `users:` or `users: null` (what kubectl writes for an empty list).
      const at = value == null ? range(pair.key)[1] + 1 : range(value)[0] - 1;
      const end = value == null ? at : range(value)[1];
      edits.push({ start: at, end, text: asNewList });
      continue;
    }
    if (!YAML.isSeq(value)) throw new CommandError(`it is not a kubeconfig (${section} is not a list).`);
    if (value.flow || value.items.length === 0) {
      // `clusters: []` or a flow list: rewritten as a block list, ours last.
      const items = [...(value.toJSON() as unknown[]).filter((e) => (e as Named | null)?.name !== entry.name), entry];
      if (section === 'contexts') replaced ||= (value.toJSON() as unknown[]).length !== items.length - 1;
      const [start, end] = range(value);
      edits.push({ start: start - 1, end, text: items.map((e) => `\n- ${blockAt(YAML, e as Record<string, unknown>, 2)}`).join('') });
      continue;
    }
    const index = value.items.findIndex((item) => YAML.isMap(item) && item.get('name') === entry.name);
    if (index < 0) {
      const last = value.items[value.items.length - 1];
      const lineStart = text.lastIndexOf('\n', range(last)[0] - 1) + 1;
      const dash = text.indexOf('-', lineStart) - lineStart;
      // After the end of the last item's last line (a comment on it stays there).
      const lineEnd = text.indexOf('\n', textEnd(last));
      const at = lineEnd < 0 ? text.length : lineEnd;
      edits.push({ start: at, end: at, text: `\n${' '.repeat(dash)}- ${blockAt(YAML, entry, dash + 2)}` });
      continue;
    }
    if (section === 'contexts') replaced = true;
    const item = value.items[index] as import('yaml').YAMLMap;
    const start = range(item)[0];
    const end = textEnd(item);
    if (section === 'contexts') {
      const context = item.get('context', true);
      const cluster = YAML.isMap(context) ? context.get('cluster', true) : undefined;
      const user = YAML.isMap(context) ? context.get('user', true) : undefined;
      if (YAML.isScalar(cluster) && YAML.isScalar(user)) {
        // Only the two values change: the user's namespace, extensions and comments stay.
        edits.push({ start: range(cluster)[0], end: range(cluster)[1], text: scalarText(YAML, names.cluster) });
        edits.push({ start: range(user)[0], end: range(user)[1], text: scalarText(YAML, names.user) });
        continue;
      }
      const kept = YAML.isMap(context) ? (context.toJSON() as Record<string, unknown>) : {};
      edits.push({
        start,
        end,
        text: blockAt(YAML, { ...entry, context: { ...kept, cluster: names.cluster, user: names.user } }, columnOf(text, start)),
      });
      continue;
    }
    edits.push({ start, end, text: blockAt(YAML, entry, columnOf(text, start)) });
  }

  const current = pairOf('current-context');
  const name = scalarText(YAML, names.context);
  if (current === undefined) atEnd('current-context', ` ${name}`);
  else if (current.value == null) edits.push({ start: range(current.key)[1] + 1, end: range(current.key)[1] + 1, text: ` ${name}` });
  else edits.push({ start: range(current.value)[0], end: range(current.value)[1], text: name });

  // Applied from the end, so earlier offsets stay valid; appends at the very end keep their order.
  let merged = text;
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  for (const e of ordered) merged = merged.slice(0, e.start) + e.text + merged.slice(e.end);
  return { text: merged, replaced };
}

type Named = { name?: unknown };
