import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchOf, type Harness, startCollector, trackEvent } from './support/collector-harness.ts';

describe('CORS', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startCollector();
  });
  afterAll(() => harness.dispose());

  it('answers a preflight with 204 and the allowed methods and headers', async () => {
    const response = await fetch(`${harness.origin}/v1/batch`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });

    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': 'Authorization, Content-Type, X-Retry-Count',
      'access-control-max-age': '86400',
      vary: 'Origin',
    });
  });

  it('puts the CORS headers on ingest answers, errors included', async () => {
    const headers = { Origin: 'https://app.example.com' };
    const ok = await harness.post('/v1/batch', batchOf([trackEvent()]), { headers });
    const bad = await harness.post('/v1/batch', 'not json', { headers });

    for (const response of [ok, bad]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After, Date');
    }
  });

  it('allows any origin when the request names none', async () => {
    const response = await fetch(`${harness.origin}/v1/batch`, { method: 'OPTIONS' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
