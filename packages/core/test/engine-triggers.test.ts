import type { Audience, Flow, FlowsDocument, Step, TourFlow } from '@tebiki/schema';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ELEMENT_WAIT_MS } from '../src/engine.ts';
import {
  type AudienceSubject,
  createEngine,
  type EngineOptions,
  type FlowStates,
  type LifecycleEventName,
  type ResolveTarget,
  type Schedule,
} from '../src/index.ts';

const T0 = 1_700_000_000_000;

const tour = (id: string, steps: Step[], extra: Partial<TourFlow> = {}): TourFlow => ({
  id,
  type: 'tour',
  steps,
  ...extra,
});

const twoSteps: Step[] = [{ id: 'one' }, { id: 'two' }];
const oneStep: Step[] = [{ id: 'only' }];

/** Lets fire-and-forget work (trigger waits, delays) run to its end. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Wait {
  selector: string;
  timeoutMs: number;
  signal: AbortSignal;
  resolve: (value: unknown | null) => void;
}

/**
 * A target lookup under the test's control: selectors in `present` are found
 * at once; any other waits until `appear()` or `expire()`, or resolves null
 * when aborted, like the DOM layer's waitForTarget.
 */
function controllableTargets(present: string[] = []) {
  const found = new Set(present);
  const waits: Wait[] = [];
  const resolveTarget = vi.fn<ResolveTarget>((selector, timeoutMs, signal) => {
    if (found.has(selector)) return Promise.resolve({ selector });
    return new Promise((resolve) => {
      waits.push({ selector, timeoutMs, signal, resolve });
      signal.addEventListener('abort', () => resolve(null));
    });
  });
  const settleWaits = async (selector: string, value: unknown | null) => {
    for (const wait of waits.filter((candidate) => candidate.selector === selector)) {
      wait.resolve(value);
    }
    await settle();
  };
  return {
    resolveTarget,
    waits,
    appear: (selector: string) => {
      found.add(selector);
      return settleWaits(selector, { selector });
    },
    expire: (selector: string) => settleWaits(selector, null),
  };
}

/** A `schedule` adapter whose timers fire only when the test says so. */
function fakeScheduler() {
  const timers: { fn: () => void; ms: number; cancelled: boolean; fired: boolean }[] = [];
  const schedule = vi.fn<Schedule>((fn, ms) => {
    const timer = { fn, ms, cancelled: false, fired: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  });
  const fireAll = async () => {
    for (const timer of timers) {
      if (timer.cancelled || timer.fired) continue;
      timer.fired = true;
      timer.fn();
    }
    await settle();
  };
  return { schedule, timers, fireAll };
}

function fakeClock(start = T0) {
  let time = start;
  return {
    now: () => time,
    set: (value: number) => {
      time = value;
    },
    advance: (ms: number) => {
      time += ms;
    },
  };
}

function setup(flows: Flow[], options: Partial<EngineOptions> = {}) {
  const events: [LifecycleEventName, unknown][] = [];
  const document: FlowsDocument = { version: 1, flows };
  const engine = createEngine({
    document,
    resolveTarget: controllableTargets().resolveTarget,
    emit: (name, detail) => events.push([name, detail]),
    ...options,
  });
  const names = () => events.map(([name]) => name);
  const take = () => events.splice(0);
  const started = () =>
    events
      .filter(([name]) => name === 'flow_started')
      .map(([, detail]) => (detail as { flowId: string }).flowId);
  return { engine, events, names, take, started };
}

/** Walks the tour on screen to its end. */
async function finish(engine: ReturnType<typeof createEngine>) {
  while (engine.$active.get()) await engine.next();
}

describe('createEngine triggers: URL patterns', () => {
  it('matches `*` within one path segment only', async () => {
    const flows = [tour('project', twoSteps, { trigger: { url: '/projects/*' } })];
    const first = setup(flows);
    await first.engine.page('/projects/42/settings');
    expect(first.events).toEqual([]);
    await first.engine.page('/projects/42');
    expect(first.started()).toEqual(['project']);
  });

  it('matches `**` across path segments', async () => {
    const { engine, started } = setup([
      tour('reports', twoSteps, { trigger: { url: '/reports/**' } }),
    ]);
    await engine.page('/reports/2025/q1/summary');
    expect(started()).toEqual(['reports']);
  });

  it('treats a pattern without wildcards as the whole pathname, not a prefix', async () => {
    const { engine, events, started } = setup([
      tour('dash', twoSteps, { trigger: { url: '/dashboard' } }),
    ]);
    await engine.page('/dashboard/settings');
    await engine.page('/dash');
    expect(events).toEqual([]);
    await engine.page('/dashboard');
    expect(started()).toEqual(['dash']);
  });

  it('starts a url-triggered tour on a later navigation to its page', async () => {
    const { engine, started } = setup([tour('dash', twoSteps, { trigger: { url: '/dashboard' } })]);
    await engine.page('/');
    await engine.page('/settings');
    expect(started()).toEqual([]);
    await engine.page('/dashboard');
    expect(started()).toEqual(['dash']);
  });
});

describe('createEngine triggers: element', () => {
  it('waits DEFAULT_ELEMENT_WAIT_MS for the element and starts once it appears', async () => {
    const targets = controllableTargets();
    const { engine, started } = setup(
      [tour('export', twoSteps, { trigger: { url: '/reports', element: '#export' } })],
      { resolveTarget: targets.resolveTarget },
    );
    await engine.page('/reports');
    expect(DEFAULT_ELEMENT_WAIT_MS).toBe(10_000);
    expect(targets.resolveTarget).toHaveBeenCalledWith(
      '#export',
      DEFAULT_ELEMENT_WAIT_MS,
      expect.any(AbortSignal),
    );
    expect(started()).toEqual([]);
    expect(engine.$active.get()).toBeNull();
    await targets.appear('#export');
    expect(started()).toEqual(['export']);
    expect(engine.$active.get()).toMatchObject({ flow: { id: 'export' }, stepIndex: 0 });
  });

  it('starts nothing when the element never appears', async () => {
    const targets = controllableTargets();
    const { engine, events } = setup(
      [tour('export', twoSteps, { trigger: { element: '#export' } })],
      { resolveTarget: targets.resolveTarget },
    );
    await engine.page('/reports');
    await targets.expire('#export');
    expect(events).toEqual([]);
    expect(engine.$active.get()).toBeNull();
  });

  it('waits on every page when the trigger has no url', async () => {
    const targets = controllableTargets(['#export']);
    const { engine, started } = setup(
      [tour('export', twoSteps, { trigger: { element: '#export' } })],
      {
        resolveTarget: targets.resolveTarget,
      },
    );
    await engine.page('/anything/at/all');
    await settle();
    expect(started()).toEqual(['export']);
  });

  it('does not look for the element on a page the trigger url does not match', async () => {
    const targets = controllableTargets(['#export']);
    const { engine, events } = setup(
      [tour('export', twoSteps, { trigger: { url: '/reports', element: '#export' } })],
      { resolveTarget: targets.resolveTarget },
    );
    await engine.page('/settings');
    await settle();
    expect(targets.resolveTarget).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });

  it('aborts the wait on navigation and ignores an element that turns up afterwards', async () => {
    const waits: { signal: AbortSignal; resolve: (value: unknown) => void }[] = [];
    // Ignores the abort on purpose: a late answer must still be thrown away.
    const resolveTarget: ResolveTarget = (_selector, _timeoutMs, signal) =>
      new Promise((resolve) => waits.push({ signal, resolve }));
    const { engine, events } = setup(
      [tour('export', twoSteps, { trigger: { element: '#export' } })],
      { resolveTarget },
    );
    await engine.page('/reports');
    expect(waits).toHaveLength(1);
    await engine.page('/settings');
    expect(waits[0]!.signal.aborted).toBe(true);
    waits[0]!.resolve({ late: true });
    await settle();
    // The new page started its own wait, still pending.
    expect(waits).toHaveLength(2);
    expect(waits[1]!.signal.aborted).toBe(false);
    expect(events).toEqual([]);
    expect(engine.$active.get()).toBeNull();
  });

  it('waits for the element first, then for the delay', async () => {
    const targets = controllableTargets();
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [tour('export', twoSteps, { trigger: { element: '#export', delayMs: 2000 } })],
      { resolveTarget: targets.resolveTarget, schedule: timers.schedule },
    );
    await engine.page('/reports');
    expect(timers.schedule).not.toHaveBeenCalled();
    await targets.appear('#export');
    expect(timers.schedule).toHaveBeenCalledWith(expect.any(Function), 2000);
    expect(started()).toEqual([]);
    await timers.fireAll();
    expect(started()).toEqual(['export']);
  });
});

