import type {
  AccountsReport,
  AhaRateMetrics,
  ChecklistCompletion,
  FlowFunnel,
  Metrics,
  MilestoneFunnel,
  Totals,
  TtvMetrics,
} from './metrics/types.ts';
import type { MetricsQuery } from './metrics/window.ts';

/**
 * The event envelope as the collector receives it: the Segment spec, so the same beacons
 * also go unchanged to RudderStack, Jitsu or Segment. Unknown fields are kept as they came.
 */
export type EventType = 'track' | 'identify' | 'group' | 'page' | 'screen' | 'alias';

export interface CollectedEvent {
  /** UUIDv7 fixed at capture; the collector's dedupe key. */
  messageId: string;
  type: EventType;
  /** The event name; present on `track` events. */
  event?: string;
  /** ISO 8601 capture time, as the client's clock saw it. */
  timestamp: string;
  userId?: string | null;
  anonymousId?: string | null;
  /** The account on `group` events (other events carry it in `context.groupId`). */
  groupId?: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  [field: string]: unknown;
}

/** An event read back from the store, with the collector's own receive time. */
export type StoredEvent = CollectedEvent & { receivedAt: string };

export interface InsertResult {
  /** Events written by this call. */
  stored: number;
  /** Events whose `messageId` was already stored (or repeated within the call). */
  duplicates: number;
}

/** One request's valid events, waiting to be stored. */
export interface PendingBatch {
  events: readonly CollectedEvent[];
  receivedAt: string;
  writeKey: string | null;
}

export interface EventStore {
  /**
   * Stores valid events in one transaction; a `messageId` already stored is ignored.
   * Returns once the transaction has committed.
   */
  insertBatch(
    events: readonly CollectedEvent[],
    receivedAt: string | ((event: CollectedEvent) => string),
    writeKey?: string | null,
  ): InsertResult;
  /**
   * Stores several batches in one transaction (group commit: one disk sync for all of them)
   * and returns each batch's result, in order. All or none are stored.
   */
  insertBatches(batches: readonly PendingBatch[]): InsertResult[];
  /** Newest first: by receive time, then by insertion order. */
  recentEvents(limit: number): StoredEvent[];
  /** Headline numbers over every stored event. */
  totals(): Totals;
  /**
   * Totals and every dashboard metric over a window (default: the 90 days up to now).
   * Throws a `MetricsQueryError` when the query cannot be used.
   */
  metrics(query?: MetricsQuery): Metrics;
  /** One section of `metrics()`, for the read API's narrower routes. */
  ttv(query?: MetricsQuery): TtvMetrics;
  ahaRate(query?: MetricsQuery): AhaRateMetrics;
  milestoneFunnel(query?: MetricsQuery): MilestoneFunnel;
  flowFunnels(query?: MetricsQuery): FlowFunnel[];
  checklists(query?: MetricsQuery): ChecklistCompletion[];
  accounts(query?: MetricsQuery): AccountsReport;
  /** Closes the database; safe to call twice. */
  close(): void;
}
