// Benchmark of the beacon pipeline in real Chromium (`pnpm bench:beacons`, after `pnpm build`).
// Prints numbers; fails only when something is broken, never on a threshold.
//
//   1. main-thread cost of one track() call (capture, envelope, 32 KB check, queueing);
//   2. capture throughput: track() until every event is written to IndexedDB;
//   3. delivery throughput: a full queue (1,000 events) drained to a local receiver;
//   4. sustained rate: the highest steady track() rate delivered with no drop;
//   5. bytes on the wire per event, for fetch batches and for beacons;
//   6. duplicate rate before dedupe across the fault suite (tests/e2e/beacons-*.spec.ts,
//      run here with BEACON_STATS_DIR set). `--no-faults` skips it.
//
// Chromium: TEBIKI_CHROMIUM, else /usr/bin/chromium when present, else Playwright's own.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import type { PageGlobals } from '../fixtures/beacons/harness.ts';
import { startReceiver } from '../fixtures/beacons/receiver.ts';

const executablePath =
  process.env.TEBIKI_CHROMIUM ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => existsSync(file));

if (!existsSync('packages/tebiki/dist/tebiki.js')) {
  console.error('packages/tebiki/dist/tebiki.js is missing: run `pnpm build` first');
  process.exit(1);
}

const receiver = await startReceiver();
const browser: Browser = await chromium.launch({
  executablePath,
  args: executablePath ? ['--no-sandbox', '--disable-gpu'] : [],
});
const rows: [string, string][] = [];
const row = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`  ${name}: ${value}`);
};
let spaces = 0;

/** A fresh browser context on the test page; `beacons` tunes the pipeline. */
async function open(beacons: Record<string, number> = {}, extra: Record<string, unknown> = {}) {
  const ns = `bench${++spaces}`;
  const space = receiver.space(ns);
  const context = await browser.newContext();
  const page = await context.newPage();
  const options = { endpoint: `/${ns}/v1/batch`, writeKey: 'pk_bench', beacons, ...extra };
  // Through an init script: every page has the same URL, so events have the same size.
  await page.addInitScript((o) => Object.assign(window, { __options: o }), options);
  await page.goto(`${receiver.url}/${ns}/page.html`);
  await page.evaluate(() => (window as unknown as PageGlobals).__ready);
  return { page, space, close: () => context.close() };
}

/** Nothing leaves while measuring capture alone. */
const KEEP = { maxBatchEvents: 1e9, maxBatchBytes: 1e9, flushIntervalMs: 600_000 };

/** The properties of a typical custom event. */
const PROPS = { plan: 'trial', seats: 5, source: 'onboarding-checklist', step: 3 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

/** Microseconds per track() call, in blocks of 50 calls with a pause between blocks. */
async function measureTrack(page: Page): Promise<number[]> {
  return page.evaluate(async (props) => {
    const { tebiki } = window as unknown as PageGlobals;
    const block = 50;
    const samples: number[] = [];
    for (let run = 0; run < 70; run++) {
      const start = performance.now();
      for (let i = 0; i < block; i++) tebiki.track('bench_event', { ...props, i });
      samples.push(((performance.now() - start) * 1000) / block);
      // Let the batched IndexedDB write and the sends run, as between user actions.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return samples.slice(10); // the first runs warm the JIT up
  }, PROPS);
}

async function trackCost(): Promise<void> {
  const withPipeline = await open();
  const cost = await measureTrack(withPipeline.page);
  await withPipeline.close();
  // Same SDK work (envelope, beforeSend), but beforeSend drops every event before the queue.
  const without = await open({}, { drop: true });
  const baseline = await measureTrack(without.page);
  await without.close();
  row('track() main-thread cost, median (whole SDK)', `${median(cost).toFixed(1)} µs/call`);
  row(
    'track() main-thread cost, p95 of 50-call blocks',
    `${percentile(cost, 0.95).toFixed(1)} µs/call`,
  );
  row(
    'of which the beacon pipeline (vs. events dropped by beforeSend)',
    `${(median(cost) - median(baseline)).toFixed(1)} µs/call`,
  );
}

async function captureRate(): Promise<void> {
  const { page, close } = await open(KEEP);
  // No named functions inside evaluate(): tsx would wrap them in a helper the page lacks.
  const eventsPerSecond = await page.evaluate(async (props) => {
    const { tebiki } = window as unknown as PageGlobals;
    const total = 1000; // the queue's cap
    const start = performance.now();
    for (let i = 0; i < total; i += 50) {
      for (let j = 0; j < 50; j++) tebiki.track('bench_event', { ...props, i: i + j });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const deadline = performance.now() + 20_000;
    for (let stored = 0; stored < total && performance.now() < deadline; ) {
      stored = await new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('tebiki-beacons');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const counting = db
            .transaction('events')
            .objectStore('events')
            .count(IDBKeyRange.upperBound('~', true));
          counting.onsuccess = () => {
            db.close();
            resolve(counting.result);
          };
        };
      });
    }
    return total / ((performance.now() - start) / 1000);
  }, PROPS);
  row('capture: track() → IndexedDB', `${Math.round(eventsPerSecond)} events/s`);
  await close();
}