describe('createEngine triggers: tracked event', () => {
  const flows = [tour('invite', twoSteps, { trigger: { event: 'project_created' } })];

  it('starts the tour when its event is tracked, and not on other events', async () => {
    const { engine, started } = setup(flows);
    await engine.page('/');
    await engine.track('something_else');
    expect(started()).toEqual([]);
    await engine.track('project_created');
    expect(started()).toEqual(['invite']);
    expect(engine.$active.get()?.flow.id).toBe('invite');
  });

  it('never starts an event-triggered tour on a page view, even when its url matches', async () => {
    const { engine, events } = setup([
      tour('invite', twoSteps, { trigger: { event: 'project_created', url: '/projects/**' } }),
    ]);
    await engine.page('/projects/1');
    expect(events).toEqual([]);
  });

  it('starts only on a page matching trigger.url when one is given', async () => {
    const { engine, started } = setup([
      tour('invite', twoSteps, { trigger: { event: 'project_created', url: '/projects/*' } }),
    ]);
    await engine.page('/settings');
    await engine.track('project_created');
    expect(started()).toEqual([]);
    await engine.page('/projects/7');
    await engine.track('project_created');
    expect(started()).toEqual(['invite']);
  });

  it('starts nothing for an event while another tour is on screen', async () => {
    const { engine, started } = setup([tour('manual', twoSteps), ...flows]);
    await engine.start('manual');
    await engine.track('project_created');
    expect(started()).toEqual(['manual']);
    expect(engine.$active.get()?.flow.id).toBe('manual');
  });
});

