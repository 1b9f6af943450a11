import type {
  Clock,
  KeyValueStorage,
  Schedule,
  SegmentEvent,
  TebikiErrorDetail,
  Transport,
} from '@tebiki/core';
import { backoffMs, isRetryable, retryAfterMs } from './retry.ts';

/** Largest accepted event, serialized. */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Largest body given to `keepalive` fetch or `sendBeacon` (browsers cap the total at 64 KiB). */
export const MAX_KEEPALIVE_BYTES = 48 * 1024;
const STORAGE_KEY = 'queue';

export interface BeaconQueueOptions {
  /** Where batches are POSTed. */
  endpoint: string;
  /** Sent as `Authorization: Basic base64(writeKey:)` and in every body. */
  writeKey?: string;
  transport: Transport;
  /** `navigator.sendBeacon`, used when the page is going away. */
  sendBeacon?: (url: string, body: string) => boolean;
  schedule: Schedule;
  clock: Clock;
  /** Where undelivered events wait; survives reloads when persistent. */
  storage: KeyValueStorage;
  /** @default 20 */
  maxBatchEvents?: number;
  /** @default 5000 */
  flushIntervalMs?: number;
  /** @default 450_000 */
  maxBatchBytes?: number;
  onError?: (detail: TebikiErrorDetail) => void;
  debug?: (message: string) => void;
  random?: () => number;
}

