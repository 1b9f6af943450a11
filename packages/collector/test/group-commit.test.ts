import { describe, expect, it, vi } from 'vitest';
import { createGroupCommit } from '../src/group-commit.ts';
import { createEventStore, type EventStore, type PendingBatch } from '../src/index.ts';
import { batchOf, startCollector, trackEvent } from './support/collector-harness.ts';

const batch = (ids: string[]): PendingBatch => ({
  events: ids.map((messageId) => trackEvent({ messageId }) as PendingBatch['events'][number]),
  receivedAt: '2024-05-01T10:00:00.000Z',
  writeKey: null,
});

describe('group commit', () => {
  it('writes batches that arrive together in one transaction, answering each with its own counts', async () => {
    const store = createEventStore(':memory:');
    const spy = vi.spyOn(store, 'insertBatches');
    const commit = createGroupCommit(store);

    const results = await Promise.all([
      commit(batch(['a', 'b'])),
      commit(batch(['b', 'c'])), // b is already in the group: a duplicate
      commit(batch(['d'])),
    ]);

    expect(spy).toHaveBeenCalledTimes(1);
    expect(results).toEqual([
      { stored: 2, duplicates: 0 },
      { stored: 1, duplicates: 1 },
      { stored: 1, duplicates: 0 },
    ]);
    expect(store.totals().events).toBe(4);
    store.close();
  });

  it('fails only the batch that cannot be written, storing its neighbours', async () => {
    const real = createEventStore(':memory:');
    const poisoned: EventStore = {
      ...real,
      insertBatches(batches) {
        if (batches.some((pending) => pending.events.some((e) => e.messageId === 'poison'))) {
          throw new Error('disk says no');
        }
        return real.insertBatches(batches);
      },
    };
    const commit = createGroupCommit(poisoned);

    const outcomes = await Promise.allSettled([
      commit(batch(['ok-1'])),
      commit(batch(['poison'])),
      commit(batch(['ok-2'])),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(
      real
        .recentEvents(10)
        .map((event) => event.messageId)
        .sort(),
    ).toEqual(['ok-1', 'ok-2']);
    real.close();
  });

  it('answers every one of many concurrent HTTP batches with 200 after storing it', async () => {
    const harness = await startCollector();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        harness.post('/v1/batch', batchOf([trackEvent({ messageId: `concurrent-${i}` })])),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    expect(harness.store.totals().events).toBe(12);
    await harness.dispose();
  });
});
