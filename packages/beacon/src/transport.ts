import type { Transport } from '@tebiki/core';

/** POSTs a batch with `fetch`; `text/plain` keeps simple requests free of a CORS preflight. */
export function createFetchTransport(
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Transport {
  return async ({ url, body, headers, keepalive }) => {
    const response = await fetchImpl(url, {
      method: 'POST',
      body,
      headers,
      keepalive,
      credentials: 'omit',
    });
    return { status: response.status, retryAfter: response.headers.get('Retry-After') };
  };
}
