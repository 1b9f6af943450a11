import type { Flow, FlowsDocument, Step, TourFlow } from '@tebiki/schema';
import { describe, expect, it, vi } from 'vitest';
import {
  createEngine,
  DEFAULT_WAIT_MS,
  type EngineOptions,
  type FlowStates,
  type LifecycleEventName,
  type ResolveTarget,
} from '../src/index.ts';

const tour = (id: string, steps: Step[], extra: Partial<TourFlow> = {}): TourFlow => ({
  id,
  type: 'tour',
  steps,
  ...extra,
});

const threeSteps: Step[] = [{ id: 'one' }, { id: 'two' }, { id: 'three' }];

/** A target lookup where every selector in `present` is found at once and the rest never appear. */
const fakeTargets =
  (present: string[]): ResolveTarget =>
  async (selector) =>
    present.includes(selector) ? { selector } : null;

function setup(flows: Flow[], options: Partial<EngineOptions> = {}) {
  const events: [LifecycleEventName, unknown][] = [];
  const document: FlowsDocument = { version: 1, flows };
  const engine = createEngine({
    document,
    resolveTarget: fakeTargets([]),
    emit: (name, detail) => events.push([name, detail]),
    ...options,
  });
  const names = () => events.map(([name]) => name);
  const take = () => events.splice(0);
  return { engine, events, names, take };
}

describe('createEngine: auto-start', () => {
  const flows = [
    tour('welcome', threeSteps, { trigger: { url: '/dashboard*' } }),
    tour('reports', threeSteps, { trigger: { url: '/reports/**' } }),
    tour('manual', threeSteps),
  ];

  it('starts nothing on a page no trigger matches', async () => {
    const { engine, events } = setup(flows);
    await engine.page('/settings');
    expect(events).toEqual([]);
    expect(engine.$active.get()).toBeNull();
  });

  it('starts the tour whose trigger matches the pathname', async () => {
    const { engine, events } = setup(flows);
    await engine.page('/reports/2025/q1');
    expect(events).toEqual([
      ['flow_started', { flowId: 'reports' }],
      ['step_viewed', { flowId: 'reports', stepId: 'one', stepIndex: 0 }],
    ]);
    expect(engine.$active.get()).toMatchObject({
      flow: { id: 'reports' },
      stepIndex: 0,
      target: null,
    });
  });

  it('starts the highest-priority tour when several match', async () => {
    const { engine } = setup([
      tour('low', threeSteps, { trigger: { url: '/**' } }),
      tour('high', threeSteps, { trigger: { url: '/**' }, priority: 5 }),
    ]);
    await engine.page('/anywhere');
    expect(engine.$active.get()?.flow.id).toBe('high');
  });

  it('puts a tour away when the user leaves its page, starts no other, and resumes on return', async () => {
    const { engine, names, take } = setup(flows);
    await engine.page('/dashboard');
    take();
    await engine.page('/reports/1');
    expect(names()).toEqual([]);
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get().welcome).toMatchObject({ status: 'active', stepIndex: 0 });
    await engine.page('/dashboard');
    expect(names()).toEqual(['step_viewed']);
    expect(engine.$active.get()?.flow.id).toBe('welcome');
  });

  it('does not auto-start a tour without a url trigger', async () => {
    const { engine, events } = setup([
      tour('manual', threeSteps),
      tour('by-event', threeSteps, { trigger: { event: 'x' } }),
    ]);
    await engine.page('/');
    expect(events).toEqual([]);
  });
});

