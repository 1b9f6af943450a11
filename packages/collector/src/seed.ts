import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DB_FILE } from './config.ts';
import { createEventStore } from './store.ts';
import {
  type Catalog,
  catalogFromDocument,
  DEFAULT_SEED,
  generateHistory,
  type HistoryOptions,
} from './synthetic-history.ts';
import type { CollectedEvent, EventStore } from './types.ts';

/** Events per transaction: large enough to amortise the commit, small enough to stay lean. */
export const SEED_CHUNK = 5000;

/** The write key seeded events are stored under, to tell them apart from live ones. */
export const SEED_WRITE_KEY = 'seed';

export interface SeedResult {
  accounts: number;
  events: number;
  ms: number;
}

/**
 * Writes a synthetic onboarding history straight into a store, one transaction per chunk.
 * Each event is stored as received a moment after it happened, so the dashboard's recent
 * events list shows live events above the history.
 */
export function seedStore(store: EventStore, options: HistoryOptions = {}): SeedResult {
  const started = performance.now();
  let pending: CollectedEvent[] = [];
  let events = 0;
  let accounts = 0;
  const flush = () => {
    if (pending.length === 0) return;
    events += store.insertBatch(pending, receivedAfter, SEED_WRITE_KEY).stored;
    pending = [];
  };
  for (const chunk of generateHistory(options)) {
    accounts += 1;
    pending.push(...chunk);
    if (pending.length >= SEED_CHUNK) flush();
  }
  flush();
  return { accounts, events, ms: performance.now() - started };
}

function receivedAfter(event: CollectedEvent): string {
  return new Date(Date.parse(event.timestamp) + 1500).toISOString();
}

const USAGE = `Usage: pnpm seed [options]

Fills the collector database (TEBIKI_DB, default ${DEFAULT_DB_FILE}) with a synthetic
onboarding history: accounts with plans, seats and touch tiers, and their users over
the last days, ending now.

Options:
  --db <file>        database file (default: TEBIKI_DB, else ${DEFAULT_DB_FILE})
  --flows <file>     a flows document whose milestones, tours and checklists to use
                     (default: those of examples/saas-demo/tebiki.json)
  --accounts <n>     number of accounts (default 240)
  --days <n>         length of the history in days (default 60)
  --seed <n>         random seed (default ${DEFAULT_SEED})
  --if-empty         do nothing when the database already holds events
  -h, --help         this text`;

/** `pnpm seed`: returns the process exit code. */
export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  let values: ReturnType<typeof readArgs>;
  try {
    values = readArgs(argv);
  } catch (error) {
    console.error(`[tebiki-seed] ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const numbers: Record<'accounts' | 'days' | 'seed', number | undefined> = {
    accounts: undefined,
    days: undefined,
    seed: undefined,
  };
  for (const name of ['accounts', 'days', 'seed'] as const) {
    const text = values[name];
    if (text === undefined) continue;
    const value = Number(text);
    if (!/^\d+$/.test(text) || (name !== 'seed' && value < 1)) {
      console.error(`[tebiki-seed] --${name}: expected a positive integer, got "${text}"`);
      return 2;
    }
    numbers[name] = value;
  }
  let catalog: Catalog | undefined;
  if (values.flows) {
    try {
      catalog = catalogFromDocument(JSON.parse(readFileSync(values.flows, 'utf8')));
    } catch (error) {
      console.error(`[tebiki-seed] --flows ${values.flows}: ${(error as Error).message}`);
      return 1;
    }
  }

  const dbPath = resolve(values.db ?? (env.TEBIKI_DB?.trim() || DEFAULT_DB_FILE));
  let store: EventStore;
  try {
    store = createEventStore(dbPath);
  } catch (error) {
    console.error(`[tebiki-seed] cannot open ${dbPath}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const existing = store.totals().events;
    if (values['if-empty'] && existing > 0) {
      console.log(`[tebiki-seed] ${dbPath} already holds ${existing} events; not seeding.`);
      return 0;
    }
    const result = seedStore(store, {
      ...(numbers.accounts === undefined ? {} : { accounts: numbers.accounts }),
      ...(numbers.days === undefined ? {} : { days: numbers.days }),
      ...(numbers.seed === undefined ? {} : { seed: numbers.seed }),
      ...(catalog ? { catalog } : {}),
    });
    const totals = store.totals();
    console.log(
      `[tebiki-seed] stored ${result.events} events from ${totals.users} users in ` +
        `${result.accounts} accounts in ${(result.ms / 1000).toFixed(1)} s → ${dbPath}`,
    );
    return 0;
  } catch (error) {
    console.error('[tebiki-seed] seeding failed:', error);
    return 1;
  } finally {
    store.close();
  }
}

function readArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      flows: { type: 'string' },
      accounts: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      'if-empty': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
