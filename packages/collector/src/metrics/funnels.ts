import { type Db, scalar } from '../database.ts';
import { ms, quantileSql, rankedSql, rate } from './sql.ts';
import type { FlowFunnel, MilestoneFunnel, StepFunnel } from './types.ts';
import type { MetricsWindow } from './window.ts';

/**
 * The users a funnel follows: those who started (signed up, or were first seen) in the
 * window, each counted once per stage, whenever they reached it before the window's end.
 */
const COHORT = 'f.start_ms >= ?1 AND f.start_ms < ?2 AND f.at_ms < ?2';

/**
 * How many new users reached each milestone (`milestone_reached` by `milestoneId`), most
 * first: the collector does not read the flows document, and in a sequence of milestones
 * the most reached one comes first.
 */
export function milestoneFunnel(db: Db, window: MetricsWindow): MilestoneFunnel {
  const params = [window.fromMs, window.toMs];
  const started = Number(
    scalar(db, 'SELECT count(*) FROM people WHERE start_ms >= ?1 AND start_ms < ?2', ...params) ??
      0,
  );
  const rows = db
    .prepare(
      `WITH reached AS (
         SELECT f.a AS milestone, max(0, f.at_ms - f.start_ms) AS v
           FROM firsts f WHERE f.name = 'milestone_reached' AND ${COHORT}),
            ranked AS (SELECT milestone, v, ${rankedSql('v', 'milestone')} FROM reached)
       SELECT milestone, count(*) AS users, ${quantileSql(0.5)} AS median
         FROM ranked GROUP BY milestone ORDER BY users DESC, milestone`,
    )
    .all(...params) as { milestone: string; users: number; median: number | null }[];
  const aha = new Set(
    db
      .prepare(`SELECT DISTINCT a FROM firsts WHERE name = 'aha_reached' AND a != ''`)
      .pluck()
      .all() as string[],
  );
  return {
    started,
    milestones: rows.map((row) => ({
      milestoneId: row.milestone,
      users: row.users,
      share: rate(row.users, started),
      aha: aha.has(row.milestone),
      medianMsSinceStart: ms(row.median),
    })),
  };
}

const FLOW_EVENTS = [
  'flow_started',
  'flow_completed',
  'step_viewed',
  'step_completed',
  'flow_dismissed',
  'target_missing',
];

/**
 * Each tour's step funnel for the new users of the window: per step, how many viewed it,
 * completed it, dismissed the tour there, or never saw its target. Flows with neither
 * `flow_started` nor a step event (checklists) are left to `checklistCompletion`.
 */
export function flowFunnels(db: Db, window: MetricsWindow): FlowFunnel[] {
  const params = [window.fromMs, window.toMs];
  const rows = db
    .prepare(
      `SELECT f.name, f.a AS flow, f.b AS step, max(f.label) AS label, count(*) AS users
         FROM firsts f
        WHERE f.name IN (${FLOW_EVENTS.map((name) => `'${name}'`).join(', ')}) AND ${COHORT}
        GROUP BY f.name, f.a, f.b`,
    )
    .all(...params) as {
    name: string;
    flow: string;
    step: string;
    label: string | null;
    users: number;
  }[];
  const dismissedByFlow = new Map(
    (
      db
        .prepare(
          `SELECT f.a AS flow, count(DISTINCT f.person) AS users
             FROM firsts f WHERE f.name = 'flow_dismissed' AND ${COHORT}
            GROUP BY f.a`,
        )
        .all(...params) as { flow: string; users: number }[]
    ).map((row) => [row.flow, row.users]),
  );

  const flows = new Map<string, FlowFunnel & { stepsByKey: Map<string, StepFunnel> }>();
  const flowOf = (flowId: string) => {
    let flow = flows.get(flowId);
    if (!flow) {
      flow = {
        flowId,
        started: 0,
        completed: 0,
        dismissed: dismissedByFlow.get(flowId) ?? 0,
        steps: [],
        stepsByKey: new Map(),
      };
      flows.set(flowId, flow);
    }
    return flow;
  };
  const stepOf = (flow: ReturnType<typeof flowOf>, key: string, label: string | null) => {
    let step = flow.stepsByKey.get(key);
    if (!step) {
      step = {
        stepIndex: /^\d+$/.test(key) ? Number(key) : null,
        stepId: label ?? (key.startsWith('id:') ? key.slice(3) : null),
        viewed: 0,
        completed: 0,
        dismissed: 0,
        targetMissing: 0,
      };
      flow.stepsByKey.set(key, step);
    }
    step.stepId ??= label;
    return step;
  };

  // Flow-level completions count only for flows that have a tour side (started or steps).
  const tours = new Set(
    rows
      .filter((row) => row.name !== 'flow_completed' && row.name !== 'flow_dismissed')
      .map((row) => row.flow),
  );
  for (const row of rows) {
    if (!tours.has(row.flow)) continue;
    const flow = flowOf(row.flow);
    if (row.name === 'flow_started') flow.started = row.users;
    else if (row.name === 'flow_completed') flow.completed = row.users;
    else if (row.step !== '') {
      const step = stepOf(flow, row.step, row.label);
      if (row.name === 'step_viewed') step.viewed = row.users;
      else if (row.name === 'step_completed') step.completed = row.users;
      else if (row.name === 'flow_dismissed') step.dismissed = row.users;
      else if (row.name === 'target_missing') step.targetMissing = row.users;
    }
  }
  return [...flows.values()]
    .map(({ stepsByKey, ...flow }) => ({
      ...flow,
      steps: [...stepsByKey.values()].sort(byStepOrder),
    }))
    .sort((a, b) => b.started - a.started || a.flowId.localeCompare(b.flowId));
}

function byStepOrder(a: StepFunnel, b: StepFunnel): number {
  if (a.stepIndex !== null && b.stepIndex !== null) return a.stepIndex - b.stepIndex;
  if (a.stepIndex !== null) return -1;
  if (b.stepIndex !== null) return 1;
  return b.viewed - a.viewed || (a.stepId ?? '').localeCompare(b.stepId ?? '');
}
