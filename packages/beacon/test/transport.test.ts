import { describe, expect, it, vi } from 'vitest';
import { createFetchTransport } from '../src/index.ts';

describe('createFetchTransport', () => {
  it('POSTs the body with the headers, without cookies, and returns status, Retry-After and Date', async () => {
    const date = 'Wed, 01 Jan 2025 09:00:00 GMT';
    const fetchImpl = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(null, { status: 429, headers: { 'Retry-After': '3', Date: date } }),
    );
    const transport = createFetchTransport(fetchImpl as unknown as typeof fetch);
    const response = await transport({
      url: '/t/batch',
      body: '{"batch":[]}',
      headers: { 'Content-Type': 'text/plain' },
      keepalive: true,
    });
    expect(response).toEqual({ status: 429, retryAfter: '3', date });
    expect(fetchImpl).toHaveBeenCalledWith('/t/batch', {
      method: 'POST',
      body: '{"batch":[]}',
      headers: { 'Content-Type': 'text/plain' },
      keepalive: true,
      credentials: 'omit',
    });
  });

  it('reports a missing Retry-After and Date as null', async () => {
    const transport = createFetchTransport(
      (async () => new Response('ok')) as unknown as typeof fetch,
    );
    const response = await transport({ url: '/t', body: '', headers: {}, keepalive: false });
    expect(response).toEqual({ status: 200, retryAfter: null, date: null });
  });

  it('rejects on a network failure so the queue can retry', async () => {
    const transport = createFetchTransport((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    await expect(transport({ url: '/t', body: '', headers: {}, keepalive: false })).rejects.toThrow(
      'Failed to fetch',
    );
  });

  it('reads the response body, which frees the browser keepalive quota for the next batch', async () => {
    const response = new Response('{"ok":true}', { status: 200 });
    const transport = createFetchTransport((async () => response) as unknown as typeof fetch);
    await transport({ url: '/t', body: '', headers: {}, keepalive: true });
    expect(response.bodyUsed).toBe(true);
  });
});
