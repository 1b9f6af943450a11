import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBeaconStore } from '../src/index.ts';
import { createFakeLocks, idsOf, makeEvent, START, setup, storedIds } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Tabs of one browser: one store, one lock manager. */
function browser() {
  const store = createMemoryBeaconStore();
  const locks = createFakeLocks();
  const tab = (options: Parameters<typeof setup>[0] = {}) =>
    setup({ store, lock: locks.lock(), ...options });
  return { store, locks, tab };
}

describe('createBeaconQueue: one sending tab', () => {
  it('lets only the lock holder send; the other tabs only append, and it sends theirs', async () => {
    const { tab, store } = browser();
    const a = tab({ answers: ['hang'] }); // a request that takes its time holds the lock
    const b = tab();
    const first = Array.from({ length: 20 }, () => makeEvent());
    for (const event of first) a.queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(10);
    expect(a.transport).toHaveBeenCalledTimes(1);

    const theirs = Array.from({ length: 25 }, () => makeEvent());
    for (const event of theirs) b.queue.enqueue(event);
    // flush() waits a while for the lock, then leaves the events to the tab holding it.
    const flushed = b.queue.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    await flushed;
    expect(b.transport).not.toHaveBeenCalled();
    expect(await storedIds(store)).toEqual(idsOf([...first, ...theirs]));
    expect(a.transport).toHaveBeenCalledTimes(1);
  });

  it('hands the lock on when the sender has nothing left, to a tab with work', async () => {
    const { tab, store, locks } = browser();
    const a = tab();
    const b = tab();
    const mine = makeEvent();
    a.queue.enqueue(mine);
    await a.queue.flush();
    expect(a.sentIds()).toEqual([mine.messageId]);
    expect(locks.held()).toBe(false);
    const theirs = makeEvent();
    b.queue.enqueue(theirs);
    await b.queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.sentIds()).toEqual([theirs.messageId]);
    expect(await storedIds(store)).toEqual([]);
    expect(locks.held()).toBe(false);
  });

  it('resends the batch a dead tab had in flight from the next tab, with the same ids', async () => {
    const { tab, store } = browser();
    const dying = tab({ answers: ['hang'] });
    const survivor = tab();
    const events = Array.from({ length: 20 }, () => makeEvent());
    for (const event of events) dying.queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(10);
    expect(dying.transport).toHaveBeenCalledTimes(1);
    survivor.queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(5000);
    expect(survivor.transport).not.toHaveBeenCalled();

    dying.queue.destroy(); // the tab is closed: its lock frees itself
    await vi.advanceTimersByTimeAsync(0);
    await survivor.queue.flush();
    expect(survivor.sentIds().slice(0, 20)).toEqual(idsOf(events));
    expect(new Set(survivor.sentIds()).size).toBe(21);
    expect(await storedIds(store)).toEqual([]);
  });

  it('sends each stored event once when two tabs start on the same stored queue', async () => {
    const { tab, store } = browser();
    const earlier = setup({ store, answers: [new TypeError('Failed to fetch')] });
    const left = Array.from({ length: 45 }, () => makeEvent());
    for (const event of left) earlier.queue.enqueue(event);
    await earlier.queue.flush();
    earlier.queue.destroy();
    await vi.advanceTimersByTimeAsync(60_000);

    const a = tab();
    const b = tab();
    await Promise.all([a.queue.restore(), b.queue.restore()]);
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all([a.queue.flush(), b.queue.flush()]);
    await vi.advanceTimersByTimeAsync(0);
    const sent = [...a.sentIds(), ...b.sentIds()];
    expect(sent.sort()).toEqual(idsOf(left).sort());
    expect(await storedIds(store)).toEqual([]);
  });

  it('sends every tab its events exactly once when three tabs produce at once', async () => {
    const { tab, store } = browser();
    const tabs = [tab(), tab(), tab()];
    const events = [];
    for (let round = 0; round < 30; round++) {
      for (const { queue } of tabs) {
        const event = makeEvent({ round });
        events.push(event);
        queue.enqueue(event);
      }
      await vi.advanceTimersByTimeAsync(200);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    const sent = tabs.flatMap(({ sentIds }) => sentIds());
    expect(sent.sort()).toEqual(idsOf(events).sort());
    expect(await storedIds(store)).toEqual([]);
  });

  it('lets a tab send the events only it holds (storage refused them) without the lock', async () => {
    const { store, locks } = browser();
    const holder = setup({ store, lock: locks.lock(), answers: ['hang'] });
    for (let i = 0; i < 20; i++) holder.queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(0);
    const brokenStore = { ...store, put: () => Promise.reject(new Error('QuotaExceededError')) };
    const other = setup({ store: brokenStore, lock: locks.lock() });
    const event = makeEvent();
    other.queue.enqueue(event);
    await other.queue.flush();
    expect(other.sentIds()).toEqual([event.messageId]);
  });

  it('gives the lock up on destroy and withdraws a request not yet granted', async () => {
    const { tab, locks } = browser();
    const a = tab({ answers: ['hang'] });
    const b = tab();
    for (let i = 0; i < 20; i++) a.queue.enqueue(makeEvent());
    b.queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(0);
    const flushed = b.queue.flush();
    await vi.advanceTimersByTimeAsync(5000);
    await flushed;
    b.queue.destroy();
    a.queue.destroy();
    await vi.advanceTimersByTimeAsync(0);
    expect(locks.held()).toBe(false);
  });
});
