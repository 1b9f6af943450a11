import { MAX_EVENT_BYTES, MAX_MESSAGE_ID_LENGTH } from './limits.ts';
import type { CollectedEvent, EventType } from './types.ts';

export type EventCheck = { ok: true; event: CollectedEvent } | { ok: false; message: string };

const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>([
  'track',
  'identify',
  'group',
  'page',
  'screen',
  'alias',
]);

// ISO 8601 as clients write it: a date, optionally a time with seconds, fraction and offset.
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Checks one Segment-spec event. `path` prefixes the message so that it points at the
 * event in its request, e.g. `batch[3].messageId: expected a non-empty string`.
 */
export function validateEvent(value: unknown, path = 'event'): EventCheck {
  const problem = findProblem(value);
  if (!problem) return { ok: true, event: value as CollectedEvent };
  const where = problem.field ? `${path}.${problem.field}` : path;
  return { ok: false, message: `${where}: ${problem.message}` };
}

interface Problem {
  field?: string;
  message: string;
}

function findProblem(value: unknown): Problem | null {
  if (!isObject(value)) return { message: `expected an object, got ${describe(value)}` };
  const { messageId, type, timestamp } = value;
  if (!isText(messageId)) return { field: 'messageId', message: 'expected a non-empty string' };
  if (messageId.length > MAX_MESSAGE_ID_LENGTH) {
    return {
      field: 'messageId',
      message: `expected at most ${MAX_MESSAGE_ID_LENGTH} characters, got ${messageId.length}`,
    };
  }
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) {
    return {
      field: 'type',
      message: `expected one of ${[...EVENT_TYPES].join(', ')}, got ${describe(type)}`,
    };
  }
  if (type === 'track' && !isText(value.event)) {
    return { field: 'event', message: 'expected a non-empty string on a track event' };
  }
  if (!isTimestamp(timestamp)) {
    return { field: 'timestamp', message: `expected an ISO 8601 date, got ${describe(timestamp)}` };
  }
  for (const field of ['userId', 'anonymousId'] as const) {
    const id = value[field];
    if (id != null && !isText(id)) {
      return { field, message: `expected a non-empty string or null, got ${describe(id)}` };
    }
  }
  if (value.userId == null && value.anonymousId == null) {
    return { message: 'expected a userId or an anonymousId' };
  }
  for (const field of ['properties', 'traits', 'context'] as const) {
    if (value[field] !== undefined && !isObject(value[field])) {
      return { field, message: `expected an object, got ${describe(value[field])}` };
    }
  }
  if (type === 'group' && !isText(value.groupId) && !isText(contextGroupId(value))) {
    return { field: 'groupId', message: 'expected a non-empty string on a group event' };
  }
  if (type === 'alias' && !isText(value.previousId)) {
    return { field: 'previousId', message: 'expected a non-empty string on an alias event' };
  }
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_EVENT_BYTES) {
    return { message: `event is ${bytes} bytes as JSON; the limit is ${MAX_EVENT_BYTES} (32 KB)` };
  }
  return null;
}

function contextGroupId(event: Record<string, unknown>): unknown {
  return isObject(event.context) ? event.context.groupId : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
