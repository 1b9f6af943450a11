/** Wall-clock and monotonic time; replaced by a fake clock in tests. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** Asynchronous key-value storage (IndexedDB in browsers, memory in tests). */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Reads and writes `key` in one step no other tab can interleave with
   * (one IndexedDB transaction). `change` must be synchronous.
   */
  update?<T>(key: string, change: (old: T | undefined) => T): Promise<void>;
}

/** Schedules a callback; returns its cancel function. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/**
 * Finds the element a step points at, waiting up to `timeoutMs` for it to
 * appear. Resolves null when it never does. The element is opaque to core.
 */
export type ResolveTarget = (
  selector: string,
  timeoutMs: number,
  signal: AbortSignal,
) => Promise<unknown | null>;

export interface TransportRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Let the request outlive the page (bodies up to 64 KiB in browsers). */
  keepalive: boolean;
}

export interface TransportResponse {
  status: number;
  /** Raw `Retry-After` header, when the receiver sent one. */
  retryAfter?: string | null;
}

/** Sends one batch body; rejects on network failure. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Memory storage: the fallback when IndexedDB is missing or throws. */
export function createMemoryStorage(): KeyValueStorage {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => structuredClone(map.get(key)) as T | undefined,
    set: async (key, value) => {
      map.set(key, structuredClone(value));
    },
    del: async (key) => {
      map.delete(key);
    },
    update: async <T>(key: string, change: (old: T | undefined) => T) => {
      map.set(key, structuredClone(change(structuredClone(map.get(key)) as T | undefined)));
    },
  };
}
