/**
 * How list and show commands hand their results to the output layer. The default is
 * the reference's prettytable look; `-f/--format` and `-c/--column` (OSC's meanings)
 * select other formats without the commands knowing about them.
 */
import type { IOStreams } from '../context';
import type { Item, PrintListOptions } from './cliutils';
import { printDict, printList } from './cliutils';

export interface Renderer {
  /** A table of `items`; `columns` are field names (or labels when `fieldLabels` is given). */
  list(items: readonly Item[], columns: readonly string[], opts?: PrintListOptions): void;
  /** A Property/Value table of one resource (without `links`). */
  show(obj: Item): void;
}

export function tableRenderer(io: IOStreams): Renderer {
  return {
    list: (items, columns, opts) => io.out(printList(items, columns, { sortByIndex: null, ...opts })),
    show: (obj) => io.out(printDict(obj)),
  };
}
