import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BeaconStore, createMemoryBeaconStore } from '../src/index.ts';
import { idsOf, makeEvent, START, setup, storedIds } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A receiver that asks for a long pause, so that events pile up. */
const busy = { otherwise: { status: 503, retryAfter: '300' } } as const;

describe('createBeaconQueue: persistence', () => {
  it('writes every event to the store before it is sent', async () => {
    const store = createMemoryBeaconStore();
    const seenAtSend: string[][] = [];
    const { queue } = setup({
      store,
      transport: async () => {
        seenAtSend.push(await storedIds(store));
        return { status: 200 };
      },
    });
    const events = [makeEvent(), makeEvent()];
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    expect(seenAtSend).toEqual([idsOf(events)]);
    expect(await storedIds(store)).toEqual([]);
  });

  it('stores one record per event, keyed so that keys sort in capture order', async () => {
    const { queue, store } = setup(busy);
    // All in the same millisecond: the keys must still keep the order.
    const events = Array.from({ length: 30 }, () => makeEvent());
    for (const event of events) queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(0);
    const keys = await store.keys();
    expect(keys).toHaveLength(30);
    expect(await storedIds(store)).toEqual(idsOf(events));
  });

  it('writes the events of one task in one transaction', async () => {
    const store = createMemoryBeaconStore();
    const put = vi.spyOn(store, 'put');
    const { queue } = setup({ store, ...busy });
    for (let i = 0; i < 10; i++) queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(0);
    expect(put).toHaveBeenCalledTimes(1);
    expect(put.mock.calls[0]![0]).toHaveLength(10);
  });

  it('resends on the next page what a previous page left undelivered, with the same ids', async () => {
    const store = createMemoryBeaconStore();
    const first = setup({ store, answers: [new TypeError('offline')] });
    const left = [makeEvent(), makeEvent()];
    for (const event of left) first.queue.enqueue(event);
    await first.queue.flush();
    first.queue.destroy();
    expect(await storedIds(store)).toEqual(idsOf(left));
    await vi.advanceTimersByTimeAsync(60_000);

    const second = setup({ store });
    await second.queue.restore();
    const fresh = makeEvent();
    second.queue.enqueue(fresh);
    await second.queue.flush();
    expect(second.sentIds()).toEqual(idsOf([...left, fresh]));
    expect(await storedIds(store)).toEqual([]);
  });

  it('sends nothing on restore when nothing was left', async () => {
    const { queue, transport } = setup();
    await queue.restore();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(transport).not.toHaveBeenCalled();
  });
});

describe('createBeaconQueue: caps', () => {
  it('keeps at most 1,000 events, dropping the oldest and reporting how many once', async () => {
    const { queue, store, errors } = setup(busy);
    const events = Array.from({ length: 1005 }, () => makeEvent());
    for (const event of events) queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(0);
    expect(await storedIds(store)).toEqual(idsOf(events.slice(5)));
    expect(errors).toEqual([
      {
        code: 'queue_full',
        message: expect.stringMatching(/^5 events dropped: queue over 1000 events/),
      },
    ]);
  });

  it('keeps at most 2 MB of events', async () => {
    const { queue, store, errors } = setup(busy);
    const events = Array.from({ length: 100 }, () => makeEvent({ text: 'z'.repeat(30_000) }));
    for (const event of events) queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(0);
    const kept = await storedIds(store);
    expect(kept.length).toBeLessThan(100);
    expect(kept).toEqual(idsOf(events.slice(100 - kept.length)));
    const bytes = (await store.get(await store.keys())).reduce((sum, r) => sum + r!.bytes, 0);
    expect(bytes).toBeLessThanOrEqual(2_000_000);
    expect(errors.map((error) => error.code)).toEqual(['queue_full']);
    expect(errors[0]!.message).toMatch(new RegExp(`^${100 - kept.length} events dropped`));
  });

  it('reports further drops at most once per flush interval, with their count', async () => {
    const { queue, errors } = setup({ ...busy, maxEvents: 10 });
    for (let i = 0; i < 12; i++) queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 3; i++) queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(4000);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors.map((error) => error.message.split(':')[0])).toEqual([
      '2 events dropped',
      '3 events dropped',
    ]);
  });
});

describe('createBeaconQueue: storage failures', () => {
  it('keeps events in memory and still delivers them when the store refuses writes', async () => {
    const store = createMemoryBeaconStore();
    vi.spyOn(store, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    const { queue, sentIds, logs } = setup({ store });
    const events = [makeEvent(), makeEvent()];
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    const later = makeEvent();
    queue.enqueue(later);
    await queue.flush();
    expect(sentIds()).toEqual(idsOf([...events, later]));
    expect(logs.filter((line) => line.includes('keeping them in memory'))).toHaveLength(1);
  });

  it('keeps sending when the store cannot be read', async () => {
    const store: BeaconStore = {
      ...createMemoryBeaconStore(),
      keys: () => Promise.reject(new Error('gone')),
    };
    const { queue, sentIds } = setup({ store });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(sentIds()).toEqual([event.messageId]);
  });
});
