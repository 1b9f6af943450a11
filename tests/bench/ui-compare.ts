// Benchmark: Tebiki's tour UI side by side with driver.js and Shepherd, in one
// Chromium run, on the same page (tests/bench/ui-compare/app-page.ts) and the
// same 10-step tour. Prints a table; exits non-zero only when a library fails
// to run at all. Method and reading: docs/performance.md, "Tours: Tebiki,
// driver.js and Shepherd".
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { gzipSync } from 'node:zlib';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { launchOptions } from '../../playwright.config.ts';
import { benchPage, SCROLL, STEPS } from './ui-compare/app-page.ts';
import { LIBRARIES, type Library, PAGE_ALONE } from './ui-compare/libraries.ts';

/** Fresh pages per library for each timing. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
/** Fresh pages per library for the memory measure: its numbers hardly vary from page to page. */
const MEMORY_RUNS = 1;
/** `BENCH_ONLY=scroll` measures the feed scroll alone (the other rows print n/a); unset runs everything. */
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'scroll') throw new Error(`BENCH_ONLY: unknown '${ONLY}'`);
/**
 * `BENCH_MOTION=allow` runs with motion allowed, as most users have it; unset
 * emulates prefers-reduced-motion, so no library's entrance animation is timed.
 */
const MOTION = process.env.BENCH_MOTION === 'allow';
if (process.env.BENCH_MOTION !== undefined && !MOTION)
  throw new Error(`BENCH_MOTION: unknown '${process.env.BENCH_MOTION}'`);
/** Start/finish cycles before the memory is read, then as many again to tell warm-up from growth. */
const CYCLES = 50;
const ORIGIN = 'http://bench.test';
const HELPERS = new URL('./ui-compare/', import.meta.url);

interface Shown {
  ms: number | null;
  frames?: number;
  watched: number;
  error?: string;
}
interface Attachment {
  state: 'attached' | 'detached' | 'hidden';
  side?: 'top' | 'bottom';
  gap?: number;
}

/** Everything measured for one library, over every run. */
interface Results {
  library: Library;
  start: number[];
  startMain: number[];
  startFrames: number[];
  transition: number[];
  transitionMain: number[];
  /** Per step index, each run's attachment once the step is positioned. */
  attachment: Attachment[][];
  scrollWork: number[];
  scrollParts: { script: number; layout: number; style: number }[];
  scrollTask: number[];
  afterScroll: Attachment[];
  warmStart: number[];
  heap: number[];
  nodes: number[];
  elements: number[];
  /** Heap growth per cycle over the second CYCLES cycles, in bytes. */
  heapPerCycle: number[];
  nodesPerCycle: number[];
  failures: string[];
  pageErrors: Set<string>;
  unexpected: Set<string>;
}

const newResults = (library: Library): Results => ({
  library,
  start: [],
  startMain: [],
  startFrames: [],
  transition: [],
  transitionMain: [],
  attachment: STEPS.map(() => []),
  scrollWork: [],
  scrollParts: [],
  scrollTask: [],
  afterScroll: [],
  warmStart: [],
  heap: [],
  nodes: [],
  elements: [],
  heapPerCycle: [],
  nodesPerCycle: [],
  failures: [],
  pageErrors: new Set(),
  unexpected: new Set(),
});

// Read once, so no run pays for the disk.
const bodies = new Map<string, Buffer>();
const read = (path: URL) => {
  const key = path.href;
  if (!bodies.has(key)) bodies.set(key, readFileSync(path));
  return bodies.get(key)!;
};
const STEPS_SCRIPT = `window.benchSteps = ${JSON.stringify(STEPS)};`;

const html = (library: Library) => benchPage(library.head, library.adapter);

interface BenchPage {
  page: Page;
  cdp: CDPSession;
  metrics(): Promise<Record<string, number>>;
  /** Main-thread task time so far, in ms. */
  taskMs(): Promise<number>;
  close(): Promise<void>;
}

