import type { Clock, Schedule, SegmentEvent, TebikiErrorDetail } from '@tebiki/core';
import { beaconInChunks, MAX_KEEPALIVE_BYTES } from './chunks.ts';
import type { SenderLock } from './lock.ts';
import { backoffMs, isRetryable, retryAfterMs } from './retry.ts';
import type { BeaconRecord, BeaconStore } from './store.ts';
import type { BeaconResponse, BeaconTransport } from './transport.ts';

/** Largest accepted event, serialized (DESIGN.md "Limits"). */
export const MAX_EVENT_BYTES = 32 * 1024;
/** How long flush() waits for the sender lock before leaving events to the tab that holds it. */
const LOCK_WAIT_MS = 3000;

export type BeaconConsent = 'granted' | 'pending' | 'denied';

/** The pipeline's numbers and policies. The defaults are the production values. */
export interface BeaconTuning {
  /** Send as soon as this many events wait. @default 20 */
  maxBatchEvents?: number;
  /** Send this long after an event was queued, however few wait. @default 5000 */
  flushIntervalMs?: number;
  /** Largest batch body in bytes (receivers take 500 KB). @default 450_000 */
  maxBatchBytes?: number;
  /** Events kept at most; beyond, the oldest are dropped and reported (`queue_full`). @default 1000 */
  maxEvents?: number;
  /** Bytes kept at most, as for `maxEvents`. @default 2_000_000 */
  maxBytes?: number;
  /** Delay before the first retry, doubling per failed attempt (±10 %). @default 500 */
  retryBaseMs?: number;
  /** Longest delay between retries. @default 60_000 */
  retryMaxMs?: number;
  /** Failed attempts after which a batch is dropped and reported (`retry_exhausted`). @default 10 */
  maxAttempts?: number;
  /** Time after a batch first failed after which it is dropped and reported. @default 43_200_000 (12 h) */
  maxRetryAgeMs?: number;
  /** Longest pause a `Retry-After` header may impose. @default 300_000 */
  retryAfterMaxMs?: number;
  /**
   * Events captured while consent is `'pending'`: held in memory until it is granted,
   * or dropped. @default 'hold'
   */
  pendingConsent?: 'hold' | 'drop';
}

export interface BeaconQueueOptions extends BeaconTuning {
  /** Where batches are POSTed. */
  endpoint: string;
  /** Sent as `Authorization: Basic base64(writeKey:)` and in every body. */
  writeKey?: string;
  transport: BeaconTransport;
  /** `navigator.sendBeacon`, for a page going away. */
  sendBeacon?: (url: string, body: string) => boolean;
  /**
   * Called synchronously as the page goes away with the events at risk: neither
   * taken by `sendBeacon` nor yet written to `store` (or kept in memory only).
   * The adapter saves them where the next page finds them; once every write has
   * settled, `rescue` is called again with an empty list, as nothing is at risk.
   */
  rescue?: (records: BeaconRecord[]) => void;
  schedule: Schedule;
  clock: Clock;
  /** Where events wait, one record each, until a receiver confirms them. */
  store: BeaconStore;
  /**
   * Which tab sends when several share `store`. Omitted: this tab sends everything
   * (a store only it can see).
   */
  lock?: SenderLock;
  /** @default 'granted' */
  consent?: BeaconConsent;
  /** `navigator.onLine`: only used to tell "offline" from "failed". @default () => true */
  isOnline?: () => boolean;
  /** Ends this tab's storage keys, so that tabs appending at once never collide. */
  tabId?: string;
  onError?: (detail: TebikiErrorDetail) => void;
  debug?: (message: string) => void;
  random?: () => number;
}

