import { revealTarget } from '@tebiki/dom';
import { parseMarkdown } from '@tebiki/schema';
import { render } from 'preact';
import { useRef } from 'preact/hooks';
import { AnnouncementBanner } from './announcement-banner.tsx';
import { AnnouncementModal } from './announcement-modal.tsx';
import { Checklist } from './checklist.tsx';
import { deepActiveElement } from './focus.ts';
import { Hint } from './hint.tsx';
import { labelsFor } from './labels.ts';
import { LiveRegion } from './live-region.tsx';
import { type Mounted, mountRoot } from './mount.ts';
import { StepPopover } from './step-popover.tsx';
import type { Theme } from './theme.ts';
import type {
  AnnouncementView,
  ChecklistView,
  HintView,
  StepHandlers,
  StepView,
  UIHandlers,
} from './types.ts';

export interface UI {
  /** Shows a tour step, or hides the step UI when given null. */
  renderStep(view: StepView | null): void;
  /** Shows an announcement (modal or banner), or hides it when given null. */
  renderAnnouncement(view: AnnouncementView | null): void;
  /** Shows exactly these hints (one hotspot each); an empty list hides them all. */
  renderHints(views: readonly HintView[]): void;
  /** Shows a checklist's launcher (and its panel when open), or hides it when given null. */
  renderChecklist(view: ChecklistView | null): void;
  /**
   * Builds `<tebiki-root>`, its shadow root and stylesheet ahead of time,
   * without adding anything to the page, so the first render only inserts it.
   */
  prepare(): void;
  /** Removes `<tebiki-root>` and every listener. */
  destroy(): void;
}

export interface UIOptions {
  /** Colours, radius and font, as `--tebiki-*` custom properties (docs/ui.md). */
  theme?: Theme;
}

/** Everything on screen: each region at most once, several at a time. */
interface UIState {
  step: StepView | null;
  announcement: AnnouncementView | null;
  hints: readonly HintView[];
  checklist: ChecklistView | null;
}

/** Regions that take focus when they open, and give it back when they close. */
const focusRegions = ['step', 'announcement'] as const;

/**
 * The lazily loaded UI: owns `<tebiki-root>`, renders what the engine decides,
 * and gives focus back where it was when a step or announcement goes away.
 *
 * @example
 * const ui = createUI(document, { next, back, dismiss, checklistStart: (id) => tebiki.start(id) });
 * ui.renderChecklist({ flowId: 'getting-started', title: 'Getting started', items, done: 1, total: 3, open: false, dir: 'ltr', locale: 'en' });
 */
export function createUI(doc: Document, handlers: UIHandlers, options: UIOptions = {}): UI {
  let mounted: Mounted | null = null;
  let state: UIState = { step: null, announcement: null, hints: [], checklist: null };
  const returnFocusTo: Record<(typeof focusRegions)[number], Element | null> = {
    step: null,
    announcement: null,
  };

  // What the parts call. Dismissing an announcement or a checklist hides it at
  // once; the engine's next render is the authority after that.
  const actions: Actions = {
    dismissAnnouncement(flowId) {
      update({ announcement: null });
      handlers.dismissAnnouncement?.(flowId);
    },
    acknowledgeAnnouncement(flowId) {
      update({ announcement: null });
      (handlers.acknowledgeAnnouncement ?? handlers.dismissAnnouncement)?.(flowId);
    },
    hintOpened: (flowId) => handlers.hintOpened?.(flowId),
    hintDismissed: (flowId) => handlers.hintDismissed?.(flowId),
    checklistOpenChange: (flowId, open) => handlers.checklistOpenChange?.(flowId, open),
    checklistStart: (flowId) => handlers.checklistStart?.(flowId),
    checklistDismiss(flowId) {
      update({ checklist: null });
      handlers.checklistDismiss?.(flowId);
    },
    stepTargetLost: () => handlers.stepTargetLost?.(),
    hintTargetLost: (flowId) => handlers.hintTargetLost?.(flowId),
  };

  function update(patch: Partial<UIState>): void {
    const previous = state;
    state = { ...state, ...patch };
    const empty =
      !state.step && !state.announcement && state.hints.length === 0 && !state.checklist;
    // Nothing goes into the page until there is something to show.
    if (empty && !mounted?.host.parentNode) return;
    for (const region of focusRegions) {
      if (!previous[region] && state[region]) returnFocusTo[region] = deepActiveElement(doc);
    }
    // Before anything is written: the page's layout is still the one last painted,
    // so finding out whether the target can be seen costs no extra layout.
    const { step } = state;
    const before = previous.step;
    const newStep = step?.stepId !== before?.stepId || step?.flowId !== before?.flowId;
    if (step?.target && step.placement !== 'center' && (newStep || step.target !== before?.target))
      revealTarget(step.target);
    mounted ??= mountRoot(doc, options.theme);
    mounted.adopt();
    const { host, shadowRoot } = mounted;
    const hadFocus = doc.activeElement === host;
    render(<Root state={state} handlers={handlers} actions={actions} />, shadowRoot);
    for (const region of focusRegions) {
      if (!previous[region] || state[region]) continue;
      const back = returnFocusTo[region];
      returnFocusTo[region] = null;
      // Only when the closing part held focus and took it away with it.
      const lost = !shadowRoot.activeElement && doc.activeElement !== back;
      if (hadFocus && lost && back instanceof HTMLElement && back.isConnected) {
        back.focus({ preventScroll: true });
      }
    }
  }

  return {
    renderStep: (step) => update({ step }),
    renderAnnouncement: (announcement) => update({ announcement }),
    renderHints: (hints) => update({ hints: [...hints] }),
    renderChecklist: (checklist) => update({ checklist }),
    prepare() {
      mounted ??= mountRoot(doc, options.theme);
      // Regular expressions compile on first use: about 1 ms of the first step otherwise.
      parseMarkdown('_a_ **b** `c` [d](/e)');
    },
    destroy() {
      state = { step: null, announcement: null, hints: [], checklist: null };
      if (!mounted) return;
      render(null, mounted.shadowRoot);
      mounted.unmount();
      mounted = null;
    },
  };
}

