import type { SegmentEvent } from '@tebiki/core';
import type { FlowsDocument } from '@tebiki/schema';

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
  /** Text direction of the guides. @default the document's `dir` */
  dir?: 'ltr' | 'rtl';
  /** Whether events may leave the browser. @default 'granted' */
  consent?: ConsentState;
  /** Logs every decision to the console with a `[tebiki]` prefix. @default false */
  debug?: boolean;
  /**
   * Least time, in ms, between the end of one auto-started tour and the start
   * of the next, so users are not flooded. `start()` is not limited. @default 30000
   */
  autoStartGapMs?: number;
  /** Sees every event before it is queued; return null to drop it (PII scrubbing, sampling). */
  beforeSend?: (event: SegmentEvent) => SegmentEvent | null;
}
