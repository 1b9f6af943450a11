import type { Db } from '../database.ts';
import { quantileSql, rankedSql } from './sql.ts';
import { DAY_MS, dayToIsoDate, HOUR_MS, weekStartDaySql } from './time.ts';
import type { TtvBucket, TtvMetrics, TtvWeek } from './types.ts';
import type { MetricsWindow } from './window.ts';

/** Histogram buckets: hours matter on day one, weeks matter for the slow tail. */
export const TTV_BUCKETS: readonly Omit<TtvBucket, 'users'>[] = [
  { key: 'lt1h', fromMs: 0, toMs: HOUR_MS },
  { key: '1h-4h', fromMs: HOUR_MS, toMs: 4 * HOUR_MS },
  { key: '4h-1d', fromMs: 4 * HOUR_MS, toMs: DAY_MS },
  { key: '1d-2d', fromMs: DAY_MS, toMs: 2 * DAY_MS },
  { key: '2d-4d', fromMs: 2 * DAY_MS, toMs: 4 * DAY_MS },
  { key: '4d-7d', fromMs: 4 * DAY_MS, toMs: 7 * DAY_MS },
  { key: '7d-14d', fromMs: 7 * DAY_MS, toMs: 14 * DAY_MS },
  { key: '14d-30d', fromMs: 14 * DAY_MS, toMs: 30 * DAY_MS },
  { key: 'gte30d', fromMs: 30 * DAY_MS, toMs: null },
];

/**
 * The users who reached Aha! in the window, with their time-to-value: `properties.ttvMs` of
 * their first `aha_reached`, or (when a sender left it out) the time from their start to it.
 */
const REACHED = `
  SELECT aha_ms, max(0, coalesce(ttv_ms, aha_ms - start_ms)) AS v, active_ttv_ms AS av
    FROM people
   WHERE aha_ms >= ?1 AND aha_ms < ?2`;

const bucketCase = `CASE ${TTV_BUCKETS.map((bucket, index) =>
  bucket.toMs === null ? `ELSE ${index}` : `WHEN v < ${bucket.toMs} THEN ${index}`,
).join(' ')} END`;

/** TTV distribution, median and p90, and their trend by week of Aha!. */
export function ttvMetrics(db: Db, window: MetricsWindow): TtvMetrics {
  const params = [window.fromMs, window.toMs];
  const overall = db
    .prepare(
      `WITH reached AS (${REACHED}),
            ranked AS (SELECT v, ${rankedSql('v')} FROM reached)
       SELECT count(*) AS users, ${quantileSql(0.5)} AS median, ${quantileSql(0.9)} AS p90
         FROM ranked`,
    )
    .get(...params) as { users: number; median: number | null; p90: number | null };
  const active = db
    .prepare(
      `WITH reached AS (${REACHED}),
            ranked AS (SELECT av, ${rankedSql('av')} FROM reached WHERE av IS NOT NULL)
       SELECT ${quantileSql(0.5, 'av')} AS median FROM ranked`,
    )
    .get(...params) as { median: number | null };
  const counts = db
    .prepare(
      `WITH reached AS (${REACHED})
       SELECT ${bucketCase} AS bucket, count(*) AS users FROM reached GROUP BY bucket`,
    )
    .all(...params) as { bucket: number; users: number }[];
  const weekly = db
    .prepare(
      `WITH reached AS (SELECT ${weekStartDaySql('aha_ms')} AS week, v FROM (${REACHED})),
            ranked AS (SELECT week, v, ${rankedSql('v', 'week')} FROM reached)
       SELECT week, count(*) AS users, ${quantileSql(0.5)} AS median, ${quantileSql(0.9)} AS p90
         FROM ranked GROUP BY week ORDER BY week`,
    )
    .all(...params) as { week: number; users: number; median: number; p90: number }[];

  const byBucket = new Map(counts.map((row) => [row.bucket, row.users]));
  const users = overall.users;
  return {
    users,
    medianMs: users > 0 ? Math.round(overall.median ?? 0) : null,
    p90Ms: users > 0 ? Math.round(overall.p90 ?? 0) : null,
    activeMedianMs: active.median === null ? null : Math.round(active.median),
    buckets: TTV_BUCKETS.map((bucket, index) => ({ ...bucket, users: byBucket.get(index) ?? 0 })),
    weekly: weekly.map(
      (row): TtvWeek => ({
        week: dayToIsoDate(row.week),
        users: row.users,
        medianMs: Math.round(row.median),
        p90Ms: Math.round(row.p90),
      }),
    ),
  };
}
