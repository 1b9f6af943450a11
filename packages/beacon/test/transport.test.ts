import { describe, expect, it, vi } from 'vitest';
import { createFetchTransport } from '../src/index.ts';

describe('createFetchTransport', () => {
  it('POSTs the body with the headers, without cookies, and returns status and Retry-After', async () => {
    const fetchImpl = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(null, { status: 429, headers: { 'Retry-After': '3' } }),
    );
    const transport = createFetchTransport(fetchImpl as unknown as typeof fetch);
    const response = await transport({
      url: '/t/batch',
      body: '{"batch":[]}',
      headers: { 'Content-Type': 'text/plain' },
      keepalive: true,
    });
    expect(response).toEqual({ status: 429, retryAfter: '3' });
    expect(fetchImpl).toHaveBeenCalledWith('/t/batch', {
      method: 'POST',
      body: '{"batch":[]}',
      headers: { 'Content-Type': 'text/plain' },
      keepalive: true,
      credentials: 'omit',
    });
  });

  it('reports a missing Retry-After as null', async () => {
    const transport = createFetchTransport(
      (async () => new Response('ok')) as unknown as typeof fetch,
    );
    const response = await transport({ url: '/t', body: '', headers: {}, keepalive: false });
    expect(response).toEqual({ status: 200, retryAfter: null });
  });

  it('rejects on a network failure so the queue can retry', async () => {
    const transport = createFetchTransport((async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    await expect(transport({ url: '/t', body: '', headers: {}, keepalive: false })).rejects.toThrow(
      'Failed to fetch',
    );
  });
});
