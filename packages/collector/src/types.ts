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

export interface Metrics {
  /** Every stored event. */
  events: number;
  /** Distinct identified users (`userId`). */
  users: number;
  /** Distinct anonymous visitors (`anonymousId`). */
  anonymousIds: number;
  /** Distinct accounts (`groupId` or `context.groupId`). */
  accounts: number;
  /** Stored events per `type`. */
  byType: Record<string, number>;
  /** `track` events per event name. */
  byEvent: Record<string, number>;
  /** Receive time of the newest event; `null` while the store is empty. */
  lastReceivedAt: string | null;
}

export interface EventStore {
  /**
   * Stores valid events in one transaction; a `messageId` already stored is ignored.
   * Returns once the transaction has committed.
   */
  insertBatch(
    events: readonly CollectedEvent[],
    receivedAt: string,
    writeKey?: string | null,
  ): InsertResult;
  /** Newest first: by receive time, then by insertion order. */
  recentEvents(limit: number): StoredEvent[];
  metrics(): Metrics;
  /** Closes the database; safe to call twice. */
  close(): void;
}
