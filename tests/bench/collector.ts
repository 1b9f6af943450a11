// Benchmark of the reference collector (`pnpm bench:collector`). Prints numbers; it is not a
// test and has no budget. Two parts:
//
//  1. Ingest on loopback: the collector runs as its own process (`node --import tsx
//     packages/collector/src/main.ts`, a fresh database file), and a bounded load generator
//     POSTs N batches of B events with C requests in flight, then stops. Reported: events/s
//     stored, request latency p50 / p99, and the collector's resident memory (RSS) before, at
//     the end, and at its peak.
//  2. Dashboard queries on a large store: events are written straight through the store (one
//     transaction per 5,000) until it holds `--events` (default 1,000,000), then the full
//     dashboard metrics (`/api/metrics`) are computed several times, in process and over HTTP.
//
// Options: --batches 2000 --batch-size 50 --concurrency 16 --events 1000000 --runs 7
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  type CollectedEvent,
  createCollector,
  createEventStore,
  type EventStore,
} from '../../packages/collector/src/index.ts';
import { generateHistory } from '../../packages/collector/src/synthetic-history.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITE_KEY = 'pk_bench';
const ADMIN = 'bench-admin';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '2000' },
    'batch-size': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '16' },
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
  },
});
const BATCHES = Number(values.batches);
const BATCH_SIZE = Number(values['batch-size']);
const CONCURRENCY = Number(values.concurrency);
const LARGE_EVENTS = Number(values.events);
const RUNS = Number(values.runs);

const dir = mkdtempSync(join(tmpdir(), 'tebiki-bench-'));
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function mb(kib: number): string {
  return `${(kib / 1024).toFixed(0)} MB`;
}

/** VmRSS and VmHWM (peak) of a process, in KiB, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const read = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: read('VmRSS'), peak: read('VmHWM') };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/** Realistic Tebiki events (tours, milestones, page views), as many as asked for. */
function* realisticEvents(seed: number): Generator<CollectedEvent> {
  for (let round = 0; ; round++) {
    const accounts = generateHistory({
      seed: seed + round,
      accounts: 50,
      accountOffset: round * 50,
    });
    for (const account of accounts) yield* account;
  }
}

function take(events: Generator<CollectedEvent>, count: number): CollectedEvent[] {
  // next() rather than for…of: breaking out of a for…of would close the generator.
  const out: CollectedEvent[] = [];
  while (out.length < count) {
    const { value, done } = events.next();
    if (done) break;
    out.push(value);
  }
  return out;
}

async function startCollectorProcess(dbPath: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('packages', 'collector', 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        TEBIKI_DB: dbPath,
        TEBIKI_WRITE_KEYS: WRITE_KEY,
        TEBIKI_ADMIN_TOKEN: ADMIN,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the collector exited (${code})`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

// ------------------------------------------------------------------ 1. ingest

async function benchIngest() {
  const events = take(realisticEvents(1), BATCHES * BATCH_SIZE);
  const bodies: string[] = [];
  for (let i = 0; i < BATCHES; i++) {
    const batch = events.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE);
    bodies.push(JSON.stringify({ batch, sentAt: new Date().toISOString() }));
  }
  const averageBody = bodies.reduce((sum, body) => sum + body.length, 0) / bodies.length;

  const { child, origin } = await startCollectorProcess(join(dir, 'ingest.db'));
  const before = memoryOf(child.pid!);
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const latencies: number[] = [];
  let stored = 0;
  let failed = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sent = performance.now();
        const response = await fetch(`${origin}/v1/batch`, {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'text/plain' },
          body,
        });
        const answer = (await response.json()) as { stored?: number };
        latencies.push(performance.now() - sent);
        if (response.status === 200) stored += answer.stored ?? 0;
        else failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = memoryOf(child.pid!);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  latencies.sort((a, b) => a - b);
  return {
    stored,
    failed,
    seconds,
    eventsPerSecond: stored / seconds,
    batchesPerSecond: BATCHES / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1]!,
    averageBody,
    before,
    after,
  };
}

// ------------------------------------------------------------------ 2. queries at 1M

async function benchQueries() {
  const dbPath = join(dir, 'large.db');
  const store: EventStore = createEventStore(dbPath);
  const source = realisticEvents(1000);
  const started = performance.now();
  let total = 0;
  const chunk = 5000;
  while (total < LARGE_EVENTS) {
    const events = take(source, Math.min(chunk, LARGE_EVENTS - total));
    total += store.insertBatch(events, new Date().toISOString(), 'bench').stored;
  }
  const writeSeconds = (performance.now() - started) / 1000;
  const totals = store.totals();

  const timings: number[] = [];
  let metrics = store.metrics({ days: 90 });
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    metrics = store.metrics({ days: 90 });
    timings.push(performance.now() - t0);
  }
  timings.sort((a, b) => a - b);

  const sections: [string, () => unknown][] = [
    ['ttv', () => store.ttv({ days: 90 })],
    ['aha rate', () => store.ahaRate({ days: 90 })],
    ['milestone funnel', () => store.milestoneFunnel({ days: 90 })],
    ['flow step funnels', () => store.flowFunnels({ days: 90 })],
    ['checklists', () => store.checklists({ days: 90 })],
    ['account health', () => store.accounts({ days: 90 })],
    ['totals', () => store.totals()],
  ];
  const sectionTimes = sections.map(([name, run]) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return [name, percentile(times, 0.5)] as const;
  });

  // The same over HTTP, JSON included, as the dashboard asks for it every 10 s.
  const collector = createCollector({
    store,
    adminToken: ADMIN,
    log: { info() {}, warn() {}, error: console.error },
  });
  await new Promise<void>((resolve) => collector.server.listen(0, '127.0.0.1', resolve));
  const { port } = collector.server.address() as AddressInfo;
  const http: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/metrics?days=90`, {
      headers: { Authorization: `Bearer ${ADMIN}` },
    });
    bytes = (await response.arrayBuffer()).byteLength;
    http.push(performance.now() - t0);
  }
  http.sort((a, b) => a - b);
  await collector.close();
  const size = ['', '-wal'].reduce((sum, suffix) => {
    try {
      return sum + statSync(dbPath + suffix).size;
    } catch {
      return sum;
    }
  }, 0);
  return {
    total,
    totals,
    writeSeconds,
    metricsP50: percentile(timings, 0.5),
    metricsMin: timings[0]!,
    metricsMax: timings[timings.length - 1]!,
    httpP50: percentile(http, 0.5),
    bytes,
    size,
    sectionTimes,
    people: metrics.users,
    accounts: metrics.accounts,
  };
}

