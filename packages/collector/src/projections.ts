import { type Db, firstColumn } from './database.ts';
import { DAY_MS } from './metrics/time.ts';
import type { CollectedEvent } from './types.ts';

/**
 * Keeps the dashboard's projections (people, person_days, accounts, firsts, identities,
 * event_counts) up to date with newly stored events, inside the batch's transaction: a
 * batch and its projections commit together or not at all.
 *
 * Every update is a min / max / newest-wins upsert, so the result does not depend on the
 * order events arrive in (retried batches come late). The caller passes only events the
 * `events` table did not already hold, so nothing is counted twice. Within a batch the
 * updates are first folded in memory, one row per person, day and account: a batch of 50
 * events from one user costs a handful of writes, not hundreds.
 */
export interface Projector {
  /** Folds newly stored events into the projections. */
  apply(events: readonly CollectedEvent[]): void;
  /** Empties the projections and replays every stored event (schema upgrades). */
  rebuild(): void;
}

/** Lifecycle events whose first occurrence per person is kept in `firsts`. */
const STEP_EVENTS = new Set(['step_viewed', 'step_completed', 'target_missing']);
const FLOW_EVENTS = new Set(['flow_started', 'flow_completed']);
const TOUCH_TIERS = new Set(['high', 'low', 'tech']);
const REBUILD_PAGE = 5000;

const UPSERT_PERSON = `
INSERT INTO people (person, user_id, account_id, account_ms, first_ms, last_ms,
                    signed_up_ms, signed_up_set_ms, aha_ms, ttv_ms, active_ttv_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (person) DO UPDATE SET
  user_id = coalesce(people.user_id, excluded.user_id),
  account_id = CASE WHEN excluded.account_id IS NOT NULL
                     AND (people.account_ms IS NULL OR excluded.account_ms >= people.account_ms)
                    THEN excluded.account_id ELSE people.account_id END,
  account_ms = CASE WHEN excluded.account_id IS NOT NULL
                     AND (people.account_ms IS NULL OR excluded.account_ms >= people.account_ms)
                    THEN excluded.account_ms ELSE people.account_ms END,
  first_ms = min(people.first_ms, excluded.first_ms),
  last_ms = max(people.last_ms, excluded.last_ms),
  signed_up_ms = CASE WHEN excluded.signed_up_ms IS NOT NULL
                       AND (people.signed_up_set_ms IS NULL
                            OR excluded.signed_up_set_ms >= people.signed_up_set_ms)
                      THEN excluded.signed_up_ms ELSE people.signed_up_ms END,
  signed_up_set_ms = CASE WHEN excluded.signed_up_ms IS NOT NULL
                           AND (people.signed_up_set_ms IS NULL
                                OR excluded.signed_up_set_ms >= people.signed_up_set_ms)
                          THEN excluded.signed_up_set_ms ELSE people.signed_up_set_ms END,
  ttv_ms = CASE WHEN excluded.aha_ms IS NOT NULL
                 AND (people.aha_ms IS NULL OR excluded.aha_ms < people.aha_ms)
                THEN excluded.ttv_ms ELSE people.ttv_ms END,
  active_ttv_ms = CASE WHEN excluded.aha_ms IS NOT NULL
                        AND (people.aha_ms IS NULL OR excluded.aha_ms < people.aha_ms)
                       THEN excluded.active_ttv_ms ELSE people.active_ttv_ms END,
  aha_ms = CASE WHEN excluded.aha_ms IS NOT NULL
                 AND (people.aha_ms IS NULL OR excluded.aha_ms < people.aha_ms)
                THEN excluded.aha_ms ELSE people.aha_ms END
RETURNING start_ms`;

const FIRSTS_CONFLICT = `
ON CONFLICT (name, a, b, person) DO UPDATE SET
  label = CASE WHEN excluded.at_ms < firsts.at_ms THEN coalesce(excluded.label, firsts.label)
               ELSE coalesce(firsts.label, excluded.label) END,
  at_ms = min(firsts.at_ms, excluded.at_ms)`;

/** One person's updates of a batch, folded with the same rules as UPSERT_PERSON. */
interface PersonUpdate {
  userId: string | null;
  accountId: string | null;
  accountMs: number | null;
  firstMs: number;
  lastMs: number;
  signedUpMs: number | null;
  signedUpSetMs: number | null;
  ahaMs: number | null;
  ttvMs: number | null;
  activeTtvMs: number | null;
}

