import type { IncomingMessage } from 'node:http';
import { hasAdminToken } from '../http/auth.ts';
import { HttpError } from '../http/http-error.ts';
import { sendJson } from '../http/respond.ts';
import { DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT } from '../limits.ts';
import type { RouteHandler } from './route-context.ts';

/** `GET /api/events?limit=N`: the newest events first, `{ events: [...] }`. */
export const handleEvents: RouteHandler = (req, res, url, context) => {
  requireAdmin(req, url, context.adminToken);
  const limit = readLimit(url.searchParams.get('limit'));
  sendJson(res, 200, { events: context.store.recentEvents(limit) });
};

/** `GET /api/metrics`: headline numbers over every stored event. */
export const handleMetrics: RouteHandler = (req, res, url, context) => {
  requireAdmin(req, url, context.adminToken);
  sendJson(res, 200, context.store.metrics());
};

function requireAdmin(req: IncomingMessage, url: URL, adminToken: string): void {
  if (!hasAdminToken(req, url, adminToken)) {
    throw new HttpError(401, 'missing or wrong admin token: send Authorization: Bearer <token>', {
      'WWW-Authenticate': 'Bearer realm="tebiki"',
    });
  }
}

function readLimit(value: string | null): number {
  if (value === null || value === '') return DEFAULT_EVENTS_LIMIT;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new HttpError(400, `limit: expected an integer from 1 to ${MAX_EVENTS_LIMIT}`);
  }
  return Math.min(Number(value), MAX_EVENTS_LIMIT);
}
