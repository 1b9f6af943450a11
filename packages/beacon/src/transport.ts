import type { TransportRequest, TransportResponse } from '@tebiki/core';

export interface BeaconResponse extends TransportResponse {
  /** The response's `Date` header: the receiver's clock, for `Retry-After` dates. */
  date?: string | null;
}

/** Sends one batch body; rejects on a network failure. */
export type BeaconTransport = (request: TransportRequest) => Promise<BeaconResponse>;

/**
 * POSTs a batch with `fetch`, without cookies. `text/plain` keeps the request
 * simple (no CORS preflight for the body type); `keepalive` lets it outlive the page.
 */
export function createFetchTransport(
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): BeaconTransport {
  return async ({ url, body, headers, keepalive }) => {
    const response = await fetchImpl(url, {
      method: 'POST',
      body,
      headers,
      keepalive,
      credentials: 'omit',
    });
    // Chrome counts a keepalive request against its 64 KiB quota until the response body
    // is consumed: left unread, the sixth batch in a row would fail.
    await response.text().catch(() => {});
    const header = (name: string) => response.headers.get(name);
    return { status: response.status, retryAfter: header('Retry-After'), date: header('Date') };
  };
}