describe('createEngine triggers: delay', () => {
  it('schedules the start delayMs after the page matches and starts only when the timer fires', async () => {
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [tour('nudge', twoSteps, { trigger: { url: '/dashboard', delayMs: 5000 } })],
      { schedule: timers.schedule },
    );
    await engine.page('/dashboard');
    await settle();
    expect(timers.schedule).toHaveBeenCalledTimes(1);
    expect(timers.timers[0]!.ms).toBe(5000);
    expect(started()).toEqual([]);
    await timers.fireAll();
    expect(started()).toEqual(['nudge']);
  });

  it('cancels the timer when the user navigates before it fires', async () => {
    const timers = fakeScheduler();
    const { engine, events } = setup(
      [tour('nudge', twoSteps, { trigger: { url: '/dashboard', delayMs: 5000 } })],
      { schedule: timers.schedule },
    );
    await engine.page('/dashboard');
    await settle();
    await engine.page('/settings');
    expect(timers.timers[0]!.cancelled).toBe(true);
    // Even a timer that fires regardless (a lax scheduler) must not start the tour.
    timers.timers[0]!.fn();
    await settle();
    expect(events).toEqual([]);
    expect(engine.$active.get()).toBeNull();
  });

  it('restarts the delay on a return to the page', async () => {
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [tour('nudge', twoSteps, { trigger: { url: '/dashboard', delayMs: 5000 } })],
      { schedule: timers.schedule },
    );
    await engine.page('/dashboard');
    await engine.page('/settings');
    await engine.page('/dashboard');
    await settle();
    expect(timers.timers.map((timer) => timer.cancelled)).toEqual([true, false]);
    await timers.fireAll();
    expect(started()).toEqual(['nudge']);
  });

  it('uses setTimeout when no schedule adapter is given', async () => {
    vi.useFakeTimers();
    try {
      const { engine, started } = setup([
        tour('nudge', twoSteps, { trigger: { url: '/dashboard', delayMs: 5000 } }),
      ]);
      await engine.page('/dashboard');
      await vi.advanceTimersByTimeAsync(4999);
      expect(started()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(started()).toEqual(['nudge']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('createEngine: manual start()', () => {
  it('starts a tour whatever its trigger, audience and frequency', async () => {
    const flows = [
      tour('gated', twoSteps, {
        trigger: { event: 'never_tracked', url: '/nowhere' },
        audience: { traits: { plan: 'enterprise' } },
        frequency: 'once',
      }),
    ];
    const { engine, names } = setup(flows, {
      subject: () => ({ traits: { plan: 'trial' }, account: {} }),
      flowStates: { gated: { status: 'dismissed', stepIndex: 1, endedAt: T0 } },
    });
    await engine.page('/somewhere');
    expect(await engine.start('gated')).toBe(true);
    expect(names()).toEqual(['flow_started', 'step_viewed']);
    expect(engine.$flowStates.get().gated).toMatchObject({ status: 'active', stepIndex: 0 });
    expect(engine.$flowStates.get().gated?.auto).toBe(false);
  });

  it('shows steps without url right there on a page the trigger does not match', async () => {
    const { engine, events } = setup([
      tour('welcome', twoSteps, { trigger: { url: '/dashboard' } }),
    ]);
    await engine.page('/settings');
    expect(await engine.start('welcome')).toBe(true);
    expect(engine.$active.get()).toMatchObject({ flow: { id: 'welcome' }, stepIndex: 0 });
    await engine.next();
    expect(engine.$active.get()?.stepIndex).toBe(1);
    expect(events.map(([name]) => name)).toEqual([
      'flow_started',
      'step_viewed',
      'step_completed',
      'step_viewed',
    ]);
  });

  it('keeps a manually started tour on screen across navigations', async () => {
    const { engine } = setup([tour('welcome', twoSteps, { trigger: { url: '/dashboard' } })]);
    await engine.page('/settings');
    await engine.start('welcome');
    await engine.page('/reports');
    expect(engine.$active.get()?.flow.id).toBe('welcome');
  });
});

describe('createEngine: audience', () => {
  const subjectOf =
    (traits: Record<string, unknown>, account: Record<string, unknown> = {}) =>
    (): AudienceSubject => ({ traits, account });
  const gated = (audience: Audience) =>
    tour('gated', twoSteps, { trigger: { url: '/dashboard' }, audience });

  it.each<[string, Audience, AudienceSubject]>([
    [
      'a user trait',
      { traits: { plan: { in: ['trial'] } } },
      { traits: { plan: 'trial' }, account: {} },
    ],
    [
      'an account trait',
      { account: { seats: { gte: 5 } } },
      { traits: {}, account: { seats: 12 } },
    ],
    ['the touch tier', { touch: ['tech', 'low'] }, { traits: {}, account: { touch: 'tech' } }],
  ])('auto-starts when %s matches', async (_label, audience, subject) => {
    const { engine, started } = setup([gated(audience)], { subject: () => subject });
    await engine.page('/dashboard');
    expect(started()).toEqual(['gated']);
  });

  it.each<[string, Audience, AudienceSubject]>([
    [
      'a user trait',
      { traits: { plan: { in: ['trial'] } } },
      { traits: { plan: 'pro' }, account: {} },
    ],
    ['an account trait', { account: { seats: { gte: 5 } } }, { traits: {}, account: { seats: 2 } }],
    ['the touch tier', { touch: 'tech' }, { traits: {}, account: { touch: 'high' } }],
    ['a missing trait', { traits: { plan: 'trial' } }, { traits: {}, account: {} }],
  ])('does not auto-start when %s does not match', async (_label, audience, subject) => {
    const { engine, events } = setup([gated(audience)], { subject: () => subject });
    await engine.page('/dashboard');
    expect(events).toEqual([]);
  });

  it('lets the next highest-priority tour start when the top one excludes the subject', async () => {
    const { engine, started } = setup(
      [
        tour('enterprise', twoSteps, {
          trigger: { url: '/**' },
          priority: 10,
          audience: { traits: { plan: 'enterprise' } },
        }),
        tour('everyone', twoSteps, { trigger: { url: '/**' } }),
      ],
      { subject: subjectOf({ plan: 'trial' }) },
    );
    await engine.page('/dashboard');
    expect(started()).toEqual(['everyone']);
  });

  it('reads the subject at decision time, so new traits count from the next page view', async () => {
    let traits: Record<string, unknown> = {};
    const { engine, started } = setup([gated({ traits: { plan: 'trial' } })], {
      subject: () => ({ traits, account: {} }),
    });
    await engine.page('/dashboard');
    expect(started()).toEqual([]);
    traits = { plan: 'trial' };
    await engine.page('/dashboard');
    expect(started()).toEqual(['gated']);
  });

  it('never auto-starts a non-matching audience through any trigger', async () => {
    const targets = controllableTargets(['#export']);
    const timers = fakeScheduler();
    const audience: Audience = { traits: { plan: 'enterprise' }, touch: 'high' };
    const { engine, events } = setup(
      [
        tour('by-url', oneStep, { trigger: { url: '/dashboard' }, audience }),
        tour('by-event', oneStep, { trigger: { event: 'saved' }, audience }),
        tour('by-element', oneStep, { trigger: { element: '#export' }, audience }),
        tour('by-delay', oneStep, { trigger: { url: '/dashboard', delayMs: 10 }, audience }),
      ],
      {
        resolveTarget: targets.resolveTarget,
        schedule: timers.schedule,
        subject: subjectOf({ plan: 'trial' }, { touch: 'tech' }),
      },
    );
    await engine.page('/dashboard');
    await engine.track('saved');
    await settle();
    await timers.fireAll();
    expect(events).toEqual([]);
  });

  it('starts nobody when the subject adapter returns junk', async () => {
    const { engine, events } = setup([gated({ traits: { plan: 'trial' } })], {
      subject: () => null as unknown as AudienceSubject,
    });
    await expect(engine.page('/dashboard')).resolves.toBeUndefined();
    expect(events).toEqual([]);
  });
});

describe('createEngine: frequency', () => {
  const withFrequency = (frequency: TourFlow['frequency']) =>
    tour('welcome', oneStep, { trigger: { url: '/dashboard' }, frequency });

  it.each([
    ['"once"', 'once'],
    ['default-frequency', undefined],
  ] as const)(
    'never auto-starts a %s tour again after it is completed in this visit',
    async (_label, frequency) => {
      const { engine, started } = setup([withFrequency(frequency)]);
      await engine.page('/dashboard');
      await finish(engine);
      await engine.page('/settings');
      await engine.page('/dashboard');
      expect(started()).toEqual(['welcome']);
    },
  );

  it('never auto-starts a "once" tour again after it is dismissed', async () => {
    const { engine, started } = setup([withFrequency('once')]);
    await engine.page('/dashboard');
    engine.dismiss();
    await engine.page('/dashboard');
    expect(started()).toEqual(['welcome']);
  });

  it('auto-starts a "session" tour once per engine, and again in a new engine with the same states', async () => {
    const first = setup([withFrequency('session')]);
    await first.engine.page('/dashboard');
    await finish(first.engine);
    await first.engine.page('/dashboard');
    expect(first.started()).toEqual(['welcome']);

    const second = setup([withFrequency('session')], {
      flowStates: first.engine.$flowStates.get(),
    });
    await second.engine.page('/dashboard');
    expect(second.started()).toEqual(['welcome']);
  });

  it('auto-starts an "always" tour on every visit to its page', async () => {
    const { engine, started } = setup([withFrequency('always')]);
    for (let visit = 0; visit < 3; visit++) {
      await engine.page('/dashboard');
      await finish(engine);
    }
    expect(started()).toEqual(['welcome', 'welcome', 'welcome']);
  });

  it('applies the frequency to event triggers too', async () => {
    const { engine, started } = setup([
      tour('once', oneStep, { trigger: { event: 'saved' } }),
      tour('always', oneStep, { trigger: { event: 'saved' }, frequency: 'always', priority: -1 }),
    ]);
    await engine.page('/');
    for (let i = 0; i < 3; i++) {
      await engine.track('saved');
      await finish(engine);
    }
    expect(started()).toEqual(['once', 'always', 'always']);
  });
});

describe('createEngine: priority and one tour at a time', () => {
  it('starts the highest priority, wherever it sits in the document', async () => {
    const { engine, started } = setup([
      tour('low', oneStep, { trigger: { url: '/**' }, priority: 1 }),
      tour('default', oneStep, { trigger: { url: '/**' } }),
      tour('high', oneStep, { trigger: { url: '/**' }, priority: 9 }),
      tour('negative', oneStep, { trigger: { url: '/**' }, priority: -3 }),
    ]);
    await engine.page('/x');
    expect(started()).toEqual(['high']);
  });

  it('keeps document order between tours of equal priority', async () => {
    const flows = ['b', 'a', 'c', 'd'].map((id) =>
      tour(id, oneStep, { trigger: { url: '/**' }, priority: id === 'd' ? 0 : 2 }),
    );
    const { engine, started } = setup(flows);
    await engine.page('/x');
    expect(started()).toEqual(['b']);
    await finish(engine);
    await engine.page('/x');
    expect(started()).toEqual(['b', 'a']);
    await finish(engine);
    await engine.page('/x');
    await finish(engine);
    await engine.page('/x');
    expect(started()).toEqual(['b', 'a', 'c', 'd']);
  });

  it('starts the highest priority among tours triggered by the same event', async () => {
    const { engine, started } = setup([
      tour('first', oneStep, { trigger: { event: 'saved' } }),
      tour('urgent', oneStep, { trigger: { event: 'saved' }, priority: 3 }),
    ]);
    await engine.page('/');
    await engine.track('saved');
    expect(started()).toEqual(['urgent']);
  });

  it('starts no second auto tour while one is on screen', async () => {
    const { engine, started } = setup([
      tour('everywhere', twoSteps, { trigger: { url: '/**' } }),
      tour('settings', twoSteps, { trigger: { url: '/settings' }, priority: 50 }),
    ]);
    await engine.page('/dashboard');
    await engine.page('/settings');
    expect(started()).toEqual(['everywhere']);
    expect(engine.$active.get()?.flow.id).toBe('everywhere');
  });

  it('ignores an element trigger that fires while a tour is on screen', async () => {
    const targets = controllableTargets();
    const { engine, started } = setup(
      [
        tour('dash', twoSteps, { trigger: { url: '/dashboard' } }),
        tour('export', twoSteps, { trigger: { element: '#export' } }),
      ],
      { resolveTarget: targets.resolveTarget },
    );
    await engine.page('/dashboard');
    await targets.appear('#export');
    expect(started()).toEqual(['dash']);
  });

  it('starts no auto tour while another tour is still waiting for its first target', async () => {
    const targets = controllableTargets();
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [
        tour('slow', [{ id: 'a', target: '#slow' }], { trigger: { event: 'saved' } }),
        tour('nudge', oneStep, { trigger: { url: '/dashboard', delayMs: 10 } }),
      ],
      { resolveTarget: targets.resolveTarget, schedule: timers.schedule },
    );
    await engine.page('/dashboard');
    const starting = engine.track('saved');
    await settle();
    expect(engine.$active.get()).toBeNull();
    await timers.fireAll();
    expect(started()).toEqual(['slow']);
    await targets.appear('#slow');
    await starting;
    expect(engine.$active.get()?.flow.id).toBe('slow');
  });

  it('refuses start() while another tour is still waiting for its first target', async () => {
    const targets = controllableTargets();
    const { engine, started } = setup(
      [
        tour('slow', [{ id: 'a', target: '#slow' }], { trigger: { event: 'saved' } }),
        tour('manual', oneStep),
      ],
      { resolveTarget: targets.resolveTarget },
    );
    await engine.page('/dashboard');
    const starting = engine.track('saved');
    await settle();
    expect(await engine.start('manual')).toBe(false);
    await targets.appear('#slow');
    await starting;
    expect(started()).toEqual(['slow']);
    expect(engine.$active.get()?.flow.id).toBe('slow');
  });

  it('auto-starts the next tour once the one on screen has ended', async () => {
    const { engine, started } = setup([
      tour('first', oneStep, { trigger: { url: '/**' }, priority: 1 }),
      tour('second', oneStep, { trigger: { url: '/**' } }),
    ]);
    await engine.page('/a');
    engine.dismiss();
    await engine.page('/b');
    expect(started()).toEqual(['first', 'second']);
  });
});

describe('createEngine: flows held back by the one on screen', () => {
  const onA = [
    tour('first', oneStep, { trigger: { url: '/a' }, priority: 1 }),
    tour('news', oneStep, { trigger: { url: '/a' } }),
    tour('by-event', oneStep, { trigger: { event: 'saved' } }),
  ];

  it('starts a tour its trigger offered while another was on screen, once that one ends', async () => {
    const timers = fakeScheduler();
    const { engine, started } = setup(onA, { schedule: timers.schedule });
    await engine.page('/a');
    await engine.track('saved');
    expect(started()).toEqual(['first']);
    engine.dismiss();
    await timers.fireAll();
    // One at a time: the next ends before the last held-back one is offered again.
    expect(started()).toEqual(['first', 'news']);
    await finish(engine);
    await timers.fireAll();
    expect(started()).toEqual(['first', 'news', 'by-event']);
  });

  it('waits out the gap before starting a held-back tour', async () => {
    const GAP = 30_000;
    const clock = fakeClock();
    const timers = fakeScheduler();
    const { engine, started } = setup(onA, {
      schedule: timers.schedule,
      now: clock.now,
      minAutoGapMs: GAP,
    });
    await engine.page('/a');
    await finish(engine);
    // Offered again at once, which finds the gap still open for 1 ms more.
    clock.advance(GAP - 1);
    const fireLast = async () => {
      timers.timers.at(-1)!.fn();
      await settle();
    };
    await fireLast();
    expect(started()).toEqual(['first']);
    expect(timers.schedule).toHaveBeenLastCalledWith(expect.any(Function), 1);
    clock.advance(1);
    await fireLast();
    expect(started()).toEqual(['first', 'news']);
  });

  it('drops held-back tours when the user leaves the page', async () => {
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [...onA, tour('everywhere', oneStep, { trigger: { url: '/**' }, priority: 2 })],
      { schedule: timers.schedule },
    );
    await engine.page('/a');
    await engine.track('saved');
    await engine.page('/elsewhere');
    engine.dismiss();
    await timers.fireAll();
    expect(started()).toEqual(['everywhere']);
  });
});

describe('createEngine: banners give way to tours', () => {
  const banner = (id: string, extra: Partial<Flow> = {}): Flow =>
    ({
      id,
      type: 'announcement',
      display: 'banner',
      trigger: { url: '/a' },
      body: 'Trial ends soon',
      ...extra,
    }) as Flow;

  it('puts a banner away for a tour started by hand, and shows it again when the tour ends', async () => {
    const timers = fakeScheduler();
    const { engine, names, take } = setup([banner('trial'), tour('manual', twoSteps)], {
      schedule: timers.schedule,
    });
    await engine.page('/a');
    expect(engine.$active.get()?.flow.id).toBe('trial');
    take();
    expect(await engine.start('manual')).toBe(true);
    expect(engine.$active.get()?.flow.id).toBe('manual');
    // Put away, not closed: nothing is reported for the banner.
    expect(engine.$flowStates.get().trial?.status).toBe('active');
    await finish(engine);
    await timers.fireAll();
    expect(engine.$active.get()?.flow.id).toBe('trial');
    // Back where it was: viewed again, not started again.
    expect(names()).toEqual([
      'flow_started',
      'step_viewed',
      'step_completed',
      'step_viewed',
      'step_completed',
      'flow_completed',
      'step_viewed',
    ]);
  });

  it('lets a triggered tour start at once over a banner', async () => {
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [
        banner('trial', { priority: 1 }),
        tour('by-event', oneStep, { trigger: { event: 'saved' } }),
      ],
      { schedule: timers.schedule },
    );
    await engine.page('/a');
    await engine.track('saved');
    expect(started()).toEqual(['trial', 'by-event']);
    engine.dismiss();
    await timers.fireAll();
    expect(engine.$active.get()?.flow.id).toBe('trial');
  });

  it('keeps a banner away while a held-back tour takes the floor, and brings it back after', async () => {
    const timers = fakeScheduler();
    const { engine } = setup(
      [
        banner('trial'),
        tour('first', oneStep, { trigger: { event: 'saved' } }),
        tour('second', oneStep, { trigger: { event: 'shared' } }),
      ],
      { schedule: timers.schedule },
    );
    await engine.page('/a');
    await engine.track('saved');
    await engine.track('shared');
    const shown: (string | undefined)[] = [];
    engine.$active.listen((active) => shown.push(active?.flow.id));
    await finish(engine);
    await timers.fireAll();
    expect(engine.$active.get()?.flow.id).toBe('second');
    await finish(engine);
    await timers.fireAll();
    expect(shown).toEqual([undefined, 'second', undefined, 'trial']);
  });

  it('after a reload, resumes the tour a banner gave way to, then the banner', async () => {
    const timers = fakeScheduler();
    const flows = [banner('trial'), tour('manual', twoSteps)];
    const first = setup(flows, { schedule: timers.schedule });
    await first.engine.page('/a');
    await first.engine.start('manual');
    await first.engine.next();
    // The next page load starts from what was stored.
    const { engine, names } = setup(flows, {
      schedule: timers.schedule,
      flowStates: first.engine.$flowStates.get(),
    });
    await engine.page('/a');
    expect(engine.$active.get()).toMatchObject({ flow: { id: 'manual' }, stepIndex: 1 });
    await finish(engine);
    await timers.fireAll();
    expect(engine.$active.get()?.flow.id).toBe('trial');
    expect(names()).toEqual(['step_viewed', 'step_completed', 'flow_completed', 'step_viewed']);
  });

  it('does not bring a banner back on another page, nor put a modal away', async () => {
    const timers = fakeScheduler();
    const modal = { ...banner('news'), display: 'modal', trigger: { url: '/b' } } as Flow;
    const { engine } = setup([banner('trial'), modal, tour('manual', oneStep)], {
      schedule: timers.schedule,
    });
    await engine.page('/a');
    await engine.start('manual');
    await engine.page('/elsewhere');
    engine.dismiss();
    await timers.fireAll();
    expect(engine.$active.get()).toBeNull();
    await engine.page('/b');
    expect(engine.$active.get()?.flow.id).toBe('news');
    expect(await engine.start('manual')).toBe(false);
  });
});

describe('createEngine: minAutoGapMs', () => {
  const GAP = 60_000;
  const flows = [
    tour('first', oneStep, { trigger: { url: '/a' } }),
    tour('second', oneStep, { trigger: { url: '/b' } }),
    tour('manual', oneStep),
  ];

  it('starts no auto tour within the gap after an auto-started tour completes, and starts one after', async () => {
    const clock = fakeClock();
    const { engine, started } = setup(flows, { now: clock.now, minAutoGapMs: GAP });
    await engine.page('/a');
    await finish(engine);
    clock.advance(GAP - 1);
    await engine.page('/b');
    expect(started()).toEqual(['first']);
    clock.advance(1);
    await engine.page('/b');
    expect(started()).toEqual(['first', 'second']);
  });

  it('opens the gap when an auto-started tour is dismissed too', async () => {
    const clock = fakeClock();
    const { engine, started } = setup(flows, { now: clock.now, minAutoGapMs: GAP });
    await engine.page('/a');
    engine.dismiss();
    expect(engine.$flowStates.get().first).toMatchObject({ auto: true, endedAt: T0 });
    clock.advance(1000);
    await engine.page('/b');
    expect(started()).toEqual(['first']);
  });

  it('holds event and delay triggers back during the gap as well', async () => {
    const clock = fakeClock();
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [
        tour('first', oneStep, { trigger: { url: '/a' } }),
        tour('by-event', oneStep, { trigger: { event: 'saved' } }),
        tour('by-delay', oneStep, { trigger: { url: '/b', delayMs: 10 } }),
      ],
      { now: clock.now, minAutoGapMs: GAP, schedule: timers.schedule },
    );
    await engine.page('/a');
    await finish(engine);
    await engine.track('saved');
    await engine.page('/b');
    await timers.fireAll();
    expect(started()).toEqual(['first']);
  });

  it('starts an event-triggered tour held back by the gap once the gap has passed', async () => {
    const clock = fakeClock();
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [
        tour('first', oneStep, { trigger: { url: '/a' } }),
        tour('by-event', oneStep, { trigger: { event: 'saved' } }),
      ],
      { now: clock.now, minAutoGapMs: GAP, schedule: timers.schedule },
    );
    await engine.page('/a');
    await finish(engine);
    clock.advance(1000);
    await engine.track('saved');
    expect(started()).toEqual(['first']);
    expect(timers.schedule).toHaveBeenLastCalledWith(expect.any(Function), GAP - 1000);
    clock.advance(GAP - 1000);
    await timers.fireAll();
    expect(started()).toEqual(['first', 'by-event']);
  });

  it('drops a held-back tour when the user leaves the page before the gap ends', async () => {
    const clock = fakeClock();
    const timers = fakeScheduler();
    const { engine, started } = setup(
      [
        tour('first', oneStep, { trigger: { url: '/a' } }),
        tour('by-event', oneStep, { trigger: { event: 'saved' } }),
      ],
      { now: clock.now, minAutoGapMs: GAP, schedule: timers.schedule },
    );
    await engine.page('/a');
    await finish(engine);
    await engine.track('saved');
    await engine.page('/elsewhere');
    clock.advance(GAP);
    await timers.fireAll();
    expect(started()).toEqual(['first']);
  });

  it('lets start() run a tour during the gap', async () => {
    const clock = fakeClock();
    const { engine, started } = setup(flows, { now: clock.now, minAutoGapMs: GAP });
    await engine.page('/a');
    await finish(engine);
    clock.advance(10);
    expect(await engine.start('second')).toBe(true);
    expect(started()).toEqual(['first', 'second']);
  });

  it('opens no gap when a manually started tour ends', async () => {
    const clock = fakeClock();
    const { engine, started } = setup(flows, { now: clock.now, minAutoGapMs: GAP });
    await engine.start('manual');
    await finish(engine);
    expect(engine.$flowStates.get().manual).toMatchObject({ status: 'completed', auto: false });
    clock.advance(1);
    await engine.page('/a');
    expect(started()).toEqual(['manual', 'first']);
  });

  it('counts the gap from an end stored in a previous visit', async () => {
    const clock = fakeClock(T0 + 1000);
    const flowStates: FlowStates = {
      first: { status: 'completed', stepIndex: 0, auto: true, endedAt: T0 },
    };
    const { engine, started } = setup(flows, { now: clock.now, minAutoGapMs: GAP, flowStates });
    await engine.page('/b');
    expect(started()).toEqual([]);
    clock.set(T0 + GAP);
    await engine.page('/b');
    expect(started()).toEqual(['second']);
  });

  it('has no gap by default', async () => {
    const clock = fakeClock();
    const { engine, started } = setup(flows, { now: clock.now });
    await engine.page('/a');
    await finish(engine);
    await engine.page('/b');
    expect(started()).toEqual(['first', 'second']);
  });

  it('neither throws nor blocks auto-starts for good when the clock jumps back before the last end', async () => {
    const clock = fakeClock();
    const { engine, started } = setup(flows, { now: clock.now, minAutoGapMs: GAP });
    await engine.page('/a');
    await finish(engine);
    // The wall clock is set back by a day: the stored end now lies in the future.
    clock.advance(-86_400_000);
    await expect(engine.page('/b')).resolves.toBeUndefined();
    expect(started()).toEqual(['first', 'second']);
  });

  it('keeps enforcing the gap from the latest end after the clock jumped backwards', async () => {
    const clock = fakeClock();
    const { engine, started } = setup(
      [...flows, tour('third', oneStep, { trigger: { url: '/c' } })],
      { now: clock.now, minAutoGapMs: GAP },
    );
    await engine.page('/a');
    await finish(engine);
    clock.advance(-86_400_000);
    await engine.page('/b');
    await finish(engine);
    clock.advance(1000);
    await engine.page('/c');
    expect(started()).toEqual(['first', 'second']);
    clock.advance(GAP);
    await engine.page('/c');
    expect(started()).toEqual(['first', 'second', 'third']);
  });
});

