import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryable, retryAfterMs } from '../src/index.ts';

describe('isRetryable', () => {
  it.each([408, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(isRetryable(status)).toBe(true);
  });

  it.each([200, 400, 401, 403, 404, 413, 422, 501, 505, 511])('gives up on %i', (status) => {
    expect(isRetryable(status)).toBe(false);
  });
});

describe('backoffMs', () => {
  const middle = () => 0.5;

  it('starts at 500 ms and doubles per attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, middle))).toEqual([
      500, 1000, 2000, 4000, 8000,
    ]);
  });

  it('takes another base and cap (shorter timers in tests)', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, middle, 50, 300))).toEqual([
      50, 100, 200, 300,
    ]);
  });

  it('caps the delay at 60 s', () => {
    expect(backoffMs(8, middle)).toBe(60_000);
    expect(backoffMs(50, middle)).toBe(60_000);
  });

  it('adds at most ±10 % jitter', () => {
    expect(backoffMs(1, () => 0)).toBe(450);
    expect(backoffMs(1, () => 0.999_999)).toBe(550);
    expect(backoffMs(20, () => 0)).toBe(54_000);
    expect(backoffMs(20, () => 0.999_999)).toBe(66_000);
    for (let attempt = 1; attempt < 12; attempt++) {
      const base = Math.min(60_000, 500 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const delay = backoffMs(attempt);
        expect(delay).toBeGreaterThanOrEqual(base * 0.9);
        expect(delay).toBeLessThanOrEqual(base * 1.1);
      }
    }
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(retryAfterMs(new Date(now - 30_000).toUTCString(), now)).toBe(0);
  });

  it('reads an HTTP date against the receiver clock when its Date header is given', () => {
    const server = now + 2 * 86_400_000; // the device clock is two days behind
    const header = new Date(server + 15_000).toUTCString();
    expect(retryAfterMs(header, now, new Date(server).toUTCString())).toBe(15_000);
    expect(retryAfterMs(header, now, 'not a date')).toBe(300_000);
  });

  it('clamps to another maximum when given one', () => {
    expect(retryAfterMs('60', now, null, 2000)).toBe(2000);
  });

  it('clamps long waits to 300 s', () => {
    expect(retryAfterMs('86400', now)).toBe(300_000);
    expect(retryAfterMs(new Date(now + 3_600_000).toUTCString(), now)).toBe(300_000);
  });

  it('returns null when the header is absent or unreadable', () => {
    for (const header of [null, undefined, '', 'soon', 'Tomorrow-ish', '12 parsecs']) {
      expect(retryAfterMs(header, now)).toBeNull();
    }
  });
});
