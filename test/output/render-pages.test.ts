// Lists rendered page by page (docs/performance.md, Large lists) must print exactly what
// the whole-list renderer prints, in every format, whatever the page boundaries.
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { IOStreams } from '../../src/context';
import type { Item } from '../../src/output/cliutils';
import { fieldsToColumns } from '../../src/output/cliutils';
import type { OutputChoice, OutputFormat } from '../../src/output/render';
import { formatRenderer } from '../../src/output/render';

function capture(): IOStreams & { text: () => string; writes: number } {
  const io = {
    chunks: [] as string[],
    writes: 0,
    out(s: string) {
      io.chunks.push(s);
      io.writes++;
    },
    err: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    text: () => io.chunks.join(''),
  };
  return io;
}

async function* inPages(items: readonly Item[], size: number): AsyncGenerator<Item[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
  if (items.length === 0) yield [];
}

const ITEMS: Item[] = Array.from({ length: 23 }, (_, i) => ({
  uuid: `u-${i}`,
  name: i % 5 === 0 ? `naïve ✓ ${i}` : `c${'x'.repeat(i % 7)}`,
  keypair: i % 3 === 0 ? null : 'key',
  node_count: i,
  status: i % 4 === 0 ? 'CREATE_FAILED' : 'CREATE_COMPLETE',
  labels: i % 2 ? { a: `b${i}`, quote: "it's" } : {},
  note: i % 6 === 0 ? 'two\nlines' : 'yes',
  ...(i === 17 ? { late_key: 'only here' } : {}),
}));
const COLUMNS = ['uuid', 'name', 'keypair', 'node_count', 'status', 'note'];

async function both(choice: Partial<OutputChoice>, items: readonly Item[], pageSize: number, fields = '') {
  const full = capture();
  const columnsFor = (first: Item | undefined) => fieldsToColumns(COLUMNS, fields || null, first ? [first] : []);
  formatRenderer(full, { format: 'table', columns: [], yaml: stringify, ...choice }).list(items, columnsFor(items[0]));
  const paged = capture();
  await formatRenderer(paged, { format: 'table', columns: [], yaml: stringify, ...choice }).listPages(inPages(items, pageSize), columnsFor);
  return { full: full.text(), paged: paged.text(), writes: paged.writes };
}

describe('listPages', () => {
  const formats: OutputFormat[] = ['table', 'json', 'yaml', 'value', 'csv'];
  for (const format of formats) {
    it(`${format}: the same bytes as the whole list, for any page size and for an empty list`, async () => {
      for (const size of [1, 4, 23, 100]) {
        const r = await both({ format }, ITEMS, size);
        expect(r.paged).toBe(r.full);
      }
      const empty = await both({ format }, [], 10);
      expect(empty.paged).toBe(empty.full);
      const withColumns = await both({ format, columns: ['name', 'labels', 'node_count'] }, ITEMS, 4);
      expect(withColumns.paged).toBe(withColumns.full);
    });
  }

  it('writes machine formats page by page (not at the end)', async () => {
    const r = await both({ format: 'value' }, ITEMS, 4);
    expect(r.writes).toBe(Math.ceil(ITEMS.length / 4));
  });

  it('takes --fields columns from the first item, as the reference does', async () => {
    const r = await both({}, ITEMS, 4, 'labels,uuid');
    expect(r.paged).toBe(r.full);
    expect(r.paged.split('\n')[1]).toContain('| Labels ');
  });

  it('decides a -c name that only a later page has on the whole list, as list() does', async () => {
    const r = await both({ format: 'json', columns: ['uuid', 'late_key'] }, ITEMS, 4);
    expect(r.paged).toBe(r.full);
    expect(JSON.parse(r.paged)[17]).toEqual({ uuid: 'u-17', late_key: 'only here' });
    const wrong = capture();
    await expect(formatRenderer(wrong, { format: 'json', columns: ['nope'] }).listPages(inPages(ITEMS, 4), () => COLUMNS)).rejects.toThrow(
      /^Unknown column 'nope'\. Available columns: uuid, name/,
    );
    expect(wrong.text()).toBe('');
  });

  it('prints no table when a later page fails (the table is written at the end)', async () => {
    async function* failing(): AsyncGenerator<Item[]> {
      yield ITEMS.slice(0, 4);
      throw new Error('page 2 failed');
    }
    const io = capture();
    await expect(formatRenderer(io, { format: 'table', columns: [] }).listPages(failing(), () => COLUMNS)).rejects.toThrow('page 2 failed');
    expect(io.text()).toBe('');
  });
});