describe('createEngine: a tour left mid-way', () => {
  const flows = [
    tour('welcome', twoSteps, { trigger: { url: '/dashboard' } }),
    tour('reports', twoSteps, { trigger: { url: '/reports' } }),
    tour('by-event', twoSteps, { trigger: { event: 'saved' } }),
  ];

  it('holds the floor for the rest of the visit: no url or event auto-start while it is away', async () => {
    const { engine, started } = setup(flows);
    await engine.page('/dashboard');
    await engine.page('/reports');
    await engine.track('saved');
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get().welcome).toMatchObject({ status: 'active', stepIndex: 0 });
    expect(started()).toEqual(['welcome']);
  });

  it('gives the floor back once it is finished on its page', async () => {
    const { engine, started } = setup(flows);
    await engine.page('/dashboard');
    await engine.page('/reports');
    await engine.page('/dashboard');
    await finish(engine);
    await engine.page('/reports');
    expect(started()).toEqual(['welcome', 'reports']);
  });

  it('lets start() run another tour while one is put away', async () => {
    const { engine, started } = setup(flows);
    await engine.page('/dashboard');
    await engine.page('/reports');
    expect(await engine.start('by-event')).toBe(true);
    expect(started()).toEqual(['welcome', 'by-event']);
  });

  it('does not let a stale active record from a previous visit block other tours', async () => {
    const { engine, started } = setup(flows, {
      flowStates: { welcome: { status: 'active', stepIndex: 1, auto: true } },
    });
    await engine.page('/reports');
    expect(started()).toEqual(['reports']);
    expect(engine.$active.get()?.flow.id).toBe('reports');
  });

  it('resumes a stale active tour at its stored step when the user reaches its page', async () => {
    const { engine, events } = setup(flows, {
      flowStates: { welcome: { status: 'active', stepIndex: 1, auto: true } },
    });
    await engine.page('/dashboard');
    expect(events).toEqual([['step_viewed', { flowId: 'welcome', stepId: 'two', stepIndex: 1 }]]);
  });
});

