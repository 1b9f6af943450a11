import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBeaconStore } from '../src/index.ts';
import { idsOf, makeEvent, START, setup, storedIds } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createBeaconQueue: consent', () => {
  it('holds events in memory while consent is pending, then sends them in order once granted', async () => {
    const { queue, transport, store, sentIds } = setup({ consent: 'pending' });
    const events = Array.from({ length: 25 }, () => makeEvent());
    for (const event of events) expect(queue.enqueue(event)).toBe(true);
    await queue.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transport).not.toHaveBeenCalled();
    expect(await storedIds(store)).toEqual([]);
    queue.consent('granted');
    await queue.flush();
    expect(sentIds()).toEqual(idsOf(events));
  });

  it('drops events while consent is pending when told to', async () => {
    const { queue, sentIds } = setup({ consent: 'pending', pendingConsent: 'drop' });
    expect(queue.enqueue(makeEvent())).toBe(false);
    queue.consent('granted');
    const later = makeEvent();
    queue.enqueue(later);
    await queue.flush();
    expect(sentIds()).toEqual([later.messageId]);
  });

  it('caps the events held while pending, like the queue', async () => {
    const { queue, errors, sentIds } = setup({ consent: 'pending', maxEvents: 5 });
    const events = Array.from({ length: 8 }, () => makeEvent());
    for (const event of events) queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((error) => error.code)).toEqual(['queue_full']);
    queue.consent('granted');
    await queue.flush();
    expect(sentIds()).toEqual(idsOf(events.slice(3)));
  });

  it('purges stored and held events when consent is denied, and sends nothing after', async () => {
    const { queue, transport, store } = setup({
      answers: [{ status: 503, retryAfter: '30' }],
    });
    const queued = [makeEvent(), makeEvent()];
    for (const event of queued) queue.enqueue(event);
    await queue.flush();
    expect(await storedIds(store)).toEqual(idsOf(queued));
    queue.consent('denied');
    expect(queue.enqueue(makeEvent())).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(await storedIds(store)).toEqual([]);
    await vi.advanceTimersByTimeAsync(120_000);
    queue.flushOnExit();
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(1);
  });

  it('does not send what earlier pages stored while consent is pending, until it is granted', async () => {
    const store = createMemoryBeaconStore();
    const earlier = setup({ store, answers: [new TypeError('Failed to fetch')] });
    const left = makeEvent();
    earlier.queue.enqueue(left);
    await earlier.queue.flush();
    earlier.queue.destroy();

    const later = setup({ store, consent: 'pending' });
    await later.queue.restore();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(later.transport).not.toHaveBeenCalled();
    later.queue.consent('granted');
    await vi.advanceTimersByTimeAsync(0);
    expect(later.sentIds()).toEqual([left.messageId]);
  });

  it('purges what earlier pages stored when consent starts denied', async () => {
    const store = createMemoryBeaconStore();
    const earlier = setup({ store, answers: [new TypeError('Failed to fetch')] });
    earlier.queue.enqueue(makeEvent());
    await earlier.queue.flush();
    earlier.queue.destroy();

    const later = setup({ store, consent: 'denied' });
    await later.queue.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(await storedIds(store)).toEqual([]);
    expect(later.transport).not.toHaveBeenCalled();
  });

  it('stops sending while consent is pending again, and resumes when granted', async () => {
    const { queue, transport, sentIds } = setup();
    const event = makeEvent();
    queue.enqueue(event);
    queue.consent('pending');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transport).not.toHaveBeenCalled();
    queue.consent('granted');
    await vi.advanceTimersByTimeAsync(0);
    expect(sentIds()).toEqual([event.messageId]);
  });
});
