export {
  type BeaconQueue,
  type BeaconQueueOptions,
  createBeaconQueue,
  MAX_EVENT_BYTES,
  MAX_KEEPALIVE_BYTES,
} from './queue.ts';
export { backoffMs, isRetryable, retryAfterMs } from './retry.ts';
export { createFetchTransport } from './transport.ts';
