import { DASHBOARD_CSP } from '../dashboard/assets.ts';
import { preferredLocale } from '../dashboard/preferred-locale.ts';
import { hasAdminToken } from '../http/auth.ts';
import { sendText } from '../http/respond.ts';
import type { RouteHandler } from './route-context.ts';

const DOCUMENT_HEADERS = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // The token sits in the URL; keep the page out of shared caches and history snapshots.
  'Cache-Control': 'no-store',
};

/** `GET /?token=…`: the CS dashboard, or a 401 page asking for the token. */
export const handleDashboard: RouteHandler = (req, res, url, context) => {
  const locale = preferredLocale(req.headers['accept-language']);
  const html = 'text/html; charset=utf-8';
  if (!hasAdminToken(req, url, context.adminToken)) {
    const wrongToken = url.searchParams.has('token');
    sendText(res, 401, html, context.dashboard.tokenPage(locale, wrongToken), DOCUMENT_HEADERS);
    return;
  }
  sendText(res, 200, html, context.dashboard.page(locale), {
    ...DOCUMENT_HEADERS,
    Vary: 'Accept-Language',
  });
};

/** `GET /dashboard.js`: public, it holds no data. */
export const handleDashboardScript: RouteHandler = (_req, res, _url, context) => {
  sendText(res, 200, 'text/javascript; charset=utf-8', context.dashboard.script, {
    'Cache-Control': 'no-cache',
  });
};

/** `GET /dashboard-charts.js`: the SVG chart helpers `dashboard.js` imports. */
export const handleDashboardCharts: RouteHandler = (_req, res, _url, context) => {
  sendText(res, 200, 'text/javascript; charset=utf-8', context.dashboard.charts, {
    'Cache-Control': 'no-cache',
  });
};

/** `GET /dashboard-messages.json`: the dashboard's UI strings in Japanese and English. */
export const handleDashboardMessages: RouteHandler = (_req, res, _url, context) => {
  sendText(res, 200, 'application/json; charset=utf-8', context.dashboard.messages, {
    'Cache-Control': 'no-cache',
  });
};

/** `GET /dashboard.css`. */
export const handleDashboardStylesheet: RouteHandler = (_req, res, _url, context) => {
  sendText(res, 200, 'text/css; charset=utf-8', context.dashboard.stylesheet, {
    'Cache-Control': 'no-cache',
  });
};
