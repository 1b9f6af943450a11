import type { FlowsDocument } from '@tebiki/schema';
import { describe, expect, it, vi } from 'vitest';
import {
  createMemoryStorage,
  type KeyValueStorage,
  type LifecycleEventName,
  type LifecycleEvents,
} from '../src/index.ts';
import { createJourney, type JourneyOptions, type WithLock } from '../src/milestones.ts';

const STARTED_AT = 1_700_000_000_000;
const HOUR = 3_600_000;
const KEY = 'tebiki:journey:user-1';

const document: FlowsDocument = {
  version: 1,
  milestones: [
    { id: 'project_created', when: { event: 'project_created' } },
    { id: 'teammate_invited', when: { event: 'teammate_invited' } },
    { id: 'first_report', aha: true, when: { url: '/reports/*' } },
    { id: 'exported', when: { click: '#export' } },
    { id: 'docs_read', when: { url: '/docs/**' } },
    { id: 'profile_done' },
  ],
  flows: [
    {
      id: 'getting-started',
      type: 'checklist',
      items: [{ milestone: 'project_created', flow: 'welcome' }, { milestone: 'teammate_invited' }],
    },
    {
      id: 'power-user',
      type: 'checklist',
      items: [{ milestone: 'teammate_invited' }, { milestone: 'exported' }],
    },
    { id: 'welcome', type: 'tour', steps: [{ id: 'hello' }] },
  ],
};

/** A memory storage whose every call takes a trip through the task queue, like IndexedDB. */
function slowStorage(inner: KeyValueStorage = createMemoryStorage()) {
  const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const storage: KeyValueStorage = {
    get: vi.fn(async <T>(key: string) => {
      await tick();
      return inner.get<T>(key);
    }) as KeyValueStorage['get'],
    set: vi.fn(async (key: string, value: unknown) => {
      await tick();
      await inner.set(key, value);
    }),
    del: vi.fn(async (key: string) => {
      await tick();
      await inner.del(key);
    }),
  };
  return storage;
}

/** Storage that is there but fails every call (a blocked or closing IndexedDB). */
function brokenStorage(): KeyValueStorage {
  return {
    get: vi.fn(() => Promise.reject(new Error('get failed'))),
    set: vi.fn(() => Promise.reject(new Error('set failed'))),
    del: vi.fn(() => Promise.reject(new Error('del failed'))),
  };
}

/**
 * A mutex per lock name shared by every "tab" given it, like Web Locks: each
 * `fn` runs only after the previous holder's has settled. `idle()` resolves
 * once everything queued so far (and anything it queued in turn) is done.
 */
function createLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const runs: Promise<unknown>[] = [];
  const requested: string[] = [];
  const held: string[] = [];
  let active = 0;
  let maxActive = 0;
  const withLock: WithLock = (name, fn) => {
    requested.push(name);
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      held.push(name);
      try {
        return await fn();
      } finally {
        active--;
      }
    });
    tails.set(
      name,
      run.catch(() => {}),
    );
    runs.push(run);
    return run;
  };
  const idle = async () => {
    let seen = -1;
    while (seen !== runs.length) {
      seen = runs.length;
      await Promise.allSettled(runs);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { withLock, idle, requested, held, maxActive: () => maxActive };
}

type Recorded = [LifecycleEventName, unknown];

interface TabOptions extends Partial<JourneyOptions> {
  locks?: ReturnType<typeof createLocks>;
  events?: Recorded[];
}

/** One journey (one browser tab) with a fake clock and recorded events. */
function tab({ locks = createLocks(), events = [], ...options }: TabOptions = {}) {
  let time = STARTED_AT + HOUR;
  let active = 10 * 60_000;
  const journey = createJourney({
    document,
    storage: createMemoryStorage(),
    withLock: locks.withLock,
    emit: (name, detail) => events.push([name, detail]),
    now: () => time,
    startedAt: () => STARTED_AT,
    activeMs: () => active,
    key: () => KEY,
    ...options,
  });
  const named = <K extends LifecycleEventName>(name: K) =>
    events.filter(([event]) => event === name).map(([, detail]) => detail as LifecycleEvents[K]);
  return {
    journey,
    events,
    locks,
    named,
    names: () => events.map(([name]) => name),
    take: () => events.splice(0),
    idle: locks.idle,
    setTime: (value: number) => {
      time = value;
    },
    setActive: (value: number) => {
      active = value;
    },
  };
}

describe('createJourney: reaching milestones', () => {
  it('reaches the milestones whose event is tracked and reports msSinceStart', async () => {
    const { journey, events, idle } = tab();
    journey.track('project_created');
    await idle();
    expect(events[0]).toEqual([
      'milestone_reached',
      { milestoneId: 'project_created', msSinceStart: HOUR },
    ]);
    expect(journey.state().milestones.project_created).toEqual({
      reachedAt: STARTED_AT + HOUR,
      msSinceStart: HOUR,
    });
  });

  it('ignores tracked events no milestone listens for', async () => {
    const { journey, events, idle } = tab();
    journey.track('project_deleted');
    journey.track('');
    await idle();
    expect(events).toEqual([]);
  });

  it('reaches a milestone on a page view matching its url, `*` within one segment', async () => {
    const { journey, named, idle } = tab();
    journey.page('/reports');
    journey.page('/reports/2025/q1');
    await idle();
    expect(named('milestone_reached')).toEqual([]);
    journey.page('/reports/42');
    await idle();
    expect(named('milestone_reached')).toEqual([
      { milestoneId: 'first_report', msSinceStart: HOUR },
    ]);
  });

  it('reaches a milestone on a page view matching `**` across segments', async () => {
    const { journey, named, idle } = tab();
    journey.page('/docs/guides/setup/step-2');
    await idle();
    expect(named('milestone_reached').map((detail) => detail.milestoneId)).toEqual(['docs_read']);
  });

  it('lists the click selectors that reach milestones, for the DOM layer to report', async () => {
    const { journey, named, idle } = tab();
    const selectors = journey.clickSelectors();
    expect(selectors).toEqual([{ selector: '#export', milestoneId: 'exported' }]);
    // The DOM layer reaches the milestone of the selector that was clicked.
    await expect(journey.reach(selectors[0]!.milestoneId)).resolves.toBe(true);
    await idle();
    expect(named('milestone_reached').map((detail) => detail.milestoneId)).toEqual(['exported']);
  });

  it('reaches a milestone by hand, even one without a `when`', async () => {
    const { journey, events } = tab();
    await expect(journey.reach('profile_done')).resolves.toBe(true);
    expect(events).toEqual([
      ['milestone_reached', { milestoneId: 'profile_done', msSinceStart: HOUR }],
    ]);
  });

  it('reports each milestone once, however often and however it is reached again', async () => {
    const { journey, named, idle } = tab();
    await expect(journey.reach('first_report')).resolves.toBe(true);
    journey.page('/reports/1');
    journey.page('/reports/2');
    await expect(journey.reach('first_report')).resolves.toBe(false);
    await idle();
    expect(named('milestone_reached')).toHaveLength(1);
  });

  it('reports a milestone once when its event is tracked twice in a row', async () => {
    const { journey, named, idle } = tab({ storage: slowStorage() });
    journey.track('teammate_invited');
    journey.track('teammate_invited');
    await idle();
    expect(named('milestone_reached')).toEqual([
      { milestoneId: 'teammate_invited', msSinceStart: HOUR },
    ]);
  });

  it('counts msSinceStart from startedAt at the moment the milestone is reached', async () => {
    let startedAt = STARTED_AT;
    const { journey, named, setTime } = tab({ startedAt: () => startedAt });
    setTime(STARTED_AT + 5 * HOUR);
    await journey.reach('project_created');
    // identify() later brings a signedUpAt: the clock now starts there.
    startedAt = STARTED_AT - 24 * HOUR;
    await journey.reach('teammate_invited');
    expect(named('milestone_reached').map((detail) => detail.msSinceStart)).toEqual([
      5 * HOUR,
      29 * HOUR,
    ]);
  });

  it('clamps msSinceStart at 0 when the clock is behind the start', async () => {
    const { journey, named, setTime } = tab();
    setTime(STARTED_AT - 10_000);
    await journey.reach('project_created');
    expect(named('milestone_reached')).toEqual([
      { milestoneId: 'project_created', msSinceStart: 0 },
    ]);
    expect(journey.state().milestones.project_created).toEqual({
      reachedAt: STARTED_AT - 10_000,
      msSinceStart: 0,
    });
  });

  it('reports an unknown milestone id as an unknown_milestone error and does nothing else', async () => {
    const storage = slowStorage();
    const locks = createLocks();
    const { journey, events } = tab({ storage, locks });
    await expect(journey.reach('no_such_thing')).resolves.toBe(false);
    expect(events).toEqual([
      ['error', { code: 'unknown_milestone', message: expect.stringContaining('no_such_thing') }],
    ]);
    expect(locks.requested).toEqual([]);
    expect(storage.set).not.toHaveBeenCalled();
    expect(journey.state()).toEqual({ milestones: {} });
  });
});

describe('createJourney: the Aha! moment', () => {
  it('emits aha_reached right after milestone_reached with ttvMs and activeTtvMs', async () => {
    const { journey, events, setActive } = tab();
    setActive(20 * 60_000);
    await journey.reach('first_report');
    expect(events).toEqual([
      ['milestone_reached', { milestoneId: 'first_report', msSinceStart: HOUR }],
      ['aha_reached', { milestoneId: 'first_report', ttvMs: HOUR, activeTtvMs: 20 * 60_000 }],
    ]);
    expect(journey.state().aha).toEqual({
      milestoneId: 'first_report',
      reachedAt: STARTED_AT + HOUR,
      ttvMs: HOUR,
      activeTtvMs: 20 * 60_000,
    });
  });

  it('caps activeTtvMs at ttvMs', async () => {
    const { journey, named, setActive } = tab();
    setActive(5 * HOUR);
    await journey.reach('first_report');
    expect(named('aha_reached')).toEqual([
      { milestoneId: 'first_report', ttvMs: HOUR, activeTtvMs: HOUR },
    ]);
  });

  it('never reports a negative activeTtvMs', async () => {
    const { journey, named, setActive } = tab();
    setActive(-500);
    await journey.reach('first_report');
    expect(named('aha_reached')[0]?.activeTtvMs).toBe(0);
  });

  it('reports ttvMs and activeTtvMs as 0 when the clock is behind the start', async () => {
    const { journey, named, setTime } = tab();
    setTime(STARTED_AT - HOUR);
    await journey.reach('first_report');
    expect(named('aha_reached')).toEqual([
      { milestoneId: 'first_report', ttvMs: 0, activeTtvMs: 0 },
    ]);
  });

  it('emits aha_reached exactly once, across repeats and a reload', async () => {
    const storage = createMemoryStorage();
    const first = tab({ storage });
    first.journey.page('/reports/1');
    await first.idle();
    first.journey.page('/reports/2');
    await first.journey.reach('first_report');
    await first.idle();
    const second = tab({ storage });
    await second.journey.load();
    second.journey.page('/reports/3');
    await second.journey.reach('first_report');
    await second.idle();
    expect([...first.named('aha_reached'), ...second.named('aha_reached')]).toHaveLength(1);
    expect(second.journey.state().aha?.milestoneId).toBe('first_report');
  });

  it('emits no aha_reached for milestones not marked aha', async () => {
    const { journey, names } = tab();
    await journey.reach('project_created');
    await journey.reach('exported');
    expect(names()).not.toContain('aha_reached');
    expect(journey.state().aha).toBeUndefined();
  });
});

describe('createJourney: checklists', () => {
  it('reports checklist_item_completed for every checklist holding the milestone', async () => {
    const { journey, events } = tab();
    await journey.reach('teammate_invited');
    expect(events).toEqual([
      ['milestone_reached', { milestoneId: 'teammate_invited', msSinceStart: HOUR }],
      ['checklist_item_completed', { flowId: 'getting-started', itemId: 'teammate_invited' }],
      ['checklist_item_completed', { flowId: 'power-user', itemId: 'teammate_invited' }],
    ]);
  });

  it('reports no checklist event for a milestone in no checklist', async () => {
    const { journey, names } = tab();
    await journey.reach('profile_done');
    expect(names()).toEqual(['milestone_reached']);
  });

  it('completes a checklist when its last item is done, once', async () => {
    const { journey, events, take } = tab();
    await journey.reach('project_created');
    expect(take().map(([name]) => name)).toEqual(['milestone_reached', 'checklist_item_completed']);
    await journey.reach('teammate_invited');
    expect(take()).toEqual([
      ['milestone_reached', { milestoneId: 'teammate_invited', msSinceStart: HOUR }],
      ['checklist_item_completed', { flowId: 'getting-started', itemId: 'teammate_invited' }],
      ['flow_completed', { flowId: 'getting-started' }],
      ['checklist_item_completed', { flowId: 'power-user', itemId: 'teammate_invited' }],
    ]);
    await journey.reach('teammate_invited');
    await journey.reach('project_created');
    expect(events).toEqual([]);
    await journey.reach('exported');
    expect(take()).toEqual([
      ['milestone_reached', { milestoneId: 'exported', msSinceStart: HOUR }],
      ['checklist_item_completed', { flowId: 'power-user', itemId: 'exported' }],
      ['flow_completed', { flowId: 'power-user' }],
    ]);
  });

  it('reports progress item by item', async () => {
    const { journey } = tab();
    expect(journey.checklist('getting-started')).toEqual({
      done: 0,
      total: 2,
      completed: false,
      dismissed: false,
      items: [
        {
          itemId: 'project_created',
          milestoneId: 'project_created',
          flowId: 'welcome',
          done: false,
        },
        {
          itemId: 'teammate_invited',
          milestoneId: 'teammate_invited',
          flowId: undefined,
          done: false,
        },
      ],
    });
    await journey.reach('project_created');
    expect(journey.checklist('getting-started')).toMatchObject({
      done: 1,
      total: 2,
      completed: false,
      items: [{ done: true }, { done: false }],
    });
    await journey.reach('teammate_invited');
    expect(journey.checklist('getting-started')).toMatchObject({
      done: 2,
      total: 2,
      completed: true,
    });
  });

  it('returns null for a flow that is not a checklist or does not exist', () => {
    const { journey } = tab();
    expect(journey.checklist('welcome')).toBeNull();
    expect(journey.checklist('nope')).toBeNull();
  });

  it('dismisses and reopens a checklist, keeping its progress', async () => {
    const { journey } = tab();
    await journey.reach('project_created');
    await journey.setChecklistDismissed('getting-started', true);
    expect(journey.checklist('getting-started')).toMatchObject({ dismissed: true, done: 1 });
    expect(journey.checklist('power-user')?.dismissed).toBe(false);
    await journey.setChecklistDismissed('getting-started', true);
    expect(journey.state().dismissedChecklists).toEqual(['getting-started']);
    await journey.setChecklistDismissed('getting-started', false);
    expect(journey.checklist('getting-started')).toMatchObject({ dismissed: false, done: 1 });
  });

  it('still counts items of a dismissed checklist and completes it', async () => {
    const { journey, named } = tab();
    await journey.setChecklistDismissed('getting-started', true);
    await journey.reach('project_created');
    await journey.reach('teammate_invited');
    expect(named('flow_completed')).toEqual([{ flowId: 'getting-started' }]);
    expect(journey.checklist('getting-started')).toMatchObject({
      completed: true,
      dismissed: true,
    });
  });
});

describe('createJourney: persistence', () => {
  it('stores the journey under the current user key', async () => {
    const storage = createMemoryStorage();
    const { journey } = tab({ storage });
    await journey.reach('first_report');
    await journey.setChecklistDismissed('power-user', true);
    expect(await storage.get(KEY)).toEqual(journey.state());
    expect(await storage.get(KEY)).toMatchObject({
      milestones: { first_report: { reachedAt: STARTED_AT + HOUR, msSinceStart: HOUR } },
      aha: { milestoneId: 'first_report' },
      dismissedChecklists: ['power-user'],
    });
  });

  it('restores milestones, the Aha! record, progress and dismissals on load()', async () => {
    const storage = createMemoryStorage();
    const before = tab({ storage });
    await before.journey.reach('first_report');
    await before.journey.reach('project_created');
    await before.journey.setChecklistDismissed('getting-started', true);

    const after = tab({ storage });
    expect(after.journey.state()).toEqual({ milestones: {} });
    await after.journey.load();
    expect(after.journey.state()).toEqual(before.journey.state());
    expect(after.journey.checklist('getting-started')).toMatchObject({ done: 1, dismissed: true });
    await expect(after.journey.reach('project_created')).resolves.toBe(false);
    expect(after.events).toEqual([]);
  });

  it('reports a stored milestone only once even before load() has finished', async () => {
    const storage = createMemoryStorage();
    await tab({ storage }).journey.reach('project_created');
    const later = tab({ storage });
    await expect(later.journey.reach('project_created')).resolves.toBe(false);
    expect(later.events).toEqual([]);
    expect(later.journey.state().milestones.project_created).toBeDefined();
  });

  it('keeps users apart: another key starts from nothing and leaves the first user alone', async () => {
    const storage = createMemoryStorage();
    let key = 'tebiki:journey:alice';
    const { journey, named } = tab({ storage, key: () => key });
    await journey.reach('project_created');
    key = 'tebiki:journey:bob';
    await journey.load();
    expect(journey.state()).toEqual({ milestones: {} });
    await expect(journey.reach('project_created')).resolves.toBe(true);
    expect(named('milestone_reached')).toHaveLength(2);
    expect(await storage.get('tebiki:journey:alice')).toMatchObject({
      milestones: { project_created: { msSinceStart: HOUR } },
    });
  });

  it('takes the lock per user', async () => {
    const locks = createLocks();
    const { journey } = tab({ locks });
    await journey.reach('project_created');
    expect(locks.held).toEqual([`tebiki:journey:${KEY}`]);
  });

  it.each([
    ['a string', 'corrupt'],
    ['null', null],
    ['an object without milestones', { aha: { milestoneId: 'x' } }],
  ])('starts empty when the stored value is %s', async (_label, value) => {
    const storage = createMemoryStorage();
    await storage.set(KEY, value);
    const { journey } = tab({ storage });
    await journey.load();
    expect(journey.state()).toEqual({ milestones: {} });
    await expect(journey.reach('project_created')).resolves.toBe(true);
  });
});

describe('createJourney: two tabs of one user', () => {
  const twoTabs = () => {
    const storage = slowStorage();
    const locks = createLocks();
    const events: Recorded[] = [];
    const a = tab({ storage, locks, events });
    const b = tab({ storage, locks, events });
    const reached = () => events.filter(([name]) => name === 'milestone_reached');
    return { a, b, storage, locks, events, reached };
  };

  it('reports a milestone reached in both tabs at once exactly once', async () => {
    const { a, b, reached, locks } = twoTabs();
    await Promise.all([a.journey.load(), b.journey.load()]);
    const results = await Promise.all([
      a.journey.reach('project_created'),
      b.journey.reach('project_created'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(reached()).toHaveLength(1);
    expect(locks.maxActive()).toBe(1);
    // Both tabs end up knowing it.
    expect(a.journey.state().milestones.project_created).toBeDefined();
    expect(b.journey.state().milestones.project_created).toBeDefined();
  });

  it('reports once when both tabs see the same event and page', async () => {
    const { a, b, events, reached } = twoTabs();
    a.journey.track('teammate_invited');
    b.journey.track('teammate_invited');
    a.journey.page('/reports/1');
    b.journey.page('/reports/1');
    await a.idle();
    expect(
      reached()
        .map(([, detail]) => (detail as { milestoneId: string }).milestoneId)
        .sort(),
    ).toEqual(['first_report', 'teammate_invited']);
    expect(events.filter(([name]) => name === 'aha_reached')).toHaveLength(1);
    expect(events.filter(([name]) => name === 'checklist_item_completed')).toHaveLength(2);
  });

  it('completes a checklist once when its last two items are done in different tabs at once', async () => {
    const { a, b, events } = twoTabs();
    await Promise.all([a.journey.reach('project_created'), b.journey.reach('teammate_invited')]);
    expect(events.filter(([name]) => name === 'flow_completed')).toEqual([
      ['flow_completed', { flowId: 'getting-started' }],
    ]);
  });

  it('picks up what the other tab reached when it next reaches a milestone', async () => {
    const { a, b } = twoTabs();
    await Promise.all([a.journey.load(), b.journey.load()]);
    await a.journey.reach('project_created');
    expect(b.journey.checklist('getting-started')?.done).toBe(0);
    await b.journey.reach('teammate_invited');
    expect(b.journey.checklist('getting-started')).toMatchObject({ done: 2, completed: true });
  });

  it('keeps a milestone reached in another tab when this tab dismisses a checklist', async () => {
    const { a, b, storage, reached } = twoTabs();
    await Promise.all([a.journey.load(), b.journey.load()]);
    await b.journey.reach('project_created');
    await a.journey.setChecklistDismissed('getting-started', true);
    expect(await storage.get(KEY)).toMatchObject({
      milestones: { project_created: {} },
      dismissedChecklists: ['getting-started'],
    });
    await expect(a.journey.reach('project_created')).resolves.toBe(false);
    expect(reached()).toHaveLength(1);
  });
});

describe('createJourney: storage that fails', () => {
  it('reports the milestone once in this tab without throwing when get and set reject', async () => {
    const storage = brokenStorage();
    const { journey, named, idle } = tab({ storage });
    await expect(journey.reach('first_report')).resolves.toBe(true);
    journey.page('/reports/9');
    journey.track('project_created');
    journey.track('project_created');
    await idle();
    await expect(journey.reach('first_report')).resolves.toBe(false);
    expect(named('milestone_reached').map((detail) => detail.milestoneId)).toEqual([
      'first_report',
      'project_created',
    ]);
    expect(named('aha_reached')).toHaveLength(1);
    expect(storage.set).toHaveBeenCalled();
    expect(journey.checklist('getting-started')?.done).toBe(1);
  });

  it('loads an empty journey when reading fails', async () => {
    const { journey } = tab({ storage: brokenStorage() });
    await expect(journey.load()).resolves.toBeUndefined();
    expect(journey.state()).toEqual({ milestones: {} });
  });

  it('dismisses a checklist in memory when writing fails', async () => {
    const { journey } = tab({ storage: brokenStorage() });
    await expect(journey.setChecklistDismissed('getting-started', true)).resolves.toBeUndefined();
    expect(journey.checklist('getting-started')?.dismissed).toBe(true);
  });

  it('keeps the Aha! record and dismissals in memory when a later read fails', async () => {
    const { journey } = tab({ storage: brokenStorage() });
    await journey.reach('first_report');
    await journey.setChecklistDismissed('getting-started', true);
    await journey.reach('project_created');
    expect(journey.state().aha?.milestoneId).toBe('first_report');
    expect(journey.checklist('getting-started')?.dismissed).toBe(true);
  });
});