interface PersonRow {
  account_id: string | null;
  account_ms: number | null;
  first_ms: number;
  last_ms: number;
  signed_up_ms: number | null;
  signed_up_set_ms: number | null;
  aha_ms: number | null;
  ttv_ms: number | null;
  active_ttv_ms: number | null;
}

interface FirstOccurrence {
  name: string;
  a: string;
  b: string;
  label: string | null;
}

/** A batch's updates, folded in memory before they are written. */
class Pending {
  counts = new Map<string, { type: string; event: string; count: number }>();
  people = new Map<string, PersonUpdate>();
  /** person \0 day → the account named by the day's first event that names one. */
  days = new Map<string, { person: string; day: number; account: string | null }>();
  /** Accounts seen on non-group events: first and last time only. */
  accounts = new Map<string, { first: number; last: number }>();
  firsts = new Map<string, FirstOccurrence & { person: string; at: number }>();

  get size(): number {
    return this.counts.size + this.people.size;
  }
}

export function createProjector(db: Db): Projector {
  const statements = {
    countEvents: db.prepare(
      `INSERT INTO event_counts (type, event, count) VALUES (?, ?, ?)
       ON CONFLICT (type, event) DO UPDATE SET count = count + excluded.count`,
    ),
    identityOf: db.prepare('SELECT user_id FROM identities WHERE anonymous_id = ?').raw(),
    insertIdentity: db.prepare('INSERT INTO identities (anonymous_id, user_id) VALUES (?, ?)'),
    identify: db.prepare('UPDATE identities SET user_id = ? WHERE anonymous_id = ?'),
    startOf: db.prepare('SELECT start_ms FROM people WHERE person = ?').raw(),
    personRow: db.prepare(
      `SELECT account_id, account_ms, first_ms, last_ms, signed_up_ms, signed_up_set_ms,
              aha_ms, ttv_ms, active_ttv_ms
         FROM people WHERE person = ?`,
    ),
    upsertPerson: db.prepare(UPSERT_PERSON),
    deletePerson: db.prepare('DELETE FROM people WHERE person = ?'),
    upsertDay: db.prepare(
      `INSERT INTO person_days (person, day, account_id)
       VALUES (?1, ?2, coalesce(?3, (SELECT account_id FROM people WHERE person = ?1)))
       ON CONFLICT (person, day) DO UPDATE SET account_id = excluded.account_id
       WHERE person_days.account_id IS NULL AND excluded.account_id IS NOT NULL`,
    ),
    // Days seen before the person's account was known belong to it too.
    backfillDays: db.prepare(
      `UPDATE person_days SET account_id = (SELECT account_id FROM people WHERE person = ?1)
        WHERE person = ?1 AND account_id IS NULL`,
    ),
    moveDays: db.prepare(
      `INSERT INTO person_days (person, day, account_id)
       SELECT ?, day, account_id FROM person_days WHERE person = ?
       ON CONFLICT (person, day) DO UPDATE
         SET account_id = coalesce(person_days.account_id, excluded.account_id)`,
    ),
    deleteDays: db.prepare('DELETE FROM person_days WHERE person = ?'),
    upsertAccount: db.prepare(
      `INSERT INTO accounts (account_id, name, plan, seats, touch, traits_ms, first_ms, last_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET
         name  = CASE WHEN excluded.traits_ms >= coalesce(accounts.traits_ms, excluded.traits_ms)
                      THEN coalesce(excluded.name, accounts.name)
                      ELSE coalesce(accounts.name, excluded.name) END,
         plan  = CASE WHEN excluded.traits_ms >= coalesce(accounts.traits_ms, excluded.traits_ms)
                      THEN coalesce(excluded.plan, accounts.plan)
                      ELSE coalesce(accounts.plan, excluded.plan) END,
         seats = CASE WHEN excluded.traits_ms >= coalesce(accounts.traits_ms, excluded.traits_ms)
                      THEN coalesce(excluded.seats, accounts.seats)
                      ELSE coalesce(accounts.seats, excluded.seats) END,
         touch = CASE WHEN excluded.traits_ms >= coalesce(accounts.traits_ms, excluded.traits_ms)
                      THEN coalesce(excluded.touch, accounts.touch)
                      ELSE coalesce(accounts.touch, excluded.touch) END,
         traits_ms = max(coalesce(accounts.traits_ms, excluded.traits_ms),
                         coalesce(excluded.traits_ms, accounts.traits_ms)),
         first_ms = min(accounts.first_ms, excluded.first_ms),
         last_ms = max(accounts.last_ms, excluded.last_ms)`,
    ),
    upsertFirst: db.prepare(
      `INSERT INTO firsts (name, a, b, person, label, at_ms, start_ms)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT start_ms FROM people WHERE person = ?4))
       ${FIRSTS_CONFLICT}`,
    ),
    moveFirsts: db.prepare(
      `INSERT INTO firsts (name, a, b, person, label, at_ms, start_ms)
       SELECT name, a, b, ?, label, at_ms, start_ms FROM firsts WHERE person = ?
       ${FIRSTS_CONFLICT}`,
    ),
    deleteFirsts: db.prepare('DELETE FROM firsts WHERE person = ?'),
    // A start moves (a later signedUpAt, an earlier event arriving late, a merge): its copies follow.
    syncStart: db.prepare(
      'UPDATE firsts SET start_ms = ?2 WHERE person = ?1 AND start_ms IS NOT ?2',
    ),
  };

  function write(pending: Pending): void {
    for (const { type, event, count } of pending.counts.values()) {
      statements.countEvents.run(type, event, count);
    }
    for (const [person, update] of pending.people) writePerson(person, update);
    for (const { person, day, account } of pending.days.values()) {
      statements.upsertDay.run(person, day, account);
    }
    for (const [person, update] of pending.people) {
      if (update.accountId) statements.backfillDays.run(person);
    }
    for (const [account, seen] of pending.accounts) {
      statements.upsertAccount.run(account, null, null, null, null, null, seen.first, seen.last);
    }
    for (const first of pending.firsts.values()) {
      statements.upsertFirst.run(first.name, first.a, first.b, first.person, first.label, first.at);
    }
    pending.counts.clear();
    pending.people.clear();
    pending.days.clear();
    pending.accounts.clear();
    pending.firsts.clear();
  }

  function writePerson(person: string, update: PersonUpdate): void {
    const row = statements.upsertPerson.get(
      person,
      update.userId,
      update.accountId,
      update.accountMs,
      update.firstMs,
      update.lastMs,
      update.signedUpMs,
      update.signedUpSetMs,
      update.ahaMs,
      update.ttvMs,
      update.activeTtvMs,
    ) as { start_ms: number } | undefined;
    if (row) statements.syncStart.run(person, row.start_ms);
  }

  /** Moves everything known about an anonymous person to the user it turned out to be. */
  function mergePerson(from: string, to: string, userId: string): void {
    const row = statements.personRow.get(from) as PersonRow | undefined;
    if (!row) return;
    writePerson(to, {
      userId,
      accountId: row.account_id,
      accountMs: row.account_ms,
      firstMs: row.first_ms,
      lastMs: row.last_ms,
      signedUpMs: row.signed_up_ms,
      signedUpSetMs: row.signed_up_set_ms,
      ahaMs: row.aha_ms,
      ttvMs: row.ttv_ms,
      activeTtvMs: row.active_ttv_ms,
    });
    statements.moveDays.run(to, from);
    statements.deleteDays.run(from);
    statements.moveFirsts.run(to, from);
    statements.deleteFirsts.run(from);
    statements.deletePerson.run(from);
    statements.backfillDays.run(to);
    const start = firstColumn(statements.startOf.get(to));
    if (typeof start === 'number') statements.syncStart.run(to, start);
  }

  function apply(events: readonly CollectedEvent[]): void {
    const pending = new Pending();
    // anonymousId → userId (null: known, still anonymous; missing: never seen), this batch.
    const identities = new Map<string, string | null>();
    const identityOf = (anonymousId: string): string | null | undefined => {
      if (!identities.has(anonymousId)) {
        const known = firstColumn(statements.identityOf.get(anonymousId));
        if (known === undefined) return undefined;
        identities.set(anonymousId, known as string | null);
      }
      return identities.get(anonymousId);
    };

    /** The person an event belongs to, stitching an anonymous id to its user on first sight. */
    const personOf = (userId: string | null, anonymousId: string | null): string => {
      if (userId) {
        const person = `u:${userId}`;
        if (anonymousId) {
          const known = identityOf(anonymousId);
          if (known === undefined) {
            statements.insertIdentity.run(anonymousId, userId);
            identities.set(anonymousId, userId);
          } else if (known === null) {
            statements.identify.run(userId, anonymousId);
            identities.set(anonymousId, userId);
            // The anonymous person's rows must be on disk before they move.
            if (pending.size > 0) write(pending);
            mergePerson(`a:${anonymousId}`, person, userId);
          }
          // A different userId already claimed this anonymous id (a shared browser without
          // reset()): the event still belongs to its own userId; the first claim stands.
        }
        return person;
      }
      const id = anonymousId ?? '';
      const known = identityOf(id);
      if (known === undefined) {
        statements.insertIdentity.run(id, null);
        identities.set(id, null);
      }
      return known ? `u:${known}` : `a:${id}`;
    };

    for (const event of events) {
      const ms = Date.parse(event.timestamp);
      if (!Number.isFinite(ms)) continue;
      const context = asRecord(event.context);
      const properties = asRecord(event.properties);
      const traits = asRecord(event.traits);
      const name = event.type === 'track' ? (text(event.event) ?? '') : '';
      const countKey = `${event.type}\0${name}`;
      const count = pending.counts.get(countKey);
      if (count) count.count += 1;
      else pending.counts.set(countKey, { type: event.type, event: name, count: 1 });

      const userId = text(event.userId);
      const anonymousId = text(event.anonymousId);
      if (!userId && !anonymousId) continue;
      const person = personOf(userId, anonymousId);
      const account = text(event.groupId) ?? text(context.groupId);

      const signedUpMs =
        event.type === 'identify' ? toEpochMs(traits.signedUpAt ?? traits.createdAt) : null;
      const aha = name === 'aha_reached';
      foldPerson(pending.people, person, {
        userId,
        accountId: account,
        accountMs: account ? ms : null,
        firstMs: ms,
        lastMs: ms,
        signedUpMs,
        signedUpSetMs: signedUpMs === null ? null : ms,
        ahaMs: aha ? ms : null,
        ttvMs: aha ? duration(properties.ttvMs) : null,
        activeTtvMs: aha ? duration(properties.activeTtvMs) : null,
      });

      const day = Math.floor(ms / DAY_MS);
      const dayKey = `${person}\0${day}`;
      const seenDay = pending.days.get(dayKey);
      if (!seenDay) pending.days.set(dayKey, { person, day, account });
      else seenDay.account ??= account;

      if (account && event.type === 'group') {
        statements.upsertAccount.run(
          account,
          text(traits.name),
          text(traits.plan),
          seatsOf(traits.seats),
          touchOf(traits.touch),
          ms,
          ms,
          ms,
        );
      } else if (account) {
        const seen = pending.accounts.get(account);
        if (!seen) pending.accounts.set(account, { first: ms, last: ms });
        else {
          seen.first = Math.min(seen.first, ms);
          seen.last = Math.max(seen.last, ms);
        }
      }

      const first = name ? firstOccurrence(name, properties) : null;
      if (first) {
        const key = `${first.name}\0${first.a}\0${first.b}\0${person}`;
        const seen = pending.firsts.get(key);
        if (!seen || ms < seen.at) {
          pending.firsts.set(key, {
            ...first,
            label: first.label ?? seen?.label ?? null,
            person,
            at: ms,
          });
        } else {
          seen.label ??= first.label;
        }
      }
    }
    write(pending);
  }

  return {
    apply,
    rebuild() {
      db.exec(
        `DELETE FROM people; DELETE FROM person_days; DELETE FROM accounts; DELETE FROM firsts;
         DELETE FROM identities; DELETE FROM event_counts;`,
      );
      const page = db.prepare(
        'SELECT rowid AS id, body FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?',
      );
      const replay = db.transaction((rows: { id: number; body: string }[]) => {
        apply(rows.flatMap((row) => parseEvent(row.body) ?? []));
      });
      let after = 0;
      for (;;) {
        const rows = page.all(after, REBUILD_PAGE) as { id: number; body: string }[];
        if (rows.length === 0) break;
        replay.immediate(rows);
        after = rows[rows.length - 1]!.id;
      }
    },
  };
}

