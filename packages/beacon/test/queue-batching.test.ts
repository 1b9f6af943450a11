import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_EVENT_BYTES } from '../src/index.ts';
import { byteLength, ENDPOINT, idsOf, makeEvent, START, setup, storedIds } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createBeaconQueue: batching', () => {
  it('sends nothing until 20 events wait, then sends them at once', async () => {
    const { queue, transport, bodies } = setup();
    for (let i = 0; i < 19; i++) queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(4999);
    expect(transport).not.toHaveBeenCalled();
    queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(0);
    expect(transport).toHaveBeenCalledTimes(1);
    expect(bodies()[0]!.batch).toHaveLength(20);
  });

  it('sends a partial batch 5 s after the first event was queued', async () => {
    const { queue, transport, bodies } = setup();
    const event = makeEvent();
    queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(4999);
    expect(transport).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(1);
    expect(bodies()[0]!.batch).toEqual([event]);
  });

  it('honours a custom batch size and interval', async () => {
    const { queue, transport } = setup({ maxBatchEvents: 2, flushIntervalMs: 100 });
    queue.enqueue(makeEvent());
    queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(0);
    expect(transport).toHaveBeenCalledTimes(1);
    queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(100);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('sends as soon as the waiting events reach the byte threshold', async () => {
    const { queue, transport, bodies } = setup({ maxBatchBytes: 3000 });
    const events = Array.from({ length: 4 }, () => makeEvent({ text: 'x'.repeat(800) }));
    for (const event of events.slice(0, 2)) queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(0);
    expect(transport).not.toHaveBeenCalled();
    queue.enqueue(events[2]!);
    queue.enqueue(events[3]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(transport).toHaveBeenCalled();
    expect(bodies().flatMap((body) => idsOf(body.batch))).toEqual(idsOf(events));
  });

  it('posts { batch, sentAt, writeKey } as text/plain with a Basic Authorization header', async () => {
    const { queue, requests } = setup();
    const event = makeEvent({ plan: 'trial' });
    queue.enqueue(event);
    vi.setSystemTime(START + 1234);
    await queue.flush();
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.url).toBe(ENDPOINT);
    expect(request!.headers).toEqual({
      'Content-Type': 'text/plain',
      Authorization: `Basic ${btoa('pk_test:')}`,
    });
    expect(request!.keepalive).toBe(true);
    expect(JSON.parse(request!.body)).toEqual({
      batch: [event],
      sentAt: new Date(START + 1234).toISOString(),
      writeKey: 'pk_test',
    });
  });

  it('leaves out Authorization and writeKey when no write key is set', async () => {
    const { queue, requests } = setup({ writeKey: undefined });
    queue.enqueue(makeEvent());
    await queue.flush();
    expect(requests[0]!.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(JSON.parse(requests[0]!.body)).not.toHaveProperty('writeKey');
  });

  it('asks for keepalive only for bodies of at most 48 KB', async () => {
    const { queue, requests } = setup();
    for (let i = 0; i < 3; i++) queue.enqueue(makeEvent({ text: 'y'.repeat(20_000) }));
    queue.enqueue(makeEvent());
    await queue.flush();
    expect(requests).toHaveLength(1);
    expect(byteLength(requests[0]!.body)).toBeGreaterThan(48 * 1024);
    expect(requests[0]!.keepalive).toBe(false);
    queue.enqueue(makeEvent({ text: 'y'.repeat(20_000) }));
    await queue.flush();
    expect(byteLength(requests[1]!.body)).toBeLessThanOrEqual(48 * 1024);
    expect(requests[1]!.keepalive).toBe(true);
  });

  it('splits a long queue into batches of at most 20, in order, each event once', async () => {
    const { queue, bodies, sentIds } = setup();
    const events = Array.from({ length: 45 }, () => makeEvent());
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(bodies().map((body) => body.batch.length)).toEqual([20, 20, 5]);
    expect(sentIds()).toEqual(idsOf(events));
  });

  it('keeps each batch body within the byte limit', async () => {
    const { queue, requests, sentIds } = setup();
    const big = 'x'.repeat(30_000);
    const events = Array.from({ length: 20 }, () => makeEvent({ big }));
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(byteLength(request.body)).toBeLessThanOrEqual(450_000);
    expect(sentIds()).toEqual(idsOf(events));
  });

  it('rejects an event over 32 KB at capture with an error, never storing or sending it', async () => {
    const { queue, transport, errors, store } = setup();
    const huge = makeEvent({ blob: 'x'.repeat(MAX_EVENT_BYTES) });
    expect(queue.enqueue(huge)).toBe(false);
    expect(await storedIds(store)).toEqual([]);
    expect(errors).toEqual([
      { code: 'event_too_large', message: expect.stringContaining('clicked') },
    ]);
    expect(queue.enqueue(makeEvent({ blob: 'x'.repeat(30_000) }))).toBe(true);
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(transport.mock.calls)).not.toContain(huge.messageId);
    expect(await storedIds(store)).toEqual([]);
  });
});

describe('createBeaconQueue: flush', () => {
  it('resolves once the queue is delivered', async () => {
    const { queue, store, sentIds } = setup();
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(sentIds()).toEqual([event.messageId]);
    expect(await storedIds(store)).toEqual([]);
  });

  it('resolves once the queue is parked for a retry, keeping the events stored', async () => {
    const { queue, store } = setup({ answers: [{ status: 500 }] });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(await storedIds(store)).toEqual([event.messageId]);
  });

  it('resolves at once when there is nothing to send', async () => {
    const { queue, transport } = setup();
    await queue.flush();
    expect(transport).not.toHaveBeenCalled();
  });

  it('waits for a request already in flight, and for events queued meanwhile', async () => {
    let answer: (status: number) => void = () => {};
    const { queue, store, transport } = setup();
    transport.mockImplementationOnce(
      () => new Promise((resolve) => (answer = (status) => resolve({ status }))),
    );
    queue.enqueue(makeEvent());
    const flushed = vi.fn();
    void queue.flush().then(flushed);
    await vi.advanceTimersByTimeAsync(0);
    queue.enqueue(makeEvent());
    void queue.flush().then(flushed);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).not.toHaveBeenCalled();
    answer(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toHaveBeenCalledTimes(2);
    expect(transport).toHaveBeenCalledTimes(2);
    expect(await storedIds(store)).toEqual([]);
  });

  it('stops sending after destroy', async () => {
    const { queue, transport } = setup();
    queue.enqueue(makeEvent());
    queue.destroy();
    await vi.advanceTimersByTimeAsync(10_000);
    await queue.flush();
    expect(queue.enqueue(makeEvent())).toBe(false);
    expect(transport).not.toHaveBeenCalled();
  });

  it('logs each decision in debug mode', async () => {
    const { queue, logs } = setup({ answers: [{ status: 503 }] });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(logs).toEqual([
      expect.stringMatching(/^503: 1 events retried in 500 ms \(attempt 2 of 10\)$/),
      'delivered 1 events',
    ]);
  });
});
