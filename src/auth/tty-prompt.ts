/**
 * getpass for Node: the prompt on stderr, the answer read from the terminal on stdin
 * with echo off (raw mode), as osc-lib's prompt_for_password asks through getpass.
 * Enter ends the answer; Backspace deletes; Ctrl-D on an empty line is end of input
 * (''); Ctrl-C restores the terminal and ends the process as SIGINT would (exit 130).
 * Loaded only when a question is actually asked.
 */
export function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let answer = '';
    const wasRaw = stdin.isRaw;
    const finish = (): void => {
      stdin.removeListener('data', onData);
      if (stdin.isTTY) stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(answer);
          return;
        }
        if (ch === '\u0003') {
          finish();
          process.kill(process.pid, 'SIGINT');
          return;
        }
        if (ch === '\u0004') {
          if (answer === '') {
            finish();
            resolve('');
            return;
          }
          continue;
        }
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else if (ch >= ' ') answer += ch;
      }
    };
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
