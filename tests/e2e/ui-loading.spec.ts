import { expect, type Page, test } from '@playwright/test';
import { ORIGIN, serveSite } from '../fixtures/site.ts';
import { TourModel } from '../models/tour.model.ts';

/**
 * When the lazily loaded chunks are fetched. The UI (`tebiki-ui.js`): never on
 * a page where nothing is shown; as soon as a tour starts, while its target is
 * still awaited; and right after init() with `preload: true`. The delivery
 * pipeline (`tebiki-beacons.js`): by init() when it has an endpoint, never otherwise.
 */

const tour = (trigger?: Record<string, unknown>) => ({
  version: 1 as const,
  flows: [
    {
      id: 'tour',
      type: 'tour' as const,
      ...(trigger ? { trigger } : {}),
      steps: [{ id: 'a', title: 'Step a', target: '#late', waitMs: 5000 }],
    },
  ],
});

/** Times (ms since the page's navigation) at which the chunk `file` was requested. */
function watchChunk(page: Page, file = 'tebiki-ui.js'): number[] {
  const requested: number[] = [];
  const started = Date.now();
  page.on('request', (request) => {
    if (request.url().endsWith(`/tebiki/${file}`)) requested.push(Date.now() - started);
  });
  return requested;
}

/** The SDK once loaded (the stub replaced). */
type Loaded = Window & {
  tebiki: {
    flush(): Promise<void>;
    start(flowId: string): void;
    track(event: string): void;
    on(name: 'error', fn: (detail: { code: string }) => void): () => void;
  };
};

const ready = (page: Page) =>
  page.waitForFunction(() => {
    const tebiki = (window as { tebiki?: unknown }).tebiki;
    return tebiki && !Array.isArray(tebiki);
  });

test('a page where nothing is shown, without an endpoint, fetches neither chunk', async ({
  page,
}) => {
  await serveSite(page, {
    pages: { '/app': '<main>Nothing to guide here</main>' },
    flows: tour({ url: '/elsewhere' }),
    script: `tebiki.init({ flows: '/tebiki.json', locale: 'en', autoStartGapMs: 0 });`,
  });
  const requested = watchChunk(page);
  const pipeline = watchChunk(page, 'tebiki-beacons.js');
  await page.goto(`${ORIGIN}/app`);
  await ready(page);
  await page.evaluate(() => (window as Loaded).tebiki.flush());
  await page.waitForTimeout(500);
  expect(requested).toEqual([]);
  expect(pipeline).toEqual([]);
  await expect(page.locator('tebiki-root')).toHaveCount(0);
});

test('init() with an endpoint fetches the delivery pipeline once, and events arrive', async ({
  page,
}) => {
  const site = await serveSite(page, {
    pages: { '/app': '<main>Nothing to guide here</main>' },
    flows: tour({ url: '/elsewhere' }),
    script: `tebiki.track('before_load');
tebiki.init({ endpoint: '/t/batch', flows: '/tebiki.json', locale: 'en' });`,
  });
  const pipeline = watchChunk(page, 'tebiki-beacons.js');
  await page.goto(`${ORIGIN}/app`);
  await ready(page);
  await page.evaluate(async () => {
    const { tebiki } = window as Loaded;
    tebiki.track('after_load');
    await tebiki.flush();
  });
  expect(site.events()).toEqual(['before_load', 'after_load']);
  expect(pipeline).toHaveLength(1);
});

test('a delivery pipeline that cannot be fetched is reported, guides still show, and events wait for it', async ({
  page,
}) => {
  const site = await serveSite(page, {
    pages: { '/app': '<button id="late">Late</button>' },
    flows: tour({ url: '/app' }),
    script: `window.errors = [];
tebiki.on('error', (detail) => window.errors.push(detail.code + ': ' + detail.message));
tebiki.init({ endpoint: '/t/batch', flows: '/tebiki.json', locale: 'en' });`,
  });
  await page.route('**/tebiki/tebiki-beacons.js', (route) => route.abort('connectionrefused'));
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${ORIGIN}/app`);
  await expect(new TourModel(page).step('a')).toBeVisible();
  // The message says what failed and where it was looked for.
  const errors = await page.evaluate(() => (window as unknown as { errors: string[] }).errors);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^beacons_load_failed: .*\/tebiki\/tebiki-beacons\.js/);
  expect(pageErrors).toEqual([]);

  // Once the chunk can be fetched, flush() loads it and what was kept meanwhile is sent.
  await page.unroute('**/tebiki/tebiki-beacons.js');
  await page.evaluate(async () => {
    const { tebiki } = window as Loaded;
    tebiki.track('kept');
    await tebiki.flush();
  });
  expect(site.events()).toEqual(['error', 'flow_started', 'step_viewed', 'kept']);
});

test('a started tour fetches the UI while its target is still awaited', async ({ page }) => {
  await serveSite(page, {
    pages: { '/app': '<main id="main"></main>' },
    flows: tour({ url: '/app' }),
    script: `tebiki.init({ flows: '/tebiki.json', locale: 'en', autoStartGapMs: 0 });`,
  });
  const requested = watchChunk(page);
  await page.goto(`${ORIGIN}/app`);
  await ready(page);
  // The tour has started (its target is missing): the chunk is on its way already.
  await expect.poll(() => requested.length).toBe(1);
  await expect(page.locator('tebiki-root')).toHaveCount(0);
  await page.evaluate(() => {
    const late = document.createElement('button');
    late.id = 'late';
    late.textContent = 'Late';
    document.querySelector('#main')!.append(late);
  });
  await expect(new TourModel(page).step('a')).toBeVisible();
  expect(requested).toHaveLength(1);
});

test('preload: true fetches the UI chunk after init(), before anything is shown', async ({
  page,
}) => {
  await serveSite(page, {
    pages: { '/app': '<button id="late">Late</button>' },
    flows: tour(),
    script: `tebiki.init({ flows: '/tebiki.json', locale: 'en', preload: true });`,
  });
  const requested = watchChunk(page);
  await page.goto(`${ORIGIN}/app`);
  await ready(page);
  await expect.poll(() => requested.length).toBe(1);
  // Fetched only: nothing is drawn until a guide shows.
  await expect(page.locator('tebiki-root')).toHaveCount(0);
  await page.evaluate(() => (window as Loaded).tebiki.start('tour'));
  await expect(new TourModel(page).step('a')).toBeVisible();
  expect(requested).toHaveLength(1);
});