// ------------------------------------------------------------------ report

const cpu = cpus();
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `ingest: ${BATCHES} batches × ${BATCH_SIZE} events, ${CONCURRENCY} in flight, loopback…`,
);
const loadBefore = loadavg()[0]!;
const ingest = await benchIngest();
console.log(`queries: writing ${LARGE_EVENTS.toLocaleString('en')} events through the store…`);
const queries = await benchQueries();

const rows: [string, string][] = [
  ['load average (1 min) before / after', `${loadBefore.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}`],
  [
    'ingest: events stored',
    `${ingest.stored.toLocaleString('en')} (${ingest.failed} failed requests)`,
  ],
  ['ingest: average batch body', `${(ingest.averageBody / 1024).toFixed(1)} KB`],
  ['ingest: events/s', Math.round(ingest.eventsPerSecond).toLocaleString('en')],
  ['ingest: batches/s', Math.round(ingest.batchesPerSecond).toLocaleString('en')],
  ['ingest: latency p50', `${ingest.p50.toFixed(1)} ms`],
  ['ingest: latency p99', `${ingest.p99.toFixed(1)} ms`],
  ['ingest: latency max', `${ingest.max.toFixed(1)} ms`],
  ['collector RSS idle → after load', `${mb(ingest.before.rss)} → ${mb(ingest.after.rss)}`],
  ['collector RSS peak', mb(ingest.after.peak)],
  [
    'store: write 1M events (5,000 per transaction)',
    `${queries.writeSeconds.toFixed(1)} s (${Math.round(queries.total / queries.writeSeconds).toLocaleString('en')} events/s)`,
  ],
  ['store: database size', `${(queries.size / 2 ** 20).toFixed(0)} MB`],
  [
    'store: users / accounts',
    `${queries.people.toLocaleString('en')} / ${queries.accounts.toLocaleString('en')}`,
  ],
  [
    'dashboard metrics, 90 days (p50, min–max)',
    `${queries.metricsP50.toFixed(0)} ms (${queries.metricsMin.toFixed(0)}–${queries.metricsMax.toFixed(0)} ms)`,
  ],
  ...queries.sectionTimes.map(
    ([name, ms]) => [`  of which ${name}`, `${ms.toFixed(1)} ms`] as [string, string],
  ),
  [
    'GET /api/metrics over HTTP (p50)',
    `${queries.httpP50.toFixed(0)} ms, ${(queries.bytes / 1024).toFixed(0)} KB JSON`,
  ],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`\n| ${'measure'.padEnd(width)} | result |`);
console.log(`| ${'-'.repeat(width)} | ------ |`);
for (const [name, result] of rows) console.log(`| ${name.padEnd(width)} | ${result} |`);
process.exit(0);
