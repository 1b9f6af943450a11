import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  basicAuth,
  batchOf,
  type Harness,
  startCollector,
  trackEvent,
} from './support/collector-harness.ts';

describe('write keys', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startCollector({ writeKeys: ['pk_live_a', 'pk_live_b'] });
  });
  afterEach(() => harness.dispose());

  it('accepts a configured key sent as Authorization: Basic base64(writeKey:)', async () => {
    const response = await harness.post('/v1/batch', batchOf([trackEvent()]), {
      headers: { Authorization: basicAuth('pk_live_b') },
    });
    expect(response.status).toBe(200);
  });

  it('accepts a configured key sent as writeKey in the body, as sendBeacon must', async () => {
    const response = await harness.post(
      '/v1/batch',
      batchOf([trackEvent()], { writeKey: 'pk_live_a' }),
    );
    expect(response.status).toBe(200);
  });

  it('answers 401 to a wrong key and stores nothing', async () => {
    const response = await harness.post(
      '/v1/batch',
      batchOf([trackEvent()], { writeKey: 'pk_guess' }),
      { headers: { Authorization: basicAuth('pk_other') } },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unknown write key' });
    expect((await (await harness.admin('/api/metrics')).json()).events).toBe(0);
  });

  it('answers 401 when no key is sent', async () => {
    const response = await harness.post('/v1/batch', batchOf([trackEvent()]));
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/^missing write key/);
  });
});

describe('without configured write keys', () => {
  it('accepts any key, or none', async () => {
    const harness = await startCollector();
    try {
      const none = await harness.post('/v1/batch', batchOf([trackEvent()]));
      const some = await harness.post('/v1/batch', batchOf([trackEvent()], { writeKey: 'x' }));
      expect([none.status, some.status]).toEqual([200, 200]);
    } finally {
      await harness.dispose();
    }
  });
});
