import type { CollectedEvent } from '../../src/index.ts';

/**
 * A small onboarding history whose metrics are worked out by hand in metrics.test.ts.
 * Every time is UTC. The window is 2024-04-01 … 2024-06-02 (inclusive), so `to` is
 * 2024-06-03T00:00Z and the last day of account activity is 2024-06-02.
 *
 * | person  | account  | start (how)              | Aha!                   | active days after signup        |
 * | ------- | -------- | ------------------------ | ---------------------- | ------------------------------- |
 * | u1      | acme     | 05-01 00:00 (signedUpAt) | +2 h (ttvMs)           | 05-20 … 06-02 (14 days)         |
 * | u2      | acme     | 05-02 00:00 (signedUpAt) | +1 day (ttvMs)         | 05-03, 05-25 … 05-29            |
 * | u6      | acme     | 05-30 00:00 (signedUpAt) | —                      | 05-30, 05-31                    |
 * | u3      | globex   | 05-06 00:00 (signedUpAt) | +10 days (ttvMs)       | 05-06 … 05-16, 05-22, 05-29     |
 * | u4      | globex   | 05-06 00:00 (signedUpAt) | —                      | 05-06 (anonymous first), 05-27  |
 * | u5      | initech  | 05-10 00:00 (first event)| +3 days (no ttvMs)     | 05-10 … 05-13, 05-15            |
 * | anon-9  | umbrella | 06-01 10:00 (first event)| —                      | 06-01 (never identified)        |
 */
export const WINDOW = { from: '2024-04-01', to: '2024-06-02' } as const;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

let sequence = 0;

function at(date: string, time = '00:00'): string {
  return `2024-${date}T${time}:00.000Z`;
}

function base(person: Person, timestamp: string) {
  sequence += 1;
  return {
    messageId: `known-${String(sequence).padStart(4, '0')}`,
    timestamp,
    userId: person.userId,
    anonymousId: person.anonymousId,
    context: person.account ? { groupId: person.account } : {},
  };
}

interface Person {
  userId: string | null;
  anonymousId: string;
  account?: string;
}

function track(person: Person, timestamp: string, event: string, properties = {}) {
  return { ...base(person, timestamp), type: 'track', event, properties } as CollectedEvent;
}

function page(person: Person, timestamp: string, path = '/dashboard.html') {
  return { ...base(person, timestamp), type: 'page', properties: { path } } as CollectedEvent;
}

function identify(person: Person, timestamp: string, traits: Record<string, unknown>) {
  return { ...base(person, timestamp), type: 'identify', traits } as CollectedEvent;
}

function group(person: Person, timestamp: string, traits: Record<string, unknown>) {
  return {
    ...base(person, timestamp),
    type: 'group',
    groupId: person.account,
    traits,
  } as CollectedEvent;
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(at(from)); ms <= Date.parse(at(to)); ms += DAY) {
    out.push(new Date(ms).toISOString().slice(5, 10));
  }
  return out;
}

const step = (index: number) => ({
  flowId: 'welcome',
  stepId: index === 0 ? 'new-project' : 'done',
  stepIndex: index,
});
const item = (itemId: string) => ({ flowId: 'getting-started', itemId });
const milestone = (milestoneId: string, msSinceStart: number) => ({ milestoneId, msSinceStart });

