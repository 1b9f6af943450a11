import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CollectedEvent, createEventStore } from '../src/index.ts';
import { trackEvent } from './support/collector-harness.ts';

const event = (overrides: Record<string, unknown> = {}) => trackEvent(overrides) as CollectedEvent;

describe('createEventStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tebiki-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps stored events when the database file is reopened', () => {
    const path = join(dir, 'events.db');
    const first = createEventStore(path);
    first.insertBatch([event({ messageId: 'kept' })], '2024-05-01T10:00:00.000Z');
    first.close();

    const second = createEventStore(path);
    expect(second.recentEvents(10)).toEqual([
      expect.objectContaining({ messageId: 'kept', receivedAt: '2024-05-01T10:00:00.000Z' }),
    ]);
    expect(second.insertBatch([event({ messageId: 'kept' })], '2024-05-01T11:00:00.000Z')).toEqual({
      stored: 0,
      duplicates: 1,
    });
    second.close();
  });

  it('returns the newest events first, later events of one batch before earlier ones', () => {
    const store = createEventStore(join(dir, 'events.db'));
    store.insertBatch(
      [event({ messageId: 'a' }), event({ messageId: 'b' })],
      '2024-05-01T10:00:00Z',
    );
    store.insertBatch([event({ messageId: 'c' })], '2024-05-01T10:00:05Z');

    expect(store.recentEvents(10).map((stored) => stored.messageId)).toEqual(['c', 'b', 'a']);
    expect(store.recentEvents(2).map((stored) => stored.messageId)).toEqual(['c', 'b']);
    store.close();
  });

  it('writes nothing from a batch whose transaction fails', () => {
    const store = createEventStore(join(dir, 'events.db'));
    const broken = { ...event(), timestamp: 'not a date' } as CollectedEvent;
    expect(() => store.insertBatch([event({ messageId: 'x' }), broken], 'now')).toThrow();
    expect(store.recentEvents(10)).toEqual([]);
    store.close();
  });

  it('reports the account from groupId or context.groupId in metrics', () => {
    const store = createEventStore(':memory:');
    store.insertBatch(
      [
        event({ context: { groupId: 'acme' } }),
        { messageId: 'g', type: 'group', groupId: 'globex', timestamp: '2024-05-01', userId: 'u' },
      ],
      '2024-05-01T10:00:00Z',
    );
    expect(store.metrics()).toMatchObject({ events: 2, users: 1, accounts: 2 });
    store.close();
  });

  it('can be closed twice', () => {
    const store = createEventStore(':memory:');
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});