describe('createEngine: multi-page tours', () => {
  const steps: Step[] = [
    { id: 'open', target: '#project' },
    { id: 'settings', url: '/projects/*/settings', target: '#members' },
    { id: 'invite', url: '/projects/*/settings', target: '#invite' },
    { id: 'back', url: '/dashboard' },
  ];
  const multi = tour('setup', steps, { trigger: { url: '/dashboard' } });

  it('puts the tour away at a step whose url is elsewhere: no target_missing, nothing on screen', async () => {
    const targets = controllableTargets(['#project', '#members', '#invite']);
    const { engine, take } = setup([multi], { resolveTarget: targets.resolveTarget });
    await engine.page('/dashboard');
    take();
    await engine.next();
    expect(take()).toEqual([['step_completed', { flowId: 'setup', stepId: 'open', stepIndex: 0 }]]);
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get().setup).toMatchObject({ status: 'active', stepIndex: 1 });
    expect(targets.resolveTarget).not.toHaveBeenCalledWith(
      '#members',
      expect.anything(),
      expect.anything(),
    );
  });

  it('resumes on a matching page without a second flow_started and carries on across pages', async () => {
    const targets = controllableTargets(['#project', '#members', '#invite']);
    const { engine, take } = setup([multi], { resolveTarget: targets.resolveTarget });
    await engine.page('/dashboard');
    await engine.next();
    take();
    await engine.page('/projects/9');
    expect(take()).toEqual([]);
    await engine.page('/projects/9/settings');
    expect(take()).toEqual([
      ['step_viewed', { flowId: 'setup', stepId: 'settings', stepIndex: 1 }],
    ]);
    expect(engine.$active.get()).toMatchObject({
      step: { id: 'settings' },
      target: { selector: '#members' },
    });
    await engine.next();
    expect(engine.$active.get()?.step.id).toBe('invite');
    await engine.next();
    expect(engine.$active.get()).toBeNull();
    await engine.page('/dashboard');
    await engine.next();
    expect(take().map(([name]) => name)).toEqual([
      'step_completed',
      'step_viewed',
      'step_completed',
      'step_viewed',
      'step_completed',
      'flow_completed',
    ]);
    expect(engine.$flowStates.get().setup).toMatchObject({ status: 'completed' });
  });

  it('resumes after a reload on the page of the stored step', async () => {
    const targets = controllableTargets(['#members']);
    const { engine, events } = setup([multi], {
      resolveTarget: targets.resolveTarget,
      flowStates: { setup: { status: 'active', stepIndex: 1, auto: true } },
    });
    await engine.page('/projects/3/settings');
    expect(events).toEqual([
      ['step_viewed', { flowId: 'setup', stepId: 'settings', stepIndex: 1 }],
    ]);
  });

  it('starts a manually started multi-page tour with its first url-less step here and pauses at the next', async () => {
    const { engine, names } = setup([multi], {
      resolveTarget: controllableTargets(['#project']).resolveTarget,
    });
    await engine.page('/elsewhere');
    await engine.start('setup');
    expect(engine.$active.get()?.step.id).toBe('open');
    await engine.next();
    expect(engine.$active.get()).toBeNull();
    expect(names()).toEqual(['flow_started', 'step_viewed', 'step_completed']);
  });

  it('pauses a manually started tour at once when its first step lives on another page', async () => {
    const { engine, names } = setup([
      tour('elsewhere', [{ id: 'a', url: '/settings' }, { id: 'b' }]),
    ]);
    await engine.page('/dashboard');
    expect(await engine.start('elsewhere')).toBe(true);
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get().elsewhere).toMatchObject({ status: 'active', stepIndex: 0 });
    await engine.page('/settings');
    expect(engine.$active.get()?.step.id).toBe('a');
    expect(names()).toEqual(['flow_started', 'step_viewed']);
  });

  it('does not show a step whose page the user left while its target was awaited', async () => {
    const targets = controllableTargets();
    const { engine, names } = setup(
      [
        tour('welcome', [{ id: 'a', target: '#slow' }, { id: 'b' }], {
          trigger: { url: '/dashboard' },
        }),
      ],
      {
        resolveTarget: targets.resolveTarget,
      },
    );
    void engine.page('/dashboard');
    await settle();
    await engine.page('/settings');
    await targets.appear('#slow');
    expect(engine.$active.get()).toBeNull();
    expect(names()).toEqual(['flow_started']);
    expect(engine.$flowStates.get().welcome).toMatchObject({ status: 'active', stepIndex: 0 });
  });
});

