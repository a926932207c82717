// The one updating progress line of `--wait`: on stderr, and only when stderr is a
// terminal and $CI is unset (gh's and ora's rule, docs/dependencies.md, ora), so that logs and
// pipes get no carriage returns. Plain `\r` and space padding, no escape sequences, so
// it works on any terminal; the line is kept shorter than the terminal to never wrap.
// While it is shown, Ctrl-C (or SIGTERM) blanks it before the process dies of the signal,
// so the shell prompt does not land on a half-overwritten status line.
import type { Context } from '../context';

export interface ProgressLine {
  /** false when nothing is shown (stderr not a terminal, or $CI set). */
  readonly enabled: boolean;
  update(text: string): void;
  /** Blanks the line and returns the cursor to column 0. */
  clear(): void;
}

const SILENT: ProgressLine = { enabled: false, update: () => undefined, clear: () => undefined };

export function progressLine(ctx: Pick<Context, 'io' | 'env' | 'signals'>): ProgressLine {
  if (!ctx.io.stderrIsTTY || ctx.env.CI !== undefined) return SILENT;
  const width = Math.max(20, (ctx.io.columns ?? 80) - 1);
  let shown = 0;
  let unregister: (() => void) | undefined;
  const blank = (): void => {
    if (shown > 0) ctx.io.err(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  return {
    enabled: true,
    update(text) {
      const line = text.length > width ? `${text.slice(0, width - 3)}...` : text;
      ctx.io.err(`\r${line}${' '.repeat(Math.max(0, shown - line.length))}`);
      shown = line.length;
      // The terminal echoes `^C` after the line: blank the whole width, not just the line.
      unregister ??= ctx.signals?.onInterrupt(() => ctx.io.err(`\r${' '.repeat(width)}\r`));
    },
    clear() {
      blank();
      unregister?.();
      unregister = undefined;
    },
  };
}

/** 5s, 1m05s, 1h02m03s. */
export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}
