import type {
  AnnouncementFlow,
  ChecklistFlow,
  FlowsDocument,
  HintFlow,
  Step,
  TourFlow,
} from '@tebiki/schema';
import { atom, type ReadableAtom } from 'nanostores';
import type { ResolveTarget, Schedule } from './adapters.ts';
import { type AudienceSubject, matchesAudience } from './audience.ts';
import type { LifecycleEventName, LifecycleEvents } from './events.ts';
import { matchUrl } from './url-pattern.ts';

/** Default wait for a step's missing target, in ms. */
export const DEFAULT_WAIT_MS = 3000;
/** Default wait for a `trigger.element` to appear after the page matches, in ms. */
export const DEFAULT_ELEMENT_WAIT_MS = 10_000;

/**
 * A tour, or an announcement run as a one-step tour (`display` says how it is
 * shown), so that both share triggers, audience, frequency and arbitration.
 */
export type GuidedFlow = TourFlow & Partial<Pick<AnnouncementFlow, 'display' | 'position'>>;

export interface ActiveStep {
  flow: GuidedFlow;
  step: Step;
  stepIndex: number;
  /** The step's target as `resolveTarget` found it; null = shown centred. */
  target: unknown | null;
}

/** Where each flow stands for the current user; persisted between visits. */
export interface FlowRecord {
  status: 'active' | 'completed' | 'dismissed';
  stepIndex: number;
  /** Started by a trigger rather than `start()`: counts for the gap between auto-started flows. */
  auto?: boolean;
  /** Epoch ms when the flow was completed or dismissed. */
  endedAt?: number;
}
export type FlowStates = Record<string, FlowRecord>;

export interface PassiveFlows {
  hints: HintFlow[];
  checklists: ChecklistFlow[];
}

export type Emit = <K extends LifecycleEventName>(name: K, detail: LifecycleEvents[K]) => void;

export interface EngineOptions {
  document: FlowsDocument;
  resolveTarget: ResolveTarget;
  emit: Emit;
  /** Flow states loaded from storage. */
  flowStates?: FlowStates;
  /** @default Date.now */
  now?: () => number;
  /** Timers for `trigger.delayMs`. @default setTimeout */
  schedule?: Schedule;
  /** The user's and the account's traits, for `audience` rules. */
  subject?: () => AudienceSubject;
  /** Least time between the end of one auto-started flow and the start of the next. @default 0 */
  minAutoGapMs?: number;
}

export interface Engine {
  /** The tour step on screen, or null. */
  $active: ReadableAtom<ActiveStep | null>;
  /** Every flow's state; subscribe to persist it. */
  $flowStates: ReadableAtom<FlowStates>;
  /** Starts a tour by id, whatever its trigger, audience and frequency. False when it cannot. */
  start(flowId: string): Promise<boolean>;
  next(): Promise<void>;
  back(): Promise<void>;
  /**
   * The step on screen lost its target: the page removed or hid it, or
   * re-rendered it as a new element. Looks for the step's target again, as
   * when the step opened (no second `step_viewed`); if it does not come back
   * within the step's wait, it is missing: `target_missing`, then centred or
   * skipped.
   */
  targetLost(): Promise<void>;
  dismiss(): void;
  /** A tracked event: advances a step waiting for it, starts tours triggered by it. */
  track(event: string): Promise<void>;
  /** A click on an element matching `selector` (as reported by the DOM layer). */
  clicked(selector: string): Promise<void>;
  /** Selectors a step on screen advances on; the DOM layer reports clicks on them. */
  clickSelectors(): string[];
  /** The current pathname: resumes a tour whose step lives here, or auto-starts one. */
  page(pathname: string): Promise<void>;
  /** Hints and checklists for this page: trigger URL (if any) matches, audience holds, not closed. */
  $passive: ReadableAtom<PassiveFlows>;
  /** Re-evaluates `$passive` (after the user's or the account's traits changed). */
  refreshPassive(): void;
  /** A hint was opened or a checklist shown: `step_viewed` once per page view. */
  viewed(flowId: string): void;
  /** The user closed a hint or a checklist: `flow_dismissed`, and hidden by its frequency. */
  close(flowId: string): void;
  /** Shows a closed hint or checklist again. False when `flowId` is neither. */
  reopen(flowId: string): boolean;
  /**
   * Another tab of the same user ended `flowId` (completed or dismissed): its
   * record is taken unless this tab's is as recent, and if the flow is on
   * screen here it goes away without events, as the other tab sent them.
   */
  endedElsewhere(flowId: string, state: FlowRecord): void;
  /** Replaces the flow states (another user's): nothing on screen, every tour judged afresh. */
  reset(flowStates?: FlowStates): void;
  destroy(): void;
}

