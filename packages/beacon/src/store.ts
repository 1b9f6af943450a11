import type { SegmentEvent } from '@tebiki/core';

/** One captured event as it waits in storage. */
export interface BeaconRecord {
  /** Storage key; keys sort in capture order. */
  key: string;
  event: SegmentEvent;
  /** `JSON.stringify(event)` in UTF-8 bytes. */
  bytes: number;
  /** Failed attempts counted so far (`Retry-After` pauses do not count). */
  attempts?: number;
  /** When its batch first failed (epoch ms): the start of the 12-hour limit. */
  failedAt?: number;
}

/**
 * Where events wait until a receiver confirms them, one entry per event so that
 * tabs can append without rewriting each other's queue. IndexedDB in browsers
 * (shared by the tabs of an origin), memory in tests and as the fallback.
 */
export interface BeaconStore {
  /** Keys of every stored record, sorted. */
  keys(): Promise<string[]>;
  /** The records under these keys; `undefined` for those gone meanwhile. */
  get(keys: string[]): Promise<(BeaconRecord | undefined)[]>;
  /** Adds records, all or none. */
  put(records: BeaconRecord[]): Promise<void>;
  /** Rewrites records that still exist; never brings back one deleted meanwhile. */
  update(records: BeaconRecord[]): Promise<void>;
  remove(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

/**
 * A store in this tab's memory: the fallback when IndexedDB is missing or throws.
 * Records are copied in and out, as IndexedDB would.
 */
export function createMemoryBeaconStore(): BeaconStore {
  const map = new Map<string, BeaconRecord>();
  return {
    keys: async () => [...map.keys()].sort(),
    get: async (keys) => keys.map((key) => structuredClone(map.get(key))),
    put: async (records) => {
      for (const record of records) map.set(record.key, structuredClone(record));
    },
    update: async (records) => {
      for (const record of records)
        if (map.has(record.key)) map.set(record.key, structuredClone(record));
    },
    remove: async (keys) => {
      for (const key of keys) map.delete(key);
    },
    clear: async () => map.clear(),
  };
}
