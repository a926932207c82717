/**
 * Bounded concurrency with ordered reporting: `work` runs on at most `limit` items at a
 * time, and `report` sees each outcome in the items' order — as soon as that item and all
 * items before it have settled, so output streams without reordering.
 */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export async function eachInOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  report: (item: T, outcome: Outcome<R>) => void,
): Promise<void> {
  const outcomes: (Outcome<R> | undefined)[] = new Array(items.length);
  let started = 0;
  let reported = 0;
  const flush = (): void => {
    while (reported < items.length && outcomes[reported] !== undefined) {
      const outcome = outcomes[reported] as Outcome<R>;
      outcomes[reported] = undefined; // the reported outcome is not kept
      report(items[reported], outcome);
      reported++;
    }
  };
  const worker = async (): Promise<void> => {
    while (started < items.length) {
      const index = started++;
      let outcome: Outcome<R>;
      try {
        outcome = { ok: true, value: await work(items[index]) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      outcomes[index] = outcome;
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
