import { Analytics } from '@segment/analytics-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startCollector } from './support/collector-harness.ts';

const WRITE_KEY = 'seg_write_key';

interface Stored {
  messageId: string;
  type: string;
  event?: string;
  userId?: string;
  groupId?: string;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  context?: { library?: { name?: string } };
}

/** The real Segment Node.js client, pointed at the collector instead of api.segment.io. */
function segmentClient(harness: Harness, writeKey = WRITE_KEY): Analytics {
  return new Analytics({
    writeKey,
    host: harness.origin,
    path: '/v1/batch',
    flushAt: 4,
    flushInterval: 50,
    maxRetries: 2,
  });
}

async function storedEvents(harness: Harness): Promise<Stored[]> {
  const { events } = await (await harness.admin('/api/events?limit=1000')).json();
  return events;
}

describe('ingest from @segment/analytics-node', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startCollector({ writeKeys: [WRITE_KEY] });
  });
  afterEach(async () => {
    await harness.dispose();
    expect(harness.errors).toEqual([]);
  });

  it('stores identify, group, track and page calls sent with Basic auth', async () => {
    const analytics = segmentClient(harness);
    const signedUpAt = new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString();
    analytics.identify({ userId: 'seg-user', traits: { plan: 'trial', signedUpAt } });
    analytics.group({
      userId: 'seg-user',
      groupId: 'seg-account',
      traits: { name: 'Segment Co', plan: 'business', seats: 12, touch: 'low' },
    });
    analytics.track({
      userId: 'seg-user',
      event: 'milestone_reached',
      properties: { milestoneId: 'first_report', msSinceStart: 3 * 60 * 60 * 1000 },
      context: { groupId: 'seg-account' },
    });
    analytics.track({
      userId: 'seg-user',
      event: 'aha_reached',
      properties: { milestoneId: 'first_report', ttvMs: 3 * 60 * 60 * 1000, activeTtvMs: 600_000 },
      context: { groupId: 'seg-account' },
    });
    analytics.page({
      userId: 'seg-user',
      name: 'Reports',
      properties: { path: '/reports/weekly' },
    });
    await analytics.closeAndFlush({ timeout: 5000 });

    const events = await storedEvents(harness);
    expect(events.map((event) => event.type).sort()).toEqual([
      'group',
      'identify',
      'page',
      'track',
      'track',
    ]);
    expect(
      events.every((event) => event.context?.library?.name === '@segment/analytics-node'),
    ).toBe(true);
    expect(events.find((event) => event.type === 'group')).toMatchObject({
      groupId: 'seg-account',
      traits: { seats: 12 },
    });

    // The dashboard's numbers come out of a Segment client's events as out of Tebiki's.
    const metrics = await (await harness.admin('/api/metrics?days=7')).json();
    expect(metrics).toMatchObject({ events: 5, users: 1, accounts: 1 });
    expect(metrics.ttv).toMatchObject({ users: 1, medianMs: 3 * 60 * 60 * 1000 });
    expect(metrics.milestones.milestones).toEqual([
      expect.objectContaining({ milestoneId: 'first_report', users: 1, aha: true }),
    ]);
    expect(metrics.health.accounts[0]).toMatchObject({
      accountId: 'seg-account',
      name: 'Segment Co',
      seats: 12,
      touch: 'low',
      activeUsers28: 1,
    });
  });

  it('stores an event the client sends twice with one messageId only once', async () => {
    const analytics = segmentClient(harness);
    for (let i = 0; i < 2; i++) {
      analytics.track({ userId: 'seg-user', event: 'report_viewed', messageId: 'seg-fixed-id' });
    }
    analytics.track({ userId: 'seg-user', event: 'report_viewed' });
    await analytics.closeAndFlush({ timeout: 5000 });

    const events = await storedEvents(harness);
    expect(events.filter((event) => event.messageId === 'seg-fixed-id')).toHaveLength(1);
    expect(events).toHaveLength(2);
  });

  it('stores nothing from a client with an unknown write key, and the client hears 401', async () => {
    const analytics = segmentClient(harness, 'not-a-key');
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    const statuses: number[] = [];
    analytics.on('http_response', (response) => statuses.push(response.status));
    analytics.track({ userId: 'intruder', event: 'anything' });
    await analytics.closeAndFlush({ timeout: 5000 });

    expect(statuses).toEqual([401]);
    expect(failures).toHaveLength(1);
    expect(await storedEvents(harness)).toEqual([]);
  });
});
