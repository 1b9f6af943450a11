import { type Db, scalar } from '../database.ts';
import { rate } from './sql.ts';
import type { ChecklistCompletion } from './types.ts';
import type { MetricsWindow } from './window.ts';

/**
 * Checklist completion for the users who started in the window: per checklist (a flow with
 * `checklist_item_completed` events), how many completed each item, at least one item, and
 * the whole list: its `flow_completed`, or every item any user has completed (the collector
 * does not read the flows document, so an item nobody completed is not known).
 */
export function checklistCompletion(db: Db, window: MetricsWindow): ChecklistCompletion[] {
  const params = [window.fromMs, window.toMs];
  const users = Number(
    scalar(db, 'SELECT count(*) FROM people WHERE start_ms >= ?1 AND start_ms < ?2', ...params) ??
      0,
  );
  const lists = db
    .prepare(
      `WITH items AS (
         SELECT a AS flow, count(DISTINCT b) AS total FROM firsts
          WHERE name = 'checklist_item_completed' AND at_ms < ?2 GROUP BY a),
            cohort AS (
         SELECT f.name, f.a AS flow, f.b AS item, f.person FROM firsts f
          WHERE f.start_ms >= ?1 AND f.start_ms < ?2 AND f.at_ms < ?2
            AND f.name IN ('checklist_item_completed', 'flow_completed')
            AND f.a IN (SELECT flow FROM items)),
            done AS (
         SELECT flow, person, count(*) AS items FROM cohort
          WHERE name = 'checklist_item_completed' GROUP BY flow, person),
            completed AS (
         SELECT d.flow, d.person FROM done d JOIN items i ON i.flow = d.flow
          WHERE d.items >= i.total
         UNION
         SELECT flow, person FROM cohort WHERE name = 'flow_completed')
       SELECT i.flow, i.total,
              (SELECT count(*) FROM done d WHERE d.flow = i.flow) AS started,
              (SELECT count(*) FROM completed c WHERE c.flow = i.flow) AS completed
         FROM items i ORDER BY i.flow`,
    )
    .all(...params) as { flow: string; total: number; started: number; completed: number }[];
  const itemRows = db
    .prepare(
      `WITH known AS (
         SELECT DISTINCT a AS flow, b AS item FROM firsts
          WHERE name = 'checklist_item_completed' AND at_ms < ?2),
            counts AS (
         SELECT f.a AS flow, f.b AS item, count(*) AS users
           FROM firsts f
          WHERE f.name = 'checklist_item_completed'
            AND f.start_ms >= ?1 AND f.start_ms < ?2 AND f.at_ms < ?2
          GROUP BY f.a, f.b)
       SELECT k.flow, k.item, coalesce(c.users, 0) AS users
         FROM known k LEFT JOIN counts c ON c.flow = k.flow AND c.item = k.item
        ORDER BY users DESC, k.item`,
    )
    .all(...params) as { flow: string; item: string; users: number }[];

  return lists.map((list) => ({
    flowId: list.flow,
    users,
    totalItems: list.total,
    usersStarted: list.started,
    usersCompleted: list.completed,
    completionRate: rate(list.completed, users),
    items: itemRows
      .filter((row) => row.flow === list.flow)
      .map((row) => ({ itemId: row.item, users: row.users })),
  }));
}
