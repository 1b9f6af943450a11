import { describe, expect, it } from 'vitest';
import { createActiveTimeTracker } from '../src/active-time.ts';

const T0 = 1_700_000_000_000;
const IDLE = 60_000;

/** A small deterministic PRNG (mulberry32), so every failing sequence can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('createActiveTimeTracker', () => {
  it('counts all the time while visible with steady input', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0 });
    for (let t = T0 + 10_000; t <= T0 + 600_000; t += 10_000) tracker.input(t);
    expect(tracker.total(T0 + 600_000)).toBe(600_000);
  });

  it('counts the first idleMs after the start as active', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0 });
    expect(tracker.total(T0)).toBe(0);
    expect(tracker.total(T0 + 30_000)).toBe(30_000);
    expect(tracker.total(T0 + 60_000)).toBe(60_000);
    expect(tracker.total(T0 + 300_000)).toBe(60_000);
  });

  it('caps an idle gap at idleMs', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0 });
    tracker.input(T0 + 10_000);
    // Idle for ten minutes: only the minute after the last input counts.
    tracker.input(T0 + 610_000);
    expect(tracker.total(T0 + 610_000)).toBe(70_000);
    expect(tracker.total(T0 + 620_000)).toBe(80_000);
  });

  it('honours a custom idleMs', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0, idleMs: 5_000 });
    tracker.input(T0 + 2_000);
    expect(tracker.total(T0 + 100_000)).toBe(7_000);
    const never = createActiveTimeTracker({ visible: true, now: T0, idleMs: 0 });
    never.input(T0 + 1_000);
    expect(never.total(T0 + 100_000)).toBe(0);
  });

  it('stops counting at once when hidden and excludes hidden intervals', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0 });
    tracker.input(T0 + 20_000);
    tracker.visibility(false, T0 + 30_000);
    expect(tracker.total(T0 + 30_000)).toBe(30_000);
    expect(tracker.total(T0 + 50_000)).toBe(30_000);
    tracker.input(T0 + 55_000); // input while hidden does not count
    expect(tracker.total(T0 + 500_000)).toBe(30_000);
    tracker.visibility(true, T0 + 500_000);
    expect(tracker.total(T0 + 510_000)).toBe(40_000);
  });

  it('starts hidden and counts only from becoming visible', () => {
    const tracker = createActiveTimeTracker({ visible: false, now: T0 });
    tracker.input(T0 + 5_000);
    expect(tracker.total(T0 + 100_000)).toBe(0);
    tracker.visibility(true, T0 + 100_000);
    // The first idleMs after becoming visible counts, as the user just arrived.
    expect(tracker.total(T0 + 200_000)).toBe(60_000);
  });

  it('treats a repeated visible signal as no new arrival', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0 });
    tracker.visibility(true, T0 + 50_000);
    expect(tracker.total(T0 + 200_000)).toBe(60_000);
  });

  it('never goes back when the clock jumps backwards', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0 });
    expect(tracker.total(T0 + 20_000)).toBe(20_000);
    expect(tracker.total(T0 - 3_600_000)).toBe(20_000);
    // Time passing on the new clock counts, within what was left of the idle allowance.
    expect(tracker.total(T0 - 3_600_000 + 10_000)).toBe(30_000);
    expect(tracker.total(T0 - 3_600_000 + 100_000)).toBe(60_000);
    tracker.input(T0 - 3_600_000 + 110_000);
    expect(tracker.total(T0 - 3_600_000 + 120_000)).toBe(70_000);
    expect(tracker.total(0)).toBe(70_000);
    expect(tracker.total(-1)).toBeGreaterThanOrEqual(0);
  });

  it('counts at most idleMs across a forward jump without input', () => {
    const tracker = createActiveTimeTracker({ visible: true, now: T0 });
    tracker.input(T0 + 1_000);
    expect(tracker.total(T0 + 1_000 + 86_400_000)).toBe(61_000);
    // A jump ending in input: the gap still counts at most idleMs, then counting resumes.
    tracker.input(T0 + 2 * 86_400_000);
    expect(tracker.total(T0 + 2 * 86_400_000 + 5_000)).toBe(66_000);
  });

  it('continues from a restored snapshot', () => {
    const first = createActiveTimeTracker({ visible: true, now: T0 });
    first.input(T0 + 40_000);
    const saved = first.snapshot(T0 + 45_000);
    expect(saved).toEqual({ activeMs: 45_000 });

    const second = createActiveTimeTracker({ initial: saved, visible: true, now: T0 + 900_000 });
    expect(second.total(T0 + 900_000)).toBe(45_000);
    expect(second.total(T0 + 910_000)).toBe(55_000);
    expect(second.snapshot(T0 + 910_000)).toEqual({ activeMs: 55_000 });
  });

  it('ignores corrupt persisted state and odd clock readings', () => {
    for (const activeMs of [-5, Number.NaN, Number.POSITIVE_INFINITY, '12' as unknown as number]) {
      const tracker = createActiveTimeTracker({ initial: { activeMs }, visible: false, now: T0 });
      expect(tracker.total(T0 + 1_000)).toBe(0);
    }
    const tracker = createActiveTimeTracker({ visible: true, now: Number.NaN });
    expect(tracker.total(Number.NaN)).toBe(0);
    tracker.input(Number.NaN);
    expect(tracker.total(T0)).toBe(0); // the first usable reading starts the clock
    expect(tracker.total(T0 + 1_000)).toBe(1_000);
    expect(tracker.total(Number.NaN)).toBe(1_000);
    const defaultIdle = createActiveTimeTracker({ visible: true, now: T0, idleMs: -1 });
    expect(defaultIdle.total(T0 + 600_000)).toBe(IDLE);
  });

  it('keeps two trackers independent', () => {
    const a = createActiveTimeTracker({ visible: true, now: T0 });
    const b = createActiveTimeTracker({ visible: false, now: T0 });
    a.input(T0 + 10_000);
    expect(a.total(T0 + 20_000)).toBe(20_000);
    expect(b.total(T0 + 20_000)).toBe(0);
  });

  it('stays non-negative, non-decreasing and within elapsed time over 1,000 random sequences', () => {
    const next = random(0x7eb1c1);
    for (let run = 0; run < 1_000; run++) {
      const idleMs = Math.floor(next() * 120_000);
      const initial = next() < 0.3 ? { activeMs: Math.floor(next() * 1e7) } : undefined;
      let now = T0 + Math.floor((next() - 0.5) * 1e9);
      let visible = next() < 0.5;
      const tracker = createActiveTimeTracker({ initial, idleMs, visible, now });
      let previous = tracker.total(now);
      expect(previous).toBe(initial?.activeMs ?? 0);
      const steps = 1 + Math.floor(next() * 60);
      for (let step = 0; step < steps; step++) {
        const roll = next();
        const before = now;
        // Mostly small steps forward, some long idle gaps, some backward jumps.
        if (roll < 0.1) now -= Math.floor(next() * 1e8);
        else if (roll < 0.2) now += Math.floor(next() * 1e8);
        else now += Math.floor(next() * 30_000);
        const wasVisible = visible;
        const kind = next();
        if (kind < 0.25) {
          visible = next() < 0.5;
          tracker.visibility(visible, now);
        } else if (kind < 0.75) {
          tracker.input(now);
        } else if (kind < 0.9) {
          tracker.snapshot(now);
        }
        const total = tracker.total(now);
        // Never more than the clock advanced, never more than idleMs in one step,
        // and nothing at all across a step that began hidden.
        const gained = total - previous;
        const ok =
          total >= 0 &&
          gained >= 0 &&
          gained <= Math.max(0, now - before) &&
          gained <= idleMs &&
          (wasVisible || gained === 0);
        if (!ok) {
          expect.fail(
            JSON.stringify({ run, step, idleMs, wasVisible, before, now, previous, total }),
          );
        }
        previous = total;
      }
    }
  });
});
