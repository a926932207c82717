/**
 * Runs the completion scripts in real shells. Each test gets a sandbox: a working
 * directory with a few files and directories (for path completion), a HOME, and a PATH
 * holding only the shells and tools needed plus, optionally, a fake `magnum` whose
 * `__complete` prints known names and logs its arguments.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliCommands } from '../../src/completions/table';
import { COMMANDS } from '../../src/commands';
import { COMMON_CASES, FAKE_CLUSTERS, FAKE_TEMPLATES } from './fixture';
import { describeNeeds } from '../support/tools';

export const REPO = resolve(__dirname, '../..');
export const ZSH_HARNESS = join(__dirname, 'zsh-complete.zsh');

export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * describe() for tests that need `shell`: skipped with a message when it is missing, but a
 * failing test under CI=true, where .ci/run installs it (a skip there would hide it).
 */
export function describeWithShell(shell: string, title: string, body: () => void): void {
  describeNeeds(findExecutable(shell) !== undefined, `${shell} is not installed (apt-get install -y ${shell === 'man' ? 'man-db' : shell})`)(
    title,
    body,
  );
}

/** What the fake `magnum` does when asked for names: prints them, fails noisily, or is not there at all. */
export type FakeMagnum = 'names' | 'fails' | 'missing';

export interface Sandbox {
  /** The shells' working directory: files ca.pem and csr.pem, directories certs/ and configs/. */
  cwd: string;
  env: Record<string, string>;
  /** Output files of the zsh harness go here. */
  scratch: string;
  /** One line per run of the fake magnum: its arguments, space-separated. */
  calls(): string[];
  dispose(): void;
}

const TOOLS = ['bash', 'zsh', 'fish', 'grep', 'sleep', 'cat', 'sh'];

