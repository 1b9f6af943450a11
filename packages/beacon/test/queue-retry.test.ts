import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBeaconStore } from '../src/index.ts';
import { idsOf, makeEvent, START, setup, storedIds } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;

describe('createBeaconQueue: retries', () => {
  it('retries a 500 with doubling backoff, then delivers, each attempt with the same ids', async () => {
    const { queue, transport, sentIds, retryCounts, store } = setup({
      answers: [{ status: 500 }, { status: 503 }, { status: 500 }],
    });
    const events = [makeEvent(), makeEvent(), makeEvent()];
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(1);
    for (const [wait, calls] of [
      [499, 1],
      [1, 2],
      [999, 2],
      [1, 3],
      [1999, 3],
      [1, 4],
      [120_000, 4],
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(transport).toHaveBeenCalledTimes(calls);
    }
    const ids = idsOf(events);
    expect(sentIds()).toEqual([...ids, ...ids, ...ids, ...ids]);
    expect(retryCounts()).toEqual([undefined, '1', '2', '3']);
    expect(await storedIds(store)).toEqual([]);
  });

  it('retries after a network failure', async () => {
    const { queue, transport, store } = setup({ answers: [new TypeError('Failed to fetch')] });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    expect(await storedIds(store)).toEqual([event.messageId]);
    await vi.advanceTimersByTimeAsync(500);
    expect(transport).toHaveBeenCalledTimes(2);
    expect(await storedIds(store)).toEqual([]);
  });

  it('adds ±10 % jitter to every delay', async () => {
    for (const [random, delay] of [
      [0, 450],
      [0.999_999, 550],
    ] as const) {
      const { queue, transport } = setup({ random: () => random, answers: [{ status: 500 }] });
      queue.enqueue(makeEvent());
      await queue.flush();
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(transport).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(transport).toHaveBeenCalledTimes(2);
      queue.destroy();
    }
  });

  it('caps the delay between retries at 60 s', async () => {
    const { queue, transport } = setup({ otherwise: { status: 500 }, maxAttempts: 20 });
    queue.enqueue(makeEvent());
    await queue.flush();
    // 0.5 + 1 + 2 + 4 + 8 + 16 + 32 s, then 60 s each.
    await vi.advanceTimersByTimeAsync(63_500);
    expect(transport).toHaveBeenCalledTimes(8);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(transport).toHaveBeenCalledTimes(8);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(9);
  });

  it('drops a batch after 10 failed attempts, reports it, and goes on with later events', async () => {
    const { queue, transport, errors, retryCounts, store, answers } = setup({
      answers: Array.from({ length: 10 }, () => ({ status: 500 })),
    });
    const doomed = [makeEvent(), makeEvent()];
    for (const event of doomed) queue.enqueue(event);
    await queue.flush();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(transport).toHaveBeenCalledTimes(10);
    expect(retryCounts()).toEqual([undefined, '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(errors).toEqual([
      {
        code: 'retry_exhausted',
        message: expect.stringMatching(/^500 after 10 failed attempts .*; 2 events dropped$/),
      },
    ]);
    expect(await storedIds(store)).toEqual([]);
    expect(answers).toEqual([]);
    const later = makeEvent();
    queue.enqueue(later);
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(11);
    expect(await storedIds(store)).toEqual([]);
  });

  it('drops a batch 12 hours after its first failure, however few attempts that took', async () => {
    const { queue, transport, errors } = setup({
      otherwise: { status: 503, retryAfter: '300' },
    });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(12 * HOUR - 300_000);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(errors).toEqual([
      { code: 'retry_exhausted', message: expect.stringContaining('after 0 failed attempts') },
    ]);
    const calls = transport.mock.calls.length;
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(transport).toHaveBeenCalledTimes(calls);
  });

  it('counts attempts across pages: a resent batch carries on with X-Retry-Count', async () => {
    const store = createMemoryBeaconStore();
    const first = setup({ store, answers: [{ status: 500 }, { status: 500 }] });
    const event = makeEvent();
    first.queue.enqueue(event);
    await first.queue.flush();
    await vi.advanceTimersByTimeAsync(500);
    first.queue.destroy();
    const second = setup({ store });
    await second.queue.restore();
    await second.queue.flush();
    expect(second.retryCounts()).toEqual(['2']);
    expect(second.sentIds()).toEqual([event.messageId]);
  });

  it('retries a failed batch as it was: events queued meanwhile go in the next batch', async () => {
    const { queue, bodies } = setup({ answers: [{ status: 500 }] });
    const first = [makeEvent(), makeEvent()];
    for (const event of first) queue.enqueue(event);
    await queue.flush();
    const second = makeEvent();
    queue.enqueue(second);
    await vi.advanceTimersByTimeAsync(500);
    expect(bodies().map((body) => idsOf(body.batch))).toEqual([
      idsOf(first),
      idsOf(first),
      [second.messageId],
    ]);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries %i', async (status) => {
    const { queue, transport, errors } = setup({ answers: [{ status }] });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(transport).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([]);
  });

  it.each([400, 401, 403, 404, 422, 501, 505, 511])(
    'drops a batch answered %i, reports it, and keeps sending later events',
    async (status) => {
      const { queue, transport, errors, store, sentIds } = setup({ answers: [{ status }] });
      const rejected = makeEvent();
      queue.enqueue(rejected);
      await queue.flush();
      expect(errors).toEqual([
        { code: 'batch_rejected', message: `the endpoint answered ${status}; 1 events dropped` },
      ]);
      expect(await storedIds(store)).toEqual([]);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(transport).toHaveBeenCalledTimes(1);
      const later = makeEvent();
      queue.enqueue(later);
      await queue.flush();
      expect(sentIds()).toEqual([rejected.messageId, later.messageId]);
    },
  );
});

describe('createBeaconQueue: 413', () => {
  it('splits a batch the endpoint finds too large until it fits, losing nothing', async () => {
    const { queue, transport, bodies, errors, store } = setup();
    transport.mockImplementation(async (request) => {
      const { batch } = JSON.parse(request.body) as { batch: unknown[] };
      return { status: batch.length > 5 ? 413 : 200 };
    });
    const events = Array.from({ length: 20 }, () => makeEvent());
    for (const event of events) queue.enqueue(event);
    await queue.flush();
    expect(bodies().map((body) => body.batch.length)).toEqual([20, 10, 5, 5, 5, 5]);
    const delivered = bodies()
      .filter((body) => body.batch.length <= 5)
      .flatMap((body) => idsOf(body.batch));
    expect(delivered).toEqual(idsOf(events));
    expect(errors).toEqual([]);
    expect(await storedIds(store)).toEqual([]);
  });

  it('drops a single event answered 413, reports it, and delivers the others', async () => {
    const { queue, transport, errors, bodies } = setup();
    const huge = makeEvent({ huge: true });
    transport.mockImplementation(async (request) => ({
      status: request.body.includes(huge.messageId) ? 413 : 200,
    }));
    const others = [makeEvent(), makeEvent(), makeEvent()];
    for (const event of [others[0]!, huge, others[1]!, others[2]!]) queue.enqueue(event);
    await queue.flush();
    expect(errors).toEqual([
      {
        code: 'event_too_large',
        message: 'the endpoint refused event "clicked" as too large (413); 1 events dropped',
      },
    ]);
    const delivered = bodies()
      .filter((body) => !idsOf(body.batch).includes(huge.messageId))
      .flatMap((body) => idsOf(body.batch));
    expect(delivered).toEqual(idsOf(others));
  });
});

describe('createBeaconQueue: Retry-After', () => {
  it('pauses as long as Retry-After says, without counting an attempt', async () => {
    const { queue, transport, retryCounts } = setup({
      answers: [{ status: 429, retryAfter: '7' }, { status: 500 }],
    });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(6999);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
    // The 500 that follows is the first counted failure: 500 ms, not 1000 ms.
    await vi.advanceTimersByTimeAsync(500);
    expect(transport).toHaveBeenCalledTimes(3);
    expect(retryCounts()).toEqual([undefined, undefined, '1']);
  });

  it('pauses the whole pipeline, later events included', async () => {
    const { queue, transport } = setup({ answers: [{ status: 503, retryAfter: '30' }] });
    queue.enqueue(makeEvent());
    await queue.flush();
    for (let i = 0; i < 25; i++) queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.mock.calls.length).toBeGreaterThan(1);
  });

  it('reads an HTTP date against the receiver clock, so a device clock days off does not matter', async () => {
    const server = START + 2 * 24 * HOUR; // the device is two days behind
    const { queue, transport } = setup({
      answers: [
        {
          status: 503,
          retryAfter: new Date(server + 10_000).toUTCString(),
          date: new Date(server).toUTCString(),
        },
      ],
    });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(9999);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('reads an HTTP date against the device clock when the receiver sends no Date', async () => {
    const { queue, transport } = setup({
      answers: [{ status: 503, retryAfter: new Date(START + 20_000).toUTCString() }],
    });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('clamps an absurd Retry-After to 300 s', async () => {
    const { queue, transport } = setup({ answers: [{ status: 429, retryAfter: '31536000' }] });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(299_999);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('waits the base delay on a Retry-After of zero, so a busy receiver is not hammered', async () => {
    const { queue, transport } = setup({ answers: [{ status: 429, retryAfter: '0' }] });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(499);
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('does not send early when flush() is called during a pause, but still resolves', async () => {
    const { queue, transport } = setup({ answers: [{ status: 503, retryAfter: '30' }] });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    await queue.flush();
    expect(transport).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(transport).toHaveBeenCalledTimes(2);
  });
});

describe('createBeaconQueue: offline', () => {
  it('waits for online() without counting failures made while offline', async () => {
    let onLine = false;
    const { queue, transport, retryCounts, sentIds } = setup({
      isOnline: () => onLine,
      answers: [new TypeError('Failed to fetch')],
    });
    const event = makeEvent();
    queue.enqueue(event);
    await queue.flush();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(transport).toHaveBeenCalledTimes(1);
    onLine = true;
    queue.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(transport).toHaveBeenCalledTimes(2);
    expect(retryCounts()).toEqual([undefined, undefined]);
    expect(sentIds()).toEqual([event.messageId, event.messageId]);
  });

  it('tries again after a minute when online never comes (navigator.onLine is only a hint)', async () => {
    const { queue, transport } = setup({
      isOnline: () => false,
      answers: [new TypeError('Failed to fetch')],
    });
    queue.enqueue(makeEvent());
    await queue.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it('lets online() cut a backoff short, but not a pause the receiver asked for', async () => {
    const backoff = setup({ answers: [new TypeError('Failed to fetch'), new TypeError('x')] });
    backoff.queue.enqueue(makeEvent());
    await backoff.queue.flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(backoff.transport).toHaveBeenCalledTimes(2);
    backoff.queue.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(backoff.transport).toHaveBeenCalledTimes(3);

    const paused = setup({ answers: [{ status: 503, retryAfter: '60' }] });
    paused.queue.enqueue(makeEvent());
    await paused.queue.flush();
    paused.queue.online();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(paused.transport).toHaveBeenCalledTimes(1);
  });
});
