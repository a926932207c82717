import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/wait/progress';
import type { Signals } from '../../src/context';

/** A terminal on stderr and a signal source the test fires by hand. */
function terminal(columns = 30) {
  let err = '';
  const handlers = new Set<() => void>();
  const signals: Signals = {
    onInterrupt(cleanup) {
      handlers.add(cleanup);
      return () => handlers.delete(cleanup);
    },
  };
  const ctx = { io: { out: () => undefined, err: (s: string) => void (err += s), stdoutIsTTY: true, stderrIsTTY: true, columns }, env: {}, signals };
  return { ctx, handlers, stderr: () => err, interrupt: () => [...handlers].forEach((h) => h()) };
}

describe('progressLine and interrupts', () => {
  it('while shown, an interrupt blanks the whole width (the echoed ^C included)', () => {
    const t = terminal(30);
    const line = progressLine(t.ctx);
    line.update('Waiting: CREATE_IN_PROGRESS');
    expect(t.handlers.size).toBe(1);
    t.interrupt();
    expect(t.stderr()).toBe(`\rWaiting: CREATE_IN_PROGRESS\r${' '.repeat(29)}\r`);
  });

  it('registers once, and unregisters when cleared', () => {
    const t = terminal();
    const line = progressLine(t.ctx);
    line.update('a');
    line.update('b');
    expect(t.handlers.size).toBe(1);
    line.clear();
    expect(t.handlers.size).toBe(0);
  });

  it('registers nothing when no line is shown (stderr not a terminal)', () => {
    const t = terminal();
    const line = progressLine({ ...t.ctx, io: { ...t.ctx.io, stderrIsTTY: false } });
    line.update('a');
    expect(t.handlers.size).toBe(0);
  });
});