export interface BeaconQueue {
  /** Queues an event (persisted before any send). False when it was rejected. */
  enqueue(event: SegmentEvent): boolean;
  /** Resolves once the queue is delivered or parked for a retry. */
  flush(): Promise<void>;
  /** Hands what is queued to `sendBeacon`; the events stay stored until confirmed. */
  flushOnExit(): void;
  /** Drops every queued event, stored ones included (consent withdrawn). */
  purge(): void;
  /** Loads events a previous page left undelivered. */
  restore(): Promise<void>;
  destroy(): void;
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/**
 * The beacon pipeline: persist, batch, send, retry with backoff. The receiver
 * dedupes on `messageId`, so a resend after an unclear outcome is safe.
 */
export function createBeaconQueue(options: BeaconQueueOptions): BeaconQueue {
  const {
    endpoint,
    writeKey,
    transport,
    schedule,
    clock,
    storage,
    maxBatchEvents = 20,
    flushIntervalMs = 5000,
    maxBatchBytes = 450_000,
    onError = () => {},
    debug = () => {},
    random = Math.random,
  } = options;
  let queue: SegmentEvent[] = [];
  /** Handed to sendBeacon: kept in storage until a fetch confirms them or a later load resends them. */
  let beaconed: SegmentEvent[] = [];
  let attempt = 0;
  let pausedUntil = 0;
  let inFlight: Promise<void> | null = null;
  let cancelTimer: (() => void) | null = null;
  let destroyed = false;
  const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
  if (writeKey) headers.Authorization = `Basic ${btoa(`${writeKey}:`)}`;

  const persist = () =>
    storage.set(STORAGE_KEY, [...beaconed, ...queue]).catch((error) => {
      debug(`could not persist the queue: ${String(error)}`);
    });

  const body = (batch: SegmentEvent[]) =>
    JSON.stringify({
      batch,
      sentAt: new Date(clock.now()).toISOString(),
      ...(writeKey ? { writeKey } : {}),
    });

  function arm(ms: number) {
    cancelTimer?.();
    cancelTimer = schedule(() => {
      cancelTimer = null;
      void flush();
    }, ms);
  }

  /** The next batch from the head of the queue, within the event and byte limits. */
  function takeBatch(): SegmentEvent[] {
    const batch: SegmentEvent[] = [];
    let bytes = 0;
    for (const event of queue) {
      const size = byteLength(JSON.stringify(event));
      if (batch.length >= maxBatchEvents || (batch.length > 0 && bytes + size > maxBatchBytes))
        break;
      batch.push(event);
      bytes += size;
    }
    return batch;
  }

  function settle(batch: SegmentEvent[]) {
    const ids = new Set(batch.map((event) => event.messageId));
    queue = queue.filter((event) => !ids.has(event.messageId));
    beaconed = beaconed.filter((event) => !ids.has(event.messageId));
    void persist();
  }

  async function sendOne(): Promise<'sent' | 'parked' | 'empty'> {
    if (queue.length === 0) return 'empty';
    const wait = pausedUntil - clock.now();
    if (wait > 0) {
      arm(wait);
      return 'parked';
    }
    const batch = takeBatch();
    const text = body(batch);
    const requestHeaders = attempt > 0 ? { ...headers, 'X-Retry-Count': String(attempt) } : headers;
    let status = 0;
    let retryAfter: string | null | undefined = null;
    try {
      const response = await transport({
        url: endpoint,
        body: text,
        headers: requestHeaders,
        keepalive: byteLength(text) <= MAX_KEEPALIVE_BYTES,
      });
      status = response.status;
      retryAfter = response.retryAfter;
    } catch (error) {
      debug(`batch of ${batch.length} not sent: ${String(error)}`);
    }
    if (status >= 200 && status < 300) {
      debug(`delivered ${batch.length} events`);
      attempt = 0;
      settle(batch);
      return 'sent';
    }
    if (status !== 0 && !isRetryable(status)) {
      settle(batch);
      onError({
        code: 'batch_rejected',
        message: `the endpoint answered ${status}; ${batch.length} events dropped`,
      });
      attempt = 0;
      return 'sent';
    }
    const pause = retryAfterMs(retryAfter, clock.now());
    if (pause === null) attempt += 1;
    const delay = pause ?? backoffMs(attempt, random);
    pausedUntil = clock.now() + delay;
    debug(`batch failed (${status || 'network error'}); retrying in ${delay} ms`);
    arm(delay);
    return 'parked';
  }

  function flush(): Promise<void> {
    if (destroyed) return Promise.resolve();
    if (inFlight)
      return inFlight.then(() =>
        queue.length > 0 && pausedUntil <= clock.now() ? flush() : undefined,
      );
    cancelTimer?.();
    cancelTimer = null;
    inFlight = (async () => {
      for (;;) {
        const outcome = await sendOne();
        if (outcome !== 'sent') break;
      }
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    enqueue(event) {
      if (destroyed) return false;
      const size = byteLength(JSON.stringify(event));
      if (size > MAX_EVENT_BYTES) {
        onError({
          code: 'event_too_large',
          message: `event "${event.event ?? event.type}" is ${size} bytes; the limit is ${MAX_EVENT_BYTES}`,
        });
        return false;
      }
      queue.push(event);
      void persist();
      if (queue.length >= maxBatchEvents) void flush();
      else if (!cancelTimer && !inFlight) arm(flushIntervalMs);
      return true;
    },
    flush,
    flushOnExit() {
      const { sendBeacon } = options;
      if (!sendBeacon || queue.length === 0) return;
      const events = queue;
      let chunk: SegmentEvent[] = [];
      const send = (batch: SegmentEvent[]) => {
        if (batch.length === 0) return;
        if (sendBeacon(endpoint, body(batch))) {
          const ids = new Set(batch.map((event) => event.messageId));
          beaconed.push(...batch);
          queue = queue.filter((event) => !ids.has(event.messageId));
        }
      };
      for (const event of events) {
        if (chunk.length > 0 && byteLength(body([...chunk, event])) > MAX_KEEPALIVE_BYTES) {
          send(chunk);
          chunk = [];
        }
        chunk.push(event);
      }
      send(chunk);
      debug(`handed ${beaconed.length} events to sendBeacon`);
      void persist();
    },
    purge() {
      queue = [];
      beaconed = [];
      cancelTimer?.();
      cancelTimer = null;
      storage.del(STORAGE_KEY).catch(() => {});
    },
    async restore() {
      const stored = await storage.get<SegmentEvent[]>(STORAGE_KEY).catch(() => undefined);
      if (!Array.isArray(stored) || stored.length === 0) return;
      const known = new Set(queue.map((event) => event.messageId));
      queue = [...stored.filter((event) => !known.has(event.messageId)), ...queue];
      debug(`restored ${stored.length} undelivered events`);
      arm(0);
    },
    destroy() {
      destroyed = true;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