describe('createEngine: advanceOn', () => {
  const flows = [
    tour('guided', [
      { id: 'click', advanceOn: { click: '#new-project' } },
      { id: 'event', advanceOn: { event: 'project_created' } },
      { id: 'plain' },
    ]),
  ];

  it('lists the click selector of the step on screen, and none when nothing is shown', async () => {
    const { engine } = setup(flows);
    expect(engine.clickSelectors()).toEqual([]);
    await engine.start('guided');
    expect(engine.clickSelectors()).toEqual(['#new-project']);
    await engine.next();
    expect(engine.clickSelectors()).toEqual([]);
    engine.dismiss();
    expect(engine.clickSelectors()).toEqual([]);
  });

  it('advances on a click on the step selector and ignores other selectors', async () => {
    const { engine, take } = setup(flows);
    await engine.start('guided');
    take();
    await engine.clicked('#other');
    expect(take()).toEqual([]);
    await engine.clicked('#new-project');
    expect(take()).toEqual([
      ['step_completed', { flowId: 'guided', stepId: 'click', stepIndex: 0 }],
      ['step_viewed', { flowId: 'guided', stepId: 'event', stepIndex: 1 }],
    ]);
  });

  it('advances on the tracked event of the step and ignores other events', async () => {
    const { engine, take } = setup(flows);
    await engine.start('guided');
    await engine.next();
    take();
    await engine.track('project_deleted');
    await engine.clicked('#new-project');
    expect(take()).toEqual([]);
    await engine.track('project_created');
    expect(take()).toEqual([
      ['step_completed', { flowId: 'guided', stepId: 'event', stepIndex: 1 }],
      ['step_viewed', { flowId: 'guided', stepId: 'plain', stepIndex: 2 }],
    ]);
  });

  it('completes the tour when the last step advances on its click', async () => {
    const { engine, names } = setup([tour('t', [{ id: 'last', advanceOn: { click: '#done' } }])]);
    await engine.start('t');
    await engine.clicked('#done');
    expect(names()).toEqual(['flow_started', 'step_viewed', 'step_completed', 'flow_completed']);
    expect(engine.$active.get()).toBeNull();
  });

  it('counts one step for two clicks that arrive while the next target is awaited', async () => {
    const targets = controllableTargets();
    const { engine, names } = setup(
      [
        tour('t', [
          { id: 'a', advanceOn: { click: '#go' } },
          { id: 'b', target: '#late' },
        ]),
      ],
      { resolveTarget: targets.resolveTarget },
    );
    await engine.start('t');
    const first = engine.clicked('#go');
    const second = engine.clicked('#go');
    await targets.appear('#late');
    await Promise.all([first, second]);
    expect(names()).toEqual(['flow_started', 'step_viewed', 'step_completed', 'step_viewed']);
  });
});

