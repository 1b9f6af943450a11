import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchOf, type Harness, startCollector, trackEvent } from './support/collector-harness.ts';

describe('read API', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startCollector();
    await harness.post(
      '/v1/batch',
      batchOf([
        trackEvent({ event: 'project_created', userId: 'u1', anonymousId: 'a1' }),
        trackEvent({ event: 'project_created', userId: 'u2', anonymousId: 'a2' }),
        trackEvent({ event: 'teammate_invited', userId: 'u1', anonymousId: 'a1' }),
        {
          messageId: 'identify-1',
          type: 'identify',
          timestamp: '2024-05-01T09:00:00Z',
          userId: 'u1',
          traits: { signedUpAt: '2024-05-01T08:00:00Z' },
        },
      ]),
    );
  });
  afterAll(() => harness.dispose());

  for (const path of ['/api/events', '/api/metrics']) {
    it(`answers 401 on ${path} without a token`, async () => {
      const response = await fetch(`${harness.origin}${path}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toHaveProperty('error');
    });

    it(`answers 401 on ${path} with a wrong token`, async () => {
      const bearer = await fetch(`${harness.origin}${path}`, {
        headers: { Authorization: 'Bearer nope' },
      });
      const query = await fetch(`${harness.origin}${path}?token=nope`);
      expect([bearer.status, query.status]).toEqual([401, 401]);
    });
  }

  it('accepts the token as ?token= too', async () => {
    const response = await fetch(`${harness.origin}/api/events?token=${harness.adminToken}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('limits /api/events to ?limit= newest events', async () => {
    const { events } = await (await harness.admin('/api/events?limit=2')).json();
    expect(events.map((event: { messageId: string }) => event.messageId)).toHaveLength(2);
    expect(events[0].messageId).toBe('identify-1');
  });

  it('answers 400 to a limit that is not a positive integer', async () => {
    const response = await harness.admin('/api/events?limit=-3');
    expect(response.status).toBe(400);
  });

  it('counts events, distinct users and track events by name', async () => {
    const metrics = await (await harness.admin('/api/metrics')).json();
    expect(metrics).toMatchObject({
      events: 4,
      users: 2,
      accounts: 1,
      byType: { track: 3, identify: 1 },
      byEvent: { project_created: 2, teammate_invited: 1 },
    });
  });
});
