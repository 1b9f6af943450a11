import type { SegmentEvent } from '@tebiki/core';
import type { FlowsDocument } from '@tebiki/schema';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { createTebiki, type Tebiki, type TebikiConfig } from '../src/create-tebiki.ts';
import type { TebikiOptions } from '../src/options.ts';
import { chunks } from './chunks.ts';

const flows: FlowsDocument = {
  version: 1,
  defaultLocale: 'en',
  milestones: [{ id: 'project_created', when: { event: 'project_created' } }],
  flows: [
    {
      id: 'welcome',
      type: 'tour',
      trigger: { url: '/dashboard*' },
      steps: [
        { id: 'hello', title: { en: 'Hello', ja: 'こんにちは' }, body: 'Welcome aboard' },
        { id: 'done', title: 'All set' },
      ],
    },
    { id: 'manual', type: 'tour', steps: [{ id: 'only', title: 'Manual' }] },
  ],
};

const ORIGIN = 'http://localhost:3000';
let fetchMock: Mock<typeof fetch>;
let warn: Mock<typeof console.warn>;
let instance: Tebiki | null = null;

function setup(config: Partial<TebikiConfig> = {}): Tebiki {
  instance = createTebiki({ ...chunks, ...config });
  return instance;
}

const goTo = (path: string) => history.replaceState(null, '', path);
const popover = () =>
  document
    .querySelector('tebiki-root')
    ?.shadowRoot?.querySelector<HTMLElement>('[data-tebiki-part="popover"]') ?? null;
const part = (name: string) =>
  document
    .querySelector('tebiki-root')
    ?.shadowRoot?.querySelector<HTMLElement>(`[data-tebiki-part="${name}"]`) ?? null;
const waitForPopover = () => vi.waitFor(() => expect(popover()).not.toBeNull());

/** Every event the fake endpoint received, in order. */
const delivered = (): SegmentEvent[] =>
  fetchMock.mock.calls.flatMap(
    ([, init]) => (JSON.parse(String(init?.body)) as { batch: SegmentEvent[] }).batch,
  );
const deliveredNames = () => delivered().map((event) => event.event ?? event.type);

/** A delivery-pipeline loader whose first `failures` calls fail as a network error would. */
const failingLoads = (failures: number) =>
  vi.fn(() =>
    failures-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : chunks.loadBeacons(),
  );

const withEndpoint = (options: TebikiOptions = {}): TebikiOptions => ({
  endpoint: 'https://collector.test/v1/batch',
  writeKey: 'pk_test',
  flows,
  locale: 'en',
  ...options,
});

