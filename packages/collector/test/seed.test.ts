import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEventStore, type EventStore, type Metrics } from '../src/index.ts';
import { main, SEED_WRITE_KEY, seedStore } from '../src/seed.ts';
import { catalogFromDocument, DEMO_CATALOG, generateHistory } from '../src/synthetic-history.ts';

const NOW = Date.parse('2024-06-03T09:00:00Z');
const DAY = 86_400_000;

describe('the synthetic onboarding history', () => {
  let store: EventStore;
  let metrics: Metrics;
  let stored: number;
  beforeAll(() => {
    store = createEventStore(':memory:');
    stored = seedStore(store, { now: NOW }).events;
    metrics = store.metrics({ days: 90, now: NOW });
    // About 100,000 events: a few seconds, more on a busy machine.
  }, 60_000);
  afterAll(() => store.close());

  it('has hundreds of accounts and thousands of users over the last 60 days', () => {
    expect(metrics.accounts).toBe(240);
    expect(metrics.users).toBeGreaterThan(2000);
    expect(metrics.events).toBe(stored);
    const firstWeek = metrics.aha.weekly[0]!.week;
    expect(Date.parse(firstWeek)).toBeGreaterThanOrEqual(NOW - 67 * DAY);
    expect(metrics.health.accounts.every((account) => account.plan && account.touch)).toBe(true);
    expect(new Set(metrics.health.accounts.map((account) => account.touch))).toEqual(
      new Set(['high', 'low', 'tech']),
    );
  });

  it('loses users at every milestone, and fewest at the first', () => {
    const [first, second, third] = metrics.milestones.milestones.map((stage) => stage.share ?? 0);
    expect(metrics.milestones.milestones.map((stage) => stage.milestoneId)).toEqual([
      'project_created',
      'teammate_invited',
      'first_report',
    ]);
    expect(first).toBeGreaterThan(0.6);
    expect(second).toBeLessThan(first!);
    expect(third).toBeLessThan(second!);
    expect(third).toBeGreaterThan(0.15);
  });

  it('drops users at each tour step, by dismissal and by leaving', () => {
    const [intro, done] = metrics.flows[0]!.steps;
    expect(intro!.viewed).toBeGreaterThan(done!.viewed);
    for (const step of [intro!, done!]) {
      expect(step.completed).toBeLessThan(step.viewed);
      expect(step.dismissed).toBeGreaterThan(0);
      expect(step.completed + step.dismissed).toBeLessThan(step.viewed);
    }
  });

  it('reaches Aha! at a plausible pace: days, not minutes or months', () => {
    expect(metrics.ttv.medianMs).toBeGreaterThan(6 * 3_600_000);
    expect(metrics.ttv.medianMs).toBeLessThan(7 * DAY);
    expect(metrics.ttv.p90Ms).toBeGreaterThan(metrics.ttv.medianMs!);
    const within14 = metrics.aha.within[1]!.rate!;
    expect(within14).toBeGreaterThan(0.2);
    expect(within14).toBeLessThan(0.7);
  });

  it('has some red accounts that went quiet, and mostly healthy ones', () => {
    const { red, yellow, green } = metrics.health.bands;
    const total = red + yellow + green;
    expect(red / total).toBeGreaterThan(0.1);
    expect(red / total).toBeLessThan(0.4);
    expect(green).toBeGreaterThan(red);
    const quiet = metrics.health.accounts.filter((account) =>
      account.reasons.some((reason) => reason.code === 'quiet'),
    );
    expect(quiet.length).toBeGreaterThan(10);
    // High-touch accounts have a CS manager: proportionally fewer of them are red.
    const share = (tier: 'high' | 'tech') => {
      const counts = metrics.health.byTouch[tier];
      return counts.red / (counts.red + counts.yellow + counts.green);
    };
    expect(share('high')).toBeLessThan(share('tech'));
  });

  it('ends before now, so live events always come after it', () => {
    const newest = store.recentEvents(1)[0]!;
    expect(Date.parse(newest.timestamp)).toBeLessThan(NOW);
    expect(Date.parse(newest.receivedAt)).toBeLessThan(NOW);
  });
});