/** The handlers other than the step's, every one present. */
type Actions = Required<Omit<UIHandlers, keyof StepHandlers>>;

interface RootProps {
  state: UIState;
  handlers: StepHandlers;
  actions: Actions;
}

/**
 * One tree for every region. Order matters: each part enters the top layer
 * when it mounts, and later entries sit above earlier ones, so a step is above
 * the checklist and hints, and a modal announcement above all.
 */
function Root({ state, handlers, actions }: RootProps) {
  const { step, announcement, hints, checklist } = state;
  // A checklist item done is announced too, when no step is, and stays the region's
  // text (so a render right after does not take it back) until a step shows.
  const before = useRef(checklist);
  const progress = useRef<[string, string?]>(['']);
  if (step) progress.current = [''];
  else if (
    checklist &&
    checklist.flowId === before.current?.flowId &&
    checklist.done > before.current.done
  ) {
    const labels = labelsFor(checklist.locale);
    const title = checklist.title || labels.checklist;
    progress.current = [
      `${title}: ${labels.checklistProgress(checklist.done, checklist.total)}`,
      checklist.locale,
    ];
  }
  before.current = checklist;
  const [status, lang] = step
    ? [labelsFor(step.locale).stepStatus(step.stepIndex + 1, step.total, step.title), step.locale]
    : progress.current;
  return (
    <>
      <LiveRegion message={status} lang={lang} />
      {announcement?.display === 'banner' && (
        <AnnouncementBanner
          key={announcement.flowId}
          view={announcement}
          onDismiss={actions.dismissAnnouncement}
        />
      )}
      {hints.map((hint) => (
        <Hint
          key={hint.flowId}
          view={hint}
          onOpen={actions.hintOpened}
          onClose={actions.hintDismissed}
          onTargetLost={actions.hintTargetLost}
        />
      ))}
      {checklist && (
        <Checklist
          key={checklist.flowId}
          view={checklist}
          onOpenChange={actions.checklistOpenChange}
          onStart={actions.checklistStart}
          onDismiss={actions.checklistDismiss}
        />
      )}
      {step && (
        <StepPopover
          view={step}
          next={handlers.next}
          back={handlers.back}
          dismiss={handlers.dismiss}
          onTargetLost={actions.stepTargetLost}
        />
      )}
      {announcement?.display === 'modal' && (
        <AnnouncementModal
          key={announcement.flowId}
          view={announcement}
          onDismiss={actions.dismissAnnouncement}
          onAcknowledge={actions.acknowledgeAnnouncement}
        />
      )}
    </>
  );
}
