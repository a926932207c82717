/**
 * Python's `json.dumps(value, indent=indent)` with its defaults (ensure_ascii, key order
 * as given), for values parsed from JSON: the one writer of Python-style JSON, behind
 * cliff's JSON formatter (src/output/formats.ts) and the `--labels` value magnumclient
 * builds with oslo `jsonutils.dumps` (src/commands/shared/labels.ts).
 * - No indent: `", "` between items and `": "` after keys, all on one line.
 * - An indent: one item per line, `","` at line ends, `[]`/`{}` for empty containers,
 *   which is what JSON.stringify writes too.
 * Every character outside ASCII (and DEL) is written `\uXXXX` (surrogate pairs as two).
 * Python would write a float with a fractional part (`1.0`); after JSON.parse that is
 * the number 1 and is written `1`, as everywhere in this CLI (src/output/pyrepr.ts).
 */
export function pyJsonDumps(value: unknown, indent?: number): string {
  return escapeNonAscii(indent === undefined ? compact(value) : JSON.stringify(value, null, indent));
}

function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

function escapeNonAscii(json: string): string {
  // Outside string literals JSON text is ASCII, so a global replace only touches strings.
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
