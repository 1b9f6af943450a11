import type { Clock, Schedule } from '@tebiki/core';

/**
 * Decides which tab sends the shared queue: one at a time, the others only append.
 * Web Locks in browsers that have them (the lock frees itself when its tab dies),
 * a lease with a heartbeat otherwise.
 */
export interface SenderLock {
  /**
   * Asks to become the sending tab. `granted` runs once this tab is; `lost` runs if
   * the lock is taken away (a lease that lapsed while the tab was frozen).
   * Returns the release, which also withdraws a request not yet granted.
   */
  request(granted: () => void, lost: () => void): () => void;
}

export interface LeaseOptions {
  /**
   * Atomically takes the lease for `owner` until `until` (epoch ms) when it is free,
   * expired or already `owner`'s; resolves whether `owner` holds it now.
   * `until: 0` gives it up.
   */
  claim(owner: string, until: number): Promise<boolean>;
  owner: string;
  schedule: Schedule;
  clock: Clock;
  /** How long a lease lasts without a heartbeat. Heartbeats come 3 times per lease. @default 10_000 */
  leaseMs?: number;
}

/**
 * A lease in shared storage, for browsers without Web Locks: the holder renews it
 * every third of its length; a tab that dies stops renewing and another takes over
 * once it expires.
 */
export function createLeaseLock(options: LeaseOptions): SenderLock {
  const { claim, owner, schedule, clock, leaseMs = 10_000 } = options;
  return {
    request(granted, lost) {
      let held = false;
      let stopped = false;
      let cancel = () => {};
      const tick = async () => {
        const won = await claim(owner, clock.now() + leaseMs).catch(() => false);
        if (stopped) {
          if (won) void claim(owner, 0).catch(() => {});
          return;
        }
        if (won !== held) {
          held = won;
          if (won) granted();
          else lost();
        }
        // `granted` may have released already.
        if (!stopped) cancel = schedule(tick, leaseMs / 3);
      };
      void tick();
      return () => {
        stopped = true;
        cancel();
        if (held) void claim(owner, 0).catch(() => {});
      };
    },
  };
}
