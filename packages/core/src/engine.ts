import type { FlowsDocument, Step, TourFlow } from '@tebiki/schema';
import { atom, type ReadableAtom } from 'nanostores';
import type { ResolveTarget } from './adapters.ts';
import type { LifecycleEventName, LifecycleEvents } from './events.ts';
import { matchUrl } from './url-pattern.ts';

/** Default wait for a step's missing target, in ms. */
export const DEFAULT_WAIT_MS = 3000;

export interface ActiveStep {
  flow: TourFlow;
  step: Step;
  stepIndex: number;
  /** The step's target as `resolveTarget` found it; null = shown centred. */
  target: unknown | null;
}

/** Where each flow stands for the current user; persisted between visits. */
export interface FlowRecord {
  status: 'active' | 'completed' | 'dismissed';
  stepIndex: number;
}
export type FlowStates = Record<string, FlowRecord>;

export type Emit = <K extends LifecycleEventName>(name: K, detail: LifecycleEvents[K]) => void;

export interface EngineOptions {
  document: FlowsDocument;
  resolveTarget: ResolveTarget;
  emit: Emit;
  /** Flow states loaded from storage. */
  flowStates?: FlowStates;
}

export interface Engine {
  /** The tour step on screen, or null. */
  $active: ReadableAtom<ActiveStep | null>;
  /** Every flow's state; subscribe to persist it. */
  $flowStates: ReadableAtom<FlowStates>;
  /** Starts a tour by id, whatever its frequency. Resolves false when it cannot. */
  start(flowId: string): Promise<boolean>;
  next(): Promise<void>;
  back(): Promise<void>;
  dismiss(): void;
  /** Forgets every flow's state (a new user): nothing on screen, every tour eligible again. */
  reset(): void;
  /** Tells the engine the current pathname: resumes or auto-starts matching tours. */
  page(pathname: string): Promise<void>;
  destroy(): void;
}

/**
 * The headless tour engine: decides which step is on screen and emits the
 * lifecycle events. It never touches the DOM; targets come from `resolveTarget`.
 */
export function createEngine(options: EngineOptions): Engine {
  const { document, resolveTarget, emit } = options;
  const $active = atom<ActiveStep | null>(null);
  const $flowStates = atom<FlowStates>({ ...options.flowStates });
  const startedThisSession = new Set<string>();
  let pending: AbortController | undefined;
  /** True while a step change waits for its target: further next/back presses are ignored. */
  let moving = false;
  let destroyed = false;

  const tours = new Map<string, TourFlow>();
  for (const flow of document.flows) if (flow.type === 'tour') tours.set(flow.id, flow);

  const setRecord = (flowId: string, record: FlowRecord) => {
    $flowStates.set({ ...$flowStates.get(), [flowId]: record });
  };

  const stepDetail = (active: ActiveStep) => ({
    flowId: active.flow.id,
    stepId: active.step.id,
    stepIndex: active.stepIndex,
  });

  /** Shows step `index` of `flow`, moving on in `direction` past missing targets. */
  async function show(flow: TourFlow, index: number, direction: 1 | -1): Promise<void> {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    moving = true;
    try {
      await walk(flow, index, direction, controller.signal);
    } finally {
      if (pending === controller) moving = false;
    }
  }

  async function walk(flow: TourFlow, index: number, direction: 1 | -1, signal: AbortSignal) {
    for (let i = index; i >= 0 && i < flow.steps.length; i += direction) {
      const step = flow.steps[i]!;
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
      setRecord(flow.id, { status: 'active', stepIndex: i });
      $active.set(active);
      emit('step_viewed', stepDetail(active));
      return;
    }
    // Walking back past the first step leaves the current step on screen.
    if (direction === 1) complete(flow);
  }

  function complete(flow: TourFlow): void {
    $active.set(null);
    setRecord(flow.id, { status: 'completed', stepIndex: flow.steps.length - 1 });
    emit('flow_completed', { flowId: flow.id });
  }

  async function begin(flow: TourFlow, stepIndex = 0): Promise<boolean> {
    const current = $active.get();
    if (current && current.flow.id !== flow.id) return false;
    startedThisSession.add(flow.id);
    if (stepIndex === 0) emit('flow_started', { flowId: flow.id });
    await show(flow, stepIndex, 1);
    return true;
  }

  function shouldAutoStart(flow: TourFlow): boolean {
    const record = $flowStates.get()[flow.id];
    switch (flow.frequency ?? 'once') {
      case 'once':
        return !record || record.status === 'active';
      case 'session':
        return !startedThisSession.has(flow.id) || record?.status === 'active';
      case 'always':
        return true;
    }
  }

  return {
    $active,
    $flowStates,
    async start(flowId) {
      const flow = tours.get(flowId);
      if (!flow || destroyed) return false;
      return begin(flow);
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
    dismiss() {
      const active = $active.get();
      if (!active) return;
      pending?.abort();
      moving = false;
      $active.set(null);
      setRecord(active.flow.id, { status: 'dismissed', stepIndex: active.stepIndex });
      emit('flow_dismissed', stepDetail(active));
    },
    reset() {
      pending?.abort();
      moving = false;
      startedThisSession.clear();
      $active.set(null);
      $flowStates.set({});
    },
    async page(pathname) {
      if (destroyed || $active.get()) return;
      const candidates = [...tours.values()]
        .filter((flow) => flow.trigger?.url && matchUrl(flow.trigger.url, pathname))
        .filter(shouldAutoStart)
        .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
      const flow = candidates[0];
      if (!flow) return;
      const record = $flowStates.get()[flow.id];
      await begin(flow, record?.status === 'active' ? record.stepIndex : 0);
    },
    destroy() {
      destroyed = true;
      pending?.abort();
      $active.set(null);
    },
  };
}
