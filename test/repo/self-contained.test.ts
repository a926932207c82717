// The repository is the whole project: no file may reach outside it for its evidence
// (a clone from a public host has nothing beside it), and every `<doc>.md §N` citation
// must name a document the repository has.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

/** Tracked files (git ls-files); without git (an unpacked tarball), every file but the build's. */
function projectFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter(Boolean);
  } catch {
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name === 'dist' || name === '.git') continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out.push(relative(ROOT, path));
      }
    };
    walk(ROOT);
    return out;
  }
}

function texts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of projectFiles()) {
    let text: string;
    try {
      text = readFileSync(join(ROOT, file), 'utf8');
    } catch {
      continue; // deleted in the working tree but still tracked
    }
    if (text.includes('\0')) continue; // binary
    out.push([file, text]);
  }
  return out;
}

// Built from parts so that this file does not match itself.
const OUTSIDE = [['..', 'shared'].join('/'), ['/work', 'shared'].join('/')];
const CITATION = new RegExp('([\\w.-]+\\.md)`?\\s*' + '\u00a7', 'g');

describe('the repository stands on its own', () => {
  const files = texts();

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('names no path outside the repository', () => {
    const hits = files.flatMap(([file, text]) =>
      text.split('\n').flatMap((line, i) => (OUTSIDE.some((p) => line.includes(p)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('cites sections only of documents it has', () => {
    const docs = new Set(files.map(([file]) => basename(file)).filter((name) => name.endsWith('.md')));
    const hits = files.flatMap(([file, text]) => [...text.matchAll(CITATION)].filter((m) => !docs.has(m[1])).map((m) => `${file}: ${m[0]}`));
    expect(hits).toEqual([]);
  });

  it('names in code and tests only documents it has (a citation without a section too)', () => {
    const docs = new Set(files.map(([file]) => basename(file)).filter((name) => name.endsWith('.md')));
    const hits = files
      .filter(([file]) => /^(src|test|scripts)\//.test(file))
      .flatMap(([file, text]) => [...text.matchAll(/\b([\w-]+\.md)\b/g)].filter((m) => !docs.has(m[1])).map((m) => `${file}: ${m[1]}`));
    expect(hits).toEqual([]);
  });
});