/** A fresh context and page with `library` loaded and set up, and a CDP session on it. */
async function openPage(browser: Browser, results: Results): Promise<BenchPage> {
  const { library } = results;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: MOTION ? 'no-preference' : 'reduce' });
  page.on('pageerror', (error) => results.pageErrors.add(error.message));
  const files = new Map(library.files.map((f) => [f.url, f.path]));
  const helpers = new Set(['probe.js', library.adapter]);
  await context.route(`${ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    const path = files.get(pathname);
    if (path) {
      const contentType = pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
      return route.fulfill({ contentType, body: read(path) });
    }
    if (pathname === '/bench/steps.js')
      return route.fulfill({ contentType: 'text/javascript', body: STEPS_SCRIPT });
    const helper = pathname.slice('/bench/'.length);
    if (pathname.startsWith('/bench/') && helpers.has(helper))
      return route.fulfill({
        contentType: 'text/javascript',
        body: read(new URL(helper, HELPERS)),
      });
    if (pathname === '/') return route.fulfill({ contentType: 'text/html', body: html(library) });
    results.unexpected.add(`${route.request().method()} ${pathname}`);
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/`);
  await page.evaluate('window.benchLib.setup()');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  return {
    page,
    cdp,
    metrics,
    taskMs: async () => ((await metrics()).TaskDuration ?? 0) * 1000,
    close: () => context.close(),
  };
}

/**
 * What the probe's frame loop costs the main thread, as `fixed + perFrame ×
 * frames` (an evaluate() round trip plus a cheap check per frame); subtracted
 * from each show() so "main thread" is the library's share.
 */
async function calibrate(bench: BenchPage) {
  const cost = async (frames: number) => {
    const before = await bench.taskMs();
    await bench.page.evaluate(`bench.idle(${frames})`);
    return (await bench.taskMs()) - before;
  };
  await cost(2); // the first evaluate() on a page costs more than the rest
  const short = ((await cost(4)) + (await cost(4))) / 2;
  const long = ((await cost(16)) + (await cost(16))) / 2;
  const perFrame = Math.max(0, (long - short) / 12);
  return { fixed: Math.max(0, short - 4 * perFrame), perFrame };
}

async function show(
  bench: BenchPage,
  action: 'start' | 'next',
  index: number,
  calibration?: { fixed: number; perFrame: number },
) {
  const before = await bench.taskMs();
  const shown = (await bench.page.evaluate(
    `bench.show(${JSON.stringify(action)}, ${JSON.stringify(STEPS[index]!.title)})`,
  )) as Shown;
  const task = (await bench.taskMs()) - before;
  if (shown.ms === null) throw new Error(`${action} → step ${index + 1}: ${shown.error}`);
  const main = calibration
    ? Math.max(0, task - calibration.fixed - calibration.perFrame * shown.watched)
    : Number.NaN;
  return { ms: shown.ms, frames: shown.frames ?? 0, main };
}

const attachment = (bench: BenchPage, index: number) =>
  bench.page.evaluate(
    `bench.attachment(${JSON.stringify(STEPS[index]!.target)}, ${JSON.stringify(STEPS[index]!.title)})`,
  ) as Promise<Attachment>;

/** One fresh page: start, then next() through all ten steps. */
async function walk(browser: Browser, results: Results) {
  const bench = await openPage(browser, results);
  try {
    const calibration = await calibrate(bench);
    const first = await show(bench, 'start', 0, calibration);
    results.start.push(first.ms);
    results.startMain.push(first.main);
    results.startFrames.push(first.frames);
    results.attachment[0]!.push(await attachment(bench, 0));
    for (let i = 1; i < STEPS.length; i++) {
      const step = await show(bench, 'next', i, calibration);
      results.transition.push(step.ms);
      results.transitionMain.push(step.main);
      results.attachment[i]!.push(await attachment(bench, i));
    }
  } finally {
    await bench.close();
  }
}

