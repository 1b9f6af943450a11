import type { Db } from '../database.ts';
import { rate } from './sql.ts';
import { DAY_MS, dayToIsoDate, weekStartDaySql } from './time.ts';
import type { AhaRateMetrics, AhaWithin } from './types.ts';
import type { MetricsWindow } from './window.ts';

/** The Aha! rate is read within these many days of each user's start. */
export const AHA_WITHIN_DAYS = [7, 14, 30] as const;

/**
 * Per-user columns for the rate: a user counts toward "within N days" only once N days have
 * passed since their start by the end of the window (else a week-old cohort would look as
 * if it could never reach a 30-day Aha!), and reached it when Aha! came at most N days after
 * their start. Start = `traits.signedUpAt` of their latest identify that gives one, else
 * their first event.
 */
const sums = AHA_WITHIN_DAYS.map(
  (days) => `
    sum(start_ms + ${days * DAY_MS} <= ?2) AS eligible${days},
    sum(start_ms + ${days * DAY_MS} <= ?2 AND aha_ms IS NOT NULL
        AND aha_ms - start_ms <= ${days * DAY_MS}) AS reached${days}`,
).join(',');

const COHORT = 'FROM people WHERE start_ms >= ?1 AND start_ms < ?2';

type Row = Record<string, number | null>;

/** Aha! rate within 7 / 14 / 30 days of the users who started in the window, and by week. */
export function ahaRateMetrics(db: Db, window: MetricsWindow): AhaRateMetrics {
  const params = [window.fromMs, window.toMs];
  const overall = db
    .prepare(
      `SELECT count(*) AS newUsers, sum(aha_ms IS NOT NULL AND aha_ms < ?2) AS reached, ${sums}
       ${COHORT}`,
    )
    .get(...params) as Row;
  const weekly = db
    .prepare(
      `SELECT ${weekStartDaySql('start_ms')} AS week, count(*) AS newUsers, ${sums}
       ${COHORT} GROUP BY week ORDER BY week`,
    )
    .all(...params) as Row[];
  return {
    newUsers: overall.newUsers ?? 0,
    reached: overall.reached ?? 0,
    within: within(overall),
    weekly: weekly.map((row) => ({
      week: dayToIsoDate(row.week ?? 0),
      newUsers: row.newUsers ?? 0,
      within: within(row),
    })),
  };
}

function within(row: Row): AhaWithin[] {
  return AHA_WITHIN_DAYS.map((days) => {
    const eligible = row[`eligible${days}`] ?? 0;
    const reached = row[`reached${days}`] ?? 0;
    return { days, eligible, reached, rate: rate(reached, eligible) };
  });
}
