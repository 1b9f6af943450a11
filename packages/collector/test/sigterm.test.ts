import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventStore } from '../src/index.ts';
import { batchOf, trackEvent } from './support/collector-harness.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = join('packages', 'collector', 'src', 'main.ts');
const ADMIN = 'sigterm-admin';
const BATCHES = 60;
const EVENTS_PER_BATCH = 40;
const CONCURRENCY = 8;

interface RunningCollector {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

/** `pnpm collector` as a real process on its own database file. */
async function startProcess(dbPath: string, port = 0): Promise<RunningCollector> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      TEBIKI_DB: dbPath,
      TEBIKI_ADMIN_TOKEN: ADMIN,
      TEBIKI_WRITE_KEYS: 'pk_burst',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the collector did not start in 15 s')),
      15_000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the collector exited early (${code})`)));
  });
  child.stderr!.resume();
  return { child, port: await listening, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client like the SDK's beacon queue: it keeps each batch until a 200, retrying
 * refused connections, cut connections and 503s with a short backoff.
 */
function retryingClient(origin: () => string, batches: Record<string, unknown>[][]) {
  const acknowledged = new Set<string>();
  const statuses: number[] = [];
  let next = 0;
  let stopped = false;

  async function deliver(events: Record<string, unknown>[]): Promise<void> {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const response = await fetch(`${origin()}/v1/batch`, {
          method: 'POST',
          headers: {
            'Content-Type': 'text/plain',
            Authorization: `Basic ${Buffer.from('pk_burst:').toString('base64')}`,
          },
          body: JSON.stringify(batchOf(events)),
        });
        statuses.push(response.status);
        await response.arrayBuffer();
        if (response.status === 200) {
          for (const event of events) acknowledged.add(event.messageId as string);
          return;
        }
      } catch {
        // Refused or cut: the collector is down or going down. Keep the batch, try again.
      }
      await sleep(Math.min(500, 20 * 2 ** Math.min(attempt, 5)));
    }
  }

  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (!stopped && next < batches.length) await deliver(batches[next++]!);
  });
  return {
    acknowledged,
    statuses,
    done: Promise.all(workers),
    stop() {
      stopped = true;
    },
  };
}

describe('SIGTERM during a burst', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tebiki-sigterm-'));
  });
  afterEach(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged event, and the retrying client delivers the rest exactly once after a restart', async () => {
    const dbPath = join(dir, 'events.db');
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: EVENTS_PER_BATCH }, (_, e) =>
        trackEvent({ messageId: `burst-${b}-${e}`, userId: `user-${e % 7}` }),
      ),
    );

    const first = await startProcess(dbPath);
    children.push(first.child);
    let port = first.port;
    const client = retryingClient(() => `http://127.0.0.1:${port}`, batches);

    // Let the burst get going, then stop the collector in the middle of it.
    while (client.acknowledged.size < 10 * EVENTS_PER_BATCH) await sleep(5);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const acknowledgedBeforeExit = [...client.acknowledged];
    expect(acknowledgedBeforeExit.length).toBeLessThan(BATCHES * EVENTS_PER_BATCH);
    const afterExit = createEventStore(dbPath);
    const stored = new Set(afterExit.recentEvents(100_000).map((event) => event.messageId));
    afterExit.close();
    // Every 200 the client saw is on disk; anything else stored was committed before the cut.
    expect(acknowledgedBeforeExit.filter((id) => !stored.has(id))).toEqual([]);

    // The same collector comes back on the same port; the client's retries now get through.
    const second = await startProcess(dbPath, port);
    children.push(second.child);
    port = second.port;
    await Promise.race([
      client.done,
      sleep(20_000).then(() => {
        client.stop();
        throw new Error('the client could not deliver every batch within 20 s');
      }),
    ]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const reopened = createEventStore(dbPath);
    const all = reopened.recentEvents(100_000).map((event) => event.messageId);
    expect(all).toHaveLength(BATCHES * EVENTS_PER_BATCH);
    expect(new Set(all).size).toBe(all.length);
    expect(reopened.totals().events).toBe(BATCHES * EVENTS_PER_BATCH);
    reopened.close();
  }, 60_000);
});