describe('createEngine: frequency', () => {
  const withFrequency = (frequency: TourFlow['frequency']) =>
    tour('welcome', [{ id: 'only' }], { trigger: { url: '/dashboard' }, frequency });

  it.each([
    ['completed', 'once'],
    ['dismissed', 'once'],
    ['completed', undefined],
  ] as const)('never auto-starts again a %s tour with frequency %s', async (status, frequency) => {
    const { engine, events } = setup([withFrequency(frequency)], {
      flowStates: { welcome: { status, stepIndex: 0 } },
    });
    await engine.page('/dashboard');
    expect(events).toEqual([]);
  });

  it('starts a "once" tour the user has never seen', async () => {
    const { engine, names } = setup([withFrequency('once')], { flowStates: {} });
    await engine.page('/dashboard');
    expect(names()).toEqual(['flow_started', 'step_viewed']);
  });

  it('starts a "session" tour once per engine, even after it was dismissed in an earlier session', async () => {
    const flowStates: FlowStates = { welcome: { status: 'dismissed', stepIndex: 0 } };
    const { engine, names, take } = setup([withFrequency('session')], { flowStates });
    await engine.page('/dashboard');
    expect(names()).toEqual(['flow_started', 'step_viewed']);
    engine.dismiss();
    take();
    await engine.page('/dashboard');
    expect(names()).toEqual([]);
  });

  it('starts an "always" tour on every visit, even when completed', async () => {
    const { engine, names, take } = setup([withFrequency('always')], {
      flowStates: { welcome: { status: 'completed', stepIndex: 0 } },
    });
    await engine.page('/dashboard');
    await engine.next();
    expect(names()).toEqual(['flow_started', 'step_viewed', 'step_completed', 'flow_completed']);
    take();
    await engine.page('/dashboard');
    expect(names()).toEqual(['flow_started', 'step_viewed']);
  });

  it('resumes an interrupted tour at the stored step, without a second flow_started', async () => {
    const { engine, events } = setup(
      [tour('welcome', threeSteps, { trigger: { url: '/dashboard' } })],
      { flowStates: { welcome: { status: 'active', stepIndex: 1 } } },
    );
    await engine.page('/dashboard');
    expect(events).toEqual([['step_viewed', { flowId: 'welcome', stepId: 'two', stepIndex: 1 }]]);
    expect(engine.$active.get()?.stepIndex).toBe(1);
  });

  it('starts a tour by id whatever its frequency and state', async () => {
    const { engine, names } = setup([withFrequency('once')], {
      flowStates: { welcome: { status: 'completed', stepIndex: 0 } },
    });
    expect(await engine.start('welcome')).toBe(true);
    expect(names()).toEqual(['flow_started', 'step_viewed']);
  });
});

describe('createEngine: moving through a tour', () => {
  it('emits step_completed then step_viewed on next, and only step_viewed on back', async () => {
    const { engine, events, take } = setup([tour('welcome', threeSteps)]);
    await engine.start('welcome');
    take();
    await engine.next();
    expect(take()).toEqual([
      ['step_completed', { flowId: 'welcome', stepId: 'one', stepIndex: 0 }],
      ['step_viewed', { flowId: 'welcome', stepId: 'two', stepIndex: 1 }],
    ]);
    await engine.back();
    expect(take()).toEqual([['step_viewed', { flowId: 'welcome', stepId: 'one', stepIndex: 0 }]]);
    await engine.back();
    expect(events).toEqual([]);
    expect(engine.$active.get()?.stepIndex).toBe(0);
  });

  it('records the step on screen so a reload can resume there', async () => {
    const { engine } = setup([tour('welcome', threeSteps)]);
    await engine.start('welcome');
    await engine.next();
    expect(engine.$flowStates.get()).toMatchObject({ welcome: { status: 'active', stepIndex: 1 } });
  });

  it('completes the flow on the last next, clears the step and remembers it', async () => {
    const { engine, take } = setup([tour('welcome', threeSteps)]);
    await engine.start('welcome');
    await engine.next();
    await engine.next();
    take();
    await engine.next();
    expect(take()).toEqual([
      ['step_completed', { flowId: 'welcome', stepId: 'three', stepIndex: 2 }],
      ['flow_completed', { flowId: 'welcome' }],
    ]);
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get().welcome).toMatchObject({ status: 'completed', stepIndex: 2 });
  });

  it('emits flow_dismissed with the step on screen and remembers the dismissal', async () => {
    const { engine, take } = setup([tour('welcome', threeSteps)]);
    await engine.start('welcome');
    await engine.next();
    take();
    engine.dismiss();
    expect(take()).toEqual([
      ['flow_dismissed', { flowId: 'welcome', stepId: 'two', stepIndex: 1 }],
    ]);
    expect(engine.$active.get()).toBeNull();
    expect(engine.$flowStates.get().welcome).toMatchObject({ status: 'dismissed', stepIndex: 1 });
  });

  it('does nothing on next, back or dismiss when no tour is on screen', async () => {
    const { engine, events } = setup([tour('welcome', threeSteps)]);
    await engine.next();
    await engine.back();
    engine.dismiss();
    expect(events).toEqual([]);
  });

  it('refuses to start a second tour while one is on screen', async () => {
    const { engine, names, take } = setup([tour('a', threeSteps), tour('b', threeSteps)]);
    await engine.start('a');
    take();
    expect(await engine.start('b')).toBe(false);
    expect(names()).toEqual([]);
    expect(engine.$active.get()?.flow.id).toBe('a');
  });

  it('refuses to start an unknown flow or a flow that is not a tour', async () => {
    const { engine, events } = setup([
      tour('a', threeSteps),
      { id: 'hint', type: 'hint', target: '#export', body: 'Export here' },
    ]);
    expect(await engine.start('nope')).toBe(false);
    expect(await engine.start('hint')).toBe(false);
    expect(events).toEqual([]);
  });
});

