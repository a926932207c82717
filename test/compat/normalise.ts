/**
 * The normalisations the compatibility harness applies before comparing the reference
 * with ours. They are exactly the deliberate differences listed in README.md and
 * docs/architecture.md (see docs/testing.md); anything else is a real difference.
 */

/** `magnumclient/common/cliutils.py deprecation_map`: printed on stdout by every deprecated command of the reference. */
export const DEPRECATION_BANNER =
  'WARNING: The magnum client is deprecated and will be removed in a future release.\n' + 'Use the OpenStack client to avoid seeing this message.\n';

/**
 * Warnings the reference prints on stdout and ours on stderr (README "Deliberate
 * differences" 3): the old-option, --name and --cluster warnings (`magnumclient/common/cliutils.py deprecation_map`)
 * and cluster-config's api_address warning (`magnumclient/common/utils.py config_cluster`).
 */
const MOVED_WARNINGS = [
  /^WARNING: The --[\w-]+ parameter is deprecated and will be removed in a future release\. Use the .+ to avoid seeing this message\.$/,
  /^WARNING: The cluster's api_address is not known yet\.$/,
];

export interface SplitStdout {
  /** stdout without the banner and the deprecated-option warnings. */
  text: string;
  /** The warning lines that were removed (ours must print them on stderr), in order. */
  movedWarnings: string[];
}

/** Removes the reference's deprecation banner (every occurrence) and the moved warnings. */
export function stripReferenceWarnings(stdout: string): SplitStdout {
  const withoutBanner = stdout.split(DEPRECATION_BANNER).join('');
  const movedWarnings: string[] = [];
  const kept: string[] = [];
  for (const line of withoutBanner.split(/(?<=\n)/)) {
    const bare = line.replace(/\n$/, '');
    if (MOVED_WARNINGS.some((re) => re.test(bare))) movedWarnings.push(bare);
    else kept.push(line);
  }
  return { text: kept.join(''), movedWarnings };
}

/** Every occurrence of each path (longest first) replaced by its placeholder. */
export function substitutePaths(text: string, paths: Record<string, string>): string {
  const entries = Object.entries(paths).sort((a, b) => b[1].length - a[1].length);
  let out = text;
  for (const [placeholder, path] of entries) {
    if (path) out = out.split(path).join(placeholder);
  }
  return out;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const REQUEST_ID = /req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(\+00:00|Z)?/g;

/** Opt-in normalisers for a case's `normalise` option (never applied by default). */
export const normalisers = {
  uuids: (text: string): string => text.replace(UUID, '<UUID>'),
  requestIds: (text: string): string => text.replace(REQUEST_ID, 'req-<ID>'),
  timestamps: (text: string): string => text.replace(TIMESTAMP, '<TIME>'),
  /** Our help's trailing `Additional options (this client):` section (README difference 14); the reference has none. */
  helpAdditions: (text: string): string => text.replace(/\nAdditional options \(this client\):\n(?: {2}.*\n)*/g, ''),
};

/**
 * Decodes a Python bytes repr (`b'…'` or `b"…"`, `magnumclient/shell.py main`) into the UTF-8
 * text it encodes. Returns undefined when `repr` is not one.
 */
export function decodePyBytesRepr(repr: string): string | undefined {
  const m = /^b(['"])([\s\S]*)\1$/.exec(repr);
  if (!m) return undefined;
  const body = m[2];
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, '\\': 0x5c, "'": 0x27, '"': 0x22 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (next === 'x') {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next in simple) {
      bytes.push(simple[next]);
    } else {
      bytes.push(0x5c, ...Buffer.from(next ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A stderr with each `ERROR: b'…'` line of the reference (`magnumclient/shell.py main`) as `ERROR: <text>`. */
export function decodeErrorLines(stderr: string): string {
  return stderr
    .split('\n')
    .map((line) => {
      if (!line.startsWith('ERROR: ')) return line;
      const text = decodePyBytesRepr(line.slice('ERROR: '.length));
      return text === undefined ? line : `ERROR: ${text}`;
    })
    .join('\n');
}

/** The `ERROR: …` lines of a stderr, without the `ERROR: ` prefix. */
export function errorLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('ERROR: '))
    .map((l) => l.slice('ERROR: '.length));
}
