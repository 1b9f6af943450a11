import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import {
  type AnnouncementView,
  type ChecklistView,
  createUI,
  type HintView,
  type StepView,
  type UI,
  type UIOptions,
} from '../src/index.ts';

/** Every handler, as a mock. */
export function handlers() {
  return {
    next: vi.fn(),
    back: vi.fn(),
    dismiss: vi.fn(),
    dismissAnnouncement: vi.fn(),
    hintOpened: vi.fn(),
    hintDismissed: vi.fn(),
    checklistOpenChange: vi.fn(),
    checklistStart: vi.fn(),
    checklistDismiss: vi.fn(),
    stepTargetLost: vi.fn(),
    hintTargetLost: vi.fn(),
  };
}

let current: UI | null = null;

/** A UI on `document`, destroyed by `cleanup()`; each render runs inside act(). */
export function setup(options?: UIOptions) {
  const calls = handlers();
  const ui = createUI(document, calls, options);
  current = ui;
  return {
    ui,
    handlers: calls,
    step: (view: StepView | null) => act(() => ui.renderStep(view)),
    announcement: (view: AnnouncementView | null) => act(() => ui.renderAnnouncement(view)),
    hints: (views: HintView[]) => act(() => ui.renderHints(views)),
    checklist: (view: ChecklistView | null) => act(() => ui.renderChecklist(view)),
  };
}

export function cleanup(): void {
  current?.destroy();
  current = null;
  document.body.innerHTML = '';
}

export const stepView = (overrides: Partial<StepView> = {}): StepView => ({
  flowId: 'welcome',
  stepId: 'new',
  stepIndex: 0,
  total: 2,
  title: 'Start here',
  body: 'Press New to create a project',
  target: null,
  placement: 'bottom',
  dir: 'ltr',
  locale: 'en',
  ...overrides,
});

export const announcementView = (overrides: Partial<AnnouncementView> = {}): AnnouncementView => ({
  flowId: 'news',
  display: 'modal',
  title: 'Reports are here',
  body: 'Open **Reports** to see your numbers',
  dir: 'ltr',
  locale: 'en',
  ...overrides,
});

/** A hint anchored to a fresh `#export` button in the page. */
export const hintView = (overrides: Partial<HintView> = {}): HintView => {
  let target = document.getElementById('export');
  if (!target) {
    target = document.createElement('button');
    target.id = 'export';
    target.textContent = 'Export';
    document.body.append(target);
  }
  return {
    flowId: 'export-hint',
    target,
    title: 'Export',
    body: 'Download a CSV of this table',
    placement: 'bottom',
    dir: 'ltr',
    locale: 'en',
    open: false,
    ...overrides,
  };
};

export const checklistView = (overrides: Partial<ChecklistView> = {}): ChecklistView => ({
  flowId: 'getting-started',
  title: 'Getting started',
  items: [
    { itemId: 'project', title: 'Create a project', done: true, flowId: 'welcome' },
    { itemId: 'invite', title: 'Invite a teammate', done: false, flowId: 'invite-tour' },
    { itemId: 'report', title: 'Open a report', done: false },
  ],
  done: 1,
  total: 3,
  open: false,
  dir: 'ltr',
  locale: 'en',
  ...overrides,
});

export const host = () => document.querySelector('tebiki-root');
export const shadow = () => host()!.shadowRoot!;
export const part = (name: string, root: ParentNode = shadow()) =>
  root.querySelector<HTMLElement>(`[data-tebiki-part="${name}"]`);
export const parts = (name: string, root: ParentNode = shadow()) => [
  ...root.querySelectorAll<HTMLElement>(`[data-tebiki-part="${name}"]`),
];
/** The element focused inside the shadow root, by its part or id. */
export const focused = () => {
  const active = shadow().activeElement;
  return active?.getAttribute('data-tebiki-part') ?? active?.id ?? null;
};

export const key = (element: Element, name: string, init: KeyboardEventInit = {}) =>
  act(() => {
    element.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: name,
        bubbles: true,
        cancelable: true,
        composed: true,
        ...init,
      }),
    );
  });

export const click = (element: HTMLElement) => act(() => element.click());

/** Lets effects, timers and floating-ui's promise settle. */
export const flush = (ms = 0) =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });

/** Labelled-by / described-by text of `element`, resolved in the shadow root. */
export const nameOf = (element: Element) =>
  element.getAttribute('aria-label') ??
  shadow().getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent ??
  null;
export const descriptionOf = (element: Element) =>
  shadow().getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent ?? null;

export const HOSTILE = '<img src=x onerror=alert(1)><script>alert(1)</script>';