/** Folds one event's person update into the batch's, by UPSERT_PERSON's rules. */
function foldPerson(people: Map<string, PersonUpdate>, person: string, next: PersonUpdate): void {
  const current = people.get(person);
  if (!current) {
    people.set(person, next);
    return;
  }
  current.userId ??= next.userId;
  if (next.accountId && (current.accountMs === null || next.accountMs! >= current.accountMs)) {
    current.accountId = next.accountId;
    current.accountMs = next.accountMs;
  }
  current.firstMs = Math.min(current.firstMs, next.firstMs);
  current.lastMs = Math.max(current.lastMs, next.lastMs);
  if (
    next.signedUpMs !== null &&
    (current.signedUpSetMs === null || next.signedUpSetMs! >= current.signedUpSetMs)
  ) {
    current.signedUpMs = next.signedUpMs;
    current.signedUpSetMs = next.signedUpSetMs;
  }
  if (next.ahaMs !== null && (current.ahaMs === null || next.ahaMs < current.ahaMs)) {
    current.ahaMs = next.ahaMs;
    current.ttvMs = next.ttvMs;
    current.activeTtvMs = next.activeTtvMs;
  }
}

/** The `firsts` row a lifecycle event contributes, or null when it has none or lacks its ids. */
function firstOccurrence(
  name: string,
  properties: Record<string, unknown>,
): FirstOccurrence | null {
  const flowId = text(properties.flowId);
  if (name === 'milestone_reached') {
    const milestoneId = text(properties.milestoneId);
    return milestoneId ? { name, a: milestoneId, b: '', label: null } : null;
  }
  if (name === 'aha_reached') {
    return { name, a: text(properties.milestoneId) ?? '', b: '', label: null };
  }
  if (name === 'checklist_item_completed') {
    const itemId = text(properties.itemId);
    return flowId && itemId ? { name, a: flowId, b: itemId, label: null } : null;
  }
  if (!flowId) return null;
  if (FLOW_EVENTS.has(name)) return { name, a: flowId, b: '', label: null };
  if (STEP_EVENTS.has(name) || name === 'flow_dismissed') {
    const stepId = text(properties.stepId);
    const step = stepKey(properties.stepIndex, stepId);
    // A dismissed announcement has no step: the dismissal still counts for the flow.
    if (step === null && name !== 'flow_dismissed') return null;
    return { name, a: flowId, b: step ?? '', label: stepId };
  }
  return null;
}

