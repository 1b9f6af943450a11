import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

const COMMON_HEADERS: OutgoingHttpHeaders = { 'X-Content-Type-Options': 'nosniff' };

/** Sends `body` as JSON; API answers are never cached. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  send(res, status, JSON.stringify(body), {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
}

/** Sends a text document (HTML, CSS, JavaScript) with the given content type. */
export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: OutgoingHttpHeaders = {},
): void {
  send(res, status, text, { 'Content-Type': contentType, ...headers });
}

/** An empty answer, e.g. 204 to a CORS preflight. */
export function sendEmpty(res: ServerResponse, status: number, headers: OutgoingHttpHeaders = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { ...COMMON_HEADERS, ...headers });
  res.end();
}

/**
 * CORS for the ingest routes: any origin may send beacons (the write key, not the origin,
 * is the credential), and the SDK may read `Retry-After`.
 */
export function corsHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  return {
    'Access-Control-Allow-Origin': req.headers.origin || '*',
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Retry-Count',
    // Date lets a browser read an HTTP-date Retry-After against the server's clock.
    'Access-Control-Expose-Headers': 'Retry-After, Date',
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
  };
}

function send(res: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders) {
  if (res.headersSent) return;
  const body = Buffer.from(text);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    ...headers,
    'Content-Length': body.length,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