beforeEach(() => {
  goTo('/dashboard');
  fetchMock = vi.fn(async () => new Response(null, { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  instance?.destroy();
  instance = null;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('dir');
  goTo('/');
});

describe('createTebiki: tours', () => {
  it('starts the tour whose trigger matches location.pathname after init', async () => {
    const tebiki = setup();
    await tebiki.init({ flows, locale: 'en' });
    await waitForPopover();
    expect(popover()!.dataset.tebikiFlow).toBe('welcome');
    expect(part('title')!.textContent).toBe('Hello');
    expect(part('body')!.textContent).toBe('Welcome aboard');
    expect(part('progress')!.textContent).toBe('1 / 2');
  });

  it('shows nothing on a page no trigger matches', async () => {
    goTo('/settings');
    const tebiki = setup();
    const started = vi.fn();
    tebiki.on('flow_started', started);
    await tebiki.init({ flows });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).not.toHaveBeenCalled();
    expect(document.querySelector('tebiki-root')).toBeNull();
  });

  it('starts a tour when a single-page app navigates to a matching path', async () => {
    goTo('/settings');
    const tebiki = setup();
    await tebiki.init({ flows });
    history.pushState(null, '', '/dashboard');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitForPopover();
    expect(popover()!.dataset.tebikiFlow).toBe('welcome');
  });

  it('starts a tour when the app navigates with history.pushState', async () => {
    goTo('/settings');
    const tebiki = setup();
    await tebiki.init({ flows });
    history.pushState(null, '', '/dashboard');
    await waitForPopover();
  });

  it('uses the locale option for author text and button labels', async () => {
    const tebiki = setup();
    await tebiki.init({ flows, locale: 'ja-JP' });
    await waitForPopover();
    expect(part('title')!.textContent).toBe('こんにちは');
    expect(part('next')!.textContent).toBe('次へ');
  });

  it('shows a surface in the language its text was found in, buttons and all', async () => {
    // A French-speaking user; the tour exists in Japanese only, the checklist in English.
    const tebiki = setup();
    await tebiki.init({
      locale: 'fr',
      flows: {
        version: 1,
        flows: [
          {
            id: 'ja-only',
            type: 'tour',
            trigger: { url: '/dashboard*' },
            steps: [
              { id: 'a', title: { ja: 'ようこそ' }, body: { ja: '**新規作成**を押してください' } },
              { id: 'b', title: 'Plain' },
            ],
          },
          {
            id: 'list',
            type: 'checklist',
            title: { en: 'Get started' },
            items: [{ milestone: 'x' }],
          },
        ],
        milestones: [{ id: 'x', when: { event: 'x' } }],
      },
    });
    await waitForPopover();
    expect(popover()!.lang).toBe('ja');
    expect(part('next')!.textContent).toBe('次へ');
    await vi.waitFor(() => expect(part('launcher')).not.toBeNull());
    expect(part('launcher')!.lang).toBe('en');
    // A plain string does not say its language: the user's locale, as for labels before.
    await tebiki.next();
    await vi.waitFor(() => expect(part('title')!.textContent).toBe('Plain'));
    expect(popover()!.lang).toBe('fr');
  });

  it('follows the page direction unless the dir option says otherwise', async () => {
    document.documentElement.dir = 'rtl';
    const tebiki = setup();
    await tebiki.init({ flows });
    await waitForPopover();
    expect(popover()!.getAttribute('dir')).toBe('rtl');
  });

  it('moves through the tour from the popover buttons and removes it when done', async () => {
    const tebiki = setup();
    const completed = vi.fn();
    tebiki.on('flow_completed', completed);
    await tebiki.init({ flows });
    await waitForPopover();
    part('next')!.click();
    await vi.waitFor(() => expect(part('title')?.textContent).toBe('All set'));
    expect(part('next')!.textContent).toBe('Done');
    part('next')!.click();
    await vi.waitFor(() => expect(popover()).toBeNull());
    expect(completed).toHaveBeenCalledWith({ flowId: 'welcome' });
  });

  it('starts a tour by id with start(), and reports an unknown one', async () => {
    goTo('/settings');
    const tebiki = setup();
    const errors = vi.fn();
    tebiki.on('error', errors);
    await tebiki.init({ flows });
    tebiki.start('nope');
    await vi.waitFor(() =>
      expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'unknown_flow' })),
    );
    tebiki.start('manual');
    await waitForPopover();
    expect(popover()!.dataset.tebikiFlow).toBe('manual');
  });
});

describe('createTebiki: the UI chunk', () => {
  it('reports a UI chunk that cannot load, and shows the next guide once it can', async () => {
    goTo('/settings');
    let failures = 1;
    const loadUI = vi.fn(() =>
      failures-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : chunks.loadUI(),
    );
    const tebiki = setup({ loadUI });
    const errors: { code: string; message: string }[] = [];
    tebiki.on('error', (detail) => errors.push(detail));
    await tebiki.init({ flows, locale: 'en' });
    tebiki.start('manual');
    await vi.waitFor(() => expect(errors.map((error) => error.code)).toEqual(['ui_load_failed']));
    expect(errors[0]!.message).toContain('Failed to fetch');
    tebiki.dismiss();
    tebiki.start('manual');
    await waitForPopover();
    expect(loadUI).toHaveBeenCalledTimes(2);
  });

  it('preload: true loads the UI and builds its root while idle, adding nothing to the page', async () => {
    goTo('/settings');
    const loadUI = vi.fn(chunks.loadUI);
    const tebiki = setup({ loadUI });
    await tebiki.init({ flows, locale: 'en', preload: true });
    await vi.waitFor(() => expect(loadUI).toHaveBeenCalledTimes(1), { timeout: 3000 });
    // Let the idle-time work finish: the root exists, outside the document.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('tebiki-root')).toBeNull();
    expect(document.body.childElementCount).toBe(0);
    tebiki.start('manual');
    await waitForPopover();
    expect(document.querySelectorAll('tebiki-root')).toHaveLength(1);
    expect(loadUI).toHaveBeenCalledTimes(1);
  });
});

