import type { Db } from './database.ts';
import type { Metrics } from './types.ts';

interface Totals {
  events: number;
  users: number;
  anonymousIds: number;
  accounts: number;
  lastReceivedAt: string | null;
}

interface NamedCount {
  name: string;
  count: number;
}

/** Headline numbers over every stored event. */
export function computeMetrics(db: Db): Metrics {
  const totals = db
    .prepare(
      `SELECT count(*) AS events,
              count(DISTINCT user_id) AS users,
              count(DISTINCT anonymous_id) AS anonymousIds,
              count(DISTINCT group_id) AS accounts,
              max(received_at) AS lastReceivedAt
         FROM events`,
    )
    .get() as Totals;
  const byType = db
    .prepare('SELECT type AS name, count(*) AS count FROM events GROUP BY type ORDER BY count DESC')
    .all() as NamedCount[];
  const byEvent = db
    .prepare(
      `SELECT event AS name, count(*) AS count FROM events
        WHERE type = 'track' AND event IS NOT NULL
        GROUP BY event ORDER BY count DESC, event`,
    )
    .all() as NamedCount[];
  return {
    events: totals.events,
    users: totals.users,
    anonymousIds: totals.anonymousIds,
    accounts: totals.accounts,
    byType: toRecord(byType),
    byEvent: toRecord(byEvent),
    lastReceivedAt: totals.lastReceivedAt,
  };
}

function toRecord(rows: readonly NamedCount[]): Record<string, number> {
  const record: Record<string, number> = Object.create(null);
  for (const { name, count } of rows) record[name] = count;
  return record;
}
