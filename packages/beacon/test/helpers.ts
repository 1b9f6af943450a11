import type { SegmentEvent, TebikiErrorDetail, TransportRequest } from '@tebiki/core';
import { vi } from 'vitest';
import {
  type BeaconQueueOptions,
  type BeaconResponse,
  type BeaconStore,
  createBeaconQueue,
  createMemoryBeaconStore,
  type SenderLock,
} from '../src/index.ts';

export const START = Date.UTC(2025, 0, 1, 9, 0, 0);
export const ENDPOINT = 'https://collector.test/v1/batch';
export const byteLength = (text: string) => new TextEncoder().encode(text).length;

let serial = 0;
let tabs = 0;
export function makeEvent(properties: Record<string, unknown> = {}): SegmentEvent {
  serial += 1;
  return {
    messageId: `msg-${String(serial).padStart(5, '0')}`,
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

export const idsOf = (events: SegmentEvent[]) => events.map((event) => event.messageId);

/** A scripted answer: a response, a network failure, or a request that never ends. */
export type Answer = BeaconResponse | Error | 'hang';

export interface SetupOptions extends Partial<BeaconQueueOptions> {
  /** Answers for the next requests, in order; `otherwise` after them. */
  answers?: Answer[];
  /** @default { status: 200 } */
  otherwise?: Answer;
}

export const schedule = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/** A queue (one "tab") wired to a scripted transport, fake timers and a memory store. */
export function setup(options: SetupOptions = {}) {
  const { answers = [], otherwise = { status: 200 }, ...rest } = options;
  const requests: TransportRequest[] = [];
  const transport = vi.fn(async (request: TransportRequest): Promise<BeaconResponse> => {
    requests.push(request);
    const answer = answers.shift() ?? otherwise;
    if (answer === 'hang') return new Promise<never>(() => {});
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const errors: TebikiErrorDetail[] = [];
  const logs: string[] = [];
  const store = rest.store ?? createMemoryBeaconStore();
  const queue = createBeaconQueue({
    endpoint: ENDPOINT,
    writeKey: 'pk_test',
    transport,
    schedule,
    clock: { now: () => Date.now() },
    onError: (detail) => errors.push(detail),
    debug: (message) => logs.push(message),
    random: () => 0.5,
    tabId: `tab${++tabs}`,
    ...rest,
    store,
  });
  // From the mock's calls, so that tests may swap its implementation.
  const sent = () => transport.mock.calls.map(([request]) => request);
  const bodies = () =>
    sent().map((request) => JSON.parse(request.body) as { batch: SegmentEvent[] });
  const sentIds = () => bodies().flatMap((body) => idsOf(body.batch));
  const retryCounts = () => sent().map((request) => request.headers['X-Retry-Count']);
  return { queue, transport, requests, bodies, sentIds, retryCounts, errors, logs, store, answers };
}

/** Every event id in the store, in key order. */
export async function storedIds(store: BeaconStore): Promise<string[]> {
  const records = await store.get(await store.keys());
  return records.flatMap((record) => (record ? [record.event.messageId] : []));
}

/**
 * Web Locks as the tabs of one browser see them: one holder at a time, the others
 * granted in request order; a tab that dies releases its lock.
 */
export function createFakeLocks() {
  let holder: symbol | null = null;
  const waiting: { id: symbol; granted: () => void }[] = [];
  const grant = (id: symbol, granted: () => void) => {
    holder = id;
    queueMicrotask(() => {
      if (holder === id) granted();
    });
  };
  return {
    held: () => holder !== null,
    lock(): SenderLock {
      return {
        request(granted) {
          const id = Symbol('tab');
          if (holder) waiting.push({ id, granted });
          else grant(id, granted);
          return () => {
            const index = waiting.findIndex((entry) => entry.id === id);
            if (index >= 0) waiting.splice(index, 1);
            if (holder !== id) return;
            holder = null;
            const next = waiting.shift();
            if (next) grant(next.id, next.granted);
          };
        },
      };
    },
  };
}
