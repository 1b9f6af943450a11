import type { ChecklistFlow, FlowsDocument, Milestone } from '@tebiki/schema';
import type { KeyValueStorage } from './adapters.ts';
import type { Emit } from './engine.ts';
import { matchUrl } from './url-pattern.ts';

export interface MilestoneRecord {
  /** Epoch ms when it was reached. */
  reachedAt: number;
  msSinceStart: number;
}

export interface AhaRecord {
  milestoneId: string;
  reachedAt: number;
  ttvMs: number;
  activeTtvMs: number;
}

/** What one user has reached; stored per user and shared by every tab. */
export interface JourneyState {
  milestones: Record<string, MilestoneRecord>;
  aha?: AhaRecord;
  /** Checklists the user closed; reopening clears the mark. */
  dismissedChecklists?: string[];
}

/** Runs `fn` while holding the named lock, so tabs of one user take turns (Web Locks in browsers). */
export type WithLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export interface ChecklistProgress {
  done: number;
  total: number;
  completed: boolean;
  dismissed: boolean;
  items: { itemId: string; milestoneId: string; flowId?: string; done: boolean }[];
}

export interface JourneyOptions {
  document: FlowsDocument;
  storage: KeyValueStorage;
  withLock: WithLock;
  emit: Emit;
  now: () => number;
  /** When this user's clock started: `traits.signedUpAt`, else their first visit. */
  startedAt: () => number;
  /** Active (visible and in use) ms since the user started, for `activeTtvMs`. */
  activeMs: () => number;
  /** Storage key of the current user's journey. */
  key: () => string;
}

export interface Journey {
  /** Marks a milestone reached, once per user across tabs. Resolves whether this call reached it. */
  reach(milestoneId: string): Promise<boolean>;
  /** A tracked event: reaches the milestones whose `when.event` it is. */
  track(event: string): void;
  /** A page view: reaches the milestones whose `when.url` matches. */
  page(pathname: string): void;
  /** Selectors whose click reaches a milestone (the DOM layer listens for them). */
  clickSelectors(): { selector: string; milestoneId: string }[];
  checklist(flowId: string): ChecklistProgress | null;
  setChecklistDismissed(flowId: string, dismissed: boolean): Promise<void>;
  /** Loads the current user's journey from storage (after init or identify). */
  load(): Promise<void>;
  state(): JourneyState;
}

const emptyState = (): JourneyState => ({ milestones: {} });

/**
 * The stored journey (what every tab agreed on) with what this tab knows on
 * top: milestones are a union keeping the earliest; the first Aha! stands.
 */
function merge(stored: JourneyState | undefined, mine: JourneyState): JourneyState {
  if (!stored) return { ...mine, milestones: { ...mine.milestones } };
  const milestones = { ...mine.milestones };
  for (const [id, record] of Object.entries(stored.milestones)) {
    const known = milestones[id];
    if (!known || record.reachedAt <= known.reachedAt) milestones[id] = record;
  }
  return {
    milestones,
    aha: stored.aha ?? mine.aha,
    dismissedChecklists: stored.dismissedChecklists ?? mine.dismissedChecklists,
  };
}

/**
 * Milestones, the Aha! moment and checklist progress. Each milestone is
 * reported once per user: the decision is taken under a lock against the
 * stored state, so two tabs reaching it together report it once.
 */
