import type { Flow, FlowsDocument } from '@tebiki/schema';
import { describe, expect, it } from 'vitest';
import { createEngine, type EngineOptions } from '../src/engine.ts';
import type { LifecycleEventName } from '../src/events.ts';

function setup(flows: Flow[], options: Partial<EngineOptions> = {}) {
  const events: [LifecycleEventName, unknown][] = [];
  const document: FlowsDocument = { version: 1, flows };
  const engine = createEngine({
    document,
    resolveTarget: async () => ({}),
    emit: (name, detail) => events.push([name, detail]),
    ...options,
  });
  const ids = () => engine.$passive.get();
  return { engine, events, ids };
}

const hint = (id: string, extra: Partial<Flow> = {}) =>
  ({ id, type: 'hint', target: '#x', body: 'tip', ...extra }) as Flow;
const checklist = (id: string, extra: Partial<Flow> = {}) =>
  ({ id, type: 'checklist', items: [{ milestone: 'm' }], ...extra }) as Flow;

describe('createEngine: announcements', () => {
  it('runs a modal announcement as a one-step flow with its own events', async () => {
    const { engine, events } = setup([
      {
        id: 'news',
        type: 'announcement',
        display: 'modal',
        title: 'New reports',
        body: 'Try them',
        trigger: { url: '/home' },
      },
    ]);
    await engine.page('/home');
    const active = engine.$active.get();
    expect(active?.flow.display).toBe('modal');
    expect(active?.step).toMatchObject({ id: 'news', title: 'New reports', body: 'Try them' });
    engine.dismiss();
    expect(events.map(([name]) => name)).toEqual(['flow_started', 'step_viewed', 'flow_dismissed']);
    expect(events[2]![1]).toEqual({ flowId: 'news', stepId: 'news', stepIndex: 0 });
  });

  it('shares arbitration with tours: the higher priority wins, one at a time', async () => {
    const { engine } = setup([
      { id: 'tour', type: 'tour', trigger: { url: '/home' }, steps: [{ id: 'a' }] },
      {
        id: 'news',
        type: 'announcement',
        display: 'banner',
        trigger: { url: '/home' },
        priority: 5,
      },
    ]);
    await engine.page('/home');
    expect(engine.$active.get()?.flow.id).toBe('news');
    await engine.next();
    expect(engine.$flowStates.get().news?.status).toBe('completed');
  });
});

describe('createEngine: hints and checklists', () => {
  it('lists the hints and checklists whose trigger URL matches the page, or that have none', async () => {
    const { engine, ids } = setup([
      hint('everywhere'),
      hint('reports-only', { trigger: { url: '/reports/*' } }),
      checklist('start'),
    ]);
    await engine.page('/home');
    expect(ids().hints.map((f) => f.id)).toEqual(['everywhere']);
    expect(ids().checklists.map((f) => f.id)).toEqual(['start']);
    await engine.page('/reports/1');
    expect(ids().hints.map((f) => f.id)).toEqual(['everywhere', 'reports-only']);
  });

  it('leaves out hints whose audience does not match, and re-checks when traits change', async () => {
    let traits: Record<string, unknown> = { plan: 'free' };
    const { engine, ids } = setup([hint('pro-tip', { audience: { traits: { plan: 'pro' } } })], {
      subject: () => ({ traits, account: {} }),
    });
    await engine.page('/home');
    expect(ids().hints).toEqual([]);
    traits = { plan: 'pro' };
    engine.refreshPassive();
    expect(ids().hints.map((f) => f.id)).toEqual(['pro-tip']);
  });

  it('reports a hint viewed once per page view, and closing it for good with frequency once', async () => {
    const { engine, events, ids } = setup([hint('tip')]);
    await engine.page('/home');
    engine.viewed('tip');
    engine.viewed('tip');
    engine.close('tip');
    expect(events).toEqual([
      ['step_viewed', { flowId: 'tip', stepId: 'tip', stepIndex: 0 }],
      ['flow_dismissed', { flowId: 'tip', stepId: 'tip', stepIndex: 0 }],
    ]);
    expect(ids().hints).toEqual([]);
    await engine.page('/other');
    expect(ids().hints).toEqual([]);
    expect(engine.$flowStates.get().tip?.status).toBe('dismissed');
  });

  it('brings back a closed hint on the next visit with frequency session, and on the next page with always', async () => {
    const { engine, ids } = setup([
      hint('session-tip', { frequency: 'session' }),
      hint('always-tip', { frequency: 'always' }),
    ]);
    await engine.page('/home');
    engine.close('session-tip');
    engine.close('always-tip');
    expect(ids().hints).toEqual([]);
    await engine.page('/next');
    expect(ids().hints.map((f) => f.id)).toEqual(['always-tip']);
    engine.reset(engine.$flowStates.get());
    await engine.page('/next');
    expect(ids().hints.map((f) => f.id)).toEqual(['session-tip', 'always-tip']);
  });

  it('shows a closed checklist again on reopen(), and refuses to reopen a tour', async () => {
    const { engine, ids } = setup([
      checklist('start'),
      { id: 'tour', type: 'tour', steps: [{ id: 'a' }] },
    ]);
    await engine.page('/home');
    engine.close('start');
    expect(ids().checklists).toEqual([]);
    expect(engine.reopen('start')).toBe(true);
    expect(ids().checklists.map((f) => f.id)).toEqual(['start']);
    await engine.page('/next');
    expect(ids().checklists.map((f) => f.id)).toEqual(['start']);
    expect(engine.reopen('tour')).toBe(false);
  });

  it('ignores close() for a tour id and clears everything on destroy', async () => {
    const { engine, events, ids } = setup([
      hint('tip'),
      { id: 'tour', type: 'tour', steps: [{ id: 'a' }] },
    ]);
    await engine.page('/home');
    engine.close('tour');
    expect(events).toEqual([]);
    engine.destroy();
    expect(ids()).toEqual({ hints: [], checklists: [] });
  });
});
