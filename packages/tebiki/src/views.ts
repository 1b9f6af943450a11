import type { ActiveStep, Journey } from '@tebiki/core';
import {
  type ChecklistFlow,
  type FlowsDocument,
  type HintFlow,
  resolveText,
  type Text,
  textLocale,
} from '@tebiki/schema';
import type { AnnouncementView, ChecklistView, HintView, StepView } from '@tebiki/ui';

/** What every view needs to turn author text into what the user reads. */
export interface ViewContext {
  document: FlowsDocument;
  locale: string;
  dir: 'ltr' | 'rtl';
}

const text = (value: Text | undefined, context: ViewContext) =>
  resolveText(value, context.locale, context.document.defaultLocale);

/**
 * The language of what a surface shows: the locale its text was found under,
 * body first, so screen readers read it with the right voice and the built-in
 * labels (Next, Close…) match it. Plain strings do not say: the user's locale.
 */
const languageOf = (context: ViewContext, ...texts: (Text | undefined)[]) => {
  for (const value of texts) {
    const found = textLocale(value, context.locale, context.document.defaultLocale);
    if (found) return found;
  }
  return context.locale;
};

/** The step on screen as the UI draws it: a tour step, or an announcement. */
export function activeViews(
  active: ActiveStep | null,
  context: ViewContext,
): { step: StepView | null; announcement: AnnouncementView | null } {
  if (!active) return { step: null, announcement: null };
  const { flow, step, stepIndex, target } = active;
  const { dir } = context;
  const locale = languageOf(context, step.body, step.title);
  const title = text(step.title, context);
  const body = text(step.body, context);
  if (flow.display) {
    return {
      step: null,
      announcement: {
        flowId: flow.id,
        display: flow.display,
        position: flow.position,
        title,
        body,
        dir,
        locale,
      },
    };
  }
  const view: StepView = {
    flowId: flow.id,
    stepId: step.id,
    stepIndex,
    total: flow.steps.length,
    title,
    body,
    target: target as Element | null,
    placement: step.placement ?? 'bottom',
    dir,
    locale,
    modal: step.modal,
    spotlight: step.spotlight,
  };
  return { step: view, announcement: null };
}

export function hintView(flow: HintFlow, target: Element, context: ViewContext): HintView {
  return {
    flowId: flow.id,
    target,
    title: text(flow.title, context),
    body: text(flow.body, context),
    placement: flow.placement ?? 'bottom',
    dir: context.dir,
    locale: languageOf(context, flow.body, flow.title),
    open: false,
  };
}

/** A checklist with its items' progress; an item's label defaults to its milestone's title. */
export function checklistView(
  flow: ChecklistFlow,
  journey: Journey,
  context: ViewContext,
  open: boolean,
): ChecklistView | null {
  const progress = journey.checklist(flow.id);
  if (!progress) return null;
  const milestones = new Map((context.document.milestones ?? []).map((m) => [m.id, m]));
  // An item without a title of its own shows its milestone's.
  const titles = flow.items.map((item) =>
    text(item.title, context) ? item.title : milestones.get(item.milestone)?.title,
  );
  return {
    flowId: flow.id,
    title: text(flow.title, context),
    items: flow.items.map((item, index) => ({
      itemId: item.milestone,
      title: text(titles[index], context) || item.milestone,
      done: progress.items[index]?.done ?? false,
      flowId: item.flow,
    })),
    done: progress.done,
    total: progress.total,
    open,
    dir: context.dir,
    locale: languageOf(context, flow.title, ...titles),
  };
}
