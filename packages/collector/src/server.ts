import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadDashboardAssets } from './dashboard/assets.ts';
import { createGroupCommit } from './group-commit.ts';
import { HttpError } from './http/http-error.ts';
import { corsHeaders, sendEmpty, sendJson } from './http/respond.ts';
import { createConsoleLogger, type Logger } from './logger.ts';
import type { RouteContext } from './routes/route-context.ts';
import { createRouteTable } from './routes/routes.ts';
import type { EventStore } from './types.ts';

export interface CollectorOptions {
  /** Where events go; closed by `close()`. */
  store: EventStore;
  /**
   * Accepted write keys. Empty: every key, or none, is accepted.
   * @default []
   */
  writeKeys?: readonly string[];
  /** Token for the dashboard and the read API (`Authorization: Bearer …` or `?token=`). */
  adminToken: string;
  /** @default console, prefixed `[tebiki-collector]` */
  log?: Logger;
  /**
   * How long `close()` waits for in-flight requests before cutting them off.
   * @default 10000
   */
  drainTimeoutMs?: number;
}

export interface Collector {
  /** Not yet listening: call `server.listen(port, host)`. */
  server: Server;
  /** Stops accepting, lets in-flight requests finish, then closes the store. Idempotent. */
  close(): Promise<void>;
}

/** Seconds a client should wait before retrying while the collector shuts down. */
const SHUTDOWN_RETRY_AFTER = '5';

/**
 * The reference beacon collector: ingest (`/v1/*`), read API (`/api/*`) and CS dashboard (`/`).
 *
 * @example
 * const collector = createCollector({ store: createEventStore('tebiki.db'), adminToken });
 * collector.server.listen(8787, '127.0.0.1');
 * process.once('SIGTERM', () => collector.close());
 */
export function createCollector(options: CollectorOptions): Collector {
  const log = options.log ?? createConsoleLogger();
  const context: RouteContext = {
    store: options.store,
    commit: createGroupCommit(options.store),
    writeKeys: options.writeKeys ?? [],
    adminToken: options.adminToken,
    log,
    dashboard: loadDashboardAssets(),
  };
  const routes = createRouteTable();
  const active = new Set<ServerResponse>();
  let whenIdle: (() => void) | null = null;
  let closing: Promise<void> | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = parseUrl(req.url);
      const ingest = url.pathname.startsWith('/v1/');
      if (ingest) {
        for (const [name, value] of Object.entries(corsHeaders(req))) res.setHeader(name, value!);
      }
      if (closing) {
        throw new HttpError(503, 'the collector is shutting down; retry later', {
          'Retry-After': SHUTDOWN_RETRY_AFTER,
        });
      }
      if (req.method === 'OPTIONS') {
        sendEmpty(res, 204, corsHeaders(req));
        return;
      }
      const route = routes[url.pathname];
      if (!route) throw new HttpError(404, `no route for ${req.method} ${url.pathname}`);
      const handler = route[req.method === 'HEAD' ? 'GET' : (req.method ?? '')];
      if (!handler) {
        const allow = Object.keys(route).join(', ');
        throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}; use ${allow}`, {
          Allow: `${allow}, OPTIONS`,
        });
      }
      await handler(req, res, url, context);
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { error: error.message }, error.headers);
      } else {
        log.error(`${req.method} ${req.url} failed`, error);
        sendJson(res, 500, { error: 'internal error' });
      }
    }
  }

  const server = createServer((req, res) => {
    active.add(res);
    res.once('close', () => {
      active.delete(res);
      if (active.size === 0) whenIdle?.();
    });
    if (closing) res.setHeader('Connection', 'close');
    handle(req, res).catch((error: unknown) => {
      log.error('unexpected failure while answering a request', error);
      if (!res.headersSent) res.destroy();
    });
  });
  // Bounded waits for slow or stalled clients, so one socket cannot hold a worker forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;

  async function shutDown(): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
    server.closeIdleConnections();
    if (active.size > 0) {
      const drained = new Promise<void>((resolve) => {
        whenIdle = resolve;
      });
      const timedOut = await Promise.race([
        drained.then(() => false),
        delay(options.drainTimeoutMs ?? 10_000).then(() => true),
      ]);
      if (timedOut) log.warn(`cut off ${active.size} request(s) still running at shutdown`);
    }
    server.closeAllConnections();
    await stopped;
    try {
      context.store.close();
    } catch (error) {
      log.error('could not close the event store cleanly', error);
    }
  }

  return {
    server,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}

function parseUrl(target: string | undefined): URL {
  try {
    // Origin-form (`/v1/batch`) is joined as text: `new URL('//x/y', base)` would read `x` as a host.
    if (!target || target === '*') return new URL('http://collector.invalid/*');
    return target.startsWith('/') ? new URL(`http://collector.invalid${target}`) : new URL(target);
  } catch {
    throw new HttpError(400, 'malformed request URL');
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
