import type { IncomingMessage } from 'node:http';
import { hasAdminToken } from '../http/auth.ts';
import { HttpError } from '../http/http-error.ts';
import { sendJson } from '../http/respond.ts';
import { DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT } from '../limits.ts';
import { type MetricsQuery, MetricsQueryError, queryFromSearchParams } from '../metrics/window.ts';
import type { EventStore } from '../types.ts';
import type { RouteHandler } from './route-context.ts';

/** `GET /api/events?limit=N`: the newest events first, `{ events: [...] }`. */
export const handleEvents: RouteHandler = (req, res, url, context) => {
  requireAdmin(req, url, context.adminToken);
  const limit = readLimit(url.searchParams.get('limit'));
  sendJson(res, 200, { events: context.store.recentEvents(limit) });
};

/**
 * `GET /api/metrics?days=N` or `?from=…&to=…`: totals over every stored event, then TTV,
 * Aha! rate, funnels, checklists and account health over the window (default 90 days).
 */
export const handleMetrics = metricsRoute((store, query) => store.metrics(query));

/** `GET /api/metrics/ttv`: the TTV distribution, median, p90 and weekly trend. */
export const handleTtv = metricsRoute((store, query) => store.ttv(query));

/** `GET /api/metrics/aha`: the Aha! rate within 7 / 14 / 30 days, overall and by week. */
export const handleAhaRate = metricsRoute((store, query) => store.ahaRate(query));

/** `GET /api/metrics/funnel`: the milestone funnel and every flow's step funnel. */
export const handleFunnel = metricsRoute((store, query) => ({
  milestones: store.milestoneFunnel(query),
  flows: store.flowFunnels(query),
}));

/** `GET /api/metrics/checklists`: checklist completion. */
export const handleChecklists = metricsRoute((store, query) => ({
  checklists: store.checklists(query),
}));

/** `GET /api/accounts`: per-account health at the end of the window, red accounts first. */
export const handleAccounts = metricsRoute((store, query) => store.accounts(query));

function metricsRoute(read: (store: EventStore, query: MetricsQuery) => unknown): RouteHandler {
  return (req, res, url, context) => {
    requireAdmin(req, url, context.adminToken);
    let body: unknown;
    try {
      body = read(context.store, queryFromSearchParams(url.searchParams));
    } catch (error) {
      if (error instanceof MetricsQueryError) throw new HttpError(400, error.message);
      throw error;
    }
    sendJson(res, 200, body);
  };
}

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
