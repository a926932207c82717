/**
 * Build-time entry (scripts/build.mjs bundles and runs it): writes the completion
 * scripts for the CLI's command table into a directory, leaving unchanged files alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completionScripts } from './generate';
import { cliCommands, cliGlobalOptions } from './table';

/** Returns the names of the files it (re)wrote. */
export function writeCompletions(dir: string): string[] {
  const written: string[] = [];
  for (const [name, text] of Object.entries(completionScripts(cliCommands(), cliGlobalOptions()))) {
    const path = join(dir, name);
    let current: string | undefined;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    writeFileSync(path, text, { mode: 0o644 });
    written.push(name);
  }
  return written;
}
