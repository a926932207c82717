/**
 * `--labels` parsing exactly as magnumclient's handle_labels/format_labels
 * (`magnumclient/common/utils.py format_labels`): a single --labels with more than one `=` is split on `,`
 * (after `;` → `,`); each item splits at its first `=`; a repeated key is joined with `,`.
 */
import { readFileSync } from 'node:fs';
import { CommandError } from '../../errors';
import { pyJsonDumps } from '../../output/pyjson';

export function formatLabels(items: readonly string[] | null | undefined): Record<string, string> {
  if (!items || items.length === 0) return {};
  let list = [...items];
  if (list.length === 1 && list[0].split('=').length - 1 > 1) list = list[0].replace(/;/g, ',').split(',');
  const labels: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new CommandError(`labels must be a list of KEY=VALUE not ${item}`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (Object.prototype.hasOwnProperty.call(labels, key)) labels[key] += `,${value}`;
    else labels[key] = value;
  }
  return labels;
}

export function handleLabels(items: readonly string[] | null | undefined): Record<string, string> {
  const labels = formatLabels(items);
  if (Object.prototype.hasOwnProperty.call(labels, 'mesos_slave_executor_env_file')) {
    const file = labels.mesos_slave_executor_env_file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw new CommandError(`Cannot get JSON from file '${file}'. Error: ${(e as Error).message}`);
    }
    try {
      // oslo jsonutils.dumps: json.dumps with its default separators.
      labels.mesos_slave_executor_env_variables = pyJsonDumps(JSON.parse(text));
    } catch (e) {
      throw new CommandError(`For JSON: '${text}', error: '${(e as Error).message}'`);
    }
  }
  return labels;
}

export interface Taint {
  key: string;
  value: string;
  effect: string;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * `--node-taints` as python-magnumclient 5.0.0's handle_taints: a single value is split on
 * `,` (after `;` → `,`); each item is KEY[=VALUE]:EFFECT, split at its last `:` and first `=`.
 */
export function handleTaints(items: readonly string[] | null | undefined): Taint[] {
  if (!items || items.length === 0) return [];
  const list = items.length === 1 ? items[0].replace(/;/g, ',').split(',') : [...items];
  return list.map((raw) => {
    const colon = raw.lastIndexOf(':');
    if (colon < 0) throw new CommandError(`taints must be a list of KEY[=VALUE]:EFFECT, not ${raw}`);
    const head = raw.slice(0, colon);
    const effect = raw.slice(colon + 1);
    const eq = head.indexOf('=');
    const key = eq < 0 ? head : head.slice(0, eq);
    const value = eq < 0 ? '' : head.slice(eq + 1);
    if (key === '' || !TAINT_EFFECTS.includes(effect)) {
      throw new CommandError(`taints must be KEY[=VALUE]:EFFECT where EFFECT is one of NoSchedule, PreferNoSchedule, NoExecute, not ${raw}`);
    }
    return { key, value, effect };
  });
}
