import type { SegmentEvent } from '@tebiki/core';
import type { FlowsDocument } from '@tebiki/schema';
import type { Theme } from '@tebiki/ui';
import type { BrowserBeaconsOptions } from './beacons.ts';

export type ConsentState = 'granted' | 'denied' | 'pending';

export interface TebikiOptions {
  /** Beacon URL. Omitted = no network at all. @example '/t/batch' */
  endpoint?: string;
  /** Sent as `Authorization: Basic base64(writeKey:)` and in each batch body. */
  writeKey?: string;
  /** A flows document, or the URL to fetch it from. @example '/tebiki.json' */
  flows?: FlowsDocument | string;
  /** BCP 47 locale for author text. @default navigator.language */
  locale?: string;
  /**
   * Colours, radius and font of everything Tebiki draws, as CSS values; each
   * becomes a `--tebiki-*` custom property (see docs/ui.md).
   * @example { accent: '#7c3aed', radius: 12, font: 'Inter, sans-serif' }
   */
  theme?: Theme;
  /** Text direction of the guides. @default the document's `dir` */
  dir?: 'ltr' | 'rtl';
  /** Whether events may leave the browser. @default 'granted' */
  consent?: ConsentState;
  /** Logs every decision to the console with a `[tebiki]` prefix. @default false */
  debug?: boolean;
  /**
   * Fetches the UI chunk as soon as the browser is idle after `init()`, for apps
   * that start tours by hand (a "Take the tour" button) and want the first step
   * on screen in the very next frame. Off by default: a page where nothing is
   * shown loads only the core, and the chunk is fetched when a guide is about to
   * show (the moment a tour starts, while its target is looked for).
   * @default false
   */
  preload?: boolean;
  /**
   * Least time, in ms, between the end of one auto-started tour and the start
   * of the next, so users are not flooded. `start()` is not limited. @default 30000
   */
  autoStartGapMs?: number;
  /**
   * Advanced: the beacon pipeline's numbers and policies (batch size, flush
   * interval, retry limits, queue caps, `pendingConsent: 'hold' | 'drop'`).
   * The defaults are the ones docs/beacons.md describes.
   * @example { pendingConsent: 'drop' }
   */
  beacons?: BrowserBeaconsOptions['beacons'];
  /** Sees every event before it is queued; return null to drop it (PII scrubbing, sampling). */
  beforeSend?: (event: SegmentEvent) => SegmentEvent | null;
}
