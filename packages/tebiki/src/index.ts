import { createTebiki as create, type Tebiki } from './create-tebiki.ts';
import type { TebikiOptions } from './options.ts';

export type {
  LifecycleEventName,
  LifecycleEvents,
  SegmentEvent,
  TebikiErrorDetail,
} from '@tebiki/core';
export type { FlowsDocument } from '@tebiki/schema';
export type { Theme } from '@tebiki/ui';
export type { Progress, Tebiki } from './create-tebiki.ts';
export type { ConsentState, TebikiOptions } from './options.ts';

/**
 * Creates an isolated Tebiki instance. With options, `init()` is called for you.
 *
 * @example
 * const tebiki = createTebiki({ endpoint: '/t/batch', flows: '/tebiki.json' });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createTebiki(options?: TebikiOptions): Tebiki {
  const instance = create({
    loadUI: () => import('@tebiki/ui'),
    loadBeacons: () => import('./beacons.ts'),
  });
  if (options) void instance.init(options);
  return instance;
}
