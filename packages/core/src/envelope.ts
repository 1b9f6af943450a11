import { uuidv7 } from './uuid.ts';

export interface PageContext {
  path: string;
  url: string;
  title: string;
  referrer: string;
  search: string;
}

export interface EventContext {
  groupId?: string;
  sessionId: string;
  page: PageContext;
  locale: string;
  library: { name: 'tebiki'; version: string };
}

/** One event in the Segment spec; the receiver dedupes on `messageId`. */
export interface SegmentEvent {
  messageId: string;
  type: 'track' | 'identify' | 'group' | 'page';
  event?: string;
  name?: string;
  groupId?: string;
  timestamp: string;
  anonymousId: string;
  userId: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context: EventContext;
}

export type EventInput =
  | { type: 'track'; event: string; properties: Record<string, unknown> }
  | { type: 'identify'; traits: Record<string, unknown> }
  | { type: 'group'; groupId: string; traits: Record<string, unknown> }
  | { type: 'page'; name?: string; properties: Record<string, unknown> };

export interface Identity {
  anonymousId: string;
  userId: string | null;
  groupId?: string;
}

/** Builds the Segment envelope; `messageId` is fixed here, at capture. */
export function createEnvelope(
  input: EventInput,
  identity: Identity,
  context: EventContext,
  now: number,
): SegmentEvent {
  const { type, ...payload } = input;
  const event: SegmentEvent = {
    messageId: uuidv7(now),
    type,
    timestamp: new Date(now).toISOString(),
    anonymousId: identity.anonymousId,
    userId: identity.userId,
    context: identity.groupId ? { ...context, groupId: identity.groupId } : context,
  };
  for (const [key, value] of Object.entries(payload)) {
    if (value !== undefined) (event as unknown as Record<string, unknown>)[key] = toJsonSafe(value);
  }
  return event;
}

/**
 * A JSON-safe copy of host-supplied data: cycles become "[Circular]",
 * functions and symbols are dropped, bigints and dates become strings.
 */
export function toJsonSafe(value: unknown, ancestors: object[] = []): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ancestors.includes(value)) return '[Circular]';
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => toJsonSafe(item, inner) ?? null);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const safe = toJsonSafe(item, inner);
    if (safe !== undefined) copy[key] = safe;
  }
  return copy;
}