const sameFlows = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((flow, index) => flow === b[index]);

const isBanner = (flow?: GuidedFlow) => flow?.display === 'banner';

function asOneStepTour(flow: AnnouncementFlow): GuidedFlow {
  const { display, position, title, body, ...common } = flow;
  return { ...common, type: 'tour', display, position, steps: [{ id: flow.id, title, body }] };
}

const defaultSchedule: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/**
 * The headless tour engine: decides which tour step is on screen, when tours
 * start by themselves (URL, element, event, delay; audience; frequency;
 * priority; one at a time with a gap) and emits the lifecycle events. It never
 * touches the DOM: targets come from `resolveTarget`, clicks from `clicked()`.
 */
export function createEngine(options: EngineOptions): Engine {
  const { document, resolveTarget, emit } = options;
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? defaultSchedule;
  const subject = options.subject ?? (() => ({ traits: {}, account: {} }));
  const $active = atom<ActiveStep | null>(null);
  const $flowStates = atom<FlowStates>({ ...options.flowStates });
  const startedThisSession = new Set<string>();
  let pending: AbortController | undefined;
  /** Waits for trigger elements and delays of the current page; aborted on navigation. */
  let pageWaits = new AbortController();
  /**
   * Flows a trigger offered while another flow was on screen: offered again
   * once it ends (after the gap), as long as the user stays on this page.
   */
  const heldBack = new Set<TourFlow>();
  /**
   * A banner that gave way to a tour: banners never keep a tour from starting.
   * It comes back, where it was, once that tour ends on this page.
   */
  let putAway: GuidedFlow | null = null;
  /** True while a step change waits for its target: further next/back presses are ignored. */
  let moving = false;
  /** The tour whose step change is in flight. */
  let walking = '';
  let destroyed = false;
  let pathname = '';

  const tours = new Map<string, GuidedFlow>();
  const hints: HintFlow[] = [];
  const checklists: ChecklistFlow[] = [];
  for (const flow of document.flows) {
    if (flow.type === 'tour') tours.set(flow.id, flow);
    else if (flow.type === 'announcement') tours.set(flow.id, asOneStepTour(flow));
    else if (flow.type === 'hint') hints.push(flow);
    else checklists.push(flow);
  }
  const $passive = atom<PassiveFlows>({ hints: [], checklists: [] });
  const closedThisSession = new Set<string>();
  const viewedOnThisPage = new Set<string>();
  const closedOnThisPage = new Set<string>();

  const record = (flowId: string) => $flowStates.get()[flowId];
  const setRecord = (flowId: string, value: FlowRecord) => {
    $flowStates.set({ ...$flowStates.get(), [flowId]: value });
  };

  const stepDetail = (active: ActiveStep) => ({
    flowId: active.flow.id,
    stepId: active.step.id,
    stepIndex: active.stepIndex,
  });

  /**
   * The page a step lives on: its own `url`; else, for a tour its trigger
   * started, the trigger's URL; else wherever the user is.
   */
  const stepLivesHere = (flow: TourFlow, step: Step) => {
    const pattern = step.url ?? (record(flow.id)?.auto ? flow.trigger?.url : undefined);
    return !pattern || matchUrl(pattern, pathname);
  };

  /**
   * Shows step `index` of `flow`, moving on in `direction` past missing targets.
   * `again`: that step is on screen and looks for its target anew.
   */
  async function show(
    flow: TourFlow,
    index: number,
    direction: 1 | -1,
    again?: boolean,
  ): Promise<void> {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    moving = true;
    walking = flow.id;
    try {
      await walk(flow, index, direction, controller.signal, again);
    } finally {
      if (pending === controller) moving = false;
    }
  }

  async function walk(
    flow: TourFlow,
    index: number,
    direction: 1 | -1,
    signal: AbortSignal,
    again?: boolean,
  ) {
    const auto = record(flow.id)?.auto;
    for (let i = index; i >= 0 && i < flow.steps.length; i += direction) {
      const step = flow.steps[i]!;
      if (!stepLivesHere(flow, step)) {
        // A multi-page tour: the step waits for the user to reach its page.
        $active.set(null);
        setRecord(flow.id, { status: 'active', stepIndex: i, auto });
        return;
      }
      let target: unknown | null = null;
      if (step.target) {
        target = await resolveTarget(step.target, step.waitMs ?? DEFAULT_WAIT_MS, signal);
        if (signal.aborted || destroyed) return;
        if (target === null) {
          emit('target_missing', {
            flowId: flow.id,
            stepId: step.id,
            stepIndex: i,
            target: step.target,
          });
          if (step.fallback !== 'center') continue;
        }
      }
      const active: ActiveStep = { flow, step, stepIndex: i, target };
      setRecord(flow.id, { status: 'active', stepIndex: i, auto });
      $active.set(active);
      // The same step, found again, was viewed already.
      if (!(again && i === index)) emit('step_viewed', stepDetail(active));
      return;
    }
    // Walking back past the first step leaves the current step on screen.
    if (direction === 1) complete(flow);
  }

  function end(flow: TourFlow, status: 'completed' | 'dismissed', stepIndex: number) {
    const auto = record(flow.id)?.auto;
    setRecord(flow.id, { status, stepIndex, auto, endedAt: now() });
    giveFloor();
  }

  /** The flow on screen has ended: offers the floor to what waited for it. */
  function giveFloor() {
    const held = [...heldBack];
    heldBack.clear();
    if (held.length === 0 && !putAway) return;
    // After this call's events, so a start() from a listener goes first. The flows
    // held back come before the banner that gave way, which then stays away if one
    // of them takes the floor, instead of showing for a moment in between.
    onThisPage(async () => {
      if (held.length > 0) await autoStart(held);
      const banner = putAway;
      const state = banner && record(banner.id);
      if (!state || $active.get() || moving) return;
      putAway = null;
      if (state.status === 'active') await begin(banner!, state.auto ?? false, 0);
    }, 0);
  }

  /** Puts a banner on screen away so that `flow`, a tour or modal, can show instead. */
  function makeWay(flow: GuidedFlow): void {
    const current = $active.get()?.flow;
    if (moving || !isBanner(current) || isBanner(flow) || current!.id === flow.id) return;
    putAway = current!;
    $active.set(null);
  }

  function complete(flow: TourFlow): void {
    $active.set(null);
    end(flow, 'completed', flow.steps.length - 1);
    emit('flow_completed', { flowId: flow.id });
  }

  /** Starts `flow` afresh, or resumes it at `resumeAt` (a reload, or a return to its page). */
  async function begin(flow: TourFlow, auto: boolean, resumeAt?: number): Promise<boolean> {
    const current = $active.get();
    if (current && current.flow.id !== flow.id) return false;
    // Another tour is about to appear (its target is being looked for).
    if (moving && walking !== flow.id) return false;
    startedThisSession.add(flow.id);
    if (resumeAt === undefined) {
      setRecord(flow.id, { status: 'active', stepIndex: 0, auto });
      emit('flow_started', { flowId: flow.id });
    }
    await show(flow, resumeAt ?? 0, 1);
    return true;
  }

  function frequencyAllows(flow: TourFlow): boolean {
    const state = record(flow.id);
    switch (flow.frequency ?? 'once') {
      case 'once':
        return !state || state.status === 'active';
      case 'session':
        return !startedThisSession.has(flow.id) || state?.status === 'active';
      case 'always':
        return true;
    }
  }

  /**
   * How long until `minAutoGapMs` has passed since the last auto-started flow
   * ended. Ends later than now (the clock went back since) are not counted.
   */
  function gapLeft(): number {
    const gap = options.minAutoGapMs ?? 0;
    if (gap <= 0) return 0;
    const at = now();
    let last = Number.NEGATIVE_INFINITY;
    for (const state of Object.values($flowStates.get())) {
      if (state.auto && state.endedAt !== undefined && state.endedAt <= at) {
        last = Math.max(last, state.endedAt);
      }
    }
    return Math.max(0, gap - (at - last));
  }

  const eligible = (flow: TourFlow) =>
    frequencyAllows(flow) && matchesAudience(flow.audience as never, subject(), now());

  const byPriority = (a: TourFlow, b: TourFlow) => (b.priority ?? 0) - (a.priority ?? 0);

  /**
   * Starts the highest-priority of `flows`, unless a tour is on screen (they
   * are then held back until it ends) or the gap holds.
   */
  async function autoStart(flows: GuidedFlow[]): Promise<void> {
    if (destroyed) return;
    const holdBack = (held: TourFlow[]) => {
      for (const flow of held) if (flow.id !== walking && eligible(flow)) heldBack.add(flow);
    };
    // A banner on screen gives way to any other guide, so it does not count here.
    const current = $active.get()?.flow;
    const banner = isBanner(current);
    if ((current && !banner) || moving) return holdBack(flows);
    const wait = gapLeft();
    if (wait > 0) {
      // Not now, but not lost: offer the flows again once the gap has passed,
      // if the user is still on this page.
      if (flows.some(eligible)) onThisPage(() => void autoStart(flows), wait);
      return;
    }
    // A tour the user left mid-way in this visit still holds the floor (a banner does not).
    const paused = [...startedThisSession].some(
      (id) => !isBanner(tours.get(id)) && record(id)?.status === 'active',
    );
    if (paused) return;
    const [flow, ...others] = flows
      .filter((flow) => eligible(flow) && !(banner && isBanner(flow)))
      .sort(byPriority);
    if (!flow) return holdBack(flows);
    holdBack(others);
    makeWay(flow);
    await begin(flow, true);
  }

  /** Runs `fn` in `wait` ms, unless the user has left the page by then. */
  function onThisPage(fn: () => void, wait: number): void {
    const { signal } = pageWaits;
    const cancel = schedule(() => {
      signal.removeEventListener('abort', cancel);
      if (!signal.aborted) fn();
    }, wait);
    signal.addEventListener('abort', cancel, { once: true });
  }

  /** Waits for a trigger's element and delay, then offers the flow for an auto-start. */
  async function armTrigger(flow: TourFlow, signal: AbortSignal): Promise<void> {
    const { element, delayMs } = flow.trigger ?? {};
    if (element) {
      const found = await resolveTarget(element, DEFAULT_ELEMENT_WAIT_MS, signal);
      if (signal.aborted || found === null) return;
    }
    if (delayMs) {
      await new Promise<void>((resolve) => {
        const cancel = schedule(resolve, delayMs);
        signal.addEventListener('abort', () => {
          cancel();
          resolve();
        });
      });
      if (signal.aborted) return;
    }
    await autoStart([flow]);
  }

  function advanceIfWaitingFor(match: (step: Step) => boolean): Promise<void> {
    const active = $active.get();
    if (!active || moving || !match(active.step)) return Promise.resolve();
    return engine.next();
  }

  const passiveShown = (flow: HintFlow | ChecklistFlow) => {
    const url = flow.trigger?.url;
    if (url && !matchUrl(url, pathname)) return false;
    const state = record(flow.id);
    const frequency = flow.frequency ?? 'once';
    const closed =
      closedOnThisPage.has(flow.id) ||
      (frequency === 'once' && state?.status === 'dismissed') ||
      (frequency === 'session' && closedThisSession.has(flow.id));
    return !closed && matchesAudience(flow.audience as never, subject(), now());
  };

  /** `force`: a new page, whose elements differ even when the list does not. */
  const refreshPassive = (force = false) => {
    if (destroyed) return;
    const next = { hints: hints.filter(passiveShown), checklists: checklists.filter(passiveShown) };
    const current = $passive.get();
    // identify(), group() and page() all re-check: redraw only when the answer changed.
    const same =
      sameFlows(next.hints, current.hints) && sameFlows(next.checklists, current.checklists);
    if (same && !force) return;
    $passive.set(next);
  };

  const engine: Engine = {
    $active,
    $flowStates,
    $passive,
    refreshPassive: () => refreshPassive(),
    viewed(flowId) {
      if (viewedOnThisPage.has(flowId)) return;
      viewedOnThisPage.add(flowId);
      emit('step_viewed', { flowId, stepId: flowId, stepIndex: 0 });
    },
    reopen(flowId) {
      if (!hints.some((f) => f.id === flowId) && !checklists.some((f) => f.id === flowId)) {
        return false;
      }
      closedThisSession.delete(flowId);
      closedOnThisPage.delete(flowId);
      const { [flowId]: _closed, ...others } = $flowStates.get();
      $flowStates.set(others);
      refreshPassive();
      return true;
    },
    close(flowId) {
      if (!hints.some((f) => f.id === flowId) && !checklists.some((f) => f.id === flowId)) return;
      closedThisSession.add(flowId);
      closedOnThisPage.add(flowId);
      setRecord(flowId, { status: 'dismissed', stepIndex: 0, endedAt: now() });
      emit('flow_dismissed', { flowId, stepId: flowId, stepIndex: 0 });
      refreshPassive();
    },
    async start(flowId) {
      const flow = tours.get(flowId);
      if (!flow || destroyed) return false;
      makeWay(flow);
      return begin(flow, false);
    },
    async next() {
      const active = $active.get();
      if (!active || moving) return;
      emit('step_completed', stepDetail(active));
      await show(active.flow, active.stepIndex + 1, 1);
    },
    async back() {
      const active = $active.get();
      if (!active || moving || active.stepIndex === 0) return;
      await show(active.flow, active.stepIndex - 1, -1);
    },
    async targetLost() {
      const active = $active.get();
      if (!active?.target || moving) return;
      await show(active.flow, active.stepIndex, 1, true);
    },
    dismiss() {
      const active = $active.get();
      if (!active) return;
      pending?.abort();
      moving = false;
      $active.set(null);
      end(active.flow, 'dismissed', active.stepIndex);
      emit('flow_dismissed', stepDetail(active));
    },
    async track(event) {
      await advanceIfWaitingFor((step) => step.advanceOn?.event === event);
      await autoStart(
        [...tours.values()].filter(
          (flow) =>
            flow.trigger?.event === event &&
            (!flow.trigger.url || matchUrl(flow.trigger.url, pathname)),
        ),
      );
    },
    async clicked(selector) {
      await advanceIfWaitingFor((step) => step.advanceOn?.click === selector);
    },
    clickSelectors() {
      const click = $active.get()?.step.advanceOn?.click;
      return click ? [click] : [];
    },
    async page(path) {
      if (destroyed) return;
      pathname = path;
      heldBack.clear();
      // Its record says where it was: it resumes like any flow left mid-way.
      putAway = null;
      viewedOnThisPage.clear();
      closedOnThisPage.clear();
      refreshPassive(true);
      pageWaits.abort();
      pageWaits = new AbortController();
      if (moving) {
        // A step was still looking for its target on the page the user just left.
        pending?.abort();
        moving = false;
      }
      const active = $active.get();
      if (active) {
        if (stepLivesHere(active.flow, active.step)) return;
        // The user left the step's page mid-tour: put it away until they return.
        pending?.abort();
        moving = false;
        $active.set(null);
      }
      // A tour left mid-way resumes where its step lives, whatever its trigger;
      // a banner left open too, after any tour it gave way to.
      const resumable = [...tours.values()].filter((flow) => {
        const state = record(flow.id);
        const step = state?.status === 'active' ? flow.steps[state.stepIndex] : undefined;
        return step && stepLivesHere(flow, step);
      });
      const tour = resumable.find((flow) => !isBanner(flow));
      const flow = tour ?? resumable[0];
      if (flow) {
        if (tour) putAway = resumable.find(isBanner) ?? null;
        const state = record(flow.id)!;
        await begin(flow, state.auto ?? false, state.stepIndex);
        return;
      }
      const matching = [...tours.values()].filter(({ trigger }) => {
        if (!trigger || trigger.event) return false;
        if (!trigger.url && !trigger.element && !trigger.delayMs) return false;
        return !trigger.url || matchUrl(trigger.url, path);
      });
      const waiting = matching.filter((flow) => flow.trigger?.element || flow.trigger?.delayMs);
      const immediate = matching.filter((flow) => !waiting.includes(flow));
      await autoStart(immediate);
      for (const flow of waiting) void armTrigger(flow, pageWaits.signal);
    },
    endedElsewhere(flowId, state) {
      // Only an ending newer than any this tab knows; a flow restarted here has none.
      if (destroyed || (record(flowId)?.endedAt ?? 0) >= (state.endedAt ?? 0)) return;
      setRecord(flowId, state);
      if ($active.get()?.flow.id === flowId || (moving && walking === flowId)) {
        pending?.abort();
        moving = false;
        $active.set(null);
        giveFloor();
      }
      // A hint or checklist closed there is hidden here too.
      refreshPassive();
    },
    reset(flowStates = {}) {
      pending?.abort();
      pageWaits.abort();
      heldBack.clear();
      putAway = null;
      moving = false;
      startedThisSession.clear();
      closedThisSession.clear();
      viewedOnThisPage.clear();
      closedOnThisPage.clear();
      $active.set(null);
      $flowStates.set({ ...flowStates });
      refreshPassive(true);
    },
    destroy() {
      destroyed = true;
      pending?.abort();
      pageWaits.abort();
      $active.set(null);
      $passive.set({ hints: [], checklists: [] });
    },
  };
  return engine;
}
