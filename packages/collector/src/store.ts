import { openDatabase } from './database.ts';
import { resolveWindow } from './metrics/window.ts';
import {
  accountHealth,
  ahaRateMetrics,
  checklistCompletion,
  computeMetrics,
  computeTotals,
  flowFunnels,
  milestoneFunnel,
  ttvMetrics,
} from './metrics.ts';
import { createProjector } from './projections.ts';
import type {
  CollectedEvent,
  EventStore,
  InsertResult,
  PendingBatch,
  StoredEvent,
} from './types.ts';

interface EventRow {
  body: string;
  received_at: string;
}

/**
 * The collector's event store on an embedded libsql (SQLite) database file. Each batch is
 * one transaction: its events and the projections the dashboard reads commit together.
 *
 * @example
 * const store = createEventStore('tebiki.db');
 * store.insertBatch(events, new Date().toISOString());
 * store.metrics({ days: 30 });
 */
export function createEventStore(path: string): EventStore {
  const { db, needsRebuild } = openDatabase(path);
  const projector = createProjector(db);
  if (needsRebuild) {
    try {
      projector.rebuild();
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events
       (message_id, type, event, user_id, anonymous_id, group_id, timestamp, received_at, write_key, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const recent = db.prepare(
    'SELECT body, received_at FROM events ORDER BY received_at DESC, rowid DESC LIMIT ?',
  );
  /** Inserts events (new messageIds only) and returns those that were new. */
  const insertEvents = (
    events: readonly CollectedEvent[],
    receivedAt: string | ((event: CollectedEvent) => string),
    writeKey: string | null,
  ): CollectedEvent[] => {
    const stored: CollectedEvent[] = [];
    for (const event of events) {
      const at = typeof receivedAt === 'string' ? receivedAt : receivedAt(event);
      // Only a new messageId reaches the projections: a duplicate is counted nowhere.
      if (insert.run(...toRow(event, at, writeKey)).changes > 0) stored.push(event);
    }
    return stored;
  };
  const insertAll = db.transaction(
    (
      events: readonly CollectedEvent[],
      receivedAt: string | ((event: CollectedEvent) => string),
      writeKey: string | null,
    ) => {
      const stored = insertEvents(events, receivedAt, writeKey);
      projector.apply(stored);
      return stored.length;
    },
  );
  const insertGroup = db.transaction((batches: readonly PendingBatch[]) => {
    const stored = batches.map((batch) =>
      insertEvents(batch.events, batch.receivedAt, batch.writeKey),
    );
    projector.apply(stored.flat());
    return stored.map((events, index) => ({
      stored: events.length,
      duplicates: batches[index]!.events.length - events.length,
    }));
  });

  // libsql keeps prepared statements usable after close(), so the store guards itself.
  const assertOpen = () => {
    if (!db.open) throw new Error('[tebiki-collector] the event store is closed');
  };

  return {
    insertBatch(events, receivedAt, writeKey = null): InsertResult {
      assertOpen();
      if (events.length === 0) return { stored: 0, duplicates: 0 };
      // IMMEDIATE takes the write lock up front, so a second writer waits (busy_timeout)
      // instead of failing half way through the batch.
      const stored = insertAll.immediate(events, receivedAt, writeKey);
      return { stored, duplicates: events.length - stored };
    },
    insertBatches(batches) {
      assertOpen();
      if (batches.length === 0) return [];
      return insertGroup.immediate(batches);
    },
    recentEvents(limit) {
      assertOpen();
      return (recent.all(limit) as EventRow[]).flatMap((row) => {
        const event = parseBody(row.body);
        return event ? [{ ...event, receivedAt: row.received_at }] : [];
      });
    },
    totals() {
      assertOpen();
      return computeTotals(db);
    },
    metrics(query) {
      assertOpen();
      return computeMetrics(db, resolveWindow(query));
    },
    ttv(query) {
      assertOpen();
      return ttvMetrics(db, resolveWindow(query));
    },
    ahaRate(query) {
      assertOpen();
      return ahaRateMetrics(db, resolveWindow(query));
    },
    milestoneFunnel(query) {
      assertOpen();
      return milestoneFunnel(db, resolveWindow(query));
    },
    flowFunnels(query) {
      assertOpen();
      return flowFunnels(db, resolveWindow(query));
    },
    checklists(query) {
      assertOpen();
      return checklistCompletion(db, resolveWindow(query));
    },
    accounts(query) {
      assertOpen();
      return accountHealth(db, resolveWindow(query));
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function toRow(event: CollectedEvent, receivedAt: string, writeKey: string | null): unknown[] {
  return [
    event.messageId,
    event.type,
    event.type === 'track' ? (event.event ?? null) : null,
    textOrNull(event.userId),
    textOrNull(event.anonymousId),
    accountOf(event),
    // Normalised to UTC so that SQL can order and range-scan timestamps as text.
    new Date(event.timestamp).toISOString(),
    receivedAt,
    writeKey,
    JSON.stringify(event),
  ];
}

function accountOf(event: CollectedEvent): string | null {
  return textOrNull(event.groupId) ?? textOrNull(event.context?.groupId);
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function parseBody(body: string): StoredEvent | null {
  try {
    return JSON.parse(body) as StoredEvent;
  } catch {
    return null;
  }
}
