export {
  type CollectorConfig,
  DEFAULT_DB_FILE,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type ReadConfigOptions,
  readConfig,
} from './config.ts';
export {
  DEFAULT_EVENTS_LIMIT,
  MAX_BODY_BYTES,
  MAX_EVENT_BYTES,
  MAX_EVENTS_LIMIT,
  MAX_MESSAGE_ID_LENGTH,
} from './limits.ts';
export { createConsoleLogger, type Logger } from './logger.ts';
export type { RejectedEvent } from './routes/ingest.ts';
export { type Collector, type CollectorOptions, createCollector } from './server.ts';
export { createEventStore } from './store.ts';
export type {
  CollectedEvent,
  EventStore,
  EventType,
  InsertResult,
  Metrics,
  StoredEvent,
} from './types.ts';
export { type EventCheck, validateEvent } from './validate-event.ts';
