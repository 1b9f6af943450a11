import Database from 'libsql';

/** An open libsql (SQLite) connection. */
export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  message_id   TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  event        TEXT,
  user_id      TEXT,
  anonymous_id TEXT,
  group_id     TEXT,
  timestamp    TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  write_key    TEXT,
  body         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_received_at ON events (received_at);
CREATE INDEX IF NOT EXISTS events_event_timestamp ON events (event, timestamp);
CREATE INDEX IF NOT EXISTS events_user_id ON events (user_id);
CREATE INDEX IF NOT EXISTS events_group_id ON events (group_id);
`;

/**
 * Opens (creating when needed) the collector database at `path` and brings its schema
 * up to date. `':memory:'` gives a throwaway database.
 */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  try {
    // WAL lets the dashboard read while a batch is written; FULL makes a committed batch
    // survive a power cut, which is what the 200 we answer promises.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
