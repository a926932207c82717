/**
 * Build-time entry (scripts/build.mjs bundles and runs it): writes the completion
 * scripts and the man page for the CLI's command table, leaving unchanged files alone.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../program';
import { COMMANDS } from '../commands';
import { completionScripts } from './generate';
import { renderManPage } from './man';
import { cliCommands, cliGlobalOptions, manCommands } from './table';

/** man/magnum.1 */
export function manPage(): string {
  return renderManPage({ version: VERSION, commands: manCommands(COMMANDS), globals: cliGlobalOptions() });
}

/** Returns the names of the files it (re)wrote. */
export function writeCompletions(dir: string): string[] {
  return writeFiles(dir, completionScripts(cliCommands(COMMANDS), cliGlobalOptions()));
}

export function writeManPage(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return writeFiles(dir, { 'magnum.1': manPage() });
}

function writeFiles(dir: string, files: Record<string, string>): string[] {
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
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