export interface BeaconQueue {
  /** Queues an event, persisted before any send. False when it was rejected or dropped. */
  enqueue(event: SegmentEvent): boolean;
  /** Resolves once what this tab may send is delivered, parked for a retry, or left to the sending tab. */
  flush(): Promise<void>;
  /** Hands what is queued to `sendBeacon`; the events stay stored until a receiver confirms them. */
  flushOnExit(): void;
  /** The device is back online: retry now unless the receiver asked for a pause. */
  online(): void;
  /** `'pending'` holds new events, `'denied'` purges everything, `'granted'` sends. */
  consent(state: BeaconConsent): void;
  /** Drops every queued event, stored ones included. */
  purge(): void;
  /** Looks for events earlier pages left undelivered, and sends them. */
  restore(): Promise<void>;
  destroy(): void;
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;
const keysOf = (records: BeaconRecord[]) => records.map((record) => record.key);
const byKey = (a: BeaconRecord, b: BeaconRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const nameOf = (event: SegmentEvent) => event.event ?? event.type;

/**
 * The beacon pipeline: persist each event, batch, send from one tab at a time,
 * retry with backoff, drop only what a limit says to, and report every drop.
 * The receiver dedupes on `messageId`, so a resend after an unclear outcome is safe.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createBeaconQueue(options: BeaconQueueOptions): BeaconQueue {
  const {
    endpoint,
    writeKey,
    transport,
    sendBeacon,
    rescue,
    schedule,
    clock,
    store,
    lock,
    isOnline = () => true,
    onError = () => {},
    debug = () => {},
    random = Math.random,
    maxBatchEvents = 20,
    flushIntervalMs = 5000,
    maxBatchBytes = 450_000,
    maxEvents = 1000,
    maxBytes = 2_000_000,
    retryBaseMs = 500,
    retryMaxMs = 60_000,
    maxAttempts = 10,
    maxRetryAgeMs = 12 * 3_600_000,
    retryAfterMaxMs = 300_000,
    pendingConsent = 'hold',
  } = options;
  const tab = options.tabId ?? random().toString(36).slice(2, 8);
  let state = options.consent ?? 'granted';

  /** What this tab may send or beacon, in key order: its own events, and everyone's while it sends. */
  let known: BeaconRecord[] = [];
  /** Captured while consent is pending; never stored. */
  let held: BeaconRecord[] = [];
  /** Keys whose write has not finished. */
  const unsaved = new Set<string>();
  /** Keys kept in memory only (storage refused them): this tab sends them, lock or not. */
  const local = new Set<string>();
  /** Delivered, dropped or evicted: never to be read back from storage. */
  const gone = new Set<string>();
  /** Handed to sendBeacon by this page: not beaconed twice. */
  const beaconed = new Set<string>();
  let toWrite: BeaconRecord[] = [];
  /** Every storage write, in order: sends wait for it (persist before send). */
  let writing = Promise.resolve();
  let broken = false;

  let leader = !lock;
  let release: (() => void) | null = null;
  /** Resolves the wait of a flush() that needs the sender lock before it can send. */
  let onLeader: (() => void) | null = null;
  /** Earlier pages left events in storage that only the sending tab will read. */
  let stale = false;
  let pausedUntil = 0;
  /** The pause is the receiver's own (`Retry-After`): `online` does not cut it short. */
  let serverPause = false;
  /** Lowered for good by a 413. */
  let splitLimit = maxBatchEvents;
  let inflight: BeaconRecord[] = [];
  let inflightKeepalive = false;
  let running: Promise<void> | null = null;
  let again = false;
  let cancelTimer: (() => void) | null = null;
  let dropped = 0;
  let nextReport = 0;
  let cancelReport: (() => void) | null = null;
  /** Bumped by purge(), so reads started before it are ignored. */
  let epoch = 0;
  let destroyed = false;
  let lastTime = 0;
  let serial = 0;

  const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
  if (writeKey) headers.Authorization = `Basic ${btoa(`${writeKey}:`)}`;
  const body = (batch: BeaconRecord[]) =>
    JSON.stringify({
      batch: batch.map((record) => record.event),
      sentAt: new Date(clock.now()).toISOString(),
      ...(writeKey ? { writeKey } : {}),
    });
  /** Bytes of a body around its events; each event adds its bytes and a comma. */
  const overhead = byteLength(body([]));

  /** Sorts after every key this tab made before; ties between tabs are broken by the tab id. */
  function nextKey(): string {
    const now = Math.max(clock.now(), lastTime);
    serial = now === lastTime ? serial + 1 : 0;
    lastTime = now;
    return now.toString(36).padStart(9, '0') + serial.toString(36).padStart(4, '0') + tab;
  }

  function arm(ms: number): void {
    cancelTimer?.();
    cancelTimer = schedule(() => {
      cancelTimer = null;
      void flush();
    }, ms);
  }

  function commit(write: () => Promise<void>, what: string): void {
    writing = writing
      .then(write)
      .catch((error) => debug(`storage: ${what} failed (${String(error)})`));
  }

  function persist(record: BeaconRecord): void {
    if (broken) {
      local.add(record.key);
      return;
    }
    unsaved.add(record.key);
    toWrite.push(record);
    // One transaction for every event queued in the same task.
    if (toWrite.length === 1) writing = writing.then(writeOut);
  }

  async function writeOut(): Promise<void> {
    const records = toWrite;
    toWrite = [];
    if (records.length === 0) return;
    try {
      await store.put(records);
    } catch (error) {
      if (!broken) debug(`storage failed (${String(error)}); keeping them in memory`);
      broken = true;
      for (const record of records) local.add(record.key);
    }
    for (const record of records) unsaved.delete(record.key);
  }

  /** Removes records from this tab and from storage, for good. */
  function forget(records: BeaconRecord[]): void {
    if (records.length === 0) return;
    const keys = new Set(keysOf(records));
    known = known.filter((record) => !keys.has(record.key));
    const stored: string[] = [];
    for (const key of keys) {
      beaconed.delete(key);
      if (local.delete(key)) continue;
      gone.add(key);
      stored.push(key);
    }
    if (stored.length > 0) commit(() => store.remove(stored), 'delete');
  }

  /** How many of the oldest records must go to fit the caps. */
  function overflow(records: BeaconRecord[]): number {
    let bytes = 0;
    for (const record of records) bytes += record.bytes;
    let count = 0;
    while (records.length - count > maxEvents || bytes > maxBytes) {
      bytes -= records[count]!.bytes;
      count++;
    }
    return count;
  }

  function enforceCaps(): void {
    const count = overflow(known);
    if (count === 0) return;
    forget(known.slice(0, count));
    noteDropped(count);
  }

  /** Reports drops at most once per flush interval: the report is itself an event. */
  function noteDropped(count: number): void {
    dropped += count;
    debug(`queue full: ${count} oldest events dropped`);
    if (cancelReport) return;
    cancelReport = schedule(
      () => {
        cancelReport = null;
        nextReport = clock.now() + flushIntervalMs;
        const message = `${dropped} events dropped: queue over ${maxEvents} events or ${maxBytes} bytes`;
        dropped = 0;
        onError({ code: 'queue_full', message });
      },
      Math.max(0, nextReport - clock.now()),
    );
  }

  function drop(batch: BeaconRecord[], code: string, reason: string): void {
    forget(batch);
    const message = `${reason}; ${batch.length} events dropped`;
    debug(message);
    onError({ code, message });
  }

  function add(record: BeaconRecord): void {
    const last = known[known.length - 1];
    known.push(record);
    if (last && last.key > record.key) known.sort(byKey);
    persist(record);
    enforceCaps();
    let bytes = overhead;
    for (const item of known) bytes += item.bytes + 1;
    // While paused, the timer already set for the end of the pause does the sending.
    const full = known.length >= maxBatchEvents || bytes >= maxBatchBytes;
    if (full && pausedUntil <= clock.now()) void flush();
    else if (!cancelTimer) arm(flushIntervalMs);
  }

  function wantLock(): void {
    if (!lock || release) return;
    debug('waiting for the sender lock');
    release = lock.request(
      () => {
        leader = true;
        debug('sender lock taken');
        onLeader?.();
        void flush();
      },
      () => {
        leader = false;
        release?.();
        release = null;
        debug('sender lock lost');
      },
    );
  }

  function leaderWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = schedule(() => {
        onLeader = null;
        resolve(false);
      }, ms);
      onLeader = () => {
        onLeader = null;
        cancel();
        resolve(true);
      };
    });
  }

  function giveUpLock(): void {
    if (!release) return;
    leader = false;
    release();
    release = null;
    debug('sender lock released');
  }

  /** Brings this tab's view in line with storage: other tabs' events in, delivered ones out. */
  async function sync(): Promise<void> {
    const at = epoch;
    const writes = new Set(unsaved);
    const keys = await store.keys().catch((error) => {
      debug(`storage: read failed (${String(error)})`);
      return null;
    });
    if (!keys || at !== epoch) return;
    stale = false;
    const present = new Set(keys);
    for (const key of gone) if (!present.has(key)) gone.delete(key);
    known = known.filter(
      ({ key }) => present.has(key) || local.has(key) || writes.has(key) || unsaved.has(key),
    );
    const have = new Set(keysOf(known));
    const missing = keys.filter((key) => !have.has(key) && !gone.has(key));
    if (missing.length === 0) return;
    const records = await store.get(missing).catch((): (BeaconRecord | undefined)[] => []);
    if (at !== epoch) return;
    const mine = new Set(keysOf(known));
    const fresh = records.filter(
      (record): record is BeaconRecord =>
        !!record && !gone.has(record.key) && !mine.has(record.key),
    );
    if (fresh.length === 0) return;
    known = [...known, ...fresh].sort(byKey);
    debug(`picked up ${fresh.length} stored events`);
  }

  /** The next batch from the head: same retry history, within the count and byte limits. */
  function take(sendable: BeaconRecord[]): BeaconRecord[] {
    const head = sendable[0]!;
    const batch: BeaconRecord[] = [];
    let bytes = overhead;
    for (const record of sendable) {
      if (
        batch.length >= splitLimit ||
        record.failedAt !== head.failedAt ||
        (batch.length > 0 && bytes + record.bytes + 1 > maxBatchBytes)
      )
        break;
      batch.push(record);
      bytes += record.bytes + 1;
    }
    return batch;
  }

  /** Sends one batch; true to go on with the next, false when parked. */
  async function send(batch: BeaconRecord[]): Promise<boolean> {
    let attempts = 0;
    for (const record of batch) attempts = Math.max(attempts, record.attempts ?? 0);
    const text = body(batch);
    inflight = batch;
    inflightKeepalive = byteLength(text) <= MAX_KEEPALIVE_BYTES;
    let response: BeaconResponse | null = null;
    try {
      response = await transport({
        url: endpoint,
        body: text,
        headers: attempts > 0 ? { ...headers, 'X-Retry-Count': String(attempts) } : headers,
        keepalive: inflightKeepalive,
      });
    } catch (error) {
      debug(`${batch.length} events not sent: ${String(error)}`);
    }
    inflight = [];
    const status = response?.status ?? 0;
    const now = clock.now();
    if (status >= 200 && status < 300) {
      debug(`delivered ${batch.length} events`);
      forget(batch);
      return true;
    }
    if (status === 413) {
      if (batch.length === 1) {
        const reason = `the endpoint refused event "${nameOf(batch[0]!.event)}" as too large (413)`;
        drop(batch, 'event_too_large', reason);
      } else {
        splitLimit = Math.ceil(batch.length / 2);
        debug(`413 for ${batch.length} events: batches of at most ${splitLimit} from now on`);
      }
      return true;
    }
    if (status > 0 && !isRetryable(status)) {
      drop(batch, 'batch_rejected', `the endpoint answered ${status}`);
      return true;
    }
    if (!response && !isOnline()) {
      // Offline is no failure of the receiver's: wait for `online` (or try again later).
      pausedUntil = now + retryMaxMs;
      serverPause = false;
      debug('offline: waiting for the online event');
      arm(retryMaxMs);
      return false;
    }
    const pause = retryAfterMs(response?.retryAfter, now, response?.date, retryAfterMaxMs);
    const failed = attempts + (pause === null ? 1 : 0);
    const failedAt = batch[0]!.failedAt ?? now;
    const outcome = status || 'network error';
    if (failed >= maxAttempts || now - failedAt >= maxRetryAgeMs) {
      const reason = `${outcome} after ${failed} failed attempts in ${Math.round((now - failedAt) / 1000)} s`;
      drop(batch, 'retry_exhausted', reason);
      return true;
    }
    for (const record of batch) {
      record.attempts = failed;
      record.failedAt = failedAt;
    }
    const stored = batch.filter((record) => !local.has(record.key));
    if (stored.length > 0) commit(() => store.update(stored), 'update');
    // A zero or past Retry-After still waits the base delay: no tight loop on a busy receiver.
    const delay =
      pause === null
        ? backoffMs(failed, random, retryBaseMs, retryMaxMs)
        : Math.max(pause, retryBaseMs);
    pausedUntil = now + delay;
    serverPause = pause !== null;
    debug(
      `${outcome}: ${batch.length} events retried in ${delay} ms` +
        (pause === null ? ` (attempt ${failed + 1} of ${maxAttempts})` : ', as Retry-After asks'),
    );
    arm(delay);
    return false;
  }

  async function run(): Promise<void> {
    cancelTimer?.();
    cancelTimer = null;
    for (;;) {
      await writing;
      if (destroyed) return;
      if (state !== 'granted') return giveUpLock();
      if (leader) await sync();
      enforceCaps();
      const sendable = leader ? known : known.filter((record) => local.has(record.key));
      if (!leader && (stale || sendable.length < known.length)) wantLock();
      if (sendable.length === 0) {
        if (leader && known.length === 0) giveUpLock();
        // Events wait for the sender lock: flush() resolves once this tab has it and sends
        // them, or after LOCK_WAIT_MS with them parked for the tab that holds it.
        if (!leader && release && known.length > 0 && (await leaderWithin(LOCK_WAIT_MS))) continue;
        return;
      }
      const wait = pausedUntil - clock.now();
      if (wait > 0) return arm(wait);
      if (!(await send(take(sendable)))) return;
    }
  }

  function flush(): Promise<void> {
    if (destroyed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again && !destroyed);
    })()
      .catch((error) => debug(String(error)))
      .finally(() => {
        running = null;
      });
    return running;
  }

  function purge(): void {
    epoch++;
    known = [];
    held = [];
    toWrite = [];
    stale = false;
    for (const set of [unsaved, local, gone, beaconed]) set.clear();
    cancelTimer?.();
    cancelTimer = null;
    pausedUntil = 0;
    commit(() => store.clear(), 'clear');
    giveUpLock();
    debug('queue purged');
  }

  return {
    enqueue(event) {
      if (destroyed || state === 'denied') return false;
      const bytes = byteLength(JSON.stringify(event));
      if (bytes > MAX_EVENT_BYTES) {
        onError({
          code: 'event_too_large',
          message: `event "${nameOf(event)}" is ${bytes} bytes; the limit is ${MAX_EVENT_BYTES}`,
        });
        return false;
      }
      const record: BeaconRecord = { key: nextKey(), event, bytes };
      if (state === 'granted') {
        add(record);
        return true;
      }
      if (pendingConsent === 'drop') {
        debug(`consent pending: "${nameOf(event)}" dropped`);
        return false;
      }
      held.push(record);
      const count = overflow(held);
      if (count > 0) {
        held = held.slice(count);
        noteDropped(count);
      }
      return true;
    },
    flush,
    flushOnExit() {
      if (!sendBeacon || destroyed || state !== 'granted') return;
      // The receiver asked for a pause, or the device is offline: they stay stored for later.
      if (pausedUntil > clock.now() && (serverPause || !isOnline())) return;
      const flying = inflightKeepalive ? new Set(keysOf(inflight)) : null;
      const records = known.filter(({ key }) => !beaconed.has(key) && !flying?.has(key));
      if (records.length === 0) return;
      const sent = beaconInChunks(records, overhead, (chunk) => sendBeacon(endpoint, body(chunk)));
      for (const record of sent) beaconed.add(record.key);
      debug(`sendBeacon took ${sent.length} of ${records.length} events`);
      if (!rescue) return;
      const atRisk = records.filter(
        ({ key }) => !beaconed.has(key) && (unsaved.has(key) || local.has(key)),
      );
      if (atRisk.length === 0) return;
      rescue(atRisk);
      // Still alive once every write has settled: nothing is at risk any more, unless kept
      // in memory only (then the next page going away saves them again).
      const settled = (): void => {
        const at = writing;
        void at.then(() => {
          if (writing !== at) settled();
          else if (!known.some(({ key }) => local.has(key))) rescue([]);
        });
      };
      settled();
    },
    online() {
      if (!serverPause) pausedUntil = 0;
      debug('online: sending');
      void flush();
    },
    consent(next) {
      if (next === state || destroyed) return;
      state = next;
      debug(`consent ${next}`);
      if (next === 'denied') return purge();
      if (next === 'pending') {
        cancelTimer?.();
        cancelTimer = null;
        return giveUpLock();
      }
      const waiting = held;
      held = [];
      for (const record of waiting) add(record);
      void flush();
    },
    purge,
    async restore() {
      if (state === 'denied') return purge();
      const keys = await store.keys().catch(() => []);
      if (keys.length === 0 || destroyed) return;
      stale = true;
      debug(`${keys.length} stored events`);
      if (state === 'granted') void flush();
    },
    destroy() {
      destroyed = true;
      cancelTimer?.();
      cancelReport?.();
      giveUpLock();
    },
  };
}
