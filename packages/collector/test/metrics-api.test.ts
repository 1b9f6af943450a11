import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchOf, type Harness, startCollector } from './support/collector-harness.ts';
import { DAY, knownDataset, WINDOW } from './support/known-dataset.ts';

const WINDOW_QUERY = `from=${WINDOW.from}&to=${WINDOW.to}`;

describe('metrics read API', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startCollector();
    const events = knownDataset();
    // Sent as a browser would: batches of up to 20, through the HTTP ingest.
    for (let i = 0; i < events.length; i += 20) {
      const response = await harness.post('/v1/batch', batchOf(events.slice(i, i + 20)));
      expect(response.status).toBe(200);
    }
  });
  afterAll(() => harness.dispose());

  const routes = [
    '/api/metrics',
    '/api/metrics/ttv',
    '/api/metrics/aha',
    '/api/metrics/funnel',
    '/api/metrics/checklists',
    '/api/accounts',
  ];

  for (const route of routes) {
    it(`answers 401 on ${route} without the admin token`, async () => {
      const response = await fetch(`${harness.origin}${route}?${WINDOW_QUERY}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
    });
  }

  it('serves every section over the ?from=&to= window', async () => {
    const metrics = await (await harness.admin(`/api/metrics?${WINDOW_QUERY}`)).json();
    expect(metrics.window).toEqual({
      from: '2024-04-01T00:00:00.000Z',
      to: '2024-06-03T00:00:00.000Z',
    });
    expect(metrics.ttv).toMatchObject({ users: 4, medianMs: 2 * DAY });
    expect(metrics.aha.within.map((w: { rate: number }) => w.rate)).toEqual([0.6, 0.8, 1]);
    expect(metrics.milestones.started).toBe(7);
    expect(metrics.flows[0].flowId).toBe('welcome');
    expect(metrics.checklists[0].usersCompleted).toBe(2);
    expect(metrics.health.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([
      'initech',
      'umbrella',
      'globex',
      'acme',
    ]);
    expect(metrics.events).toBe(knownDataset().length);
  });

  it('serves the narrower routes with the same numbers', async () => {
    const get = async (path: string) => (await harness.admin(`${path}?${WINDOW_QUERY}`)).json();
    expect((await get('/api/metrics/ttv')).p90Ms).toBe(Math.round(3 * DAY + 0.7 * 7 * DAY));
    expect((await get('/api/metrics/aha')).newUsers).toBe(7);
    const funnel = await get('/api/metrics/funnel');
    expect(funnel.milestones.milestones[0]).toMatchObject({ milestoneId: 'project_created' });
    expect(funnel.flows[0].steps).toHaveLength(2);
    expect((await get('/api/metrics/checklists')).checklists[0].totalItems).toBe(3);
    const accounts = await get('/api/accounts');
    expect(accounts.accounts[0]).toMatchObject({ accountId: 'initech', band: 'red' });
    expect(accounts.accounts[0].reasons[0]).toEqual({ code: 'quiet', days: 18 });
  });

  it('takes ?days= as the days before now, and defaults to 90 days', async () => {
    const byDays = await (await harness.admin('/api/metrics/aha?days=7')).json();
    // The known history is from 2024: nobody started in the last week.
    expect(byDays.newUsers).toBe(0);
    const byDefault = await (await harness.admin('/api/metrics')).json();
    const span = Date.parse(byDefault.window.to) - Date.parse(byDefault.window.from);
    expect(span).toBe(90 * DAY);
  });

  for (const [query, message] of [
    ['days=0', /^days: expected an integer from 1 to/],
    ['days=abc', /^days: expected an integer/],
    ['from=yesterday', /^from: expected an ISO 8601 date/],
    ['to=2024-13-45', /^to: expected an ISO 8601 date/],
    ['from=2024-06-01&to=2024-05-01', /^from: must be before to/],
  ] as const) {
    it(`answers 400 naming the parameter for ?${query}`, async () => {
      const response = await harness.admin(`/api/metrics?${query}`);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(message);
    });
  }
});
