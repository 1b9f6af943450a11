import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaseLock } from '../src/index.ts';
import { START, schedule } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A lease record in shared storage, claimed atomically (an IndexedDB transaction). */
function sharedLease() {
  let lease: { owner: string; until: number } | undefined;
  const claim = vi.fn(async (owner: string, until: number) => {
    const mine = !lease || lease.until <= Date.now() || lease.owner === owner;
    if (mine) lease = { owner, until };
    return mine;
  });
  /** A tab; `kill()` stops its timers, as when the tab dies, without giving anything up. */
  const tab = (owner: string) => {
    let alive = true;
    const lock = createLeaseLock({
      claim,
      owner,
      schedule: (fn, ms) => schedule(() => alive && fn(), ms),
      clock: { now: () => Date.now() },
      leaseMs: 3000,
    });
    return Object.assign(lock, { kill: () => (alive = false) });
  };
  return { claim, tab, lease: () => lease };
}

describe('createLeaseLock', () => {
  it('grants a free lease and renews it every third of its length', async () => {
    const { tab, claim, lease } = sharedLease();
    const granted = vi.fn();
    tab('a').request(granted, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(claim).toHaveBeenCalledTimes(4);
    expect(lease()).toEqual({ owner: 'a', until: START + 3000 + 3000 });
    expect(granted).toHaveBeenCalledTimes(1);
  });

  it('lets a waiting tab take over once a dead holder stops renewing', async () => {
    const { tab } = sharedLease();
    const holder = tab('a');
    holder.request(vi.fn(), vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    const granted = vi.fn();
    tab('b').request(granted, vi.fn());
    await vi.advanceTimersByTimeAsync(5000);
    expect(granted).not.toHaveBeenCalled();
    holder.kill();
    await vi.advanceTimersByTimeAsync(2000);
    expect(granted).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(granted).toHaveBeenCalledTimes(1);
  });

  it('frees the lease at once on release, for the next tab to take', async () => {
    const { tab } = sharedLease();
    const release = tab('a').request(vi.fn(), vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    const granted = vi.fn();
    tab('b').request(granted, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toHaveBeenCalledTimes(1);
  });

  it('tells the holder when another tab took the lease while it was frozen', async () => {
    const { tab, claim } = sharedLease();
    const lost = vi.fn();
    tab('a').request(vi.fn(), lost);
    await vi.advanceTimersByTimeAsync(0);
    claim.mockImplementationOnce(async () => false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('treats a storage failure as not holding the lease', async () => {
    const { tab, claim } = sharedLease();
    claim.mockRejectedValueOnce(new Error('closed'));
    const granted = vi.fn();
    tab('a').request(granted, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toHaveBeenCalledTimes(1);
  });
});
