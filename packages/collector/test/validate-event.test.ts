import { describe, expect, it } from 'vitest';
import { validateEvent } from '../src/index.ts';
import { trackEvent } from './support/collector-harness.ts';

const messageOf = (value: unknown) => {
  const check = validateEvent(value, 'batch[3]');
  return check.ok ? null : check.message;
};

describe('validateEvent', () => {
  it('accepts a Tebiki track event', () => {
    expect(validateEvent(trackEvent())).toMatchObject({ ok: true });
  });

  it.each([
    ['a non-object', 'hello', 'batch[3]: expected an object, got "hello"'],
    ['an array', [], 'batch[3]: expected an object, got an array'],
    ['no messageId', { messageId: undefined }, 'batch[3].messageId: expected a non-empty string'],
    ['a blank messageId', { messageId: '  ' }, 'batch[3].messageId: expected a non-empty string'],
    [
      'a messageId over 100 characters',
      { messageId: 'm'.repeat(101) },
      'batch[3].messageId: expected at most 100 characters, got 101',
    ],
    [
      'an unknown type',
      { type: 'click' },
      'batch[3].type: expected one of track, identify, group, page, screen, alias, got "click"',
    ],
    [
      'a track without event',
      { event: '' },
      'batch[3].event: expected a non-empty string on a track event',
    ],
    [
      'no timestamp',
      { timestamp: undefined },
      'batch[3].timestamp: expected an ISO 8601 date, got nothing',
    ],
    [
      'an epoch timestamp',
      { timestamp: 1714557600000 },
      'batch[3].timestamp: expected an ISO 8601 date, got number 1714557600000',
    ],
    [
      'an impossible date',
      { timestamp: '2024-13-45T00:00:00Z' },
      'batch[3].timestamp: expected an ISO 8601 date, got "2024-13-45T00:00:00Z"',
    ],
    [
      'no user at all',
      { userId: null, anonymousId: undefined },
      'batch[3]: expected a userId or an anonymousId',
    ],
    [
      'a numeric userId',
      { userId: 42 },
      'batch[3].userId: expected a non-empty string or null, got number 42',
    ],
    [
      'properties that are not an object',
      { properties: [1] },
      'batch[3].properties: expected an object, got an array',
    ],
  ])('names the problem with %s', (_case, overrides, message) => {
    const value =
      typeof overrides === 'object' && !Array.isArray(overrides)
        ? trackEvent(overrides)
        : overrides;
    expect(messageOf(value)).toBe(message);
  });

  it('requires a groupId on a group event, at the top or in context', () => {
    const group = { messageId: 'g', type: 'group', timestamp: '2024-05-01T00:00:00Z', userId: 'u' };
    expect(messageOf(group)).toBe('batch[3].groupId: expected a non-empty string on a group event');
    expect(messageOf({ ...group, groupId: 'acme' })).toBeNull();
    expect(messageOf({ ...group, context: { groupId: 'acme' } })).toBeNull();
  });

  it('rejects an event larger than 32 KB as JSON', () => {
    const message = messageOf(trackEvent({ properties: { blob: 'é'.repeat(17 * 1024) } }));
    expect(message).toMatch(
      /^batch\[3\]: event is \d+ bytes as JSON; the limit is 32768 \(32 KB\)$/,
    );
  });

  it('accepts identify, page and anonymous-only events', () => {
    const base = { messageId: 'm', timestamp: '2024-05-01T10:00:00.123+09:00', anonymousId: 'a' };
    expect(messageOf({ ...base, type: 'identify', traits: { plan: 'trial' } })).toBeNull();
    expect(messageOf({ ...base, type: 'page', properties: { path: '/' } })).toBeNull();
  });
});
