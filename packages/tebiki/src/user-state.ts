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

/** Tour progress as stored: the states and when they were written. */
interface StoredFlows {
  at: number;
  states: FlowStates;
}

const session = (): Storage | null => {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // blocked storage throws on access
  }
};

/**
 * Saves tour progress. IndexedDB commits asynchronously, and a click that
 * advances a tour is often the click on a link that leaves the page: so the
 * same record is also written synchronously to this tab's sessionStorage,
 * under a key of Tebiki's own, and whichever is newer wins on the next page.
 */
export function saveFlows(
  storage: KeyValueStorage,
  user: string,
  states: FlowStates,
): Promise<void> {
  const record: StoredFlows = { at: Date.now(), states };
  try {
    session()?.setItem(`tebiki:${keysOf(user).flows}`, JSON.stringify(record));
  } catch {
    // Quota or blocked storage: IndexedDB still has it, a moment later.
  }
  return storage.set(keysOf(user).flows, record);
}

/** Loads tour progress, the newer of IndexedDB's and this tab's write-ahead copy. */
export async function loadFlows(storage: KeyValueStorage, user: string): Promise<FlowStates> {
  const stored = readFlows(await storage.get<StoredFlows>(keysOf(user).flows));
  let early: StoredFlows | undefined;
  try {
    early = readFlows(JSON.parse(session()?.getItem(`tebiki:${keysOf(user).flows}`) ?? 'null'));
  } catch {
    early = undefined;
  }
  const newest = early && (!stored || early.at > stored.at) ? early : stored;
  return newest?.states ?? {};
}

function readFlows(value: unknown): StoredFlows | undefined {
  const record = value as StoredFlows | null | undefined;
  return record && typeof record.at === 'number' && typeof record.states === 'object'
    ? record
    : undefined;
}

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
    loadFlows(storage, from),
    loadFlows(storage, to),
    storage.get<JourneyState>(source.journey),
    storage.get<JourneyState>(target.journey),
    storage.get<Profile>(source.profile),
    storage.get<Profile>(target.profile),
  ]);
  if (Object.keys(flowsA).length === 0 && !journeyA && !profileA) return;
  const profile = mergeProfiles(profileA, profileU);
  await Promise.all([
    saveFlows(storage, to, mergeFlows(flowsA, flowsU)),
    storage.set(target.journey, mergeJourneys(journeyA, journeyU)),
    profile ? storage.set(target.profile, profile) : undefined,
  ]);
  await Promise.all(Object.values(source).map((key) => storage.del(key)));
  try {
    session()?.removeItem(`tebiki:${source.flows}`);
  } catch {
    // nothing to forget
  }
}
