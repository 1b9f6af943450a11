import {
  type BeaconConsent,
  type BeaconQueue,
  type BeaconRecord,
  type BeaconStore,
  type BeaconTuning,
  createBeaconQueue,
  createFetchTransport,
  createLeaseLock,
  createMemoryBeaconStore,
  type SenderLock,
} from '@tebiki/beacon';
import type { TebikiErrorDetail } from '@tebiki/core';
import {
  createStore,
  delMany,
  getMany,
  promisifyRequest,
  setMany,
  type UseStore,
  update,
} from 'idb-keyval';

export interface BrowserBeaconsOptions {
  /** Where batches are POSTed. */
  endpoint: string;
  /** Sent as `Authorization: Basic base64(writeKey:)` and in every body. */
  writeKey?: string;
  /** @default 'granted' */
  consent?: BeaconConsent;
  /**
   * Advanced: the pipeline's numbers and policies (see `BeaconTuning`), plus the lease
   * length used where Web Locks are missing. The defaults are the production values.
   * @example { pendingConsent: 'drop' }
   */
  beacons?: BeaconTuning & { leaseMs?: number };
  /** The queue lives in the IndexedDB database `${storageName}-beacons`. @default 'tebiki' */
  storageName?: string;
  onError?: (detail: TebikiErrorDetail) => void;
  debug?: (message: string) => void;
}

interface Lease {
  owner: string;
  until: number;
}

/**
 * Events at risk when a page went away, saved synchronously in localStorage under
 * `${name}-rescue-${tab}`; the next page moves them into its store.
 */
function rescuer(name: string, tab: string) {
  const prefix = `${name}-rescue-`;
  return {
    save(records: BeaconRecord[]): void {
      try {
        if (records.length === 0) localStorage.removeItem(prefix + tab);
        else localStorage.setItem(prefix + tab, JSON.stringify(records));
      } catch {
        // Storage blocked or full: nothing more can be done as the page goes away.
      }
    },
    /** Every tab's rescued events, taken out of localStorage. */
    take(): BeaconRecord[] {
      const records: BeaconRecord[] = [];
      let keys: string[] = [];
      try {
        keys = Object.keys(localStorage).filter((key) => key.startsWith(prefix));
      } catch {
        return records; // Storage blocked: nothing was saved there either.
      }
      for (const key of keys) {
        try {
          const saved = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
          if (Array.isArray(saved)) records.push(...saved.filter(isRecord));
        } catch {
          // Not ours to read (corrupt): dropped below like the rest.
        }
        try {
          localStorage.removeItem(key);
        } catch {}
      }
      return records;
    },
  };
}

const isRecord = (value: unknown): value is BeaconRecord =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as BeaconRecord).key === 'string' &&
  typeof (value as BeaconRecord).event === 'object';

/** The lease record sorts after every event key (base-36 digits and letters). */
const LEASE_KEY = '~lease';
const OPEN_TIMEOUT_MS = 3000;
const eventKeys = () => IDBKeyRange.upperBound(LEASE_KEY, true);

/** One IndexedDB entry per event, in the object store `events` of the queue's own database. */
function idbStore(use: UseStore): BeaconStore {
  return {
    keys: () =>
      use('readonly', (store) => promisifyRequest(store.getAllKeys(eventKeys()))) as Promise<
        string[]
      >,
    get: (keys) => getMany(keys, use),
    put: (records) =>
      setMany(
        records.map((record) => [record.key, record]),
        use,
      ),
    update: (records) =>
      use('readwrite', (store) => {
        for (const record of records) {
          const request = store.getKey(record.key);
          request.onsuccess = () => {
            if (request.result !== undefined) store.put(record, record.key);
          };
        }
        return promisifyRequest(store.transaction);
      }),
    remove: (keys) => delMany(keys, use),
    clear: () =>
      use('readwrite', (store) => {
        store.delete(eventKeys());
        return promisifyRequest(store.transaction);
      }),
  };
}

/** Opens the queue's database; throws when IndexedDB is missing, throws or hangs. */
async function openDatabase(name: string): Promise<UseStore> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
  const use = createStore(name, 'events');
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      use('readonly', (store) => promisifyRequest(store.count())),
      new Promise((_, reject) => {
        timer = setTimeout(reject, OPEN_TIMEOUT_MS, new Error('IndexedDB did not open'));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  return use;
}

/** Web Locks: the lock is held while this tab sends and frees itself if the tab dies. */
function webLock(locks: LockManager, name: string): SenderLock {
  return {
    request(granted) {
      const abort = new AbortController();
      let release = () => {};
      locks
        .request(name, { signal: abort.signal }, () => {
          granted();
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        })
        .catch(() => {});
      return () => {
        abort.abort();
        release();
      };
    },
  };
}

/**
 * The beacon pipeline in a browser: its own IndexedDB database (memory when that
 * fails), one sending tab through Web Locks or a lease, `fetch` and `sendBeacon`,
 * and the `online` / `pagehide` / `visibilitychange` listeners. `destroy()` removes
 * every listener, timer and lock it added.
 */
export async function createBrowserBeacons(options: BrowserBeaconsOptions): Promise<BeaconQueue> {
  const { beacons, debug = () => {} } = options;
  const name = `${options.storageName ?? 'tebiki'}-beacons`;
  const tabId = Math.random().toString(36).slice(2, 8);
  const schedule = (fn: () => void, ms: number) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  };
  const clock = { now: () => Date.now() };
  let store: BeaconStore = createMemoryBeaconStore();
  let lock: SenderLock | undefined;
  try {
    const use = await openDatabase(name);
    store = idbStore(use);
    const claim = (owner: string, until: number) => {
      let mine = false;
      return update<Lease>(
        LEASE_KEY,
        (lease) => {
          mine = !lease || lease.until <= Date.now() || lease.owner === owner;
          return mine || !lease ? { owner, until } : lease;
        },
        use,
      ).then(() => mine);
    };
    lock =
      typeof navigator.locks?.request === 'function'
        ? webLock(navigator.locks, `${name}-sender`)
        : createLeaseLock({ claim, owner: tabId, schedule, clock, leaseMs: beacons?.leaseMs });
  } catch (error) {
    // Private windows, blocked storage: this tab keeps and sends its own events.
    debug(`events kept in memory: ${String(error)}`);
  }
  const rescue = rescuer(name, tabId);
  const rescued = rescue.take();
  if (rescued.length > 0) {
    await store.put(rescued).catch((error) => debug(`rescued events lost: ${String(error)}`));
    debug(`${rescued.length} events rescued from a page that went away`);
  }

  const queue = createBeaconQueue({
    ...beacons,
    endpoint: options.endpoint,
    writeKey: options.writeKey,
    consent: options.consent,
    transport: createFetchTransport(),
    sendBeacon: (url, body) => {
      try {
        return navigator.sendBeacon(url, body);
      } catch {
        return false;
      }
    },
    rescue: rescue.save,
    schedule,
    clock,
    store,
    lock,
    isOnline: () => navigator.onLine !== false,
    tabId,
    onError: options.onError,
    debug,
  });

  const abort = new AbortController();
  const listen = (target: EventTarget, type: string, fn: () => void) =>
    target.addEventListener(type, fn, { signal: abort.signal });
  listen(window, 'online', queue.online);
  listen(window, 'pagehide', queue.flushOnExit);
  listen(document, 'visibilitychange', () => {
    if (document.visibilityState === 'hidden') queue.flushOnExit();
  });
  return {
    ...queue,
    destroy() {
      abort.abort();
      queue.destroy();
    },
  };
}