describe('generateHistory', () => {
  it('gives the same events for the same seed and time', () => {
    const first = [...generateHistory({ now: NOW, accounts: 5 })];
    const again = [...generateHistory({ now: NOW, accounts: 5 })];
    const other = [...generateHistory({ now: NOW, accounts: 5, seed: 7 })];
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('gives every event a unique UUIDv7 messageId', () => {
    const events = [...generateHistory({ now: NOW, accounts: 20 })].flat();
    const ids = new Set(events.map((event) => event.messageId));
    expect(ids.size).toBe(events.length);
    expect(events[0]!.messageId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('catalogFromDocument', () => {
  it('reads milestones, tours and checklists from a flows document', () => {
    const document = {
      version: 1,
      milestones: [
        { id: 'project_created', when: { event: 'project_created' } },
        { id: 'first_report', aha: true, when: { url: '/reports/*' } },
      ],
      flows: [
        { id: 'welcome', type: 'tour', steps: [{ id: 'start' }, { id: 'done' }] },
        {
          id: 'after-project',
          type: 'tour',
          trigger: { event: 'project_created' },
          steps: [{ id: 'next' }],
        },
        { id: 'list', type: 'checklist', items: [{ milestone: 'project_created' }] },
        { id: 'hint', type: 'hint', target: '#x' },
      ],
    };
    expect(catalogFromDocument(document)).toEqual({
      milestones: [
        { id: 'project_created', aha: false, event: 'project_created' },
        { id: 'first_report', aha: true, path: '/reports/weekly' },
      ],
      tours: [
        { id: 'welcome', steps: ['start', 'done'] },
        { id: 'after-project', steps: ['next'], afterMilestone: 'project_created' },
      ],
      checklists: [{ id: 'list', items: ['project_created'] }],
    });
  });

  it('reads the demo app’s own flows document, Aha! milestone included', () => {
    const path = resolve(import.meta.dirname, '../../../examples/saas-demo/tebiki.json');
    const catalog = catalogFromDocument(JSON.parse(readFileSync(path, 'utf8')));
    expect(catalog.milestones.filter((milestone) => milestone.aha)).toHaveLength(1);
    expect(catalog.tours.map((tour) => tour.id)).toContain('welcome');
    const history = [...generateHistory({ now: NOW, accounts: 10, catalog })].flat();
    expect(history.some((event) => event.event === 'aha_reached')).toBe(true);
  });

  it('falls back to the demo catalog for a document it cannot use', () => {
    expect(catalogFromDocument(null)).toEqual(DEMO_CATALOG);
    expect(catalogFromDocument({ flows: 'nope', milestones: [{ id: 3 }] })).toEqual(DEMO_CATALOG);
  });
});

describe('pnpm seed', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tebiki-seed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds an empty database, then leaves it alone with --if-empty', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const db = join(dir, 'demo.db');
    expect(main(['--db', db, '--accounts', '12', '--if-empty'])).toBe(0);
    const store = createEventStore(db);
    const seeded = store.totals().events;
    store.close();
    expect(seeded).toBeGreaterThan(100);

    expect(main(['--db', db, '--accounts', '12', '--if-empty'])).toBe(0);
    const again = createEventStore(db);
    expect(again.totals().events).toBe(seeded);
    again.close();
    expect(log).toHaveBeenLastCalledWith(expect.stringContaining('not seeding'));
    log.mockRestore();
  });

  it('exits 2 with a message on a bad option', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main(['--accounts', 'many'])).toBe(2);
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('--accounts: expected a positive integer'),
    );
    expect(main(['--frobnicate'])).toBe(2);
    error.mockRestore();
  });

  it('stores seeded events under their own write key, apart from live ones', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const db = join(dir, 'tagged.db');
    expect(main(['--db', db, '--accounts', '3'])).toBe(0);
    const raw = new Database(db);
    const keys = raw.prepare('SELECT DISTINCT write_key FROM events').raw().all();
    raw.close();
    expect(keys).toEqual([[SEED_WRITE_KEY]]);
    vi.restoreAllMocks();
  });
});