/** Per-frame main-thread work while the feed scrolls, with the feed's step open (none for the page alone). */
async function scroll(browser: Browser, results: Results) {
  const bench = await openPage(browser, results);
  try {
    const alone = results.library === PAGE_ALONE;
    if (!alone) {
      await show(bench, 'start', 0);
      for (let i = 1; i <= SCROLL.stepIndex; i++) await show(bench, 'next', i);
    }
    const before = await bench.metrics();
    await bench.page.evaluate(
      `bench.scroll(${JSON.stringify(SCROLL.container)}, ${SCROLL.pxPerFrame}, ${SCROLL.frames})`,
    );
    const after = await bench.metrics();
    const delta = (name: string) =>
      (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / SCROLL.frames;
    const parts = {
      script: delta('ScriptDuration'),
      layout: delta('LayoutDuration'),
      style: delta('RecalcStyleDuration'),
    };
    results.scrollParts.push(parts);
    results.scrollWork.push(parts.script + parts.layout + parts.style);
    results.scrollTask.push(delta('TaskDuration'));
    if (!alone) results.afterScroll.push(await attachment(bench, SCROLL.stepIndex));
  } finally {
    await bench.close();
  }
}

/**
 * Heap, DOM nodes and elements after CYCLES start/finish cycles, less before
 * (read after one warm-up cycle, so the lazily loaded UI is not counted);
 * then CYCLES more, whose growth per cycle tells a leak from one-time warm-up.
 */
async function memory(browser: Browser, results: Results) {
  const bench = await openPage(browser, results);
  const title = JSON.stringify(STEPS[0]!.title);
  const settle = async () => {
    for (let i = 0; i < 2; i++) await bench.cdp.send('HeapProfiler.collectGarbage');
    const metrics = await bench.metrics();
    const elements = (await bench.page.evaluate('bench.elements()')) as number;
    return { heap: metrics.JSHeapUsedSize ?? 0, nodes: metrics.Nodes ?? 0, elements };
  };
  try {
    const warmUp = (await bench.page.evaluate(`bench.cycles(1, ${title})`)) as { error?: string };
    if (warmUp.error) throw new Error(`warm-up cycle: ${warmUp.error}`);
    const before = await settle();
    const cycles = async () => {
      const run = (await bench.page.evaluate(`bench.cycles(${CYCLES}, ${title})`)) as {
        ms: number[];
        error?: string;
      };
      if (run.error) throw new Error(`cycle ${run.ms.length + 1}: ${run.error}`);
      results.warmStart.push(...run.ms);
      return settle();
    };
    const after = await cycles();
    results.heap.push(after.heap - before.heap);
    results.nodes.push(after.nodes - before.nodes);
    results.elements.push(after.elements - before.elements);
    const later = await cycles();
    results.heapPerCycle.push((later.heap - after.heap) / CYCLES);
    results.nodesPerCycle.push((later.nodes - after.nodes) / CYCLES);
  } finally {
    await bench.close();
  }
}

async function attempt(results: Results, what: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    results.failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
/** Each library first in turn, so no library always runs on the warmest (or coldest) machine. */
const rotated = <T>(list: T[], by: number) => list.map((_, i) => list[(i + by) % list.length]!);
const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

function bundleSize(library: Library) {
  const files = library.files.filter((f) => f.counted);
  const sizes = files.map((f) => {
    const body = read(f.path);
    return { url: f.url, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  return { files: sizes, gzip: sizes.reduce((sum, f) => sum + f.gzip, 0) };
}

// ---------------------------------------------------------------------------

const started = performance.now();
const browser = await chromium.launch(launchOptions);
const chromiumVersion = browser.version();
const all = LIBRARIES.map(newResults);
const alone = newResults(PAGE_ALONE);
try {
  for (let run = 0; run < RUNS; run++) {
    for (const results of rotated(all, run)) {
      if (!ONLY) await attempt(results, `run ${run + 1}, walk`, () => walk(browser, results));
      await attempt(results, `run ${run + 1}, scroll`, () => scroll(browser, results));
    }
    await attempt(alone, `run ${run + 1}, scroll`, () => scroll(browser, alone));
  }
  for (let run = 0; run < (ONLY ? 0 : MEMORY_RUNS); run++) {
    for (const results of rotated(all, run))
      await attempt(results, `memory run ${run + 1}`, () => memory(browser, results));
  }
} finally {
  await browser.close();
}

const sizes = all.map((r) => bundleSize(r.library));
const follows = (list: Attachment[]) => {
  const attached = list.filter((a) => a.state === 'attached').length;
  return `${attached}/${list.length}`;
};
const rows: [string, ...string[]][] = [
  ['bundle a tour page loads, min+gzip (kB)', ...sizes.map((s) => fixed(s.gzip / 1000, 1))],
  ['start() → first popover positioned (ms)', ...all.map((r) => fixed(median(r.start), 1))],
  ['  frames to first positioned frame', ...all.map((r) => fixed(median(r.startFrames), 0))],
  ['  main-thread time of start() (ms)', ...all.map((r) => fixed(median(r.startMain), 1))],
  ['next() → next popover positioned (ms)', ...all.map((r) => fixed(median(r.transition), 1))],
  ['  main-thread time of next() (ms)', ...all.map((r) => fixed(median(r.transitionMain), 1))],
  [
    `start() again, warm page (ms, ${2 * CYCLES} cycles)`,
    ...all.map((r) => fixed(median(r.warmStart), 1)),
  ],
  [
    `feed scroll: script+layout+style / frame (ms)`,
    ...all.map((r) => fixed(median(r.scrollWork), 3)),
  ],
  [
    '  script / layout / style (ms)',
    ...all.map((r) =>
      (['script', 'layout', 'style'] as const)
        .map((part) => fixed(median(r.scrollParts.map((p) => p[part])), 2))
        .join(' / '),
    ),
  ],
  ['  all main-thread tasks / frame (ms)', ...all.map((r) => fixed(median(r.scrollTask), 3))],
  ['  popover still attached after scroll', ...all.map((r) => follows(r.afterScroll))],
  ['steps positioned attached to target', ...all.map((r) => follows(r.attachment.flat()))],
  [`JS heap after ${CYCLES} cycles, Δ (kB)`, ...all.map((r) => fixed(median(r.heap) / 1000, 1))],
  [`DOM nodes after ${CYCLES} cycles, Δ (CDP Nodes)`, ...all.map((r) => fixed(median(r.nodes), 0))],
  ['  elements incl. shadow roots, Δ', ...all.map((r) => fixed(median(r.elements), 0))],
  [
    `  then, per cycle: heap (B) / DOM nodes`,
    ...all.map((r) => `${fixed(median(r.heapPerCycle), 0)} / ${fixed(median(r.nodesPerCycle), 1)}`),
  ],
];

const width = Math.max(...rows.map((row) => row[0].length));
const header = ['', ...all.map((r) => `${r.library.name} ${r.library.version}`)];
const colWidth =
  Math.max(12, ...[header, ...rows].flatMap((row) => row.slice(1).map((c) => c.length))) + 2;
const line = (cells: string[]) =>
  cells[0]!.padEnd(width) +
  cells
    .slice(1)
    .map((c) => c.padStart(colWidth))
    .join('');
console.log(
  `Tours side by side: ${STEPS.length}-step tour, ${RUNS} fresh pages per library and timing (medians), ` +
    `${MEMORY_RUNS} for memory; ${MOTION ? 'motion allowed' : 'reduced motion'}; ` +
    `Chromium ${chromiumVersion}, ${availableParallelism()} cores`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(
  `\nThe page alone, feed scroll: script+layout+style ${fixed(median(alone.scrollWork), 3)} ms/frame, ` +
    `all tasks ${fixed(median(alone.scrollTask), 3)} ms/frame (included in each library's figure above).`,
);
console.log(
  `Transitions: median of ${all[0]!.transition.length || 9 * RUNS} per library (9 per page).`,
);
console.log('Bundle files (gzip -9 of the file as shipped):');
for (const [i, size] of sizes.entries())
  console.log(
    `  ${all[i]!.library.name}: ${size.files
      .map((f) => `${f.url.split('/').pop()} ${f.raw} B → ${f.gzip} B`)
      .join(', ')}`,
  );

for (const results of all) {
  const notes: string[] = [];
  const misses = (where: string, list: Attachment[]) => {
    const off = list.filter((a) => a.state !== 'attached');
    if (!off.length) return;
    const kinds = new Map<string, number>();
    for (const a of off) {
      const kind = a.state === 'hidden' ? 'hidden' : `${a.side} gap ${a.gap} px`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const detail = [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
    notes.push(`${where}: not attached in ${off.length}/${list.length} runs (${detail})`);
  };
  for (const [i, list] of results.attachment.entries())
    misses(`step ${i + 1} (${STEPS[i]!.target})`, list);
  misses('after the feed scrolled', results.afterScroll);
  for (const failure of results.failures) notes.push(`failed: ${failure}`);
  for (const message of results.pageErrors) notes.push(`page error: ${message}`);
  if (results.unexpected.size)
    notes.push(`requests outside the page: ${[...results.unexpected].join(', ')}`);
  if (notes.length) {
    console.log(`${results.library.name}:`);
    for (const note of notes) console.log(`  ${note}`);
  }
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);

const broken = all.filter((r) => (ONLY ? r.scrollWork : r.start).length === 0);
if (broken.length) {
  console.error(`did not run at all: ${broken.map((r) => r.library.name).join(', ')}`);
  process.exit(1);
}
