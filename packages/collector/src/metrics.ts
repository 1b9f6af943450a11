import { type Db, scalar } from './database.ts';
import { accountHealth } from './metrics/account-health.ts';
import { ahaRateMetrics } from './metrics/aha-rate.ts';
import { checklistCompletion } from './metrics/checklists.ts';
import { flowFunnels, milestoneFunnel } from './metrics/funnels.ts';
import { ttvMetrics } from './metrics/ttv.ts';
import type { Metrics, Totals } from './metrics/types.ts';
import type { MetricsWindow } from './metrics/window.ts';

export { accountHealth } from './metrics/account-health.ts';
export { AHA_WITHIN_DAYS, ahaRateMetrics } from './metrics/aha-rate.ts';
export { checklistCompletion } from './metrics/checklists.ts';
export { flowFunnels, milestoneFunnel } from './metrics/funnels.ts';
export {
  HEALTH,
  type HealthInputs,
  type HealthScore,
  scoreHealth,
} from './metrics/health-score.ts';
export { TTV_BUCKETS, ttvMetrics } from './metrics/ttv.ts';

interface NamedCount {
  name: string;
  count: number;
}

/**
 * Headline numbers over every stored event, read from the ingest-time projections (so they
 * cost the same on a million events as on ten).
 */
export function computeTotals(db: Db): Totals {
  const count = (sql: string) => Number(scalar(db, sql) ?? 0);
  const byType = db
    .prepare(
      'SELECT type AS name, sum(count) AS count FROM event_counts GROUP BY type ORDER BY count DESC, type',
    )
    .all() as NamedCount[];
  const byEvent = db
    .prepare(
      `SELECT event AS name, count FROM event_counts
        WHERE type = 'track' AND event != '' ORDER BY count DESC, event`,
    )
    .all() as NamedCount[];
  return {
    events: count('SELECT sum(count) FROM event_counts'),
    users: count('SELECT count(*) FROM people WHERE user_id IS NOT NULL'),
    anonymousIds: count('SELECT count(*) FROM identities'),
    accounts: count('SELECT count(*) FROM accounts'),
    byType: toRecord(byType),
    byEvent: toRecord(byEvent),
    lastReceivedAt: (scalar(db, 'SELECT max(received_at) FROM events') as string | null) ?? null,
  };
}

/** Totals, then every dashboard metric over `window`. */
export function computeMetrics(db: Db, window: MetricsWindow): Metrics {
  return {
    ...computeTotals(db),
    window: {
      from: new Date(window.fromMs).toISOString(),
      to: new Date(window.toMs).toISOString(),
    },
    ttv: ttvMetrics(db, window),
    aha: ahaRateMetrics(db, window),
    milestones: milestoneFunnel(db, window),
    flows: flowFunnels(db, window),
    checklists: checklistCompletion(db, window),
    health: accountHealth(db, window),
  };
}

function toRecord(rows: readonly NamedCount[]): Record<string, number> {
  const record: Record<string, number> = Object.create(null);
  for (const { name, count } of rows) record[name] = count;
  return record;
}