/** Steps are keyed by their 0-based index; by id when a sender gives no index. */
function stepKey(stepIndex: unknown, stepId: string | null): string | null {
  if (typeof stepIndex === 'number' && Number.isInteger(stepIndex) && stepIndex >= 0) {
    return String(stepIndex);
  }
  return stepId ? `id:${stepId}` : null;
}

/** The last millisecond of year 9999: later "dates" are mistakes, not signups. */
const MAX_EPOCH_MS = 253_402_300_799_999;
/** A century: a longer duration is a unit mistake (seconds × 1000 twice, say). */
const MAX_DURATION_MS = 100 * 365 * 86_400_000;

/** `signedUpAt`: an ISO 8601 string or epoch milliseconds (DESIGN.md "TTV"). */
export function toEpochMs(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    ms = /^\d{10,}$/.test(text) ? Number(text) : Date.parse(text);
  } else return null;
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_EPOCH_MS ? Math.round(ms) : null;
}

function duration(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.round(Math.min(value, MAX_DURATION_MS))
    : null;
}

function seatsOf(value: unknown): number | null {
  const seats = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seats === 'number' && Number.isFinite(seats) && seats >= 0
    ? Math.round(seats)
    : null;
}

function touchOf(value: unknown): string | null {
  const touch = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return TOUCH_TIERS.has(touch) ? touch : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function parseEvent(body: string): CollectedEvent | null {
  try {
    const event = JSON.parse(body) as CollectedEvent;
    return typeof event === 'object' && event !== null && typeof event.type === 'string'
      ? event
      : null;
  } catch {
    return null;
  }
}
