/** Largest accepted event, serialized as JSON (DESIGN.md "Limits": 32 KB per event). */
export const MAX_EVENT_BYTES = 32 * 1024;

/** Largest accepted request body (DESIGN.md "Limits": 500 KB per batch). */
export const MAX_BODY_BYTES = 500 * 1024;

/** Longest accepted `messageId`. */
export const MAX_MESSAGE_ID_LENGTH = 100;

/** `GET /api/events` page size when `limit` is omitted, and its ceiling. */
export const DEFAULT_EVENTS_LIMIT = 50;
export const MAX_EVENTS_LIMIT = 1000;