describe('createEngine: reset', () => {
  const flows = [
    tour('welcome', twoSteps, { trigger: { url: '/dashboard' } }),
    tour('session', oneStep, { trigger: { url: '/session' }, frequency: 'session' }),
  ];

  it('replaces the flow states and clears the step on screen', async () => {
    const { engine } = setup(flows);
    await engine.page('/dashboard');
    const next: FlowStates = { welcome: { status: 'completed', stepIndex: 1 } };
    engine.reset(next);
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get()).toEqual(next);
    expect(engine.$flowStates.get()).not.toBe(next);
  });

  it('judges every tour afresh for the new states', async () => {
    const { engine, started } = setup(flows);
    await engine.page('/dashboard');
    await finish(engine);
    engine.reset({});
    await engine.page('/dashboard');
    expect(started()).toEqual(['welcome', 'welcome']);
    engine.reset({ welcome: { status: 'dismissed', stepIndex: 0 } });
    await engine.page('/dashboard');
    expect(started()).toEqual(['welcome', 'welcome']);
  });

  it('empties the states when called without any', async () => {
    const { engine } = setup(flows, {
      flowStates: { welcome: { status: 'completed', stepIndex: 1 } },
    });
    engine.reset();
    expect(engine.$flowStates.get()).toEqual({});
  });

  it('forgets which "session" tours this visit has shown', async () => {
    const { engine, started } = setup(flows);
    await engine.page('/session');
    await finish(engine);
    engine.reset();
    await engine.page('/session');
    expect(started()).toEqual(['session', 'session']);
  });

  it('drops a tour left mid-way by the previous user so it no longer holds the floor', async () => {
    const { engine, started } = setup([
      ...flows,
      tour('reports', oneStep, { trigger: { url: '/reports' } }),
    ]);
    await engine.page('/dashboard');
    await engine.page('/reports');
    expect(started()).toEqual(['welcome']);
    engine.reset();
    await engine.page('/reports');
    expect(started()).toEqual(['welcome', 'reports']);
  });

  it('aborts trigger waits of the previous user', async () => {
    const targets = controllableTargets();
    const { engine, events } = setup(
      [tour('export', oneStep, { trigger: { element: '#export' } })],
      {
        resolveTarget: targets.resolveTarget,
      },
    );
    await engine.page('/reports');
    engine.reset();
    expect(targets.waits[0]!.signal.aborted).toBe(true);
    await targets.appear('#export');
    expect(events).toEqual([]);
  });
});