describe('createTebiki: events', () => {
  it('gives on() listeners the properties with flowId, stepId and stepIndex', async () => {
    const tebiki = setup();
    const seen: [string, unknown][] = [];
    for (const name of [
      'flow_started',
      'step_viewed',
      'step_completed',
      'flow_dismissed',
    ] as const) {
      tebiki.on(name, (properties) => seen.push([name, properties]));
    }
    await tebiki.init({ flows });
    tebiki.next();
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    tebiki.dismiss();
    expect(seen).toEqual([
      ['flow_started', { flowId: 'welcome' }],
      ['step_viewed', { flowId: 'welcome', stepId: 'hello', stepIndex: 0 }],
      ['step_completed', { flowId: 'welcome', stepId: 'hello', stepIndex: 0 }],
      ['step_viewed', { flowId: 'welcome', stepId: 'done', stepIndex: 1 }],
      ['flow_dismissed', { flowId: 'welcome', stepId: 'done', stepIndex: 1 }],
    ]);
  });

  it('stops calling a listener once its unsubscribe function is called', async () => {
    const tebiki = setup();
    const viewed = vi.fn();
    const off = tebiki.on('step_viewed', viewed);
    await tebiki.init({ flows });
    off();
    tebiki.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(viewed).toHaveBeenCalledTimes(1);
  });

  it('keeps working when a listener throws', async () => {
    const tebiki = setup();
    tebiki.on('flow_started', () => {
      throw new Error('host bug');
    });
    const viewed = vi.fn();
    tebiki.on('step_viewed', viewed);
    await expect(tebiki.init({ flows })).resolves.toBeUndefined();
    expect(viewed).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('host bug'));
  });

  it('sends events to the endpoint as a Segment batch on flush()', async () => {
    const tebiki = setup();
    await tebiki.init(withEndpoint());
    tebiki.track('project_created', { plan: 'trial' });
    await tebiki.flush();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://collector.test/v1/batch');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Authorization: `Basic ${btoa('pk_test:')}` },
    });
    const body = JSON.parse(String(init!.body));
    expect(body).toEqual({
      batch: expect.any(Array),
      sentAt: expect.any(String),
      writeKey: 'pk_test',
    });
    // project_created is also a milestone's event in this document.
    expect(deliveredNames()).toEqual([
      'flow_started',
      'step_viewed',
      'project_created',
      'milestone_reached',
    ]);
    const [started, , custom] = delivered();
    expect(started).toMatchObject({
      type: 'track',
      event: 'flow_started',
      properties: { flowId: 'welcome' },
      userId: null,
    });
    expect(custom).toEqual({
      messageId: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      type: 'track',
      event: 'project_created',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      anonymousId: started!.anonymousId,
      userId: null,
      properties: { plan: 'trial' },
      context: {
        sessionId: started!.context.sessionId,
        page: {
          path: '/dashboard',
          url: `${ORIGIN}/dashboard`,
          title: document.title,
          referrer: document.referrer,
          search: '',
        },
        locale: 'en',
        library: { name: 'tebiki', version: expect.any(String) },
      },
    });
    expect(new Set(delivered().map((event) => event.messageId)).size).toBe(4);
  });

  it('sends nothing over the network, and never loads the delivery pipeline, without an endpoint', async () => {
    const loadBeacons = vi.fn(chunks.loadBeacons);
    const tebiki = setup({ loadBeacons });
    await tebiki.init({ flows });
    tebiki.track('x');
    await tebiki.flush();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(loadBeacons).not.toHaveBeenCalled();
  });

  it('reports a delivery pipeline that cannot load, after a second try, and keeps guiding', async () => {
    const loadBeacons = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const tebiki = setup({ loadBeacons });
    const errors: { code: string; message: string }[] = [];
    tebiki.on('error', (detail) => errors.push(detail));
    await tebiki.init(withEndpoint());
    expect(loadBeacons).toHaveBeenCalledTimes(2);
    expect(errors.map((error) => error.code)).toEqual(['beacons_load_failed']);
    expect(errors[0]!.message).toContain('Failed to fetch');
    await waitForPopover(); // the dashboard's tour starts as usual
    tebiki.track('x');
    await expect(tebiki.flush()).resolves.toBeUndefined();
  });

  it('keeps events while the delivery pipeline cannot load, and sends them once it does', async () => {
    // Both tries at init(), then both tries on the first flush().
    const loadBeacons = failingLoads(4);
    goTo('/settings');
    const tebiki = setup({ loadBeacons });
    await tebiki.init(withEndpoint());
    tebiki.track('first');
    tebiki.track('second');
    await tebiki.flush(); // tries again at once: fails
    expect(fetchMock).not.toHaveBeenCalled();
    tebiki.track('third');
    await tebiki.flush(); // loads, and the kept events go first, in order
    expect(loadBeacons).toHaveBeenCalledTimes(5);
    // The report of the failed load itself arrives too, in its place.
    expect(deliveredNames()).toEqual(['error', 'first', 'second', 'third']);
    expect(delivered()[0]!.properties).toMatchObject({ code: 'beacons_load_failed' });
    await tebiki.flush();
    expect(deliveredNames()).toHaveLength(4);
  });

  it('drops the events waiting for the delivery pipeline when consent is denied', async () => {
    const loadBeacons = failingLoads(2);
    goTo('/settings');
    const tebiki = setup({ loadBeacons });
    await tebiki.init(withEndpoint());
    tebiki.track('before_denial');
    tebiki.consent('denied');
    tebiki.track('after_denial');
    tebiki.consent('granted');
    tebiki.track('after_grant');
    await tebiki.flush();
    expect(deliveredNames()).toEqual(['after_grant']);
  });

  it('carries the user and account on events after identify() and group()', async () => {
    goTo('/settings');
    const tebiki = setup();
    await tebiki.init(withEndpoint());
    tebiki.identify('user-1', { plan: 'trial' });
    tebiki.group('acme', { seats: 5 });
    tebiki.track('clicked');
    await tebiki.flush();
    const [identify, group, track] = delivered();
    expect(identify).toMatchObject({
      type: 'identify',
      userId: 'user-1',
      traits: { plan: 'trial' },
    });
    expect(group).toMatchObject({ type: 'group', groupId: 'acme', traits: { seats: 5 } });
    expect(track).toMatchObject({ type: 'track', userId: 'user-1', context: { groupId: 'acme' } });
  });

  it('replays calls made before init() in order once it runs', async () => {
    goTo('/settings');
    const tebiki = setup();
    tebiki.identify('user-1');
    tebiki.track('first');
    tebiki.track('second', { n: 2 });
    expect(fetchMock).not.toHaveBeenCalled();
    await tebiki.init(withEndpoint());
    await tebiki.flush();
    expect(deliveredNames()).toEqual(['identify', 'first', 'second']);
    expect(delivered()[1]).toMatchObject({ userId: 'user-1' });
  });

  it('ignores a second init() with a warning', async () => {
    const tebiki = setup();
    await tebiki.init({ flows: { version: 1, flows: [] } });
    await tebiki.init({ flows });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('init() was called again'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(popover()).toBeNull();
  });

  it('reports an invalid flow as an error event with code and path, and runs the valid ones', async () => {
    const tebiki = setup();
    const errors = vi.fn();
    tebiki.on('error', errors);
    const document = {
      version: 1,
      flows: [
        { id: 'broken', type: 'tour', trigger: { url: '/**' }, steps: [{ id: 's', target: '' }] },
        ...flows.flows,
      ],
    } as unknown as FlowsDocument;
    await tebiki.init({ flows: document });
    expect(errors).toHaveBeenCalledWith({
      code: 'invalid_selector',
      path: 'flows[0].steps[0].target',
      message: 'flows[0].steps[0].target: expected a CSS selector, got ""',
    });
    await waitForPopover();
    expect(popover()!.dataset.tebikiFlow).toBe('welcome');
  });

  it('loads the flows document from a URL', async () => {
    fetchMock.mockImplementation(async () => Response.json(flows));
    const tebiki = setup();
    await tebiki.init({ flows: '/tebiki.json' });
    expect(fetchMock).toHaveBeenCalledWith('/tebiki.json', expect.anything());
    await waitForPopover();
  });

  it('reports flows it cannot fetch and keeps working', async () => {
    fetchMock.mockImplementation(async () => new Response('nope', { status: 404 }));
    const tebiki = setup();
    const errors = vi.fn();
    tebiki.on('error', errors);
    await tebiki.init({ flows: '/tebiki.json' });
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'flows_fetch_failed' }));
    expect(() => tebiki.track('still_fine')).not.toThrow();
  });

  it('reports bad arguments as error events instead of throwing', async () => {
    const tebiki = setup();
    const errors = vi.fn();
    tebiki.on('error', errors);
    await tebiki.init({ flows });
    expect(() => tebiki.track('' as string)).not.toThrow();
    expect(() => tebiki.identify(undefined as unknown as string)).not.toThrow();
    expect(errors.mock.calls.map(([detail]) => detail.code)).toEqual([
      'invalid_argument',
      'invalid_argument',
    ]);
  });

  it('records a milestone once, with the time since the user started', async () => {
    const tebiki = setup();
    const reached = vi.fn();
    tebiki.on('milestone_reached', reached);
    await tebiki.init({ flows });
    tebiki.milestone('project_created');
    tebiki.milestone('project_created');
    await vi.waitFor(() => expect(reached).toHaveBeenCalled());
    await tebiki.flush();
    expect(reached).toHaveBeenCalledTimes(1);
    expect(reached).toHaveBeenCalledWith({
      milestoneId: 'project_created',
      msSinceStart: expect.any(Number),
    });
    expect(tebiki.progress().milestones.project_created).toEqual({
      reachedAt: expect.any(String),
      msSinceStart: expect.any(Number),
    });
  });
});

