import { expect, type Page, test } from '@playwright/test';
import type { FlowsDocument } from '../../packages/schema/src/index.ts';
import { trackLiveResources } from '../fixtures/live-resources.ts';
import { INIT, ORIGIN, serveSite } from '../fixtures/site.ts';
import { TourModel } from '../models/tour.model.ts';

const step = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Step ${id}`,
  ...extra,
});

const tourOn = (url: string, steps: unknown[], extra: Record<string, unknown> = {}) =>
  ({
    version: 1,
    flows: [{ id: 'tour', type: 'tour', trigger: { url }, steps, ...extra }],
  }) as FlowsDocument;

/** Lifecycle events as on() listeners saw them in the page. */
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
const RECORD = `window.seen = [];
['flow_started','step_viewed','step_completed','flow_completed','flow_dismissed','milestone_reached','aha_reached','target_missing','error']
  .forEach(function (n) { tebiki.on(n, function (p) { window.seen.push(n + (p.stepId ? ':' + p.stepId : p.milestoneId ? ':' + p.milestoneId : '')); }); });`;

test('starts a tour when a single-page app navigates with history.pushState, and on back', async ({
  page,
}) => {
  await serveSite(page, {
    pages: { '/home': '<a id="go" href="/projects">Projects</a>' },
    flows: tourOn('/projects', [step('a')], { frequency: 'always' }),
    script: `${INIT}
      document.addEventListener('click', function (e) {
        if (e.target.id !== 'go') return;
        e.preventDefault();
        history.pushState({}, '', '/projects');
      });`,
  });
  const tour = new TourModel(page);
  await page.goto(`${ORIGIN}/home`);
  await page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  await expect(tour.popover).toHaveCount(0);
  await page.click('#go');
  await expect(tour.step('a')).toBeVisible();
  await expect(page).toHaveURL(`${ORIGIN}/projects`);
  await tour.next.click();
  await expect(tour.popover).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(`${ORIGIN}/home`);
  await page.goForward();
  await expect(tour.step('a')).toBeVisible();
});

test('starts a tour when its trigger element appears, anchored to it', async ({ page }) => {
  await serveSite(page, {
    pages: { '/app': '<button id="reveal">Reveal</button><main id="main"></main>' },
    flows: {
      version: 1,
      flows: [
        {
          id: 'tour',
          type: 'tour',
          trigger: { url: '/app', element: '#late' },
          steps: [step('a', { target: '#late' })],
        },
      ],
    },
    script: `${INIT}
      document.addEventListener('click', function (e) {
        if (e.target.id !== 'reveal') return;
        var b = document.createElement('button');
        b.id = 'late'; b.textContent = 'Arrived late';
        document.getElementById('main').appendChild(b);
      });`,
  });
  const tour = new TourModel(page);
  await page.goto(`${ORIGIN}/app`);
  await page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  await page.waitForTimeout(500);
  await expect(tour.popover).toHaveCount(0);
  await page.click('#reveal');
  await expect(tour.step('a')).toBeVisible();
  const target = (await page.locator('#late').boundingBox())!;
  const box = (await tour.step('a').boundingBox())!;
  expect(box.y).toBeGreaterThan(target.y + target.height - 1);
});

test('resumes a tour at the same step after a reload, without starting it again', async ({
  page,
}) => {
  await serveSite(page, {
    pages: { '/app': '<button id="x">x</button>' },
    flows: tourOn('/app', [step('a'), step('b'), step('c')]),
    script: `${INIT}${RECORD}`,
  });
  const tour = new TourModel(page);
  await page.goto(`${ORIGIN}/app`);
  await expect(tour.step('a')).toBeVisible();
  await tour.next.click();
  await expect(tour.step('b')).toBeVisible();
  await page.waitForTimeout(200); // let IndexedDB commit, as any user's reload would
  await page.reload();
  await expect(tour.step('b')).toBeVisible();
  expect(await seen(page)).toEqual(['step_viewed:b']);
});

test('replays calls made before the bundle loaded, in order', async ({ page }) => {
  const site = await serveSite(page, {
    pages: { '/app': '<p>app</p>' },
    flows: { version: 1, flows: [] },
    bundleDelayMs: 600,
    script: `tebiki.track('first'); ${INIT} tebiki.identify('u-1', { plan: 'trial' });
      tebiki.track('second'); tebiki.group('acme', { seats: 3 }); tebiki.track('third');`,
  });
  // An async script does not hold DOMContentLoaded: the stub is still queueing here.
  await page.goto(`${ORIGIN}/app`, { waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => Array.isArray((window as { tebiki?: unknown }).tebiki))).toBe(
    true,
  );
  await page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  await page.evaluate(() =>
    (window as unknown as { tebiki: { flush(): Promise<void> } }).tebiki.flush(),
  );
  const types = site.batches.flatMap((b) => b.batch.map((e) => e.event ?? e.type));
  expect(types).toEqual(['first', 'identify', 'second', 'group', 'third']);
  const third = site.batches.flatMap((b) => b.batch).find((e) => e.event === 'third')!;
  expect(third).toMatchObject({ userId: 'u-1', context: { groupId: 'acme' } });
});

test('reports a milestone once when two tabs of the same user reach it together', async ({
  context,
}) => {
  const first = await context.newPage();
  const flows: FlowsDocument = {
    version: 1,
    milestones: [{ id: 'created', aha: true, when: { event: 'project_created' } }],
    flows: [],
  };
  const site = await serveSite(first, {
    pages: { '/app': '<p>app</p>' },
    flows,
    script: `${INIT} tebiki.identify('u-2', { signedUpAt: Date.now() - 60000 });`,
  });
  const second = await context.newPage();
  const ready = (p: Page) =>
    p.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  await Promise.all([first.goto(`${ORIGIN}/app`), second.goto(`${ORIGIN}/app`)]);
  await Promise.all([ready(first), ready(second)]);
  await Promise.all(
    [first, second].map((p) =>
      p.evaluate(() =>
        (window as unknown as { tebiki: { track(e: string): void } }).tebiki.track(
          'project_created',
        ),
      ),
    ),
  );
  const flush = (p: Page) =>
    p.evaluate(() => (window as unknown as { tebiki: { flush(): Promise<void> } }).tebiki.flush());
  await expect
    .poll(async () => {
      await Promise.all([flush(first), flush(second)]);
      return site.events().filter((e) => e === 'project_created').length;
    })
    .toBe(2);
  expect(site.events().filter((e) => e === 'milestone_reached')).toHaveLength(1);
  expect(site.events().filter((e) => e === 'aha_reached')).toHaveLength(1);
  const aha = site.batches.flatMap((b) => b.batch).find((e) => e.event === 'aha_reached')!;
  expect(aha.properties!.ttvMs).toBeGreaterThanOrEqual(60_000);
  const progress = await second.evaluate(() =>
    (window as unknown as { tebiki: { progress(): unknown } }).tebiki.progress(),
  );
  expect(progress).toMatchObject({ milestones: { created: {} }, aha: { reached: true } });
});

test('carries a visitor’s finished tour over to the user they sign in as', async ({ page }) => {
  await serveSite(page, {
    pages: { '/app': '<p>app</p>', '/signed-in': '<p>welcome back</p>' },
    flows: tourOn('/**', [step('a')]),
    script: `${INIT} if (location.pathname === '/signed-in') tebiki.identify('u-3');`,
  });
  const tour = new TourModel(page);
  await page.goto(`${ORIGIN}/app`);
  await expect(tour.step('a')).toBeVisible();
  await tour.next.click();
  await expect(tour.popover).toHaveCount(0);
  await page.waitForTimeout(200);
  await page.goto(`${ORIGIN}/signed-in`);
  await page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  await page.waitForTimeout(300);
  await expect(tour.popover).toHaveCount(0);
});

test('continues a tour on the next page, where its next step lives', async ({ page }) => {
  await serveSite(page, {
    pages: {
      '/a': '<button id="one">One</button><a id="next-page" href="/b">to b</a>',
      '/b': '<button id="two">Two</button>',
    },
    flows: tourOn('/a', [
      step('one', { target: '#one' }),
      step('two', { target: '#two', url: '/b' }),
    ]),
    script: `${INIT}${RECORD}`,
  });
  const tour = new TourModel(page);
  await page.goto(`${ORIGIN}/a`);
  await expect(tour.step('one')).toBeVisible();
  await tour.next.click();
  await expect(tour.popover).toHaveCount(0);
  await page.waitForTimeout(200);
  await page.click('#next-page');
  await expect(tour.step('two')).toBeVisible();
  expect(await seen(page)).toEqual(['step_viewed:two']);
});

test('leaves no listener, observer or timer behind after destroy()', async ({ page }) => {
  const count = await trackLiveResources(page);
  await serveSite(page, {
    pages: { '/app': '<button id="x">x</button>' },
    flows: {
      version: 1,
      milestones: [{ id: 'm', when: { click: '#x' } }],
      flows: [
        {
          id: 'tour',
          type: 'tour',
          trigger: { url: '/app' },
          steps: [step('a', { target: '#x' })],
        },
        {
          id: 'later',
          type: 'tour',
          trigger: { url: '/app', element: '#never' },
          steps: [step('b')],
        },
      ],
    },
  });
  await page.goto(`${ORIGIN}/app`);
  await page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  const before = await count();
  await page.evaluate(() =>
    (window as unknown as { tebiki: { init(o: unknown): Promise<void> } }).tebiki.init({
      endpoint: '/t/batch',
      flows: '/tebiki.json',
    }),
  );
  await expect(new TourModel(page).step('a')).toBeVisible();
  await page.evaluate(() =>
    (window as unknown as { tebiki: { track(e: string): void } }).tebiki.track('x'),
  );
  const during = await count();
  expect(during.listeners + during.observers + during.timers).toBeGreaterThan(
    before.listeners + before.observers + before.timers,
  );
  await page.evaluate(() =>
    (window as unknown as { tebiki: { destroy(): void } }).tebiki.destroy(),
  );
  await page.waitForTimeout(100);
  const after = await count();
  expect(after).toEqual(before);
  await expect(new TourModel(page).popover).toHaveCount(0);
});
