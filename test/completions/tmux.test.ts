/**
 * An optional end-to-end check of the shipped bash script through readline: an
 * interactive bash in a tmux pane, keys typed, the screen read back. It catches what
 * calling _magnum directly cannot (how readline inserts `--opt=value` completions, the
 * `complete` registration). Needs tmux: skipped without it, failing under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findExecutable, makeSandbox, REPO } from './shells';
import type { Sandbox } from './shells';
import { describeNeeds } from '../support/tools';

const TMUX = findExecutable('tmux');
const BASH = findExecutable('bash');
const describeTmux = describeNeeds(Boolean(TMUX && BASH), 'tmux (or bash) is not installed (apt-get install -y tmux)');

describeTmux('completions/magnum.bash in an interactive bash (tmux)', () => {
  const socket = `magnum-completion-test-${randomBytes(4).toString('hex')}`;
  let sandbox: Sandbox;
  const tmux = (...args: string[]) => spawnSync(TMUX as string, ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', 'test').stdout;

  /** Types `keys` (tmux key names) and waits until the last non-empty line of the screen is `line`. */
  async function typeAndExpect(keys: string[], line: string): Promise<void> {
    tmux('send-keys', '-t', 'test', ...keys);
    let last = '';
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      last =
        screen()
          .split('\n')
          .filter((l) => l.trim() !== '')
          .pop() ?? '';
      if (last === line) return;
    }
    expect(last).toBe(line);
  }

  beforeAll(async () => {
    sandbox = makeSandbox('names');
    const inputrc = join(sandbox.scratch, 'inputrc');
    writeFileSync(inputrc, 'set bell-style none\n');
    const env = Object.entries({ ...sandbox.env, INPUTRC: inputrc }).map(([k, v]) => `${k}='${v}'`);
    tmux('new-session', '-d', '-s', 'test', '-x', '150', '-y', '20', '-c', sandbox.cwd, `env -i ${env.join(' ')} ${BASH} --norc --noprofile`);
    tmux('send-keys', '-t', 'test', `PS1='$ '; source '${join(REPO, 'completions/magnum.bash')}'; clear`, 'Enter');
    await typeAndExpect([], '$');
  });
  afterAll(() => {
    tmux('kill-server');
    sandbox.dispose();
  });

  it('completes a subcommand, then a cluster name from __complete', async () => {
    await typeAndExpect(['magnum cluster-sh', 'Tab'], '$ magnum cluster-show');
    await typeAndExpect(['al', 'Tab'], '$ magnum cluster-show alpha');
    tmux('send-keys', '-t', 'test', 'C-u');
  });

  it('completes a value typed after --opt=', async () => {
    await typeAndExpect(['magnum cluster-list --sort-dir=d', 'Tab'], '$ magnum cluster-list --sort-dir=desc');
    tmux('send-keys', '-t', 'test', 'C-u');
  });
});