export function createJourney(options: JourneyOptions): Journey {
  const { document, storage, withLock, emit, now } = options;
  const milestones = new Map<string, Milestone>();
  for (const milestone of document.milestones ?? []) milestones.set(milestone.id, milestone);
  const checklists = document.flows.filter(
    (flow): flow is ChecklistFlow => flow.type === 'checklist',
  );
  let state = emptyState();

  const valid = (stored: unknown): JourneyState | undefined =>
    stored && typeof stored === 'object' && (stored as JourneyState).milestones
      ? (stored as JourneyState)
      : undefined;

  const readStored = async () =>
    valid(await storage.get<JourneyState>(options.key()).catch(() => undefined)) ?? emptyState();

  /**
   * Changes the stored journey with `change`, which sees the stored state merged
   * with this tab's. Atomic where the storage can update in one transaction
   * (IndexedDB: tabs of one origin take turns), and under `withLock` besides.
   * When storage fails, the change still applies to this tab's state.
   */
  function commit<T>(change: (current: JourneyState) => T): Promise<T> {
    return withLock(`tebiki:journey:${options.key()}`, async () => {
      let result!: T;
      let applied = false;
      const apply = (stored: JourneyState | undefined) => {
        state = merge(valid(stored), state);
        result = change(state);
        applied = true;
        return state;
      };
      try {
        if (storage.update) await storage.update<JourneyState>(options.key(), apply);
        else await storage.set(options.key(), apply(await readStored()));
      } catch {
        // Storage failed: the change still applies to this tab's state below.
      }
      if (!applied) apply(undefined);
      return result;
    });
  }

  function progressOf(flow: ChecklistFlow, from: JourneyState): ChecklistProgress {
    const items = flow.items.map((item) => ({
      itemId: item.milestone,
      milestoneId: item.milestone,
      flowId: item.flow,
      done: Boolean(from.milestones[item.milestone]),
    }));
    const done = items.filter((item) => item.done).length;
    return {
      done,
      total: items.length,
      completed: done === items.length,
      dismissed: from.dismissedChecklists?.includes(flow.id) ?? false,
      items,
    };
  }

  async function reach(milestoneId: string): Promise<boolean> {
    const milestone = milestones.get(milestoneId);
    if (!milestone) {
      emit('error', {
        code: 'unknown_milestone',
        message: `milestone("${milestoneId}"): the flows document defines no such milestone`,
      });
      return false;
    }
    if (state.milestones[milestoneId]) return false;
    // Another tab may have reached it since this one loaded: the stored state decides.
    const outcome = await commit((current) => {
      if (current.milestones[milestoneId]) return null;
      const reachedAt = now();
      const msSinceStart = Math.max(0, reachedAt - options.startedAt());
      const before = checklists.map((flow) => progressOf(flow, current));
      current.milestones[milestoneId] = { reachedAt, msSinceStart };
      let aha: AhaRecord | undefined;
      if (milestone.aha && !current.aha) {
        aha = {
          milestoneId,
          reachedAt,
          ttvMs: msSinceStart,
          activeTtvMs: Math.max(0, Math.min(options.activeMs(), msSinceStart)),
        };
        current.aha = aha;
      }
      return { msSinceStart, aha, before };
    });
    if (!outcome) return false;
    const { msSinceStart, aha, before } = outcome;
    emit('milestone_reached', { milestoneId, msSinceStart });
    if (aha) {
      emit('aha_reached', { milestoneId, ttvMs: aha.ttvMs, activeTtvMs: aha.activeTtvMs });
    }
    checklists.forEach((flow, index) => {
      if (!flow.items.some((item) => item.milestone === milestoneId)) return;
      emit('checklist_item_completed', { flowId: flow.id, itemId: milestoneId });
      if (!before[index]!.completed && progressOf(flow, state).completed) {
        emit('flow_completed', { flowId: flow.id });
      }
    });
    return true;
  }

  const reachAll = (ids: string[]) => {
    for (const id of ids) void reach(id);
  };

  return {
    reach,
    track(event) {
      reachAll([...milestones.values()].filter((m) => m.when?.event === event).map((m) => m.id));
    },
    page(pathname) {
      reachAll(
        [...milestones.values()]
          .filter((m) => m.when?.url && matchUrl(m.when.url, pathname))
          .map((m) => m.id),
      );
    },
    clickSelectors() {
      return [...milestones.values()]
        .filter((m) => m.when?.click)
        .map((m) => ({ selector: m.when!.click!, milestoneId: m.id }));
    },
    checklist(flowId) {
      const flow = checklists.find((candidate) => candidate.id === flowId);
      return flow ? progressOf(flow, state) : null;
    },
    async setChecklistDismissed(flowId, dismissed) {
      await commit((current) => {
        const others = (current.dismissedChecklists ?? []).filter((id) => id !== flowId);
        current.dismissedChecklists = dismissed ? [...others, flowId] : others;
      });
    },
    async load() {
      state = await readStored();
    },
    state: () => state,
  };
}
