import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CollectedEvent, createEventStore, type EventStore } from '../src/index.ts';
import { DAY, HOUR, knownDataset, MINUTE, WINDOW } from './support/known-dataset.ts';

const RECEIVED = '2024-06-02T12:00:00.000Z';

function storeWith(events: CollectedEvent[], path = ':memory:'): EventStore {
  const store = createEventStore(path);
  store.insertBatch(events, RECEIVED);
  return store;
}

describe('metrics over a known onboarding history', () => {
  let store: EventStore;
  beforeEach(() => {
    store = storeWith(knownDataset());
  });
  afterEach(() => store.close());

  it('gives the TTV median and p90 of the users who reached Aha! in the window', () => {
    // ttvMs of u1, u2, u3 and, for u5 who sent none, Aha! minus first event: 2 h, 1 d, 10 d, 3 d.
    // Sorted 2 h, 1 d, 3 d, 10 d: median halfway between 1 d and 3 d; p90 at rank 0.9 × 3 = 2.7.
    const ttv = store.ttv(WINDOW);
    expect(ttv.users).toBe(4);
    expect(ttv.medianMs).toBe((DAY + 3 * DAY) / 2);
    expect(ttv.p90Ms).toBe(Math.round(3 * DAY + 0.7 * (10 * DAY - 3 * DAY)));
    // activeTtvMs 30 min, 2 h, 5 h (u5 sent none): the middle one.
    expect(ttv.activeMedianMs).toBe(2 * HOUR);
  });

  it('puts each TTV in its histogram bucket, a full day in the 1–2 day bucket', () => {
    const users = Object.fromEntries(store.ttv(WINDOW).buckets.map((b) => [b.key, b.users]));
    expect(users).toEqual({
      lt1h: 0,
      '1h-4h': 1, // u1, 2 h
      '4h-1d': 0,
      '1d-2d': 1, // u2, exactly 1 day
      '2d-4d': 1, // u5, 3 days
      '4d-7d': 0,
      '7d-14d': 1, // u3, 10 days
      '14d-30d': 0,
      gte30d: 0,
    });
  });

  it('trends TTV by the week users reached Aha!', () => {
    expect(store.ttv(WINDOW).weekly).toEqual([
      // u1 (2 h) and u2 (1 d) reached it in the week of Monday 29 April.
      {
        week: '2024-04-29',
        users: 2,
        medianMs: (2 * HOUR + DAY) / 2,
        p90Ms: Math.round(2 * HOUR + 0.9 * (DAY - 2 * HOUR)),
      },
      // u5 (3 d) on Monday 13 May and u3 (10 d) on Thursday 16 May.
      {
        week: '2024-05-13',
        users: 2,
        medianMs: (3 * DAY + 10 * DAY) / 2,
        p90Ms: Math.round(3 * DAY + 0.9 * (7 * DAY)),
      },
    ]);
  });

  it('counts only users whose first 7 / 14 / 30 days are over in the Aha! rate', () => {
    const aha = store.ahaRate(WINDOW);
    // Seven people started in the window; four reached Aha! (u1, u2, u3, u5).
    expect(aha.newUsers).toBe(7);
    expect(aha.reached).toBe(4);
    expect(aha.within).toEqual([
      // Started by 27 May: u1–u5. Within 7 days: u1 (2 h), u2 (1 d), u5 (3 d); u3 took 10.
      { days: 7, eligible: 5, reached: 3, rate: 0.6 },
      // Started by 20 May: u1–u5. Within 14 days: u3 too.
      { days: 14, eligible: 5, reached: 4, rate: 0.8 },
      // Started by 4 May: u1 and u2, both reached it.
      { days: 30, eligible: 2, reached: 2, rate: 1 },
    ]);
  });

  it('trends the Aha! rate by signup week, leaving weeks too young for a rate empty', () => {
    const weeks = store.ahaRate(WINDOW).weekly;
    expect(weeks.map((week) => [week.week, week.newUsers])).toEqual([
      ['2024-04-29', 2], // u1, u2
      ['2024-05-06', 3], // u3, u4 (signed up on Monday 6 May), u5 (first seen Friday 10 May)
      ['2024-05-27', 2], // u6, anon-9
    ]);
    expect(weeks[1]?.within[0]).toEqual({ days: 7, eligible: 3, reached: 1, rate: 0.3333 });
    expect(weeks[2]?.within[0]).toEqual({ days: 7, eligible: 0, reached: 0, rate: null });
  });

  it('orders the milestone funnel by users reached, marking the Aha! milestone', () => {
    const funnel = store.milestoneFunnel(WINDOW);
    expect(funnel.started).toBe(7);
    expect(funnel.milestones).toEqual([
      // u1, u2, u3 after 10 min, u5 after 1 h, u4 after 8 h 40 min: the median is 10 min.
      {
        milestoneId: 'project_created',
        users: 5,
        share: 0.7143,
        aha: false,
        medianMsSinceStart: 10 * MINUTE,
      },
      // 2 h, 1 d, 3 d, 10 d.
      {
        milestoneId: 'first_report',
        users: 4,
        share: 0.5714,
        aha: true,
        medianMsSinceStart: 2 * DAY,
      },
      // 1 h, 12 h, 2 d.
      {
        milestoneId: 'teammate_invited',
        users: 3,
        share: 0.4286,
        aha: false,
        medianMsSinceStart: 12 * HOUR,
      },
    ]);
  });

  it('gives each tour step its viewed, completed, dismissed and missing-target counts', () => {
    expect(store.flowFunnels(WINDOW)).toEqual([
      {
        flowId: 'welcome',
        started: 5,
        completed: 2, // u1, u5
        dismissed: 2, // u2 at step 1, u3 at step 0
        steps: [
          // Viewed by u1 (twice, counted once), u2, u3, u4; u5's target never appeared.
          {
            stepIndex: 0,
            stepId: 'new-project',
            viewed: 4,
            completed: 2,
            dismissed: 1,
            targetMissing: 1,
          },
          {
            stepIndex: 1,
            stepId: 'done',
            viewed: 3,
            completed: 2,
            dismissed: 1,
            targetMissing: 0,
          },
        ],
      },
    ]);
  });

  it('counts a checklist complete on flow_completed or when every item is done', () => {
    expect(store.checklists(WINDOW)).toEqual([
      {
        flowId: 'getting-started',
        users: 7,
        totalItems: 3,
        usersStarted: 4, // u1, u2, u4, u5
        usersCompleted: 2, // u1 (flow_completed), u2 (all three items, no flow_completed)
        completionRate: 0.2857,
        items: [
          { itemId: 'project_created', users: 4 },
          { itemId: 'first_report', users: 3 },
          { itemId: 'teammate_invited', users: 2 },
        ],
      },
    ]);
  });

  it('scores account health by hand-computed components, red accounts first', () => {
    const report = store.accounts(WINDOW);
    expect(report.asOf).toBe('2024-06-03T00:00:00.000Z');
    expect(
      report.accounts.map((account) => [account.accountId, account.score, account.band]),
    ).toEqual([
      // Quiet for 18 days: adoption 1/2 seats → 15; frequency 0.4 × 5/20 × 25 → 2.5;
      // milestones 2/3 × 25 → 16.7; recency 0 → 34, and red anyway after 14 quiet days.
      ['initech', 34, 'red'],
      // No group traits: its one known user stands in for seats → 30; one active day →
      // (0.6 × 1/10 + 0.4 × 1/20) × 25 = 2; no milestones → 0; active yesterday → 20.
      ['umbrella', 52, 'yellow'],
      // 2 of 10 seats → 6; 3 days in 14, 14 in 28 → (0.6 × 0.3 + 0.4 × 0.7) × 25 = 11.5;
      // 3/3 milestones → 25; 4 days quiet → 20 × 10/13 = 15.4 → 57.9.
      ['globex', 58, 'yellow'],
      // 3 of 5 seats → 18; 14 days of 14 and 14 of 28 → (0.6 + 0.28) × 25 = 22; 25; 20.
      ['acme', 85, 'green'],
    ]);
    const [initech, umbrella, globex, acme] = report.accounts;
    expect(initech).toMatchObject({
      name: 'Initech',
      plan: 'starter',
      seats: 2,
      touch: 'low',
      users: 1,
      activeUsers28: 1,
      activeDays14: 0,
      activeDays28: 5,
      milestonesReached: 2,
      milestonesTotal: 3,
      lastActiveDay: '2024-05-15',
      daysSinceActive: 18,
      components: { adoption: 15, frequency: 2.5, value: 16.7, recency: 0 },
      reasons: [
        { code: 'quiet', days: 18 },
        { code: 'low_frequency', activeDays14: 0, activeDays28: 5 },
      ],
    });
    expect(umbrella).toMatchObject({
      name: null,
      touch: null,
      seats: null,
      reasons: [
        { code: 'low_frequency', activeDays14: 1, activeDays28: 1 },
        { code: 'few_milestones', reached: 0, total: 3 },
        { code: 'no_aha' },
      ],
    });
    // Seats sent as the string "10" and touch as "Tech" are still understood.
    expect(globex).toMatchObject({
      seats: 10,
      touch: 'tech',
      users: 2,
      activeUsers28: 2,
      activeDays14: 3,
      activeDays28: 14,
      daysSinceActive: 4,
      components: { adoption: 6, frequency: 11.5, value: 25, recency: 15.4 },
      reasons: [
        { code: 'low_adoption', activeUsers: 2, seats: 10 },
        { code: 'low_frequency', activeDays14: 3, activeDays28: 14 },
      ],
    });
    expect(acme).toMatchObject({
      users: 3,
      activeUsers28: 3,
      activeDays14: 14,
      ahaUsers: 2,
      daysSinceActive: 0,
      reasons: [],
    });
    expect(report.bands).toEqual({ red: 1, yellow: 2, green: 1 });
    expect(report.byTouch).toEqual({
      high: { red: 0, yellow: 0, green: 1 },
      low: { red: 1, yellow: 0, green: 0 },
      tech: { red: 0, yellow: 1, green: 0 },
      unknown: { red: 0, yellow: 1, green: 0 },
    });
  });

  it('stitches anonymous events to the user who later identifies', () => {
    const totals = store.totals();
    // u1–u6 are users; anon-4 became u4, so it is not a person of its own.
    expect(totals.users).toBe(6);
    expect(totals.anonymousIds).toBe(7);
    expect(totals.accounts).toBe(4);
    expect(totals.events).toBe(knownDataset().length);
    expect(store.ahaRate(WINDOW).newUsers).toBe(7);
  });

  it('bundles every section in metrics(), with the window it used', () => {
    const metrics = store.metrics(WINDOW);
    expect(metrics.window).toEqual({
      from: '2024-04-01T00:00:00.000Z',
      to: '2024-06-03T00:00:00.000Z',
    });
    expect(metrics.ttv.medianMs).toBe(2 * DAY);
    expect(metrics.health.accounts[0]?.accountId).toBe('initech');
    expect(metrics.byEvent.milestone_reached).toBe(12);
  });

  it('narrows cohorts to the window: users who started in May only', () => {
    const may = { from: '2024-05-01', to: '2024-05-31' };
    // anon-9 started on 1 June; u6 on 30 May is in.
    expect(store.ahaRate(may).newUsers).toBe(6);
    // Aha! reached in the first half of May only: u1, u2, u5.
    expect(store.ttv({ from: '2024-05-01', to: '2024-05-14' }).users).toBe(3);
  });

  it('measures account health at the end of the window, not today', () => {
    // On 16 May initech had been active on 12, 13 (Aha!) and 15 May: not yet quiet.
    const initech = store
      .accounts({ from: '2024-04-01', to: '2024-05-16' })
      .accounts.find((account) => account.accountId === 'initech');
    expect(initech).toMatchObject({ daysSinceActive: 1, activeDays14: 5 });
    expect(initech?.band).not.toBe('red');
  });
});