describe('createTebiki: reset', () => {
  it('starts a new anonymous user without the old user id', async () => {
    goTo('/settings');
    const tebiki = setup();
    await tebiki.init(withEndpoint());
    tebiki.identify('user-1');
    tebiki.track('before');
    tebiki.reset();
    tebiki.track('after');
    await tebiki.flush();
    const [, before, after] = delivered();
    expect(before).toMatchObject({ event: 'before', userId: 'user-1' });
    expect(after).toMatchObject({ event: 'after', userId: null });
    expect(after!.anonymousId).not.toBe(before!.anonymousId);
  });

  it('forgets the user milestones', async () => {
    const tebiki = setup();
    await tebiki.init({ flows });
    tebiki.milestone('project_created');
    tebiki.reset();
    expect(tebiki.progress().milestones).toEqual({});
  });

  it('forgets tour progress, so the new user sees the welcome tour again', async () => {
    const tebiki = setup();
    const started = vi.fn();
    tebiki.on('flow_started', started);
    await tebiki.init({ flows });
    tebiki.reset();
    tebiki.page();
    await vi.waitFor(() => expect(started).toHaveBeenCalledTimes(2));
  });
});

describe('createTebiki: beforeSend and consent', () => {
  it('lets beforeSend drop or scrub any event, lifecycle ones included', async () => {
    const tebiki = setup();
    const beforeSend = vi.fn((event: SegmentEvent) => {
      if (event.event === 'step_viewed' || event.event === 'secret') return null;
      return { ...event, properties: { ...event.properties, email: undefined } };
    });
    await tebiki.init(withEndpoint({ beforeSend }));
    tebiki.track('secret');
    tebiki.track('signup', { email: 'a@b.test' });
    await tebiki.flush();
    expect(beforeSend.mock.calls.map(([event]) => event.event)).toEqual([
      'flow_started',
      'step_viewed',
      'secret',
      'signup',
    ]);
    expect(deliveredNames()).toEqual(['flow_started', 'signup']);
    expect(JSON.stringify(delivered())).not.toContain('a@b.test');
  });

  it('drops an event whose beforeSend throws, and keeps the rest', async () => {
    const tebiki = setup();
    await tebiki.init(
      withEndpoint({
        beforeSend: (event) => {
          if (event.event === 'bad') throw new Error('scrubber bug');
          return event;
        },
      }),
    );
    tebiki.track('bad');
    tebiki.track('good');
    await tebiki.flush();
    expect(deliveredNames()).toEqual(['flow_started', 'step_viewed', 'good']);
  });

  it('sends nothing when consent is denied, while guidance still shows', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const tebiki = setup();
      await tebiki.init(withEndpoint({ consent: 'denied' }));
      tebiki.track('clicked');
      await tebiki.flush();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fetchMock).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
    await waitForPopover();
  });

  it('holds events while consent is pending and sends them once granted', async () => {
    const tebiki = setup();
    await tebiki.init(withEndpoint({ consent: 'pending' }));
    tebiki.track('clicked');
    await tebiki.flush();
    expect(fetchMock).not.toHaveBeenCalled();
    tebiki.consent('granted');
    await tebiki.flush();
    expect(deliveredNames()).toEqual(['flow_started', 'step_viewed', 'clicked']);
  });

  it('forgets held events when consent goes from pending to denied', async () => {
    const tebiki = setup();
    await tebiki.init(withEndpoint({ consent: 'pending' }));
    tebiki.track('clicked');
    tebiki.consent('denied');
    tebiki.consent('granted');
    await tebiki.flush();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('purges events already queued when consent changes to denied', async () => {
    const tebiki = setup();
    await tebiki.init(withEndpoint({ consent: 'granted' }));
    tebiki.track('clicked');
    tebiki.consent('denied');
    await tebiki.flush();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps a consent() decision made before init()', async () => {
    const tebiki = setup();
    tebiki.consent('denied');
    await tebiki.init(withEndpoint());
    tebiki.track('clicked');
    await tebiki.flush();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('createTebiki: destroy', () => {
  it('removes the UI and stops every listener and beacon', async () => {
    const tebiki = setup();
    await tebiki.init(withEndpoint());
    await waitForPopover();
    const seen = vi.fn();
    tebiki.on('step_viewed', seen);
    tebiki.on('step_completed', seen);
    tebiki.on('error', seen);
    tebiki.destroy();
    await vi.waitFor(() => expect(document.querySelector('tebiki-root')).toBeNull());
    tebiki.next();
    tebiki.track('after');
    tebiki.start('manual');
    await tebiki.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('stops reacting to navigation after destroy', async () => {
    goTo('/settings');
    const tebiki = setup();
    const started = vi.fn();
    tebiki.on('flow_started', started);
    await tebiki.init({ flows });
    tebiki.destroy();
    history.pushState(null, '', '/dashboard');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).not.toHaveBeenCalled();
    expect(document.querySelector('tebiki-root')).toBeNull();
  });

  it('starts afresh on init() after destroy()', async () => {
    const tebiki = setup();
    await tebiki.init({ flows });
    await waitForPopover();
    tebiki.destroy();
    await vi.waitFor(() => expect(popover()).toBeNull());
    await tebiki.init({ flows });
    await waitForPopover();
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('init() was called again'));
  });

  it('does not call listeners registered before destroy() after a new init()', async () => {
    const tebiki = setup();
    const started = vi.fn();
    tebiki.on('flow_started', started);
    await tebiki.init({ flows });
    expect(started).toHaveBeenCalledTimes(1);
    tebiki.destroy();
    await tebiki.init({ flows });
    await waitForPopover();
    expect(started).toHaveBeenCalledTimes(1);
  });

  it('does not come up when destroy() is called while init() is still loading', async () => {
    const tebiki = setup();
    const starting = tebiki.init({ flows });
    tebiki.destroy();
    await starting;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.querySelector('tebiki-root')).toBeNull();
  });
});
