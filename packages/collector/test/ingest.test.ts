import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchOf, type Harness, startCollector, trackEvent } from './support/collector-harness.ts';

describe('POST /v1/batch', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startCollector();
  });
  afterEach(async () => {
    await harness.dispose();
    expect(harness.errors).toEqual([]);
  });

  it('stores a batch and reads it back newest first through /api/events', async () => {
    const first = trackEvent({ event: 'first' });
    const second = trackEvent({ event: 'second' });
    await harness.post('/v1/batch', batchOf([first]));
    const response = await harness.post('/v1/batch', batchOf([second]));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, stored: 1, duplicates: 0, rejected: [] });
    const { events } = await (await harness.admin('/api/events')).json();
    expect(events.map((event: { event: string }) => event.event)).toEqual(['second', 'first']);
    expect(events[0]).toMatchObject({ ...second, receivedAt: expect.any(String) });
  });

  it('stores a batch posted twice only once and answers the repeat with 200 and duplicates', async () => {
    const body = batchOf([trackEvent(), trackEvent()]);
    const first = await harness.post('/v1/batch', body);
    const again = await harness.post('/v1/batch', body);

    expect(await first.json()).toMatchObject({ stored: 2, duplicates: 0 });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, stored: 0, duplicates: 2, rejected: [] });
    const metrics = await (await harness.admin('/api/metrics')).json();
    expect(metrics.events).toBe(2);
  });

  it('counts a messageId repeated inside one batch as a duplicate', async () => {
    const event = trackEvent();
    const response = await harness.post('/v1/batch', batchOf([event, { ...event }]));
    expect(await response.json()).toMatchObject({ stored: 1, duplicates: 1 });
  });

  it('accepts a JSON body sent as text/plain, as browsers and sendBeacon do', async () => {
    const response = await harness.post('/v1/batch', batchOf([trackEvent()]), {
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 1 });
  });

  it('keeps the valid events of a batch and names the index of the invalid one', async () => {
    const valid = [trackEvent(), trackEvent()];
    const response = await harness.post(
      '/v1/batch',
      batchOf([valid[0], trackEvent({ messageId: '' }), valid[1]]),
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      stored: 2,
      duplicates: 0,
      rejected: [{ index: 1, message: 'batch[1].messageId: expected a non-empty string' }],
    });
  });

  it('answers 400 with every message when no event in the batch is valid', async () => {
    const response = await harness.post(
      '/v1/batch',
      batchOf([trackEvent({ type: 'click' }), trackEvent({ timestamp: 'yesterday' })]),
    );

    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toContain('batch[0].type');
    expect(body.rejected).toEqual([
      { index: 0, message: expect.stringContaining('batch[0].type: expected one of track') },
      { index: 1, message: expect.stringContaining('batch[1].timestamp: expected an ISO 8601') },
    ]);
  });

  it('answers 400 naming the problem when the body is malformed JSON', async () => {
    const response = await harness.post('/v1/batch', '{"batch": [');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^malformed JSON: /);
  });

  it('answers 400 when the body has no batch array', async () => {
    const response = await harness.post('/v1/batch', { events: [] });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('batch: expected an array of events');
  });

  it('answers 413 to a body over 500 KB without storing anything', async () => {
    const padding = 'x'.repeat(20 * 1024);
    const events = Array.from({ length: 30 }, () => trackEvent({ properties: { padding } }));
    const response = await harness.post('/v1/batch', batchOf(events));

    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/larger than the limit/);
    expect((await (await harness.admin('/api/metrics')).json()).events).toBe(0);
  });

  it('rejects an event over 32 KB and keeps the others', async () => {
    const big = trackEvent({ properties: { blob: 'x'.repeat(33 * 1024) } });
    const response = await harness.post('/v1/batch', batchOf([trackEvent(), big]));

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.stored).toBe(1);
    expect(body.rejected).toEqual([
      {
        index: 1,
        message: expect.stringMatching(
          /^batch\[1\]: event is \d+ bytes as JSON; the limit is 32768/,
        ),
      },
    ]);
  });

  it('accepts one event on /v1/track, taking its type from the path', async () => {
    const { type: _type, ...event } = trackEvent({ event: 'teammate_invited' });
    const response = await harness.post('/v1/track', { ...event, writeKey: 'pk_test' });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stored: 1 });
    const { events } = await (await harness.admin('/api/events')).json();
    expect(events[0]).toMatchObject({ type: 'track', event: 'teammate_invited' });
    expect(events[0]).not.toHaveProperty('writeKey');
  });

  it('answers 404 with JSON for an unknown path', async () => {
    const response = await fetch(`${harness.origin}/v2/batch`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
