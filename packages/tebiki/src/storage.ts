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
