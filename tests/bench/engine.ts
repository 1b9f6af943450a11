// Benchmark: main-thread cost of loading Tebiki, of init() and of one track() call on a page
// whose flows document has 50 tours and 30 milestones, in real Chromium.
// Prints numbers; exits non-zero only when a number is over its budget.
import { readFileSync } from 'node:fs';
import { type BrowserContext, chromium } from '@playwright/test';
import { launchOptions } from '../../playwright.config.ts';

const BUDGET = { initMs: 50, trackMs: 0.5, loadAndInitMs: 80 };
const RUNS = 7;

const flows = {
  version: 1,
  defaultLocale: 'ja',
  milestones: Array.from({ length: 30 }, (_, i) => ({
    id: `m${i}`,
    aha: i === 29,
    title: { ja: `マイルストーン ${i}`, en: `Milestone ${i}` },
    when: i % 3 === 0 ? { url: `/section-${i}/*` } : { event: `event_${i}` },
  })),
  flows: Array.from({ length: 50 }, (_, i) => ({
    id: `tour-${i}`,
    type: 'tour',
    trigger: { url: `/section-${i}/**` },
    audience: { traits: { plan: { in: ['trial', 'pro'] } }, touch: ['low', 'tech'] },
    steps: Array.from({ length: 4 }, (_, s) => ({
      id: `s${s}`,
      target: `#t-${i}-${s}`,
      title: { ja: `ステップ ${s}`, en: `Step ${s}` },
      body: { ja: '**新規作成**を押してください', en: 'Press **New**' },
    })),
  })),
};

const dist = new URL('../../packages/tebiki/dist/', import.meta.url);
const browser = await chromium.launch(launchOptions);
const initCosts: number[] = [];
const trackCosts: number[] = [];
const loadAndInitCosts: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const withSdk = await pageTaskMsAfterInit(true);
  const alone = await pageTaskMsAfterInit(false);
  loadAndInitCosts.push(withSdk - alone);
}
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await serve(context, true);
  await page.goto('http://bench.test/dashboard');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // All main-thread task time: script, microtasks, IndexedDB callbacks, style
  // and layout; less what an empty evaluate() costs the page.
  const taskMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
  let before = await taskMs();
  await page.evaluate(() => Promise.resolve());
  const overhead = (await taskMs()) - before;
  before = await taskMs();
  await page.evaluate(() =>
    (window as unknown as { tebiki: { init(o: unknown): Promise<void> } }).tebiki.init({
      endpoint: '/t/batch',
      flows: '/tebiki.json',
      locale: 'ja',
    }),
  );
  initCosts.push((await taskMs()) - before - overhead);
  const calls = 200;
  before = await taskMs();
  await page.evaluate((n) => {
    const tebiki = (window as unknown as { tebiki: { track(e: string, p: object): void } }).tebiki;
    for (let i = 0; i < n; i++) tebiki.track(`event_${i % 40}`, { i, plan: 'trial' });
  }, calls);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  trackCosts.push(((await taskMs()) - before - 2 * overhead) / calls);
  await context.close();
}
await browser.close();

/** Serves the bench page (with or without the script tag), the bundles, the flows and the endpoint. */
async function serve(context: BrowserContext, withSdk: boolean): Promise<void> {
  await context.route('http://bench.test/**', (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/t/batch') return route.fulfill({ status: 200, body: '{}' });
    if (pathname === '/tebiki.json') return route.fulfill({ json: flows });
    if (pathname.startsWith('/tebiki/')) {
      return route.fulfill({
        contentType: 'text/javascript',
        body: readFileSync(new URL(pathname.slice(8), dist), 'utf8'),
      });
    }
    const script = withSdk ? '<script src="/tebiki/tebiki.js"></script>' : '';
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>bench</title>${script}<p>app</p>`,
    });
  });
}

/**
 * All main-thread task time of a fresh page from navigation until `init()` has
 * resolved (with the SDK), or until the same point without it: the difference
 * counts loading and compiling `tebiki.js` and its delivery pipeline, too.
 */
async function pageTaskMsAfterInit(withSdk: boolean): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await serve(context, withSdk);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto('http://bench.test/dashboard');
  await page.evaluate(() =>
    (window as unknown as { tebiki?: { init(o: unknown): Promise<void> } }).tebiki?.init({
      endpoint: '/t/batch',
      flows: '/tebiki.json',
      locale: 'ja',
    }),
  );
  const { metrics } = await cdp.send('Performance.getMetrics');
  await context.close();
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: [string, string, string][] = [
  [
    'init(): fetch, validate, restore state (50 tours)',
    `${median(initCosts).toFixed(2)} ms`,
    `${BUDGET.initMs} ms`,
  ],
  [
    'load + init(): from navigation, tebiki.js included',
    `${median(loadAndInitCosts).toFixed(2)} ms`,
    `${BUDGET.loadAndInitMs} ms`,
  ],
  [
    'track(), per call (envelope, queue, milestones)',
    `${median(trackCosts).toFixed(3)} ms`,
    `${BUDGET.trackMs} ms`,
  ],
];
console.log(`main-thread task time, median of ${RUNS} fresh pages in Chromium`);
for (const [name, value, budget] of rows)
  console.log(`${name.padEnd(52)} ${value.padStart(10)}   budget ${budget}`);
if (
  median(initCosts) > BUDGET.initMs ||
  median(trackCosts) > BUDGET.trackMs ||
  median(loadAndInitCosts) > BUDGET.loadAndInitMs
) {
  console.error('over budget');
  process.exit(1);
}
