export { beaconInChunks, MAX_KEEPALIVE_BYTES, MIN_BEACON_BYTES } from './chunks.ts';
export { createLeaseLock, type LeaseOptions, type SenderLock } from './lock.ts';
export {
  type BeaconConsent,
  type BeaconQueue,
  type BeaconQueueOptions,
  type BeaconTuning,
  createBeaconQueue,
  MAX_EVENT_BYTES,
} from './queue.ts';
export { backoffMs, isRetryable, retryAfterMs } from './retry.ts';
export { type BeaconRecord, type BeaconStore, createMemoryBeaconStore } from './store.ts';
export { type BeaconResponse, type BeaconTransport, createFetchTransport } from './transport.ts';