async function drainRate(): Promise<void> {
  const { page, space, close } = await open();
  space.script = () => ({ status: 503, retryAfter: '1' });
  await page.evaluate((props) => {
    const { tebiki } = window as unknown as PageGlobals;
    for (let i = 0; i < 1000; i++) tebiki.track('bench_event', { ...props, i });
  }, PROPS);
  await waitFor(() => space.requests.length > 0, 5000);
  space.script = null;
  const first = space.requests.length;
  const ok = await waitFor(() => space.stored.size >= 1000, 30_000);
  const delivered = space.requests.slice(first);
  const seconds = (delivered.at(-1)!.receivedAt - delivered[0]!.receivedAt) / 1000;
  row(
    'delivery: 1,000 queued events drained',
    ok ? `${Math.round(1000 / seconds)} events/s (${delivered.length} requests)` : 'incomplete',
  );
  await close();
}

async function sustained(): Promise<void> {
  let best = 0;
  for (const rate of [250, 500, 1000, 2000, 4000, 8000]) {
    const { page, space, close } = await open();
    const produced = await page.evaluate(
      async ({ rate, props }) => {
        const { tebiki } = window as unknown as PageGlobals;
        const start = performance.now();
        let sent = 0;
        while (performance.now() - start < 3000) {
          const due = Math.floor(((performance.now() - start) / 1000) * rate);
          for (; sent < due; sent++) tebiki.track('bench_event', { ...props, i: sent });
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return sent;
      },
      { rate, props: PROPS },
    );
    // The last events wait for the 5 s flush interval at most.
    const all = await waitFor(() => space.stored.size >= produced, 8000);
    const dropped = await page.evaluate(() =>
      (window as unknown as PageGlobals).__errors.filter((e) => e.code === 'queue_full'),
    );
    console.log(
      `    ${rate} events/s for 3 s: ${space.stored.size} of ${produced} delivered` +
        `${dropped.length ? `, drops reported: ${dropped.map((e) => e.message).join('; ')}` : ''}`,
    );
    await close();
    if (!all || dropped.length > 0) break;
    best = rate;
  }
  row('sustained: highest steady rate with no drop (tested 250 … 8000)', `${best} events/s`);
}

async function wireBytes(): Promise<void> {
  const { page, space, close } = await open();
  await page.evaluate((props) => {
    const { tebiki } = window as unknown as PageGlobals;
    for (let i = 0; i < 100; i++) tebiki.track('bench_event', { ...props, i });
  }, PROPS);
  await waitFor(() => space.stored.size >= 100, 10_000);
  const batches = space.requests.filter((request) => request.ids.length === 20);
  const body = batches.reduce((sum, r) => sum + r.bytes, 0);
  const headers = batches.reduce((sum, r) => sum + r.headerBytes, 0);
  const events = batches.reduce((sum, r) => sum + r.ids.length, 0);
  row('wire: fetch batch of 20, body', `${Math.round(body / events)} bytes/event`);
  row(
    'wire: fetch batch of 20, body + request headers',
    `${Math.round((body + headers) / events)} bytes/event`,
  );

  const single = await open({ flushIntervalMs: 50 });
  await single.page.evaluate((props) => {
    (window as unknown as PageGlobals).tebiki.track('bench_event', { ...props, i: 0 });
  }, PROPS);
  await waitFor(() => single.space.stored.size >= 1, 5000);
  const [alone] = single.space.requests;
  row(
    'wire: one event alone, body + request headers',
    `${alone!.bytes + alone!.headerBytes} bytes`,
  );
  await single.close();

  const leaving = await open(KEEP);
  await leaving.page.evaluate((props) => {
    const { tebiki } = window as unknown as PageGlobals;
    for (let i = 0; i < 40; i++) tebiki.track('bench_event', { ...props, i });
  }, PROPS);
  await leaving.page.waitForTimeout(50);
  await leaving.page.goto(`${receiver.url}/x/blank.html`);
  await waitFor(() => leaving.space.stored.size >= 40, 5000);
  const beacons = leaving.space.requests.filter((request) => request.beacon);
  const beaconBytes = beacons.reduce((sum, r) => sum + r.bytes + r.headerBytes, 0);
  const beaconEvents = beacons.reduce((sum, r) => sum + r.ids.length, 0);
  row(
    'wire: sendBeacon on pagehide, body + request headers',
    `${Math.round(beaconBytes / beaconEvents)} bytes/event (${beacons.length} beacons for ${beaconEvents} events)`,
  );
  await leaving.close();
  await close();
}

function faultSuiteDuplicates(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'tebiki-beacon-stats-'));
  console.log('  running the fault suite (tests/e2e/beacons-*.spec.ts)…');
  // Its own output directory too: another run cleaning test-results/ must not break this one.
  const output = path.join(dir, 'artifacts');
  const args = ['playwright', 'test', 'tests/e2e/beacons', '--reporter=dot', `--output=${output}`];
  const run = spawnSync('npx', args, {
    env: {
      ...process.env,
      BEACON_STATS_DIR: dir,
      // Ports of their own, so that this can run beside another Playwright run.
      E2E_DEMO_PORT: process.env.E2E_DEMO_PORT ?? '5383',
      E2E_COLLECTOR_PORT: process.env.E2E_COLLECTOR_PORT ?? '8997',
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.status !== 0) console.log(run.stdout.slice(-2000), run.stderr.slice(-2000));
  const stats = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map(
      (file) =>
        JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
          title: string;
          status: string;
          stored: number;
          duplicates: number;
        },
    );
  rmSync(dir, { recursive: true, force: true });
  stats.sort((a, b) => b.duplicates / (b.stored || 1) - a.duplicates / (a.stored || 1));
  console.log('');
  console.log(`  ${'scenario'.padEnd(100)} stored  copies  rate`);
  for (const s of stats) {
    const rate = s.stored ? `${((100 * s.duplicates) / s.stored).toFixed(1)} %` : '-';
    console.log(
      `  ${s.title.slice(0, 100).padEnd(100)} ${String(s.stored).padStart(6)}  ${String(s.duplicates).padStart(6)}  ${rate}${s.status === 'passed' ? '' : `  (${s.status})`}`,
    );
  }
  const stored = stats.reduce((sum, s) => sum + s.stored, 0);
  const duplicates = stats.reduce((sum, s) => sum + s.duplicates, 0);
  const failed = stats.filter((s) => s.status !== 'passed').length;
  console.log('');
  row(
    `duplicates before dedupe, fault suite (${stats.length} scenarios${failed ? `, ${failed} failed` : ''})`,
    `${duplicates} of ${stored} stored events = ${((100 * duplicates) / stored).toFixed(1)} %`,
  );
}

console.log('Beacon pipeline benchmark (Chromium, local receiver)\n');
try {
  await trackCost();
  await captureRate();
  await drainRate();
  await sustained();
  await wireBytes();
} finally {
  await browser.close();
  await receiver.close();
}
if (!process.argv.includes('--no-faults')) faultSuiteDuplicates();

console.log('\n  | metric | value |\n  |---|---|');
for (const [name, value] of rows) console.log(`  | ${name} | ${value} |`);
