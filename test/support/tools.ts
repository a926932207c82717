// Tests that need a program the machine may not have (kubectl, tmux, zsh, fish, man, Debian's
// python3 with the reference's libraries). Without it they are skipped with the reason in
// the title, but under CI=true — where .ci/run installs every one of them first — they
// FAIL instead: a skip there would hide a broken pipeline (docs/testing.md).
import { describe, it } from 'vitest';

type TestFn = () => unknown;

function failingInCi(why: string): TestFn {
  return () => {
    throw new Error(`CI=true but ${why}`);
  };
}

/** `it` when `have`; else a skipped test, or under CI=true a failing one, with the same title. */
export function itNeeds(have: boolean, why: string) {
  return (title: string, fn: TestFn, timeout?: number): void => {
    if (have) it(title, fn, timeout);
    else if (process.env.CI === 'true') it(title, failingInCi(why));
    else it.skip(`${title} [skipped: ${why}]`, fn);
  };
}

/** `describe` when `have`; else skipped with a warning, or under CI=true one failing test. */
export function describeNeeds(have: boolean, why: string) {
  return (title: string, body: () => void): void => {
    if (have) describe(title, body);
    else if (process.env.CI === 'true') describe(title, () => it(`needs it: ${why}`, failingInCi(why)));
    else {
      console.warn(`[skipped] ${title}: ${why}`);
      describe.skip(title, body);
    }
  };
}
