import { createMemoryStorage, type KeyValueStorage } from '@tebiki/core';
import { createStore, del, get, set, update } from 'idb-keyval';

/**
 * Tebiki's own IndexedDB database (the host's storage is never touched),
 * or memory when IndexedDB is missing or throws (private windows, blocked storage).
 */
export async function openStorage(
  name: string,
  warn: (message: string) => void,
): Promise<KeyValueStorage> {
  try {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    const store = createStore(name, 'kv');
    await get('__probe__', store);
    return {
      get: (key) => get(key, store),
      set: (key, value) => set(key, value, store),
      del: (key) => del(key, store),
      update: (key, change) => update(key, change, store),
    };
  } catch (error) {
    warn(`storage unavailable, progress is kept in memory only (${String(error)})`);
    return createMemoryStorage();
  }
}

/**
 * Storage that never rejects: a read that fails is "nothing stored", a write
 * that fails (quota, a closed database) is logged and skipped, so the SDK keeps
 * working on what it holds in memory.
 */
export function resilient(
  storage: KeyValueStorage,
  log: (message: string) => void,
): KeyValueStorage {
  const failed = (what: string) => (error: unknown) => {
    log(`storage ${what} failed: ${String(error)}`);
    return undefined;
  };
  return {
    get: (key) => storage.get(key).catch(failed(`read of ${key}`)) as never,
    set: (key, value) => storage.set(key, value).catch(failed(`write of ${key}`)),
    del: (key) => storage.del(key).catch(failed(`delete of ${key}`)),
    update: storage.update
      ? (key, change) => storage.update!(key, change).catch(failed(`update of ${key}`))
      : undefined,
  };
}
