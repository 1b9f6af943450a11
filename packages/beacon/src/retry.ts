/** Statuses worth retrying: the receiver may succeed later. */
export function isRetryable(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status !== 501 && status !== 505 && status !== 511;
}

/**
 * Exponential backoff before retry number `attempt` (1-based): `baseMs` doubling
 * per attempt, capped at `maxMs`, ±10 % jitter so that tabs and users spread out.
 */
export function backoffMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  maxMs = 60_000,
): number {
  const base = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.9 + random() * 0.2));
}

/**
 * `Retry-After` in delay-seconds or as an HTTP date, clamped to `maxMs`; null when
 * absent or unreadable. A date is read against the response's own `Date` header
 * when there is one, so a device clock that is days off does not matter.
 */
export function retryAfterMs(
  header: string | null | undefined,
  now: number,
  serverDate?: string | null,
  maxMs = 300_000,
): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const server = serverDate ? Date.parse(serverDate) : Number.NaN;
  const ms = Number.isFinite(seconds)
    ? seconds * 1000
    : Date.parse(header) - (Number.isFinite(server) ? server : now);
  if (!Number.isFinite(ms)) return null;
  return Math.min(maxMs, Math.max(0, ms));
}
