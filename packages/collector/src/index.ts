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
export type {
  AccountHealth,
  AccountsReport,
  AhaRateMetrics,
  AhaWeek,
  AhaWithin,
  BandCounts,
  ChecklistCompletion,
  FlowFunnel,
  HealthBand,
  HealthComponents,
  Metrics,
  MilestoneFunnel,
  MilestoneStage,
  RiskReason,
  StepFunnel,
  Totals,
  TouchTier,
  TtvBucket,
  TtvMetrics,
  TtvWeek,
} from './metrics/types.ts';
export {
  DEFAULT_WINDOW_DAYS,
  type MetricsQuery,
  MetricsQueryError,
  type MetricsWindow,
  resolveWindow,
} from './metrics/window.ts';
export {
  AHA_WITHIN_DAYS,
  computeMetrics,
  computeTotals,
  HEALTH,
  type HealthInputs,
  type HealthScore,
  scoreHealth,
  TTV_BUCKETS,
} from './metrics.ts';
export type { RejectedEvent } from './routes/ingest.ts';
export { type Collector, type CollectorOptions, createCollector } from './server.ts';
export { createEventStore } from './store.ts';
export type {
  CollectedEvent,
  EventStore,
  EventType,
  InsertResult,
  PendingBatch,
  StoredEvent,
} from './types.ts';
export { type EventCheck, validateEvent } from './validate-event.ts';
