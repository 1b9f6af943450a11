import { DAY_MS } from './time.ts';

/** What a metrics request asks for; every field is optional. */
export interface MetricsQuery {
  /** Start of the window: ISO 8601 date or date-time (a date means 00:00 UTC). */
  from?: string | null;
  /** End of the window, exclusive: ISO 8601; a date alone means the end of that day (UTC). */
  to?: string | null;
  /** The window is the `days` days before `to`. Ignored when `from` is given. @default 90 */
  days?: number | string | null;
  /** The current time, epoch ms; tests pin it. @default Date.now() */
  now?: number;
}

/** The resolved window, epoch ms, `from` inclusive and `to` exclusive. */
export interface MetricsWindow {
  fromMs: number;
  toMs: number;
}

export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_WINDOW_DAYS = 3660;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** A query parameter the collector cannot use; the read API answers 400 with its message. */
export class MetricsQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricsQueryError';
  }
}

/**
 * Turns `?from=&to=` / `?days=` into a window. Throws a `MetricsQueryError` naming the
 * parameter when a value cannot be used.
 *
 * @example
 * resolveWindow({ days: 30, now: Date.parse('2024-06-01') }) // 2024-05-02 → 2024-06-01
 */
export function resolveWindow(query: MetricsQuery = {}): MetricsWindow {
  const now = query.now ?? Date.now();
  const toMs = query.to ? parseInstant('to', query.to, 'end') : now;
  let fromMs: number;
  if (query.from) {
    fromMs = parseInstant('from', query.from, 'start');
  } else {
    const days = parseDays(query.days);
    fromMs = toMs - days * DAY_MS;
  }
  if (fromMs >= toMs) {
    throw new MetricsQueryError(
      `from: must be before to (got ${new Date(fromMs).toISOString()} ≥ ${new Date(toMs).toISOString()})`,
    );
  }
  return { fromMs, toMs };
}

/** Reads the window parameters of a request URL. */
export function queryFromSearchParams(params: URLSearchParams, now?: number): MetricsQuery {
  return {
    from: params.get('from'),
    to: params.get('to'),
    days: params.get('days'),
    ...(now === undefined ? {} : { now }),
  };
}

function parseInstant(name: 'from' | 'to', value: string, side: 'start' | 'end'): number {
  const text = value.trim();
  if (DATE_ONLY.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isFinite(ms)) return side === 'end' ? ms + DAY_MS : ms;
  } else if (DATE_TIME.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms;
  }
  throw new MetricsQueryError(
    `${name}: expected an ISO 8601 date such as 2024-05-01 or 2024-05-01T09:00:00Z, got ${JSON.stringify(value.slice(0, 40))}`,
  );
}

function parseDays(value: MetricsQuery['days']): number {
  if (value === undefined || value === null || value === '') return DEFAULT_WINDOW_DAYS;
  const text = String(value).trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > MAX_WINDOW_DAYS) {
    throw new MetricsQueryError(
      `days: expected an integer from 1 to ${MAX_WINDOW_DAYS}, got ${JSON.stringify(String(value).slice(0, 40))}`,
    );
  }
  return days;
}
