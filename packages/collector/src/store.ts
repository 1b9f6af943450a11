import { openDatabase } from './database.ts';
import { computeMetrics } from './metrics.ts';
import type { CollectedEvent, EventStore, InsertResult, StoredEvent } from './types.ts';

interface EventRow {
  body: string;
  received_at: string;
}

/**
 * The collector's event store on an embedded libsql (SQLite) database file.
 *
 * @example
 * const store = createEventStore('tebiki.db');
 * store.insertBatch(events, new Date().toISOString());
 */
export function createEventStore(path: string): EventStore {
  const db = openDatabase(path);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events
       (message_id, type, event, user_id, anonymous_id, group_id, timestamp, received_at, write_key, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const recent = db.prepare(
    'SELECT body, received_at FROM events ORDER BY received_at DESC, rowid DESC LIMIT ?',
  );
  const insertAll = db.transaction(
    (events: readonly CollectedEvent[], receivedAt: string, writeKey: string | null) => {
      let stored = 0;
      for (const event of events) {
        stored += insert.run(...toRow(event, receivedAt, writeKey)).changes;
      }
      return stored;
    },
  );

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
    recentEvents(limit) {
      assertOpen();
      return (recent.all(limit) as EventRow[]).flatMap((row) => {
        const event = parseBody(row.body);
        return event ? [{ ...event, receivedAt: row.received_at }] : [];
      });
    },
    metrics() {
      assertOpen();
      return computeMetrics(db);
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
