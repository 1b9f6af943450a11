// Benchmark: two builds of Tebiki, A and B, on the tour comparison's page and
// 10-step tour (tests/bench/ui-compare), the builds taking turns on fresh
// pages. Prints the median main-thread time of the first start() and of next()
// for each, and B − A. For changes smaller than the drift between two runs of
// `pnpm bench:ui`, which compares libraries rather than builds.
//
//   pnpm build && cp -r packages/tebiki/dist ../tebiki-before
//   (change something) && pnpm build
//   pnpm bench:ab ../tebiki-before packages/tebiki/dist
//
// BENCH_RUNS pages per build (default 12); BENCH_PRELOAD=0 starts without `preload: true`.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { launchOptions } from '../../playwright.config.ts';
import { benchPage, STEPS } from './ui-compare/app-page.ts';

const [dirA, dirB] = process.argv.slice(2).map((dir) => resolve(dir));
if (!dirA || !dirB) throw new Error('usage: pnpm bench:ab <build A dir> <build B dir>');
for (const dir of [dirA, dirB]) {
  for (const file of ['tebiki.js', 'tebiki-ui.js']) {
    if (!existsSync(`${dir}/${file}`))
      throw new Error(`${dir}: no ${file} (a copy of packages/tebiki/dist)`);
  }
}
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 12));
const PRELOAD = process.env.BENCH_PRELOAD !== '0';
/** next() calls per page: steps 2–6, all in the first viewport. */
const TRANSITIONS = 5;
const ORIGIN = 'http://bench.test';
const HELPERS = new URL('./ui-compare/', import.meta.url);

const html = benchPage(
  `${PRELOAD ? '<script>window.benchPreload = true;</script>' : ''}<script src="/lib/tebiki.js"></script>`,
  'tebiki.adapter.js',
);

interface Build {
  name: string;
  dir: string;
  start: number[];
  next: number[];
}
const builds: Build[] = [
  { name: 'A', dir: dirA, start: [], next: [] },
  { name: 'B', dir: dirB, start: [], next: [] },
];

const browser = await chromium.launch(launchOptions);

/** One fresh page of `build`: the first start(), then next() through steps 2–6. */
async function measure(build: Build): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await context.route(`${ORIGIN}/**`, (route) => {
      const { pathname } = new URL(route.request().url());
      const type = 'text/javascript';
      if (pathname.startsWith('/lib/'))
        return route.fulfill({
          contentType: type,
          body: readFileSync(`${build.dir}/${pathname.slice(5)}`),
        });
      if (pathname === '/bench/steps.js')
        return route.fulfill({
          contentType: type,
          body: `window.benchSteps = ${JSON.stringify(STEPS)};`,
        });
      if (pathname.startsWith('/bench/'))
        return route.fulfill({
          contentType: type,
          body: readFileSync(new URL(pathname.slice(7), HELPERS)),
        });
      return route.fulfill({ contentType: 'text/html', body: html });
    });
    await page.goto(`${ORIGIN}/`);
    await page.evaluate('window.benchLib.setup()');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskMs = async () =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
        ?.value ?? 0) * 1000;
    const timed = async (action: 'start' | 'next', index: number) => {
      const before = await taskMs();
      const shown = (await page.evaluate(
        `bench.show(${JSON.stringify(action)}, ${JSON.stringify(STEPS[index]!.title)})`,
      )) as { ms: number | null; error?: string };
      if (shown.ms === null) throw new Error(`build ${build.name}, ${action}: ${shown.error}`);
      return (await taskMs()) - before;
    };
    // As a user would click "Take the tour": after the page has been idle a moment
    // (with preload, once the chunk is loaded and the UI prepared).
    await page.evaluate('bench.idle(20)');
    build.start.push(await timed('start', 0));
    for (let i = 1; i <= TRANSITIONS; i++) build.next.push(await timed('next', i));
  } finally {
    await context.close();
  }
}

const started = performance.now();
for (let run = 0; run < RUNS; run++) {
  // Each build first in turn, so neither always runs on the warmer machine.
  for (const build of run % 2 ? [...builds].reverse() : builds) await measure(build);
}
const version = browser.version();
await browser.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const row = (label: string, pick: (build: Build) => number[]) => {
  const [a, b] = builds.map((build) => pick(build));
  const cells = [a!, b!].map(
    (values) =>
      `${quantile(values, 0.5).toFixed(2)} (${quantile(values, 0.25).toFixed(2)}–${quantile(values, 0.75).toFixed(2)})`,
  );
  const delta = quantile(b!, 0.5) - quantile(a!, 0.5);
  console.log(
    `${label.padEnd(34)}${cells[0]!.padStart(24)}${cells[1]!.padStart(24)}${`${delta >= 0 ? '+' : ''}${delta.toFixed(2)}`.padStart(10)}`,
  );
};
console.log(
  `Two builds taking turns on ${RUNS} fresh pages each${PRELOAD ? ', preload: true' : ''}; reduced motion; Chromium ${version}`,
);
console.log(`A: ${dirA}\nB: ${dirB}`);
console.log(
  `${'main-thread ms, median (quartiles)'.padEnd(34)}${'A'.padStart(24)}${'B'.padStart(24)}${'B − A'.padStart(10)}`,
);
row('first start() → positioned', (build) => build.start);
row(`next() → positioned (${TRANSITIONS} per page)`, (build) => build.next);
console.log(
  '\nIncludes the probe that watches each frame (the same for both builds); compare the two columns.',
);
console.log(`(${Math.round((performance.now() - started) / 1000)} s)`);