describe('createEngine: targets', () => {
  it('shows a step at the target that resolveTarget found, waiting up to the default 3000 ms', async () => {
    const resolveTarget = vi.fn(fakeTargets(['#new']));
    const { engine } = setup([tour('t', [{ id: 'a', target: '#new' }])], { resolveTarget });
    await engine.start('t');
    expect(resolveTarget).toHaveBeenCalledWith('#new', DEFAULT_WAIT_MS, expect.any(AbortSignal));
    expect(DEFAULT_WAIT_MS).toBe(3000);
    expect(engine.$active.get()?.target).toEqual({ selector: '#new' });
  });

  it('passes the step waitMs to resolveTarget', async () => {
    const resolveTarget = vi.fn(fakeTargets(['#x']));
    const { engine } = setup([tour('t', [{ id: 'a', target: '#x', waitMs: 250 }])], {
      resolveTarget,
    });
    await engine.start('t');
    expect(resolveTarget).toHaveBeenCalledWith('#x', 250, expect.any(AbortSignal));
  });

  it('skips a step whose target never appears and reports target_missing', async () => {
    const { engine, events } = setup(
      [tour('t', [{ id: 'a' }, { id: 'b', target: '#missing' }, { id: 'c', target: '#here' }])],
      { resolveTarget: fakeTargets(['#here']) },
    );
    await engine.start('t');
    await engine.next();
    expect(events).toEqual([
      ['flow_started', { flowId: 't' }],
      ['step_viewed', { flowId: 't', stepId: 'a', stepIndex: 0 }],
      ['step_completed', { flowId: 't', stepId: 'a', stepIndex: 0 }],
      ['target_missing', { flowId: 't', stepId: 'b', stepIndex: 1, target: '#missing' }],
      ['step_viewed', { flowId: 't', stepId: 'c', stepIndex: 2 }],
    ]);
  });

  describe('a step whose target leaves the page', () => {
    /** Targets found by selector; each lookup makes a new object, as a re-rendered element is. */
    const page = (present: Set<string>): ResolveTarget =>
      vi.fn(async (selector: string) => (present.has(selector) ? { selector } : null));

    it('attaches to the element that replaced it, and counts no second view', async () => {
      const present = new Set(['#a']);
      const resolveTarget = page(present);
      const { engine, take } = setup([tour('t', [{ id: 'a', target: '#a' }, { id: 'b' }])], {
        resolveTarget,
      });
      await engine.start('t');
      const before = engine.$active.get()!.target;
      take();
      await engine.targetLost();
      expect(take()).toEqual([]);
      expect(engine.$active.get()).toMatchObject({ step: { id: 'a' }, stepIndex: 0 });
      expect(engine.$active.get()!.target).not.toBe(before);
      expect(resolveTarget).toHaveBeenLastCalledWith(
        '#a',
        DEFAULT_WAIT_MS,
        expect.any(AbortSignal),
      );
    });

    it('reports it missing and moves on when it does not come back', async () => {
      const present = new Set(['#a']);
      const { engine, take } = setup([tour('t', [{ id: 'a', target: '#a' }, { id: 'b' }])], {
        resolveTarget: page(present),
      });
      await engine.start('t');
      take();
      present.delete('#a');
      await engine.targetLost();
      expect(take()).toEqual([
        ['target_missing', { flowId: 't', stepId: 'a', stepIndex: 0, target: '#a' }],
        ['step_viewed', { flowId: 't', stepId: 'b', stepIndex: 1 }],
      ]);
    });

    it('stays on its step, centred, when it says fallback: center', async () => {
      const present = new Set(['#a']);
      const { engine, names, take } = setup(
        [tour('t', [{ id: 'a', target: '#a', fallback: 'center' }, { id: 'b' }])],
        { resolveTarget: page(present) },
      );
      await engine.start('t');
      take();
      present.delete('#a');
      await engine.targetLost();
      expect(names()).toEqual(['target_missing']);
      expect(engine.$active.get()).toMatchObject({ step: { id: 'a' }, target: null });
    });

    it('ignores next() while it looks, as during any step change', async () => {
      let found: (target: unknown) => void = () => {};
      let started = false;
      const resolveTarget: ResolveTarget = vi.fn(async (selector, _ms, signal) => {
        if (selector !== '#a') return null;
        if (!started) return { selector };
        return new Promise((resolve) => {
          found = resolve;
          signal.addEventListener('abort', () => resolve(null));
        });
      });
      const { engine, take } = setup(
        [tour('t', [{ id: 'a', target: '#a' }, { id: 'b' }, { id: 'c' }])],
        { resolveTarget },
      );
      await engine.start('t');
      started = true;
      take();
      const looking = engine.targetLost();
      await engine.next();
      found({ selector: '#a' });
      await looking;
      expect(take()).toEqual([]);
      await engine.next();
      expect(engine.$active.get()?.step.id).toBe('b');
    });

    it('does nothing for a centred step or when nothing is on screen', async () => {
      const resolveTarget = page(new Set());
      const { engine, take } = setup([tour('t', [{ id: 'a' }])], { resolveTarget });
      await engine.targetLost();
      await engine.start('t');
      take();
      await engine.targetLost();
      expect(take()).toEqual([]);
      expect(resolveTarget).not.toHaveBeenCalled();
    });
  });

  it('shows the step centred when its target is missing and it says fallback: center', async () => {
    const { engine, names } = setup([
      tour('t', [{ id: 'a', target: '#missing', fallback: 'center' }, { id: 'b' }]),
    ]);
    await engine.start('t');
    expect(names()).toEqual(['flow_started', 'target_missing', 'step_viewed']);
    expect(engine.$active.get()).toMatchObject({ step: { id: 'a' }, target: null });
  });

  it('completes the flow when the last step target is missing', async () => {
    const { engine, names } = setup([tour('t', [{ id: 'a' }, { id: 'b', target: '#missing' }])]);
    await engine.start('t');
    await engine.next();
    expect(names()).toEqual([
      'flow_started',
      'step_viewed',
      'step_completed',
      'target_missing',
      'flow_completed',
    ]);
    expect(engine.$active.get()).toBeNull();
  });

  it('goes back past a step whose target is missing to the one before it', async () => {
    const resolveTarget = vi.fn(fakeTargets(['#a', '#c']));
    const { engine, take } = setup(
      [
        tour('t', [
          { id: 'a', target: '#a' },
          { id: 'b', target: '#b' },
          { id: 'c', target: '#c' },
        ]),
      ],
      { resolveTarget },
    );
    await engine.start('t');
    await engine.next();
    expect(engine.$active.get()?.step.id).toBe('c');
    take();
    await engine.back();
    expect(take()).toEqual([
      ['target_missing', { flowId: 't', stepId: 'b', stepIndex: 1, target: '#b' }],
      ['step_viewed', { flowId: 't', stepId: 'a', stepIndex: 0 }],
    ]);
  });

  it('keeps the current step on screen when back finds no earlier step to show', async () => {
    const { engine } = setup([tour('t', [{ id: 'a', target: '#gone' }, { id: 'b' }], {})], {
      resolveTarget: fakeTargets([]),
      flowStates: {},
    });
    // The first target is missing, so the tour opens on step b.
    await engine.start('t');
    expect(engine.$active.get()?.step.id).toBe('b');
    await engine.back();
    expect(engine.$active.get()?.step.id).toBe('b');
  });

  it('keeps the current step on screen while the next target is awaited', async () => {
    let appear: (value: unknown) => void = () => {};
    const resolveTarget: ResolveTarget = (selector) =>
      selector === '#late' ? new Promise((resolve) => (appear = resolve)) : Promise.resolve(null);
    const { engine, take } = setup([tour('t', [{ id: 'a' }, { id: 'b', target: '#late' }])], {
      resolveTarget,
    });
    await engine.start('t');
    take();
    const moving = engine.next();
    expect(engine.$active.get()?.step.id).toBe('a');
    const element = { late: true };
    appear(element);
    await moving;
    expect(engine.$active.get()).toMatchObject({ step: { id: 'b' }, target: element });
    expect(take().map(([name]) => name)).toEqual(['step_completed', 'step_viewed']);
  });

  it('counts a step completed once when next is pressed twice while the next target is awaited', async () => {
    let appear: (value: unknown) => void = () => {};
    // Like waitForTarget: resolves null once aborted.
    const resolveTarget: ResolveTarget = (selector, _timeout, signal) =>
      selector === '#late'
        ? new Promise((resolve) => {
            appear = resolve;
            signal.addEventListener('abort', () => resolve(null));
          })
        : Promise.resolve(null);
    const { engine, names } = setup([tour('t', [{ id: 'a' }, { id: 'b', target: '#late' }])], {
      resolveTarget,
    });
    await engine.start('t');
    const first = engine.next();
    const second = engine.next();
    appear({});
    await Promise.all([first, second]);
    expect(names()).toEqual(['flow_started', 'step_viewed', 'step_completed', 'step_viewed']);
  });

  it('aborts a pending target wait on destroy and shows nothing afterwards', async () => {
    let seen: AbortSignal | undefined;
    let appear: (value: unknown) => void = () => {};
    const resolveTarget: ResolveTarget = (_selector, _timeout, signal) => {
      seen = signal;
      return new Promise((resolve) => (appear = resolve));
    };
    const { engine, names } = setup([tour('t', [{ id: 'a', target: '#slow' }])], { resolveTarget });
    const starting = engine.start('t');
    expect(seen?.aborted).toBe(false);
    engine.destroy();
    expect(seen?.aborted).toBe(true);
    appear({});
    await starting;
    expect(names()).toEqual(['flow_started']);
    expect(engine.$active.get()).toBeNull();
    expect(await engine.start('t')).toBe(false);
  });

  it('aborts a pending target wait on dismiss of the step on screen', async () => {
    let seen: AbortSignal | undefined;
    const resolveTarget: ResolveTarget = (selector, _timeout, signal) => {
      if (selector === '#slow') {
        seen = signal;
        return new Promise(() => {});
      }
      return Promise.resolve({});
    };
    const { engine, names } = setup(
      [
        tour('t', [
          { id: 'a', target: '#a' },
          { id: 'b', target: '#slow' },
        ]),
      ],
      {
        resolveTarget,
      },
    );
    await engine.start('t');
    void engine.next();
    engine.dismiss();
    expect(seen?.aborted).toBe(true);
    expect(names()).toEqual(['flow_started', 'step_viewed', 'step_completed', 'flow_dismissed']);
  });
});