describe('createEngine: flows ended in another tab', () => {
  const flows = [
    tour('welcome', twoSteps, { trigger: { url: '/a' }, frequency: 'once', priority: 1 }),
    tour('news', oneStep, { trigger: { url: '/a' } }),
  ];
  const ended = { status: 'completed', stepIndex: 1, endedAt: T0 } as const;

  it('takes the tour on screen away without events, and gives the floor to the next', async () => {
    const timers = fakeScheduler();
    const { engine, take, started } = setup(flows, { schedule: timers.schedule });
    await engine.page('/a');
    take();
    engine.endedElsewhere('welcome', ended);
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get().welcome).toEqual(ended);
    await timers.fireAll();
    // The other tab sent welcome's events; this one starts what waited for it.
    expect(started()).toEqual(['news']);
    await engine.page('/elsewhere');
    await engine.page('/a');
    expect(started()).toEqual(['news']);
  });

  it('keeps an ending of its own that is as recent, and ignores records without one', async () => {
    const { engine, take } = setup(flows);
    await engine.page('/a');
    engine.dismiss();
    const mine = engine.$flowStates.get().welcome!;
    take();
    engine.endedElsewhere('welcome', { ...ended, endedAt: mine.endedAt! - 1 });
    engine.endedElsewhere('news', { status: 'active', stepIndex: 0 });
    expect(engine.$flowStates.get().welcome).toBe(mine);
    expect(engine.$flowStates.get().news).toBeUndefined();
    expect(take()).toEqual([]);
  });

  it('leaves a tour it does not show on screen, and stops one still looking for its target', async () => {
    const targets = controllableTargets();
    const { engine, take } = setup(
      [tour('t', [{ id: 'a', target: '#late' }]), tour('other', oneStep)],
      { resolveTarget: targets.resolveTarget },
    );
    await engine.start('other');
    engine.endedElsewhere('t', ended);
    expect(engine.$active.get()?.flow.id).toBe('other');
    engine.dismiss();
    take();
    const starting = engine.start('t');
    engine.endedElsewhere('t', { ...ended, endedAt: T0 + 1 });
    await targets.appear('#late');
    await starting;
    expect(engine.$active.get()).toBeNull();
    expect(take().map(([name]) => name)).toEqual(['flow_started']);
  });
});
