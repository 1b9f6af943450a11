import type { IncomingMessage } from 'node:http';
import { isOneOf, writeKeyFromHeader } from '../http/auth.ts';
import { HttpError } from '../http/http-error.ts';
import { readBody } from '../http/read-body.ts';
import { sendJson } from '../http/respond.ts';
import { MAX_BODY_BYTES } from '../limits.ts';
import type { CollectedEvent, EventType, InsertResult } from '../types.ts';
import { validateEvent } from '../validate-event.ts';
import type { RouteHandler } from './route-context.ts';

export interface RejectedEvent {
  /** Position of the event in `batch` (0 for the single-event routes). */
  index: number;
  message: string;
}

/** Seconds a client should wait before retrying when the database cannot take a write. */
const RETRY_AFTER_SECONDS = '5';

/**
 * `POST /v1/batch` (`{ batch: [...], sentAt, writeKey? }`) and `POST /v1/<type>` (one event,
 * its type taken from the path). The body is JSON whatever the Content-Type: browsers send
 * `text/plain` to skip the preflight, and `sendBeacon` cannot set headers at all.
 */
export function createIngestHandler(kind: 'batch' | EventType): RouteHandler {
  return async (req, res, _url, context) => {
    const body = parseJsonObject(await readBody(req, MAX_BODY_BYTES));
    const writeKey = authorize(req, body, context.writeKeys);
    const { items, path } = kind === 'batch' ? batchItems(body) : singleItem(body, kind);

    const valid: CollectedEvent[] = [];
    const rejected: RejectedEvent[] = [];
    items.forEach((item, index) => {
      const check = validateEvent(item, path(index));
      if (check.ok) valid.push(check.event);
      else rejected.push({ index, message: check.message });
    });
    if (rejected.length > 0) {
      context.log.warn(
        `rejected ${rejected.length} of ${items.length} event(s); first: ${rejected[0]?.message}`,
      );
    }
    if (items.length > 0 && valid.length === 0) {
      const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more)` : '';
      sendJson(res, 400, {
        error: `every event was rejected: ${rejected[0]?.message}${more}`,
        rejected,
      });
      return;
    }

    let result: InsertResult;
    try {
      result = await context.commit({
        events: valid,
        receivedAt: new Date().toISOString(),
        writeKey,
      });
    } catch (error) {
      context.log.error('could not store a batch; asked the client to retry', error);
      throw new HttpError(503, 'the event store is unavailable; retry later', {
        'Retry-After': RETRY_AFTER_SECONDS,
      });
    }
    // Answered only now: the transaction has committed, so a 200 means the events are safe.
    sendJson(res, 200, { ok: true, ...result, rejected });
  };
}

function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpError(400, 'body is not valid UTF-8');
  }
  if (text.trim() === '') throw new HttpError(400, 'body is empty; expected a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'body: expected a JSON object');
  }
  return value as Record<string, unknown>;
}

/** The accepted write key (header or body), `null` when none was sent and none is needed. */
function authorize(
  req: IncomingMessage,
  body: Record<string, unknown>,
  writeKeys: readonly string[],
): string | null {
  const fromHeader = writeKeyFromHeader(req);
  const fromBody = typeof body.writeKey === 'string' && body.writeKey !== '' ? body.writeKey : null;
  if (writeKeys.length === 0) return fromHeader ?? fromBody;
  if (isOneOf(fromHeader, writeKeys)) return fromHeader;
  if (isOneOf(fromBody, writeKeys)) return fromBody;
  throw new HttpError(
    401,
    fromHeader || fromBody
      ? 'unknown write key'
      : 'missing write key: send Authorization: Basic base64(writeKey:) or "writeKey" in the body',
  );
}

function batchItems(body: Record<string, unknown>) {
  if (!Array.isArray(body.batch)) throw new HttpError(400, 'batch: expected an array of events');
  return { items: body.batch as unknown[], path: (index: number) => `batch[${index}]` };
}

function singleItem(body: Record<string, unknown>, type: EventType) {
  // The write key travels with the request, not with the event we keep.
  const { writeKey: _writeKey, ...event } = body;
  return { items: [{ ...event, type }], path: () => 'event' };
}
