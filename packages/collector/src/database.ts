import Database from 'libsql';

/** An open libsql (SQLite) connection. */
export type Db = Database.Database;

/** A prepared statement of `Db`. */
export type Statement = ReturnType<Db['prepare']>;

/**
 * The first column of the first row, `undefined` when there is no row. libsql's `get()`
 * ignores `pluck()` (it returns the whole row), so single values are read in raw mode.
 */
export function scalar(db: Db, sql: string, ...params: unknown[]): unknown {
  return firstColumn(
    db
      .prepare(sql)
      .raw()
      .get(...params),
  );
}

/** Reads one value through a statement prepared with `.raw()`. */
export function firstColumn(row: unknown): unknown {
  return Array.isArray(row) ? row[0] : undefined;
}

/**
 * The raw event log: every accepted event once, as it came. Only `received_at` is indexed
 * (the recent-events list); the dashboard reads the projections below, not this table.
 */
const EVENTS = `
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
`;

/**
 * Projections kept up to date at ingest, in the batch's transaction (see projections.ts).
 * Times are epoch milliseconds (UTC); `day` is the UTC day number (ms / 86 400 000).
 * A person is `u:<userId>`, or `a:<anonymousId>` until that anonymous id is identified.
 * `firsts` holds the first time of each lifecycle fact per person (a milestone, a tour step
 * viewed…): `name` is the event, `a` / `b` its ids (milestoneId; flowId and stepIndex or itemId).
 */
const PROJECTIONS = `
CREATE TABLE IF NOT EXISTS people (
  person           TEXT PRIMARY KEY,
  user_id          TEXT,
  account_id       TEXT,
  account_ms       INTEGER,
  first_ms         INTEGER NOT NULL,
  last_ms          INTEGER NOT NULL,
  signed_up_ms     INTEGER,
  signed_up_set_ms INTEGER,
  aha_ms           INTEGER,
  ttv_ms           INTEGER,
  active_ttv_ms    INTEGER,
  start_ms         INTEGER GENERATED ALWAYS AS (coalesce(signed_up_ms, first_ms)) VIRTUAL
);
CREATE INDEX IF NOT EXISTS people_start ON people (start_ms);
CREATE INDEX IF NOT EXISTS people_aha ON people (aha_ms) WHERE aha_ms IS NOT NULL;
CREATE INDEX IF NOT EXISTS people_account ON people (account_id);

CREATE TABLE IF NOT EXISTS person_days (
  person     TEXT NOT NULL,
  day        INTEGER NOT NULL,
  account_id TEXT,
  PRIMARY KEY (person, day)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_days_account ON person_days (account_id, day, person);

CREATE TABLE IF NOT EXISTS accounts (
  account_id TEXT PRIMARY KEY,
  name       TEXT,
  plan       TEXT,
  seats      INTEGER,
  touch      TEXT,
  traits_ms  INTEGER,
  first_ms   INTEGER NOT NULL,
  last_ms    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS firsts (
  name     TEXT NOT NULL,
  a        TEXT NOT NULL,
  b        TEXT NOT NULL,
  person   TEXT NOT NULL,
  label    TEXT,
  at_ms    INTEGER NOT NULL,
  -- The person's start (people.start_ms), copied so cohort queries need no join.
  start_ms INTEGER,
  PRIMARY KEY (name, a, b, person)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS firsts_person ON firsts (person);

CREATE TABLE IF NOT EXISTS identities (
  anonymous_id TEXT PRIMARY KEY,
  user_id      TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS event_counts (
  type  TEXT NOT NULL,
  event TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (type, event)
) WITHOUT ROWID;
`;

/** Bumped whenever the projections change shape; older files are rebuilt on open. */
export const SCHEMA_VERSION = 2;

export interface OpenedDatabase {
  db: Db;
  /** True when the projections were (re)created and must be rebuilt from `events`. */
  needsRebuild: boolean;
}

/**
 * Opens (creating when needed) the collector database at `path` and brings its schema
 * up to date. `':memory:'` gives a throwaway database.
 */
export function openDatabase(path: string): OpenedDatabase {
  const db = new Database(path);
  try {
    // WAL lets the dashboard read while a batch is written; FULL makes a committed batch
    // survive a power cut, which is what the 200 we answer promises.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const version = Number(scalar(db, 'PRAGMA user_version') ?? 0);
    db.exec(EVENTS);
    let needsRebuild = false;
    if (version < SCHEMA_VERSION) {
      db.exec(`
        BEGIN;
        DROP INDEX IF EXISTS events_event_timestamp;
        DROP INDEX IF EXISTS events_user_id;
        DROP INDEX IF EXISTS events_group_id;
        DROP TABLE IF EXISTS people;
        DROP TABLE IF EXISTS person_days;
        DROP TABLE IF EXISTS accounts;
        DROP TABLE IF EXISTS firsts;
        DROP TABLE IF EXISTS identities;
        DROP TABLE IF EXISTS event_counts;
        ${PROJECTIONS}
        PRAGMA user_version = ${SCHEMA_VERSION};
        COMMIT;
      `);
      needsRebuild = true;
    }
    return { db, needsRebuild };
  } catch (error) {
    db.close();
    throw error;
  }
}
