import type { HealthBand, HealthComponents, RiskReason } from './types.ts';

/** What the score is computed from, measured at the end of the window. */
export interface HealthInputs {
  /** Licensed seats (`group` trait); `null` or 0: the account's known users stand in. */
  seats: number | null;
  /** Users ever seen in the account. */
  users: number;
  /** Distinct users with an event in the last 28 days. */
  activeUsers28: number;
  /** Distinct days with an event from any of its users, last 14 / 28 days. */
  activeDays14: number;
  activeDays28: number;
  /** Distinct milestones any of its users reached, and how many milestones exist. */
  milestonesReached: number;
  milestonesTotal: number;
  /** Users who reached Aha!. */
  ahaUsers: number;
  /** Whole days since its last active day; `null` when it was never active. */
  daysSinceActive: number | null;
}

export interface HealthScore {
  score: number;
  band: HealthBand;
  components: HealthComponents;
  reasons: RiskReason[];
}

/**
 * The weights and thresholds of the health score, documented in docs/collector.md.
 * Frequency targets are business days: 10 of 14 and 20 of 28 days is full marks.
 */
export const HEALTH = {
  weights: { adoption: 30, frequency: 25, value: 25, recency: 20 },
  frequencyTargets: { days14: 10, days28: 20 },
  /** Recency is full up to this many days since the last activity… */
  recencyFullDays: 1,
  /** …and 0 from this many on. */
  recencyZeroDays: 14,
  bands: { green: 70, yellow: 40 },
  /** No activity for this many days makes an account red, whatever its score. */
  quietRedDays: 14,
  /** `quiet` is listed as a reason from this many days on. */
  quietReasonDays: 7,
} as const;

/**
 * Scores one account from 0 to 100:
 *
 * - adoption (30): active users in the last 28 days / seats, capped at 1;
 * - frequency (25): 15 × min(1, active days in 14 / 10) + 10 × min(1, active days in 28 / 20);
 * - value (25): milestones reached by any of its users / milestones that exist;
 * - recency (20): full up to 1 day since the last activity, falling linearly to 0 at 14 days.
 *
 * Green from 70, yellow from 40, red below, and red whatever the score after 14 quiet days.
 * A reason is listed for each component under half its weight, and when no user reached Aha!.
 */
export function scoreHealth(inputs: HealthInputs): HealthScore {
  const { weights, frequencyTargets } = HEALTH;
  const seats = inputs.seats && inputs.seats > 0 ? inputs.seats : Math.max(inputs.users, 1);
  const adoptionRatio = clamp(inputs.activeUsers28 / seats);
  const frequencyRatio =
    0.6 * clamp(inputs.activeDays14 / frequencyTargets.days14) +
    0.4 * clamp(inputs.activeDays28 / frequencyTargets.days28);
  // With no milestone reached anywhere yet there is no signal, so no penalty either.
  const valueRatio =
    inputs.milestonesTotal > 0 ? clamp(inputs.milestonesReached / inputs.milestonesTotal) : 1;
  const days = inputs.daysSinceActive;
  const recencyRatio =
    days === null
      ? 0
      : clamp(
          (HEALTH.recencyZeroDays - Math.max(days, HEALTH.recencyFullDays)) /
            (HEALTH.recencyZeroDays - HEALTH.recencyFullDays),
        );

  const components: HealthComponents = {
    adoption: round1(weights.adoption * adoptionRatio),
    frequency: round1(weights.frequency * frequencyRatio),
    value: round1(weights.value * valueRatio),
    recency: round1(weights.recency * recencyRatio),
  };
  const score = Math.round(
    weights.adoption * adoptionRatio +
      weights.frequency * frequencyRatio +
      weights.value * valueRatio +
      weights.recency * recencyRatio,
  );
  const quiet = days === null || days >= HEALTH.quietRedDays;
  const band: HealthBand =
    quiet || score < HEALTH.bands.yellow ? 'red' : score < HEALTH.bands.green ? 'yellow' : 'green';

  const reasons: RiskReason[] = [];
  if (days === null || days >= HEALTH.quietReasonDays) reasons.push({ code: 'quiet', days });
  if (adoptionRatio < 0.5) {
    reasons.push({ code: 'low_adoption', activeUsers: inputs.activeUsers28, seats });
  }
  if (frequencyRatio < 0.5) {
    reasons.push({
      code: 'low_frequency',
      activeDays14: inputs.activeDays14,
      activeDays28: inputs.activeDays28,
    });
  }
  if (valueRatio < 0.5) {
    reasons.push({
      code: 'few_milestones',
      reached: inputs.milestonesReached,
      total: inputs.milestonesTotal,
    });
  }
  if (inputs.ahaUsers === 0) reasons.push({ code: 'no_aha' });
  return { score, band, components, reasons };
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
