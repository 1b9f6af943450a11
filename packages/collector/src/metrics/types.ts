/** Headline numbers over every stored event, whatever the window. */
export interface Totals {
  /** Every stored event. */
  events: number;
  /** Distinct identified users (`userId`). */
  users: number;
  /** Distinct anonymous ids (`anonymousId`). */
  anonymousIds: number;
  /** Distinct accounts (`groupId` or `context.groupId`). */
  accounts: number;
  /** Stored events per `type`. */
  byType: Record<string, number>;
  /** `track` events per event name, most frequent first. */
  byEvent: Record<string, number>;
  /** Receive time of the newest event; `null` while the store is empty. */
  lastReceivedAt: string | null;
}

export interface TtvBucket {
  /** Stable key for labels: `lt1h`, `1h-4h`, … `gte30d`. */
  key: string;
  fromMs: number;
  /** Exclusive upper bound; `null` for the last, open bucket. */
  toMs: number | null;
  users: number;
}

export interface TtvWeek {
  /** Monday (UTC) starting the week the users reached Aha!, `YYYY-MM-DD`. */
  week: string;
  users: number;
  medianMs: number;
  p90Ms: number;
}

/** Time-to-value of the users who reached Aha! in the window. */
export interface TtvMetrics {
  users: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Median of `activeTtvMs`: the time the app was actually visible before Aha!. */
  activeMedianMs: number | null;
  buckets: TtvBucket[];
  weekly: TtvWeek[];
}

export interface AhaWithin {
  days: number;
  /** New users whose first `days` days had passed by the end of the window. */
  eligible: number;
  /** Of those, the users who reached Aha! within `days` days of their start. */
  reached: number;
  /** `reached / eligible`, or `null` when no user is eligible yet. */
  rate: number | null;
}

export interface AhaWeek {
  /** Monday (UTC) starting the signup week, `YYYY-MM-DD`. */
  week: string;
  newUsers: number;
  within: AhaWithin[];
}

/** Aha! rate of the users who started (signed up, or were first seen) in the window. */
export interface AhaRateMetrics {
  newUsers: number;
  /** New users who reached Aha! by the end of the window, however long it took. */
  reached: number;
  within: AhaWithin[];
  weekly: AhaWeek[];
}

export interface MilestoneStage {
  milestoneId: string;
  users: number;
  /** `users / started`. */
  share: number | null;
  /** True when this milestone is the Aha! moment (seen on `aha_reached`). */
  aha: boolean;
  medianMsSinceStart: number | null;
}

/** Of the users who started in the window, how many reached each milestone, most first. */
export interface MilestoneFunnel {
  started: number;
  milestones: MilestoneStage[];
}

export interface StepFunnel {
  /** 0-based position in the tour; `null` when senders gave only a `stepId`. */
  stepIndex: number | null;
  stepId: string | null;
  viewed: number;
  completed: number;
  /** Users who closed the tour at this step. */
  dismissed: number;
  /** Users for whom this step's target never appeared. */
  targetMissing: number;
}

export interface FlowFunnel {
  flowId: string;
  started: number;
  completed: number;
  /** Users who dismissed the flow at any step. */
  dismissed: number;
  steps: StepFunnel[];
}

export interface ChecklistCompletion {
  flowId: string;
  /** New users in the window: the denominator of `completionRate`. */
  users: number;
  /** Items any user has completed (the collector does not read the flows document). */
  totalItems: number;
  /** Users with at least one item done. */
  usersStarted: number;
  /** Users who completed the checklist (`flow_completed`, or every item). */
  usersCompleted: number;
  completionRate: number | null;
  items: { itemId: string; users: number }[];
}

export type HealthBand = 'red' | 'yellow' | 'green';
export type TouchTier = 'high' | 'low' | 'tech';

/** Why an account scores low; the dashboard words each code. */
export type RiskReason =
  | { code: 'quiet'; days: number | null }
  | { code: 'low_adoption'; activeUsers: number; seats: number }
  | { code: 'low_frequency'; activeDays14: number; activeDays28: number }
  | { code: 'few_milestones'; reached: number; total: number }
  | { code: 'no_aha' };

/** Points per health component; they add up to `score` (before rounding). */
export interface HealthComponents {
  adoption: number;
  frequency: number;
  value: number;
  recency: number;
}

export interface AccountHealth {
  accountId: string;
  name: string | null;
  plan: string | null;
  seats: number | null;
  touch: TouchTier | null;
  /** Users ever seen in the account. */
  users: number;
  activeUsers28: number;
  activeDays14: number;
  activeDays28: number;
  milestonesReached: number;
  milestonesTotal: number;
  ahaUsers: number;
  /** Last UTC day with an event, `YYYY-MM-DD`; `null` when none before the window's end. */
  lastActiveDay: string | null;
  daysSinceActive: number | null;
  score: number;
  band: HealthBand;
  components: HealthComponents;
  reasons: RiskReason[];
}

export type BandCounts = Record<HealthBand, number>;

/** Per-account health at the end of the window, red accounts first. */
export interface AccountsReport {
  asOf: string;
  bands: BandCounts;
  /** Band counts per touch tier (`unknown` when the account has none). */
  byTouch: Record<TouchTier | 'unknown', BandCounts>;
  accounts: AccountHealth[];
}

/** Everything the dashboard shows: totals, then each metric over the window. */
export interface Metrics extends Totals {
  window: { from: string; to: string };
  ttv: TtvMetrics;
  aha: AhaRateMetrics;
  milestones: MilestoneFunnel;
  flows: FlowFunnel[];
  checklists: ChecklistCompletion[];
  /** Per-account health (`GET /api/accounts`). */
  health: AccountsReport;
}
