import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gzipIndexChunk, gzipIndexChunkAsync, InOrder } from '../../../src/integrations/pagefind-format.ts';

/**
 * The index chunks are gzipped on the thread pool (pagefind-merge.ts writeJoined): the bundle's
 * bytes must not depend on which thread compressed a chunk or which finished first.
 */
describe('gzipIndexChunkAsync', () => {
  it('gives the bytes gzipIndexChunk gives', async () => {
    const text = Buffer.from('pagefind_dcd'.repeat(5000) + '物业 维修 电梯'.repeat(3000));
    for (const body of [Buffer.alloc(0), text, randomBytes(200_000), Buffer.concat([text, randomBytes(70_000)])])
      expect((await gzipIndexChunkAsync(body)).equals(gzipIndexChunk(body))).toBe(true);
  });
});

/** A promise settled from outside. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InOrder', () => {
  it('hands results on in the order added, whatever order the work finishes in, at most `width` at once', async () => {
    const queue = new InOrder(3);
    const work = Array.from({ length: 7 }, () => deferred<number>());
    const started: number[] = [];
    const handed: number[] = [];
    const adding = (async () => {
      for (const [i, w] of work.entries())
        await queue.add(
          () => {
            started.push(i);
            return w.promise;
          },
          (v) => handed.push(v),
        );
    })();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    work[2]!.resolve(2);
    work[1]!.resolve(1);
    await new Promise((r) => setImmediate(r));
    // Nothing is handed on before the first piece, and no fourth piece starts while it runs.
    expect(handed).toEqual([]);
    expect(started).toEqual([0, 1, 2]);
    for (const i of [6, 5, 4, 3, 0]) work[i]!.resolve(i);
    await adding;
    await queue.done();
    expect(handed).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('takes results that are there already (a cache hit) in their turn', async () => {
    const queue = new InOrder(2);
    const handed: string[] = [];
    const slow = deferred<string>();
    await queue.add(
      () => slow.promise,
      (v) => handed.push(v),
    );
    await queue.add(
      () => 'cached',
      (v) => handed.push(v),
    );
    slow.resolve('compressed');
    await queue.done();
    expect(handed).toEqual(['compressed', 'cached']);
  });

  it('throws a failure where the queue is awaited, and hands on nothing after it', async () => {
    const queue = new InOrder(4);
    const handed: number[] = [];
    await queue.add(
      () => Promise.reject(new Error('gzip failed')),
      (v: number) => handed.push(v),
    );
    await queue.add(
      () => 2,
      (v) => handed.push(v),
    );
    await expect(queue.done()).rejects.toThrow('gzip failed');
    expect(handed).toEqual([]);
  });
});
