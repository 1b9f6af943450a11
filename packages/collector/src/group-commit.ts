import type { EventStore, InsertResult, PendingBatch } from './types.ts';

/** Stores one request's events; resolves once they are committed. */
export type Commit = (batch: PendingBatch) => Promise<InsertResult>;

interface Waiting {
  batch: PendingBatch;
  resolve: (result: InsertResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the ingest route. With `synchronous = FULL` every transaction waits for
 * the disk, so a transaction per request caps ingest at the disk's sync rate. Instead,
 * requests whose bodies arrive together (the same turn of the event loop, while the previous
 * commit held it) are written in one transaction, and each is answered after that commit.
 * When a group fails, its batches are retried one by one, so that one bad batch cannot cost
 * its neighbours their 200.
 */
export function createGroupCommit(store: EventStore): Commit {
  let queue: Waiting[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const group = queue;
    queue = [];
    if (group.length === 0) return;
    try {
      const results = store.insertBatches(group.map((waiting) => waiting.batch));
      for (const [index, waiting] of group.entries()) waiting.resolve(results[index]!);
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const waiting of group) {
        try {
          waiting.resolve(store.insertBatches([waiting.batch])[0]!);
        } catch (single) {
          waiting.reject(single);
        }
      }
    }
  }

  return (batch) =>
    new Promise<InsertResult>((resolve, reject) => {
      queue.push({ batch, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // After the I/O callbacks of this turn: the other bodies that arrived join the group.
        setImmediate(flush);
      }
    });
}
