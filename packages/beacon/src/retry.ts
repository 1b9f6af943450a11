/** Statuses worth retrying: the receiver may succeed later. */
export function isRetryable(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status !== 501 && status !== 505 && status !== 511;
}

/** Exponential backoff: 0.5 s doubling per attempt, capped at 60 s, ±10 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.9 + random() * 0.2));
}

/** `Retry-After` in seconds or as an HTTP date, clamped to 300 s; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(300_000, Math.max(0, ms));
}
