import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBeaconStore } from '../src/index.ts';
import { byteLength, ENDPOINT, idsOf, makeEvent, START, setup, storedIds } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

/** sendBeacon that accepts bodies up to `limit` bytes and records what it took. */
function fakeBeacon(limit = Number.POSITIVE_INFINITY) {
  const offered: number[] = [];
  const taken: string[] = [];
  const sendBeacon = vi.fn((url: string, body: string) => {
    expect(url).toBe(ENDPOINT);
    offered.push(byteLength(body));
    if (byteLength(body) > limit) return false;
    taken.push(body);
    return true;
  });
  const ids = () => taken.flatMap((body) => idsOf((JSON.parse(body) as { batch: never[] }).batch));
  return { sendBeacon, offered, taken, ids };
}

const tenKb = () => makeEvent({ text: 'y'.repeat(10_000) });

describe('createBeaconQueue: flushOnExit', () => {
  it('hands queued events to sendBeacon in order, in bodies of at most 48 KB with the write key', async () => {
    const beacon = fakeBeacon();
    const { queue, transport } = setup({ sendBeacon: beacon.sendBeacon, flushIntervalMs: 60_000 });
    const events = Array.from({ length: 12 }, tenKb);
    for (const event of events) queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(0);
    transport.mockClear();
    queue.flushOnExit();
    expect(beacon.taken.length).toBeGreaterThan(2);
    for (const body of beacon.taken) {
      expect(byteLength(body)).toBeLessThanOrEqual(48 * 1024);
      expect(JSON.parse(body)).toMatchObject({ writeKey: 'pk_test', sentAt: expect.any(String) });
    }
    expect(beacon.ids()).toEqual(idsOf(events));
  });

  it('halves the chunk to 24 KB, then 16 KB, when the browser refuses one', () => {
    const beacon = fakeBeacon(17_000);
    const { queue } = setup({ sendBeacon: beacon.sendBeacon, flushIntervalMs: 60_000 });
    const events = Array.from({ length: 6 }, () => makeEvent({ text: 'y'.repeat(7_000) }));
    for (const event of events) queue.enqueue(event);
    queue.flushOnExit();
    expect(beacon.offered[0]).toBeGreaterThan(24 * 1024);
    expect(beacon.offered[1]).toBeGreaterThan(16 * 1024);
    expect(beacon.offered[1]).toBeLessThanOrEqual(24 * 1024);
    for (const size of beacon.offered.slice(2)) expect(size).toBeLessThanOrEqual(16 * 1024);
    expect(beacon.ids()).toEqual(idsOf(events));
  });

  it('stops at a refusal at 16 KB: the rest stay stored and go out by fetch', async () => {
    const beacon = fakeBeacon(0);
    const { queue, store, sentIds } = setup({ sendBeacon: beacon.sendBeacon });
    const events = Array.from({ length: 5 }, tenKb);
    for (const event of events) queue.enqueue(event);
    queue.flushOnExit();
    expect(beacon.offered).toHaveLength(3); // 48 KB, 24 KB, 16 KB
    await vi.advanceTimersByTimeAsync(0);
    expect(await storedIds(store)).toEqual(idsOf(events));
    await queue.flush();
    expect(sentIds()).toEqual(idsOf(events));
  });

  it('keeps beaconed events stored, so that the next page resends them with the same ids', async () => {
    const store = createMemoryBeaconStore();
    const beacon = fakeBeacon();
    const first = setup({ store, sendBeacon: beacon.sendBeacon });
    const events = [makeEvent(), makeEvent()];
    for (const event of events) first.queue.enqueue(event);
    first.queue.flushOnExit();
    await vi.advanceTimersByTimeAsync(0);
    first.queue.destroy();
    expect(beacon.ids()).toEqual(idsOf(events));
    expect(await storedIds(store)).toEqual(idsOf(events));

    await vi.advanceTimersByTimeAsync(60_000);
    const second = setup({ store });
    await second.queue.restore();
    await second.queue.flush();
    expect(second.sentIds()).toEqual(idsOf(events));
    expect(await storedIds(store)).toEqual([]);
  });

  it('confirms beaconed events by fetch while the page lives on', async () => {
    const beacon = fakeBeacon();
    const { queue, store, sentIds } = setup({ sendBeacon: beacon.sendBeacon });
    const event = makeEvent();
    queue.enqueue(event);
    queue.flushOnExit(); // hidden: the user switched tabs
    await vi.advanceTimersByTimeAsync(5000);
    expect(sentIds()).toEqual([event.messageId]);
    expect(await storedIds(store)).toEqual([]);
  });

  it('beacons an event once, though hidden and pagehide both fire', () => {
    const beacon = fakeBeacon();
    const { queue } = setup({ sendBeacon: beacon.sendBeacon });
    const events = [makeEvent(), makeEvent()];
    for (const event of events) queue.enqueue(event);
    queue.flushOnExit();
    const later = makeEvent();
    queue.enqueue(later);
    queue.flushOnExit();
    expect(beacon.ids()).toEqual(idsOf([...events, later]));
  });

  it('leaves the batch in flight with keepalive to its own request', async () => {
    const beacon = fakeBeacon();
    const { queue } = setup({ sendBeacon: beacon.sendBeacon, answers: ['hang'] });
    const flying = Array.from({ length: 20 }, () => makeEvent());
    for (const event of flying) queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(0);
    const waiting = makeEvent();
    queue.enqueue(waiting);
    queue.flushOnExit();
    expect(beacon.ids()).toEqual([waiting.messageId]);
  });

  it('beacons nothing while the receiver asked for a pause, or consent is not granted', async () => {
    const beacon = fakeBeacon();
    const paused = setup({
      sendBeacon: beacon.sendBeacon,
      answers: [{ status: 429, retryAfter: '60' }],
    });
    paused.queue.enqueue(makeEvent());
    await paused.queue.flush();
    paused.queue.flushOnExit();
    const pending = setup({ sendBeacon: beacon.sendBeacon, consent: 'pending' });
    pending.queue.enqueue(makeEvent());
    pending.queue.flushOnExit();
    expect(beacon.sendBeacon).not.toHaveBeenCalled();
  });

  it('beacons nothing while offline: the events wait in storage', async () => {
    const beacon = fakeBeacon();
    const { queue, store } = setup({
      sendBeacon: beacon.sendBeacon,
      isOnline: () => false,
      answers: [new TypeError('Failed to fetch')],
    });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    queue.flushOnExit();
    expect(beacon.sendBeacon).not.toHaveBeenCalled();
    expect(await storedIds(store)).toEqual([event.messageId]);
  });

  it('hands what sendBeacon refused and storage has not yet written to rescue, then clears it once written', async () => {
    const beacon = fakeBeacon(0);
    const memory = createMemoryBeaconStore();
    let finishWrites = () => {};
    const writesDone = new Promise<void>((resolve) => {
      finishWrites = resolve;
    });
    // A store whose writes take as long as the test says.
    const store = {
      ...memory,
      put: (records: never[]) => writesDone.then(() => memory.put(records)),
    };
    const rescue = vi.fn();
    const { queue } = setup({
      sendBeacon: beacon.sendBeacon,
      store,
      rescue,
      flushIntervalMs: 60_000,
    });
    const events = [makeEvent(), makeEvent()];
    for (const event of events) queue.enqueue(event);
    queue.flushOnExit();
    expect(rescue).toHaveBeenCalledTimes(1);
    expect(idsOf(rescue.mock.calls[0]![0].map((record: { event: never }) => record.event))).toEqual(
      idsOf(events),
    );
    finishWrites();
    await vi.advanceTimersByTimeAsync(0);
    expect(rescue).toHaveBeenLastCalledWith([]);
  });

  it('rescues nothing that is already stored or beaconed', async () => {
    const rescue = vi.fn();
    const stored = setup({ sendBeacon: fakeBeacon(0).sendBeacon, rescue, flushIntervalMs: 60_000 });
    stored.queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(0);
    stored.queue.flushOnExit();
    const beaconed = setup({
      sendBeacon: fakeBeacon().sendBeacon,
      rescue,
      flushIntervalMs: 60_000,
    });
    beaconed.queue.enqueue(makeEvent());
    beaconed.queue.flushOnExit();
    expect(rescue).not.toHaveBeenCalled();
  });
});
