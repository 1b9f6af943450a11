import type { FlowStates, JourneyState, KeyValueStorage } from '@tebiki/core';

/** When the user's clock started, and how long they have actively used the app since. */
export interface Profile {
  /** Epoch ms: `traits.signedUpAt` when given, else the first time Tebiki saw them. */
  startedAt: number;
  /** Visible, in-use time since then, in ms. */
  activeMs: number;
}

/** Storage keys of one user's state (the user id, or the anonymous id before `identify`). */
export const keysOf = (user: string) => ({
  flows: `flows:${user}`,
  journey: `journey:${user}`,
  profile: `profile:${user}`,
});

/** `signedUpAt` as epoch ms, from an ISO 8601 string or epoch ms; null when unusable. */
export function parseSignedUpAt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function mergeFlows(anonymous: FlowStates = {}, user: FlowStates = {}): FlowStates {
  // What the user did while signed in wins; anonymous progress fills the gaps.
  return { ...anonymous, ...user };
}

function mergeJourneys(anonymous?: JourneyState, user?: JourneyState): JourneyState {
  const milestones = { ...anonymous?.milestones };
  for (const [id, record] of Object.entries(user?.milestones ?? {})) {
    const earlier = milestones[id];
    if (!earlier || record.reachedAt < earlier.reachedAt) milestones[id] = record;
  }
  return {
    milestones,
    aha: user?.aha ?? anonymous?.aha,
    dismissedChecklists: [
      ...new Set([...(anonymous?.dismissedChecklists ?? []), ...(user?.dismissedChecklists ?? [])]),
    ],
  };
}

function mergeProfiles(anonymous?: Profile, user?: Profile): Profile | undefined {
  if (!anonymous) return user;
  if (!user) return anonymous;
  return {
    startedAt: Math.min(anonymous.startedAt, user.startedAt),
    activeMs: anonymous.activeMs + user.activeMs,
  };
}

/**
 * Moves what an anonymous visitor did (tours seen, milestones, active time)
 * onto the user they turn out to be, merged with what that user already had,
 * then forgets the anonymous copy.
 */
export async function carryOver(storage: KeyValueStorage, from: string, to: string): Promise<void> {
  const source = keysOf(from);
  const target = keysOf(to);
  const [flowsA, flowsU, journeyA, journeyU, profileA, profileU] = await Promise.all([
    storage.get<FlowStates>(source.flows),
    storage.get<FlowStates>(target.flows),
    storage.get<JourneyState>(source.journey),
    storage.get<JourneyState>(target.journey),
    storage.get<Profile>(source.profile),
    storage.get<Profile>(target.profile),
  ]);
  if (!flowsA && !journeyA && !profileA) return;
  const profile = mergeProfiles(profileA, profileU);
  await Promise.all([
    storage.set(target.flows, mergeFlows(flowsA, flowsU)),
    storage.set(target.journey, mergeJourneys(journeyA, journeyU)),
    profile ? storage.set(target.profile, profile) : undefined,
  ]);
  await Promise.all(Object.values(source).map((key) => storage.del(key)));
}