function fakeMagnumScript(behaviour: FakeMagnum, log: string): string {
  const logLine = `printf '%s\\n' "$*" >> '${log}'`;
  if (behaviour === 'fails') return `#!/bin/sh\n${logLine}\necho 'ERROR: the cloud is down' >&2\nexit 1\n`;
  const lines = (names: string[]) => names.map((n) => `'${n.replace(/'/g, `'\\''`)}'`).join(' ');
  return [
    '#!/bin/sh',
    logLine,
    'case "$*" in',
    `  *"__complete clusters") printf '%s\\n' ${lines(FAKE_CLUSTERS)} ;;`,
    `  *"__complete cluster-templates") printf '%s\\n' ${lines(FAKE_TEMPLATES)} ;;`,
    'esac',
    // Noise on stderr that the scripts must discard.
    "echo 'a warning on stderr' >&2",
    '',
  ].join('\n');
}

export function makeSandbox(magnum: FakeMagnum): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'magnum-completion-test-'));
  const tools = join(root, 'tools');
  const fake = join(root, 'fake');
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  const scratch = join(root, 'scratch');
  for (const dir of [tools, fake, home, cwd, scratch, join(cwd, 'certs'), join(cwd, 'configs')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(cwd, 'ca.pem'), '');
  writeFileSync(join(cwd, 'csr.pem'), '');
  for (const tool of TOOLS) {
    const path = findExecutable(tool);
    if (path) symlinkSync(path, join(tools, tool));
  }
  const log = join(root, 'magnum-calls.log');
  writeFileSync(log, '');
  if (magnum !== 'missing') {
    writeFileSync(join(fake, 'magnum'), fakeMagnumScript(magnum, log));
    chmodSync(join(fake, 'magnum'), 0o755);
  }
  return {
    cwd,
    scratch,
    env: { PATH: `${fake}${delimiter}${tools}`, HOME: home, LANG: 'C.UTF-8', TERM: 'xterm' },
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface Completion {
  candidates: string[];
  stderr: string;
  status: number | null;
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

const BASH_DRIVER = [
  'source "$1" || exit 3',
  'shift',
  'COMP_WORDS=("$@")',
  'COMP_CWORD=$(( $# - 1 ))',
  'COMP_LINE="$*"',
  'COMP_POINT=${#COMP_LINE}',
  '_magnum',
  '(( ${#COMPREPLY[@]} )) && printf "%s\\n" "${COMPREPLY[@]}"',
  'exit 0',
].join('\n');

/** COMPREPLY of `_magnum` for COMP_WORDS = words (the last one is being completed). */
export function bashComplete(sandbox: Sandbox, script: string, words: string[]): Completion {
  const run = spawnSync(findExecutable('bash') ?? 'bash', ['--norc', '--noprofile', '-c', BASH_DRIVER, 'bash', script, ...words], {
    cwd: sandbox.cwd,
    env: sandbox.env,
    encoding: 'utf8',
    timeout: 20000,
  });
  return { candidates: lines(run.stdout), stderr: run.stderr, status: run.status };
}

/** The candidates of fish's `complete -C line`, without their descriptions. */
export function fishComplete(sandbox: Sandbox, script: string, line: string): Completion {
  const run = spawnSync(findExecutable('fish') ?? 'fish', ['--no-config', '-c', 'source $argv[1]; and complete -C $argv[2]', script, line], {
    cwd: sandbox.cwd,
    env: sandbox.env,
    encoding: 'utf8',
    timeout: 20000,
  });
  return { candidates: lines(run.stdout).map((l) => l.split('\t')[0]), stderr: run.stderr, status: run.status };
}

/** The matches zsh adds for `buffer` + Tab; stderr is the interactive shell's (see zsh-complete.zsh). */
export function zshComplete(sandbox: Sandbox, load: 'source' | 'fpath', where: string, buffer: string): Completion {
  const out = join(sandbox.scratch, 'zsh-matches');
  const run = spawnSync(findExecutable('zsh') ?? 'zsh', ['-f', ZSH_HARNESS, load, where, out, buffer], {
    cwd: sandbox.cwd,
    env: sandbox.env,
    encoding: 'utf8',
    timeout: 20000,
  });
  const shellErrors = existsSync(`${out}.err`) ? readFileSync(`${out}.err`, 'utf8') : '';
  // _files adds its matches more than once (one call per tag it tries); zsh shows each once.
  return { candidates: [...new Set(lines(run.stdout))], stderr: run.stderr + shellErrors, status: run.status };
}

/** Writes `text` as `name` into the sandbox (outside its working directory) and returns its path. */
export function writeScript(sandbox: Sandbox, name: string, text: string): string {
  const path = join(sandbox.scratch, name);
  writeFileSync(path, text);
  return path;
}

export type Runner = (sandbox: Sandbox, script: string, input: string) => Completion;

/**
 * For the enclosing describe: a sandbox with the fake magnum printing names, and the
 * script to test: an existing file (a path), or `text` written in the sandbox as `name`.
 * `complete(input)` returns the candidates and checks that the shell printed nothing on
 * stderr and exited 0.
 */
export function scriptInSandbox(
  script: string | { name: string; text: string },
  run: Runner,
): { complete(input: string): string[]; calls(): string[] } {
  let sandbox: Sandbox;
  let path: string;
  beforeAll(() => {
    sandbox = makeSandbox('names');
    path = typeof script === 'string' ? script : writeScript(sandbox, script.name, script.text);
  });
  afterAll(() => sandbox.dispose());
  return {
    complete(input) {
      const result = run(sandbox, path, input);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return result.candidates;
    },
    calls: () => sandbox.calls(),
  };
}

/** The cluster commands of the real command table, for the tests of the shipped scripts. */
export function shippedClusterCommands(): string[] {
  return cliCommands(COMMANDS)
    .filter((c) => !c.hidden && c.name.startsWith('cluster-'))
    .map((c) => c.name);
}

/**
 * Tests that a script offers no names, silently, when `magnum __complete` fails or magnum
 * is not installed, and that the rest of completion still works.
 */
export function itWorksWithoutNames(fileName: string, text: string, run: Runner, inputs: { names: string; op: string }): void {
  it.each(['fails', 'missing'] as const)('offers no names, silently, when magnum %s', (behaviour) => {
    const sandbox = makeSandbox(behaviour);
    try {
      const script = writeScript(sandbox, fileName, text);
      expect(run(sandbox, script, inputs.names)).toEqual({ candidates: [], stderr: '', status: 0 });
      expect(run(sandbox, script, inputs.op).candidates).toEqual(['add']);
      expect(sandbox.calls()).toEqual(behaviour === 'fails' ? ['__complete clusters'] : []);
    } finally {
      sandbox.dispose();
    }
  });
}

/** The COMMON_CASES, as tests of one shell's `complete`. */
export function itCompletesTheCommonCases(complete: (line: string) => string[]): void {
  it.each(COMMON_CASES)('%j', (line, expected) => {
    expect([...complete(line)].sort()).toEqual([...expected].sort());
  });
}
