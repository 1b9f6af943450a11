export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/**
 * SQL for the Monday (UTC) that starts the week of an epoch-ms column, as a UTC day number.
 * Day 0 (1970-01-01) was a Thursday, hence the shift by 3.
 */
export function weekStartDaySql(column: string): string {
  return `((${column} / ${DAY_MS} + 3) / 7) * 7 - 3`;
}

/** `YYYY-MM-DD` of a UTC day number. */
export function dayToIsoDate(day: number): string {
  const date = new Date(day * DAY_MS);
  return Number.isNaN(date.getTime()) ? '0000-00-00' : date.toISOString().slice(0, 10);
}
