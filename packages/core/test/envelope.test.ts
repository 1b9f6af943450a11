import { describe, expect, it } from 'vitest';
import { createEnvelope, type EventContext, type Identity, toJsonSafe } from '../src/index.ts';

const context: EventContext = {
  sessionId: 'session-1',
  page: {
    path: '/dashboard',
    url: 'https://app.test/dashboard?x=1',
    title: 'Home',
    referrer: '',
    search: '?x=1',
  },
  locale: 'ja',
  library: { name: 'tebiki', version: '1.2.3' },
};
const identity: Identity = { anonymousId: 'anon-1', userId: 'user-1' };
const NOW = Date.UTC(2025, 4, 6, 7, 8, 9, 10);

describe('createEnvelope', () => {
  it('builds a Segment track event with every required field', () => {
    const event = createEnvelope(
      { type: 'track', event: 'project_created', properties: { plan: 'trial' } },
      identity,
      context,
      NOW,
    );
    expect(event).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'track',
      event: 'project_created',
      timestamp: '2025-05-06T07:08:09.010Z',
      anonymousId: 'anon-1',
      userId: 'user-1',
      properties: { plan: 'trial' },
      context,
    });
    expect(event.context.groupId).toBeUndefined();
  });

  it('fixes a UUIDv7 messageId from the capture time, unique per event', () => {
    const a = createEnvelope({ type: 'track', event: 'a', properties: {} }, identity, context, NOW);
    const b = createEnvelope({ type: 'track', event: 'a', properties: {} }, identity, context, NOW);
    expect(a.messageId).not.toBe(b.messageId);
    expect(a.messageId[14]).toBe('7');
    expect(Number.parseInt(a.messageId.replace(/-/g, '').slice(0, 12), 16)).toBe(NOW);
  });

  it('adds the account as context.groupId when the identity has one', () => {
    const event = createEnvelope(
      { type: 'track', event: 'a', properties: {} },
      { ...identity, groupId: 'acme' },
      context,
      NOW,
    );
    expect(event.context).toEqual({ ...context, groupId: 'acme' });
    expect(context).not.toHaveProperty('groupId');
  });

  it('keeps userId null for an anonymous user', () => {
    const event = createEnvelope(
      { type: 'page', properties: {} },
      { anonymousId: 'a', userId: null },
      context,
      NOW,
    );
    expect(event.userId).toBeNull();
    expect(event.type).toBe('page');
  });

  it('carries traits for identify and groupId plus traits for group', () => {
    const identify = createEnvelope(
      { type: 'identify', traits: { plan: 'pro' } },
      identity,
      context,
      NOW,
    );
    expect(identify).toMatchObject({ type: 'identify', traits: { plan: 'pro' } });
    expect(identify).not.toHaveProperty('properties');
    const group = createEnvelope(
      { type: 'group', groupId: 'acme', traits: { seats: 5 } },
      identity,
      context,
      NOW,
    );
    expect(group).toMatchObject({ type: 'group', groupId: 'acme', traits: { seats: 5 } });
  });

  it('makes host-supplied properties JSON-safe', () => {
    const properties: Record<string, unknown> = { when: new Date(NOW), n: 10n, fn: () => 1 };
    properties.self = properties;
    const event = createEnvelope({ type: 'track', event: 'a', properties }, identity, context, NOW);
    expect(event.properties).toEqual({
      when: '2025-05-06T07:08:09.010Z',
      n: '10',
      self: '[Circular]',
    });
    expect(() => JSON.stringify(event)).not.toThrow();
  });
});

describe('toJsonSafe', () => {
  it('replaces a cycle with "[Circular]"', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a];
    expect(toJsonSafe(a)).toEqual({ name: 'a', self: '[Circular]', list: ['[Circular]'] });
  });

  it('keeps a value shared by two branches, since it is not a cycle', () => {
    const shared = { x: 1 };
    expect(toJsonSafe({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('drops functions, symbols and undefined from objects, and nulls them in arrays', () => {
    expect(toJsonSafe({ f: () => 1, s: Symbol('s'), u: undefined, keep: 1 })).toEqual({ keep: 1 });
    expect(toJsonSafe([() => 1, Symbol('s'), undefined, 2])).toEqual([null, null, null, 2]);
  });

  it('converts bigints and dates to strings, and invalid dates to null', () => {
    expect(toJsonSafe(12345678901234567890n)).toBe('12345678901234567890');
    expect(toJsonSafe(new Date(NOW))).toBe('2025-05-06T07:08:09.010Z');
    expect(toJsonSafe(new Date(Number.NaN))).toBeNull();
  });

  it('turns NaN and infinities into null, as JSON would', () => {
    expect(toJsonSafe({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: -0.5 })).toEqual({
      a: null,
      b: null,
      c: -0.5,
    });
  });

  it('leaves plain JSON values as they are', () => {
    const value = { s: 'x', n: 1, b: false, z: null, nested: { list: [1, 'two', { three: 3 }] } };
    expect(toJsonSafe(value)).toEqual(value);
  });
});
