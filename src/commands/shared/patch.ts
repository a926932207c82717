/**
 * `<op> <path=value>...` → a JSON-Patch list, as magnumclient's args_array_to_patch
 * (`magnumclient/common/utils.py args_array_to_patch`): values parsed as JSON when they are JSON, `/labels` and
 * `/health_status_reason` sent as the Python repr of the parsed label dict.
 */
import { CommandError } from '../../errors';
import { pyRepr } from '../../output';
import { handleLabels } from './labels';

export type PatchOp = { op: string; path: string; value?: unknown };

function splitAndDeserialize(attr: string): [string, unknown] {
  const eq = attr.indexOf('=');
  if (eq < 0) throw new CommandError(`Attributes must be a list of PATH=VALUE not "${attr}"`);
  const path = attr.slice(0, eq);
  const raw = attr.slice(eq + 1);
  try {
    return [path, JSON.parse(raw)];
  } catch {
    return [path, raw];
  }
}

export function argsArrayToPatch(op: string, attributes: readonly string[]): PatchOp[] {
  return attributes.map((a) => {
    const attr = a.startsWith('/') ? a : `/${a}`;
    if (op === 'add' || op === 'replace') {
      const [path, value] = splitAndDeserialize(attr);
      if (path === '/labels' || path === '/health_status_reason') {
        if (typeof value !== 'string') {
          throw new CommandError(`${path.slice(1)} must be a list of KEY=VALUE pairs, not ${JSON.stringify(value)}`);
        }
        return { op, path, value: pyRepr(handleLabels([value])) };
      }
      return { op, path, value };
    }
    if (op === 'remove') return { op, path: attr };
    throw new CommandError(`Unknown PATCH operation: ${op}`);
  });
}
