/** Properties of each lifecycle event, as `on()` listeners and beacons receive them. */
export interface LifecycleEvents {
  flow_started: { flowId: string };
  step_viewed: { flowId: string; stepId: string; stepIndex: number };
  step_completed: { flowId: string; stepId: string; stepIndex: number };
  flow_completed: { flowId: string };
  flow_dismissed: { flowId: string; stepId: string; stepIndex: number };
  checklist_item_completed: { flowId: string; itemId: string };
  milestone_reached: { milestoneId: string; msSinceStart: number };
  aha_reached: { milestoneId: string; ttvMs: number; activeTtvMs: number };
  target_missing: { flowId: string; stepId: string; stepIndex: number; target: string };
  error: TebikiErrorDetail;
}

export type LifecycleEventName = keyof LifecycleEvents;

export interface TebikiErrorDetail {
  /** Stable machine-readable code, e.g. `invalid_document`, `flows_fetch_failed`. */
  code: string;
  message: string;
  /** JS-notation path into the flows document, when the problem is in it. */
  path?: string;
}
