import { describe, expect, it } from 'vitest';
import { eachInOrder, type Outcome } from '../../../src/commands/shared/each-in-order';

/** A promise with its resolve/reject handles, to settle work items in any order. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('eachInOrder', () => {
  it("reports in the items' order whatever order they settle in, each as soon as it can", async () => {
    const items = ['a', 'b', 'c', 'd'];
    const pending = new Map(items.map((i) => [i, deferred<string>()]));
    const reported: string[] = [];
    const run = eachInOrder(
      items,
      8,
      (i) => pending.get(i)!.promise,
      (i, o: Outcome<string>) => {
        reported.push(o.ok ? `${i}=${o.value}` : `${i}!${(o.error as Error).message}`);
      },
    );
    pending.get('d')!.resolve('D');
    pending.get('b')!.reject(new Error('B'));
    await tick();
    expect(reported).toEqual([]); // a is not answered yet: nothing may be printed
    pending.get('a')!.resolve('A');
    await tick();
    expect(reported).toEqual(['a=A', 'b!B']); // c is still out
    pending.get('c')!.resolve('C');
    await run;
    expect(reported).toEqual(['a=A', 'b!B', 'c=C', 'd=D']);
  });

  it('never has more than `limit` items in flight, and keeps the slots full', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const pending = items.map(() => deferred<void>());
    let inFlight = 0;
    let most = 0;
    const run = eachInOrder(
      items,
      8,
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await pending[i].promise;
        inFlight--;
      },
      () => {},
    );
    await tick();
    expect(inFlight).toBe(8);
    // Settle from the last started backwards: a freed slot is refilled at once.
    for (let i = 7; i >= 0; i--) pending[i].resolve();
    await tick();
    expect(inFlight).toBe(8);
    for (const p of pending) p.resolve();
    await run;
    expect(most).toBe(8);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await eachInOrder(
      [],
      8,
      async () => calls++,
      () => calls++,
    );
    expect(calls).toBe(0);
  });
});
