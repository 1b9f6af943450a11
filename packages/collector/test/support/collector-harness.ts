import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Collector,
  createCollector,
  createEventStore,
  type EventStore,
  type Logger,
} from '../../src/index.ts';

export interface Harness {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  adminToken: string;
  dbPath: string;
  /** The collector's store, for spying on. */
  store: EventStore;
  collector: Collector;
  /** Errors the collector logged; a test fails on unexpected ones. */
  errors: unknown[];
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  admin(path: string): Promise<Response>;
  /** Closes the collector (idempotent) and deletes the temporary database. */
  dispose(): Promise<void>;
}

export const ADMIN_TOKEN = 'admin-secret';

export const silentLogger = (errors: unknown[] = []): Logger => ({
  info() {},
  warn() {},
  error(message, details) {
    errors.push(details ?? message);
  },
});

export async function startCollector(
  options: { writeKeys?: string[]; dbPath?: string } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tebiki-collector-'));
  const dbPath = options.dbPath ?? join(dir, 'events.db');
  const errors: unknown[] = [];
  const store = createEventStore(dbPath);
  const collector = createCollector({
    store,
    writeKeys: options.writeKeys ?? [],
    adminToken: ADMIN_TOKEN,
    log: silentLogger(errors),
  });
  await new Promise<void>((resolve) => collector.server.listen(0, '127.0.0.1', resolve));
  const { port } = collector.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    adminToken: ADMIN_TOKEN,
    dbPath,
    store,
    collector,
    errors,
    post: (path, body, init = {}) =>
      fetch(`${origin}${path}`, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...init.headers },
      }),
    admin: (path) =>
      fetch(`${origin}${path}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }),
    async dispose() {
      await collector.close();
      if (!options.dbPath) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;

/** A valid `track` event; `overrides` replace or add fields. */
export function trackEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    messageId: `018f0000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    type: 'track',
    event: 'project_created',
    timestamp: new Date(Date.UTC(2024, 4, 1, 10, 0, sequence)).toISOString(),
    anonymousId: 'anon-1',
    userId: null,
    properties: { plan: 'trial' },
    context: { groupId: 'acme', library: { name: 'tebiki', version: '0.1.0' } },
    ...overrides,
  };
}

export function batchOf(events: unknown[], extra: Record<string, unknown> = {}) {
  return { batch: events, sentAt: new Date().toISOString(), ...extra };
}

export function basicAuth(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}
