import {
  createMemoryStorage,
  type KeyValueStorage,
  type SegmentEvent,
  type TebikiErrorDetail,
  type TransportRequest,
  type TransportResponse,
} from '@tebiki/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BeaconQueueOptions, createBeaconQueue, MAX_EVENT_BYTES } from '../src/index.ts';

const START = Date.UTC(2025, 0, 1, 9, 0, 0);
const byteLength = (text: string) => new TextEncoder().encode(text).length;

let serial = 0;
function makeEvent(properties: Record<string, unknown> = {}): SegmentEvent {
  serial += 1;
  return {
    messageId: `msg-${String(serial).padStart(4, '0')}`,
    type: 'track',
    event: 'clicked',
    timestamp: new Date(START).toISOString(),
    anonymousId: 'anon',
    userId: null,
    properties,
    context: {
      sessionId: 's',
      page: { path: '/', url: 'https://app.test/', title: '', referrer: '', search: '' },
      locale: 'en',
      library: { name: 'tebiki', version: '0.0.0' },
    },
  };
}

type Answer = TransportResponse | Error;

/** A queue wired to a scripted transport, fake timers and memory storage. */
function setup(
  options: Partial<BeaconQueueOptions> & {
    answers?: Answer[];
    storage?: ReturnType<typeof createTrackedStorage>;
  } = {},
) {
  const answers = options.answers ?? [];
  const requests: TransportRequest[] = [];
  const transport = vi.fn(async (request: TransportRequest): Promise<TransportResponse> => {
    requests.push(request);
    const answer = answers.shift() ?? { status: 200 };
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const errors: TebikiErrorDetail[] = [];
  const storage = options.storage ?? createTrackedStorage();
  const queue = createBeaconQueue({
    endpoint: 'https://collector.test/v1/batch',
    writeKey: 'pk_test',
    transport,
    schedule: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
    clock: { now: () => Date.now() },
    storage,
    onError: (detail) => errors.push(detail),
    random: () => 0.5,
    ...options,
  });
  const batches = () =>
    requests.map((request) => JSON.parse(request.body) as { batch: SegmentEvent[] });
  const sentIds = () => batches().flatMap((body) => body.batch.map((event) => event.messageId));
  return { queue, transport, requests, batches, sentIds, errors, storage, answers };
}

/** Memory storage that remembers which keys were written, so tests need not know them. */
function createTrackedStorage(): KeyValueStorage & { keys: Set<string> } {
  const inner = createMemoryStorage();
  const keys = new Set<string>();
  return {
    keys,
    get: (key) => inner.get(key),
    set: (key, value) => {
      keys.add(key);
      return inner.set(key, value);
    },
    del: (key) => inner.del(key),
  };
}

/** Every event id currently persisted, whatever key the queue keeps them under. */
async function storedIds(storage: ReturnType<typeof createTrackedStorage>): Promise<string[]> {
  const ids: string[] = [];
  for (const key of storage.keys) {
    const value = await storage.get<unknown>(key);
    if (!Array.isArray(value)) continue;
    for (const item of value) ids.push((item as SegmentEvent).messageId);
  }
  return ids;
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createBeaconQueue: batching', () => {
  it('sends nothing until 20 events are queued, then sends them at once', async () => {
    const { queue, transport, batches } = setup();
    for (let i = 0; i < 19; i++) queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(4999);
    expect(transport).not.toHaveBeenCalled();
    queue.enqueue(makeEvent());
    expect(transport).toHaveBeenCalledTimes(1);
    expect(batches()[0]!.batch).toHaveLength(20);
  });

  it('sends a partial batch once the flush interval has passed', async () => {
    const { queue, transport, batches } = setup();
    const event = makeEvent();
    queue.enqueue(event);
    await vi.advanceTimersByTimeAsync(4999);
    expect(transport).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(1);
    expect(batches()[0]!.batch).toEqual([event]);
  });

  it('honours a custom batch size and interval', async () => {
    const { queue, transport } = setup({ maxBatchEvents: 2, flushIntervalMs: 100 });
    queue.enqueue(makeEvent());
    queue.enqueue(makeEvent());
    expect(transport).toHaveBeenCalledTimes(1);
    queue.enqueue(makeEvent());
    await vi.advanceTimersByTimeAsync(100);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('posts { batch, sentAt, writeKey } as text/plain with a Basic Authorization header', async () => {
    const { queue, requests } = setup();
    const event = makeEvent({ plan: 'trial' });
    queue.enqueue(event);
    vi.setSystemTime(START + 1234);
    await queue.flush();
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.url).toBe('https://collector.test/v1/batch');
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

  it('splits a long queue into batches of at most 20, in order, each event once', async () => {
    const { queue, batches, sentIds } = setup();
    const events = Array.from({ length: 45 }, () => makeEvent());
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(batches().map((body) => body.batch.length)).toEqual([20, 20, 5]);
    expect(sentIds()).toEqual(events.map((event) => event.messageId));
  });

  it('keeps each batch body under the byte limit', async () => {
    const { queue, requests, sentIds } = setup();
    const big = 'x'.repeat(30_000);
    const events = Array.from({ length: 20 }, () => makeEvent({ big }));
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests)
      expect(byteLength(request.body)).toBeLessThanOrEqual(500 * 1024);
    expect(sentIds()).toEqual(events.map((event) => event.messageId));
  });

  it('rejects an event over 32 KB with an error and never sends it', async () => {
    const { queue, transport, errors, storage } = setup();
    const huge = makeEvent({ blob: 'x'.repeat(MAX_EVENT_BYTES) });
    expect(queue.enqueue(huge)).toBe(false);
    expect(errors).toEqual([
      { code: 'event_too_large', message: expect.stringContaining('clicked') },
    ]);
    expect(queue.enqueue(makeEvent({ blob: 'x'.repeat(30_000) }))).toBe(true);
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(transport.mock.calls)).not.toContain(huge.messageId);
    expect(await storedIds(storage)).toEqual([]);
  });
});

describe('createBeaconQueue: retries', () => {
  it('retries a 500 with doubling backoff, then delivers each messageId exactly once', async () => {
    const { queue, transport, requests, sentIds, storage } = setup({
      answers: [{ status: 500 }, { status: 503 }, { status: 200 }],
    });
    const events = [makeEvent(), makeEvent(), makeEvent()];
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(transport).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(transport).toHaveBeenCalledTimes(3);
    // Every attempt carried the same ids; the one success delivered each once.
    const ids = events.map((event) => event.messageId);
    expect(sentIds()).toEqual([...ids, ...ids, ...ids]);
    expect(requests.map((request) => request.headers['X-Retry-Count'])).toEqual([
      undefined,
      '1',
      '2',
    ]);
    expect(await storedIds(storage)).toEqual([]);
  });

  it('retries after a network failure', async () => {
    const { queue, transport, storage } = setup({ answers: [new TypeError('offline')] });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(await storedIds(storage)).toEqual([event.messageId]);
    await vi.advanceTimersByTimeAsync(500);
    expect(transport).toHaveBeenCalledTimes(2);
    expect(await storedIds(storage)).toEqual([]);
  });

  it('waits as long as Retry-After says without counting it as a failed attempt', async () => {
    const { queue, transport, requests } = setup({
      answers: [{ status: 429, retryAfter: '7' }, { status: 500 }, { status: 200 }],
    });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(6999);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
    expect(requests[1]!.headers['X-Retry-Count']).toBeUndefined();
    // The 500 that follows is the first counted failure: 500 ms, not 1000 ms.
    await vi.advanceTimersByTimeAsync(500);
    expect(transport).toHaveBeenCalledTimes(3);
    expect(requests[2]!.headers['X-Retry-Count']).toBe('1');
  });

  it('does not send early when flush() is called during a backoff, but still resolves', async () => {
    const { queue, transport } = setup({ answers: [{ status: 503, retryAfter: '30' }] });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('drops a batch the endpoint rejects with 400, reports it and keeps sending later events', async () => {
    const { queue, transport, errors, storage, sentIds } = setup({ answers: [{ status: 400 }] });
    const rejected = makeEvent();
    queue.enqueue(rejected);
    await queue.flush();
    expect(errors).toEqual([{ code: 'batch_rejected', message: expect.stringContaining('400') }]);
    expect(await storedIds(storage)).toEqual([]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(transport).toHaveBeenCalledTimes(1);
    const later = makeEvent();
    queue.enqueue(later);
    await queue.flush();
    expect(sentIds()).toEqual([rejected.messageId, later.messageId]);
  });
});

describe('createBeaconQueue: persistence', () => {
  it('persists events in storage before they are sent', async () => {
    const storage = createTrackedStorage();
    const seenAtSend: string[][] = [];
    const { queue } = setup({
      storage,
      transport: async () => {
        seenAtSend.push(await storedIds(storage));
        return { status: 200 };
      },
    });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(seenAtSend).toEqual([[event.messageId]]);
    expect(await storedIds(storage)).toEqual([]);
  });

  it('resends on the next page what a previous page left undelivered', async () => {
    const storage = createTrackedStorage();
    const first = setup({ storage, answers: [new TypeError('offline')] });
    const left = [makeEvent(), makeEvent()];
    for (const event of left) first.queue.enqueue(event);
    await first.queue.flush();
    first.queue.destroy();
    expect(await storedIds(storage)).toEqual(left.map((event) => event.messageId));

    const second = setup({ storage });
    await second.queue.restore();
    const fresh = makeEvent();
    second.queue.enqueue(fresh);
    await vi.advanceTimersByTimeAsync(0);
    await second.queue.flush();
    expect(second.sentIds()).toEqual([...left, fresh].map((event) => event.messageId));
    expect(await storedIds(storage)).toEqual([]);
  });

  it('sends nothing on restore when nothing was left', async () => {
    const { queue, transport } = setup();
    await queue.restore();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(transport).not.toHaveBeenCalled();
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
});

describe('createBeaconQueue: flush', () => {
  it('resolves once the queue is delivered', async () => {
    const { queue, storage, sentIds } = setup();
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(sentIds()).toEqual([event.messageId]);
    expect(await storedIds(storage)).toEqual([]);
  });

  it('resolves once the queue is parked for a retry, keeping the events stored', async () => {
    const { queue, storage } = setup({ answers: [{ status: 500 }] });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(await storedIds(storage)).toEqual([event.messageId]);
  });

  it('resolves at once when there is nothing to send', async () => {
    const { queue, transport } = setup();
    await queue.flush();
    expect(transport).not.toHaveBeenCalled();
  });

  it('waits for a request already in flight', async () => {
    let answer: (response: TransportResponse) => void = () => {};
    const { queue, storage } = setup({
      transport: () => new Promise((resolve) => (answer = resolve)),
    });
    queue.enqueue(makeEvent());
    const flushed = vi.fn();
    void queue.flush().then(flushed);
    void queue.flush().then(flushed);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).not.toHaveBeenCalled();
    answer({ status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toHaveBeenCalledTimes(2);
    expect(await storedIds(storage)).toEqual([]);
  });
});

describe('createBeaconQueue: flushOnExit', () => {
  it('hands queued events to sendBeacon in chunks of at most 48 KB, in order', async () => {
    const sendBeacon = vi.fn((_url: string, _body: string) => true);
    const { queue, transport } = setup({ sendBeacon });
    const events = Array.from({ length: 12 }, () => makeEvent({ text: 'y'.repeat(10_000) }));
    for (const event of events) queue.enqueue(event);
    queue.flushOnExit();
    expect(sendBeacon.mock.calls.length).toBeGreaterThan(1);
    const ids: string[] = [];
    for (const [url, body] of sendBeacon.mock.calls) {
      expect(url).toBe('https://collector.test/v1/batch');
      expect(byteLength(body)).toBeLessThanOrEqual(48 * 1024);
      const parsed = JSON.parse(body) as { batch: SegmentEvent[]; writeKey: string };
      expect(parsed.writeKey).toBe('pk_test');
      ids.push(...parsed.batch.map((event) => event.messageId));
    }
    expect(ids).toEqual(events.map((event) => event.messageId));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(transport).not.toHaveBeenCalled();
  });

  it('keeps beaconed events stored so a later page resends them if the beacon was lost', async () => {
    const storage = createTrackedStorage();
    const first = setup({ storage, sendBeacon: () => true });
    const event = makeEvent();
    first.queue.enqueue(event);
    first.queue.flushOnExit();
    await vi.advanceTimersByTimeAsync(0);
    expect(await storedIds(storage)).toEqual([event.messageId]);

    const second = setup({ storage });
    await second.queue.restore();
    await second.queue.flush();
    expect(second.sentIds()).toEqual([event.messageId]);
  });

  it('keeps events queued for fetch when sendBeacon refuses them', async () => {
    const sendBeacon = vi.fn(() => false);
    const { queue, sentIds } = setup({ sendBeacon });
    const event = makeEvent();
    queue.enqueue(event);
    queue.flushOnExit();
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    await queue.flush();
    expect(sentIds()).toEqual([event.messageId]);
  });
});
