import { sendJson } from '../http/respond.ts';
import {
  handleDashboard,
  handleDashboardCharts,
  handleDashboardMessages,
  handleDashboardScript,
  handleDashboardStylesheet,
} from './dashboard.ts';
import { createIngestHandler } from './ingest.ts';
import {
  handleAccounts,
  handleAhaRate,
  handleChecklists,
  handleEvents,
  handleFunnel,
  handleMetrics,
  handleTtv,
} from './read-api.ts';
import type { RouteHandler } from './route-context.ts';

/** Path → method → handler. `HEAD` is answered by the `GET` handler. */
export type RouteTable = Readonly<Record<string, Readonly<Partial<Record<string, RouteHandler>>>>>;

export function createRouteTable(): RouteTable {
  return {
    '/v1/batch': { POST: createIngestHandler('batch') },
    '/v1/track': { POST: createIngestHandler('track') },
    '/v1/identify': { POST: createIngestHandler('identify') },
    '/v1/group': { POST: createIngestHandler('group') },
    '/v1/page': { POST: createIngestHandler('page') },
    '/v1/screen': { POST: createIngestHandler('screen') },
    '/v1/alias': { POST: createIngestHandler('alias') },
    '/api/events': { GET: handleEvents },
    '/api/metrics': { GET: handleMetrics },
    '/api/metrics/ttv': { GET: handleTtv },
    '/api/metrics/aha': { GET: handleAhaRate },
    '/api/metrics/funnel': { GET: handleFunnel },
    '/api/metrics/checklists': { GET: handleChecklists },
    '/api/accounts': { GET: handleAccounts },
    '/': { GET: handleDashboard },
    '/dashboard.js': { GET: handleDashboardScript },
    '/dashboard-charts.js': { GET: handleDashboardCharts },
    '/dashboard.css': { GET: handleDashboardStylesheet },
    '/dashboard-messages.json': { GET: handleDashboardMessages },
    '/healthz': { GET: (_req, res) => sendJson(res, 200, { ok: true }) },
  };
}