/** The known history, in the order a collector might receive it. */
export function knownDataset(): CollectedEvent[] {
  sequence = 0;
  const u1: Person = { userId: 'u1', anonymousId: 'anon-1', account: 'acme' };
  const u2: Person = { userId: 'u2', anonymousId: 'anon-2', account: 'acme' };
  const u6: Person = { userId: 'u6', anonymousId: 'anon-6', account: 'acme' };
  const u3: Person = { userId: 'u3', anonymousId: 'anon-3', account: 'globex' };
  const u4: Person = { userId: 'u4', anonymousId: 'anon-4', account: 'globex' };
  const u4Anonymous: Person = { userId: null, anonymousId: 'anon-4' };
  const u5: Person = { userId: 'u5', anonymousId: 'anon-5', account: 'initech' };
  const anon9: Person = { userId: null, anonymousId: 'anon-9', account: 'umbrella' };
  const acme = { name: 'Acme', plan: 'business', seats: 5, touch: 'high' };
  const globex = { name: 'Globex', plan: 'trial', seats: '10', touch: 'Tech' };
  const initech = { name: 'Initech', plan: 'starter', seats: 2, touch: 'low' };

  return [
    // u1: the model user, everything on day one, then every day of the last two weeks.
    identify(u1, at('05-01'), { plan: 'trial', signedUpAt: at('05-01') }),
    group(u1, at('05-01', '00:01'), acme),
    track(u1, at('05-01', '00:02'), 'flow_started', { flowId: 'welcome' }),
    track(u1, at('05-01', '00:02'), 'step_viewed', step(0)),
    track(u1, at('05-01', '00:05'), 'step_completed', step(0)),
    track(u1, at('05-01', '00:05'), 'step_viewed', step(1)),
    track(u1, at('05-01', '00:06'), 'step_completed', step(1)),
    track(u1, at('05-01', '00:06'), 'flow_completed', { flowId: 'welcome' }),
    track(u1, at('05-01', '00:10'), 'milestone_reached', milestone('project_created', 10 * MINUTE)),
    track(u1, at('05-01', '00:10'), 'checklist_item_completed', item('project_created')),
    track(u1, at('05-01', '01:00'), 'milestone_reached', milestone('teammate_invited', HOUR)),
    track(u1, at('05-01', '01:00'), 'checklist_item_completed', item('teammate_invited')),
    track(u1, at('05-01', '02:00'), 'milestone_reached', milestone('first_report', 2 * HOUR)),
    track(u1, at('05-01', '02:00'), 'aha_reached', {
      milestoneId: 'first_report',
      ttvMs: 2 * HOUR,
      activeTtvMs: 30 * MINUTE,
    }),
    track(u1, at('05-01', '02:00'), 'checklist_item_completed', item('first_report')),
    track(u1, at('05-01', '02:00'), 'flow_completed', { flowId: 'getting-started' }),
    // Viewing the first step again later changes nothing: a funnel counts people.
    track(u1, at('05-20', '09:30'), 'step_viewed', step(0)),
    ...days('05-20', '06-02').map((day) => page(u1, at(day, '09:00'))),

    // u2: Aha! after one day; dismissed the tour at its last step.
    identify(u2, at('05-02'), { signedUpAt: Date.parse(at('05-02')) }),
    group(u2, at('05-02', '00:01'), acme),
    track(u2, at('05-02', '00:02'), 'flow_started', { flowId: 'welcome' }),
    track(u2, at('05-02', '00:02'), 'step_viewed', step(0)),
    track(u2, at('05-02', '00:04'), 'step_completed', step(0)),
    track(u2, at('05-02', '00:04'), 'step_viewed', step(1)),
    track(u2, at('05-02', '00:05'), 'flow_dismissed', step(1)),
    track(u2, at('05-02', '00:10'), 'milestone_reached', milestone('project_created', 10 * MINUTE)),
    track(u2, at('05-02', '00:10'), 'checklist_item_completed', item('project_created')),
    track(u2, at('05-02', '12:00'), 'milestone_reached', milestone('teammate_invited', 12 * HOUR)),
    track(u2, at('05-02', '12:00'), 'checklist_item_completed', item('teammate_invited')),
    track(u2, at('05-03'), 'milestone_reached', milestone('first_report', DAY)),
    track(u2, at('05-03'), 'aha_reached', {
      milestoneId: 'first_report',
      ttvMs: DAY,
      activeTtvMs: 2 * HOUR,
    }),
    track(u2, at('05-03'), 'checklist_item_completed', item('first_report')),
    ...days('05-25', '05-29').map((day) => page(u2, at(day, '09:00'))),

    // u6: signed up three days before the window ends; too new for any Aha! rate.
    identify(u6, at('05-30'), { signedUpAt: at('05-30') }),
    group(u6, at('05-30', '00:01'), acme),
    page(u6, at('05-31', '09:00')),

    // u3: Aha! after ten days; dismissed the tour at its first step.
    identify(u3, at('05-06'), { signedUpAt: at('05-06') }),
    group(u3, at('05-06', '00:01'), globex),
    track(u3, at('05-06', '00:02'), 'flow_started', { flowId: 'welcome' }),
    track(u3, at('05-06', '00:02'), 'step_viewed', step(0)),
    track(u3, at('05-06', '00:03'), 'flow_dismissed', step(0)),
    track(u3, at('05-06', '00:10'), 'milestone_reached', milestone('project_created', 10 * MINUTE)),
    track(u3, at('05-08', '00:00'), 'milestone_reached', milestone('teammate_invited', 2 * DAY)),
    ...days('05-06', '05-16').map((day) => page(u3, at(day, '09:00'))),
    track(u3, at('05-16'), 'milestone_reached', milestone('first_report', 10 * DAY)),
    track(u3, at('05-16'), 'aha_reached', {
      milestoneId: 'first_report',
      ttvMs: 10 * DAY,
      activeTtvMs: 5 * HOUR,
    }),
    page(u3, at('05-22', '09:00')),
    page(u3, at('05-29', '09:00')),

    // u4: browsed anonymously before signing in; left the tour at its first step.
    page(u4Anonymous, at('05-06', '08:00'), '/index.html'),
    identify(u4, at('05-06', '08:30'), { signedUpAt: at('05-06') }),
    group(u4, at('05-06', '08:31'), globex),
    track(u4, at('05-06', '08:35'), 'flow_started', { flowId: 'welcome' }),
    track(u4, at('05-06', '08:35'), 'step_viewed', step(0)),
    track(
      u4,
      at('05-06', '08:40'),
      'milestone_reached',
      milestone('project_created', 520 * MINUTE),
    ),
    track(u4, at('05-06', '08:40'), 'checklist_item_completed', item('project_created')),
    page(u4, at('05-27', '09:00')),

    // u5: no signedUpAt (start = first event), first step's target missing, no ttvMs sent.
    identify(u5, at('05-10'), { name: 'Go' }),
    group(u5, at('05-10', '00:01'), initech),
    track(u5, at('05-10', '00:02'), 'flow_started', { flowId: 'welcome' }),
    track(u5, at('05-10', '00:05'), 'target_missing', { ...step(0), target: '#new-project' }),
    track(u5, at('05-10', '00:05'), 'step_viewed', step(1)),
    track(u5, at('05-10', '00:06'), 'step_completed', step(1)),
    track(u5, at('05-10', '00:06'), 'flow_completed', { flowId: 'welcome' }),
    track(u5, at('05-10', '01:00'), 'milestone_reached', milestone('project_created', HOUR)),
    track(u5, at('05-10', '01:00'), 'checklist_item_completed', item('project_created')),
    page(u5, at('05-11', '09:00')),
    page(u5, at('05-12', '09:00')),
    track(u5, at('05-13'), 'milestone_reached', milestone('first_report', 3 * DAY)),
    track(u5, at('05-13'), 'aha_reached', { milestoneId: 'first_report' }),
    track(u5, at('05-13'), 'checklist_item_completed', item('first_report')),
    page(u5, at('05-15', '09:00')),

    // anon-9: one anonymous visit to an account the collector knows nothing else about.
    page(anon9, at('06-01', '10:00')),
  ];
}