describe('metrics stay right however events arrive', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tebiki-metrics-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same numbers when every batch is delivered twice', () => {
    const once = storeWith(knownDataset());
    const twice = storeWith(knownDataset());
    const events = knownDataset();
    for (let i = 0; i < events.length; i += 7) {
      expect(twice.insertBatch(events.slice(i, i + 7), RECEIVED).stored).toBe(0);
    }
    expect(twice.metrics(WINDOW)).toEqual(once.metrics(WINDOW));
    once.close();
    twice.close();
  });

  it('gives the same numbers when events arrive in reverse order, in small batches', () => {
    const inOrder = storeWith(knownDataset());
    const reversed = createEventStore(':memory:');
    const events = knownDataset().reverse();
    for (let i = 0; i < events.length; i += 5) {
      reversed.insertBatch(events.slice(i, i + 5), RECEIVED);
    }
    expect(reversed.metrics(WINDOW)).toEqual(inOrder.metrics(WINDOW));
    inOrder.close();
    reversed.close();
  });

  it('rebuilds its projections from stored events when the schema is older', () => {
    const path = join(dir, 'events.db');
    const expected = storeWith(knownDataset());
    storeWith(knownDataset(), path).close();
    // Pretend the file predates the projections.
    const raw = new Database(path);
    raw.exec('DELETE FROM people; DELETE FROM firsts; PRAGMA user_version = 0;');
    raw.close();

    const reopened = createEventStore(path);
    expect(reopened.metrics(WINDOW)).toEqual(expected.metrics(WINDOW));
    reopened.close();
    expected.close();
  });

  it('counts milestone times from a signedUpAt that arrives after the milestone', () => {
    const store = createEventStore(':memory:');
    const base = { userId: 'late', anonymousId: 'anon-late' };
    store.insertBatch(
      [
        {
          ...base,
          messageId: 'm',
          type: 'track',
          event: 'milestone_reached',
          timestamp: '2024-06-01T10:00:00Z',
          properties: { milestoneId: 'project_created' },
        },
      ] as CollectedEvent[],
      RECEIVED,
    );
    const spring = { from: '2024-04-01', to: '2024-06-30' };
    // Until the signup date is known, the start is the first event: the milestone itself.
    expect(store.milestoneFunnel(spring).milestones[0]?.medianMsSinceStart).toBe(0);

    store.insertBatch(
      [
        {
          ...base,
          messageId: 'i',
          type: 'identify',
          timestamp: '2024-06-01T10:05:00Z',
          traits: { signedUpAt: '2024-04-15T00:00:00Z' },
        },
      ] as CollectedEvent[],
      RECEIVED,
    );
    expect(store.milestoneFunnel(spring)).toMatchObject({
      started: 1,
      milestones: [
        { milestoneId: 'project_created', users: 1, medianMsSinceStart: 47 * DAY + 10 * HOUR },
      ],
    });
    store.close();
  });

  it('shrugs off lifecycle events with missing or odd properties', () => {
    const store = createEventStore(':memory:');
    const odd = [
      { properties: { milestoneId: 42 } },
      { event: 'step_viewed', properties: { flowId: 'welcome', stepIndex: -1 } },
      { event: 'step_viewed', properties: { flowId: 'welcome', stepId: 'intro' } },
      { event: 'aha_reached', properties: { ttvMs: 'soon', activeTtvMs: Number.NaN } },
      { event: 'checklist_item_completed', properties: { flowId: ['x'] } },
      { type: 'identify', traits: { signedUpAt: 'not a date' } },
      { type: 'group', groupId: 'g', traits: { seats: -4, touch: 'medium', plan: 7 } },
    ].map((overrides, index) => ({
      messageId: `odd-${index}`,
      type: 'track',
      event: 'milestone_reached',
      timestamp: '2024-05-01T00:00:00Z',
      userId: 'odd',
      ...overrides,
    })) as CollectedEvent[];

    expect(store.insertBatch(odd, RECEIVED).stored).toBe(odd.length);
    const metrics = store.metrics(WINDOW);
    expect(metrics.milestones.milestones).toEqual([]);
    expect(metrics.flows[0]?.steps).toEqual([
      expect.objectContaining({ stepIndex: null, stepId: 'intro', viewed: 1 }),
    ]);
    // An Aha! without ttvMs counts from the user's start: here the same instant.
    expect(metrics.ttv).toMatchObject({ users: 1, medianMs: 0 });
    expect(metrics.health.accounts).toEqual([
      expect.objectContaining({ accountId: 'g', seats: null, touch: null, plan: null }),
    ]);
    store.close();
  });

  it('ignores absurd dates and durations instead of failing the dashboard', () => {
    const store = createEventStore(':memory:');
    const base = { timestamp: '2024-05-01T00:00:00Z', userId: 'odd' };
    store.insertBatch(
      [
        { ...base, messageId: 'i', type: 'identify', traits: { signedUpAt: 1e20 } },
        {
          ...base,
          messageId: 'a',
          type: 'track',
          event: 'aha_reached',
          properties: { ttvMs: 1e300, activeTtvMs: Number.MAX_VALUE },
        },
        { ...base, messageId: 'f', type: 'page', timestamp: '9999-12-31T23:59:59Z' },
      ] as CollectedEvent[],
      RECEIVED,
    );
    const metrics = store.metrics({ from: '2024-01-01', to: '9999-12-30' });
    // signedUpAt 1e20 is no date: the start is the first event.
    expect(metrics.aha.newUsers).toBe(1);
    expect(metrics.ttv.medianMs).toBe(100 * 365 * 86_400_000);
    expect(metrics.health).toBeDefined();
    store.close();
  });

  it('answers empty sections, not errors, on an empty store', () => {
    const store = createEventStore(':memory:');
    const metrics = store.metrics({ days: 30 });
    expect(metrics).toMatchObject({
      events: 0,
      ttv: { users: 0, medianMs: null, p90Ms: null, weekly: [] },
      aha: { newUsers: 0, within: [{ days: 7, eligible: 0, reached: 0, rate: null }, {}, {}] },
      milestones: { started: 0, milestones: [] },
      flows: [],
      checklists: [],
      health: { accounts: [], bands: { red: 0, yellow: 0, green: 0 } },
    });
    store.close();
  });
});
