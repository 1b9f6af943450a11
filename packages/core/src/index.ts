export {
  type ActiveTimeState,
  type ActiveTimeTracker,
  createActiveTimeTracker,
} from './active-time.ts';
export {
  type Clock,
  createMemoryStorage,
  type KeyValueStorage,
  type ResolveTarget,
  type Schedule,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './adapters.ts';
export { type AudienceSubject, matchesAudience } from './audience.ts';
export { createEmitter, type Emitter, type Listener } from './emitter.ts';
export {
  type ActiveStep,
  createEngine,
  DEFAULT_WAIT_MS,
  type Emit,
  type Engine,
  type EngineOptions,
  type FlowRecord,
  type FlowStates,
  type GuidedFlow,
  type PassiveFlows,
} from './engine.ts';
export {
  createEnvelope,
  type EventContext,
  type EventInput,
  type Identity,
  type PageContext,
  type SegmentEvent,
  toJsonSafe,
} from './envelope.ts';
export type { LifecycleEventName, LifecycleEvents, TebikiErrorDetail } from './events.ts';
export {
  type AhaRecord,
  type ChecklistProgress,
  createJourney,
  type Journey,
  type JourneyOptions,
  type JourneyState,
  type MilestoneRecord,
  type WithLock,
} from './milestones.ts';
export { matchUrl } from './url-pattern.ts';
export { uuidv7 } from './uuid.ts';
