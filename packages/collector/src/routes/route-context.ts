import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardAssets } from '../dashboard/assets.ts';
import type { Commit } from '../group-commit.ts';
import type { Logger } from '../logger.ts';
import type { EventStore } from '../types.ts';

/** What every route handler may use; built once per collector. */
export interface RouteContext {
  store: EventStore;
  /** Stores a request's valid events with others arriving at the same time (group commit). */
  commit: Commit;
  writeKeys: readonly string[];
  adminToken: string;
  log: Logger;
  dashboard: DashboardAssets;
}

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: RouteContext,
) => void | Promise<void>;
