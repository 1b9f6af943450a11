import { type Db, scalar } from '../database.ts';
import { scoreHealth } from './health-score.ts';
import { DAY_MS, dayToIsoDate } from './time.ts';
import type { AccountHealth, AccountsReport, BandCounts, HealthBand, TouchTier } from './types.ts';
import type { MetricsWindow } from './window.ts';

interface AccountRow {
  account: string;
  name: string | null;
  plan: string | null;
  seats: number | null;
  touch: TouchTier | null;
}

const BAND_ORDER: Record<HealthBand, number> = { red: 0, yellow: 1, green: 2 };

/**
 * Every account's health at the end of the window (`to`, by default now): who is active,
 * how often, how far its users got, and how long it has been quiet. Red accounts come
 * first, lowest score first within a band. A user belongs to the account of their latest
 * event that names one (`groupId` or `context.groupId`).
 */
export function accountHealth(db: Db, window: MetricsWindow): AccountsReport {
  const to = window.toMs;
  // The last whole or partial UTC day inside the window, and the 14 / 28 days ending on it.
  const lastDay = Math.floor((to - 1) / DAY_MS);
  const accounts = db
    .prepare(
      `SELECT account_id AS account, name, plan, seats, touch FROM accounts
        WHERE first_ms < ?1 ORDER BY account_id`,
    )
    .all(to) as AccountRow[];
  const activity = byAccount(
    db
      .prepare(
        `SELECT account_id AS account,
                count(DISTINCT person) AS activeUsers28,
                count(DISTINCT day) AS activeDays28,
                count(DISTINCT CASE WHEN day > ?1 - 14 THEN day END) AS activeDays14
           FROM person_days
          WHERE account_id IS NOT NULL AND day > ?1 - 28 AND day <= ?1
          GROUP BY account_id`,
      )
      .all(lastDay) as {
      account: string;
      activeUsers28: number;
      activeDays28: number;
      activeDays14: number;
    }[],
  );
  // One index seek per account (account_id, day), rather than a scan of every active day.
  const lastActive = byAccount(
    db
      .prepare(
        `SELECT a.account_id AS account,
                (SELECT max(d.day) FROM person_days d
                  WHERE d.account_id = a.account_id AND d.day <= ?1) AS day
           FROM accounts a`,
      )
      .all(lastDay) as { account: string; day: number | null }[],
  );
  const people = byAccount(
    db
      .prepare(
        `SELECT account_id AS account, count(*) AS users,
                sum(aha_ms IS NOT NULL AND aha_ms < ?1) AS ahaUsers
           FROM people WHERE account_id IS NOT NULL AND first_ms < ?1 GROUP BY account_id`,
      )
      .all(to) as { account: string; users: number; ahaUsers: number }[],
  );
  const milestones = byAccount(
    db
      .prepare(
        `SELECT p.account_id AS account, count(DISTINCT f.a) AS reached
           FROM firsts f JOIN people p ON p.person = f.person
          WHERE f.name = 'milestone_reached' AND f.at_ms < ?1 AND p.account_id IS NOT NULL
          GROUP BY p.account_id`,
      )
      .all(to) as { account: string; reached: number }[],
  );
  const milestonesTotal = Number(
    scalar(
      db,
      `SELECT count(DISTINCT a) FROM firsts WHERE name = 'milestone_reached' AND at_ms < ?1`,
      to,
    ) ?? 0,
  );

  const rows: AccountHealth[] = accounts.map((account) => {
    const active = activity.get(account.account);
    const last = lastActive.get(account.account);
    const members = people.get(account.account);
    const inputs = {
      seats: account.seats,
      users: members?.users ?? 0,
      activeUsers28: active?.activeUsers28 ?? 0,
      activeDays14: active?.activeDays14 ?? 0,
      activeDays28: active?.activeDays28 ?? 0,
      milestonesReached: milestones.get(account.account)?.reached ?? 0,
      milestonesTotal,
      ahaUsers: members?.ahaUsers ?? 0,
      daysSinceActive: last?.day == null ? null : lastDay - last.day,
    };
    return {
      accountId: account.account,
      name: account.name,
      plan: account.plan,
      touch: account.touch,
      ...inputs,
      lastActiveDay: last?.day == null ? null : dayToIsoDate(last.day),
      ...scoreHealth(inputs),
    };
  });
  rows.sort(
    (a, b) =>
      BAND_ORDER[a.band] - BAND_ORDER[b.band] ||
      a.score - b.score ||
      a.accountId.localeCompare(b.accountId),
  );

  const bands = emptyCounts();
  const byTouch: AccountsReport['byTouch'] = {
    high: emptyCounts(),
    low: emptyCounts(),
    tech: emptyCounts(),
    unknown: emptyCounts(),
  };
  for (const row of rows) {
    bands[row.band] += 1;
    byTouch[row.touch ?? 'unknown'][row.band] += 1;
  }
  return { asOf: new Date(to).toISOString(), bands, byTouch, accounts: rows };
}

function byAccount<T extends { account: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.account, row]));
}

function emptyCounts(): BandCounts {
  return { red: 0, yellow: 0, green: 0 };
}
