import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUI, type StepView, type UI } from '../src/index.ts';
import { stepView } from './helpers.ts';

const view = stepView;

let ui: UI | null = null;

function setup() {
  const handlers = { next: vi.fn(), back: vi.fn(), dismiss: vi.fn() };
  ui = createUI(document, handlers);
  const current = ui;
  const show = (step: StepView | null) => act(() => current.renderStep(step));
  return { ui: current, handlers, show };
}

const host = () => document.querySelector('tebiki-root');
const shadow = () => host()!.shadowRoot!;
const part = (name: string) => shadow().querySelector<HTMLElement>(`[data-tebiki-part="${name}"]`);
const press = (key: string) =>
  act(() => {
    part('popover')!.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }),
    );
  });

afterEach(() => {
  ui?.destroy();
  ui = null;
  document.body.innerHTML = '';
});

describe('createUI: anatomy', () => {
  it('renders a step inside the open shadow root of one <tebiki-root>', async () => {
    const { show } = setup();
    await show(view());
    expect(document.querySelectorAll('tebiki-root')).toHaveLength(1);
    expect(host()!.shadowRoot).not.toBeNull();
    expect(host()!.shadowRoot!.mode).toBe('open');
    const popover = part('popover')!;
    expect(popover.getAttribute('role')).toBe('dialog');
    expect(popover.dataset.tebikiFlow).toBe('welcome');
    expect(popover.dataset.tebikiStep).toBe('new');
    // Nothing leaks into the light DOM.
    expect(document.body.querySelector('[data-tebiki-part]')).toBeNull();
  });

  it('creates nothing on the page until a step is shown', () => {
    setup();
    expect(host()).toBeNull();
  });

  it('names the dialog by its title and describes it by its body', async () => {
    const { show } = setup();
    await show(view());
    const popover = part('popover')!;
    const title = shadow().getElementById(popover.getAttribute('aria-labelledby')!);
    const body = shadow().getElementById(popover.getAttribute('aria-describedby')!);
    expect(title?.textContent).toBe('Start here');
    expect(title?.dataset.tebikiPart).toBe('title');
    expect(body?.textContent).toBe('Press New to create a project');
    expect(body?.dataset.tebikiPart).toBe('body');
  });

  it('names a step without a title by its progress, and leaves out empty parts', async () => {
    const { show } = setup();
    await show(view({ title: '', body: '' }));
    const popover = part('popover')!;
    expect(popover.getAttribute('aria-label')).toBe('1 / 2');
    expect(popover.hasAttribute('aria-labelledby')).toBe(false);
    expect(popover.hasAttribute('aria-describedby')).toBe(false);
    expect(part('title')).toBeNull();
    expect(part('body')).toBeNull();
  });

  it('shows progress, hides Back on the first step and labels the buttons', async () => {
    const { show } = setup();
    await show(view());
    expect(part('progress')!.textContent).toBe('1 / 2');
    expect(part('back')).toBeNull();
    expect(part('next')!.textContent).toBe('Next');
    expect(part('close')!.getAttribute('aria-label')).toBe('Close');
  });

  it('shows Back on later steps and Done on the last one', async () => {
    const { show } = setup();
    await show(view({ stepId: 'done', stepIndex: 1 }));
    expect(part('progress')!.textContent).toBe('2 / 2');
    expect(part('back')!.textContent).toBe('Back');
    expect(part('next')!.textContent).toBe('Done');
  });

  it('labels the buttons in Japanese, and falls back from a regional tag', async () => {
    const { show } = setup();
    await show(view({ locale: 'ja-JP', stepIndex: 0, total: 3 }));
    expect(part('next')!.textContent).toBe('次へ');
    expect(part('close')!.getAttribute('aria-label')).toBe('閉じる');
    await show(view({ locale: 'ja', stepIndex: 2, total: 3 }));
    expect(part('back')!.textContent).toBe('戻る');
    expect(part('next')!.textContent).toBe('完了');
  });

  it('falls back to English labels for a locale it does not know', async () => {
    const { show } = setup();
    await show(view({ locale: 'sw' }));
    expect(part('next')!.textContent).toBe('Next');
  });

  it('centres a step that has no target', async () => {
    const { show } = setup();
    await show(view({ target: null }));
    expect(part('popover')!.dataset.tebikiPlacement).toBe('center');
  });

  it('anchors a step with a target next to it instead of centring it', async () => {
    document.body.innerHTML = '<button id="new-project">New</button>';
    const target = document.getElementById('new-project')!;
    const { show } = setup();
    await show(view({ target, placement: 'top' }));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const popover = part('popover')!;
    expect(popover.dataset.tebikiPlacement).not.toBe('center');
    expect(popover.style.transform).toMatch(/^translate\(.+px, .+px\)$/);
  });

  it('renders author HTML as literal text, never as elements', async () => {
    const { show } = setup();
    const attack = '<img src=x onerror=alert(1)>';
    await show(view({ title: attack, body: `<b>bold</b>${attack}` }));
    expect(shadow().querySelector('img')).toBeNull();
    expect(shadow().querySelector('b')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(part('title')!.textContent).toBe(attack);
    expect(part('body')!.textContent).toBe(`<b>bold</b>${attack}`);
  });

  it('keeps one <tebiki-root> while moving from step to step', async () => {
    const { show } = setup();
    await show(view());
    await show(view({ stepId: 'done', stepIndex: 1, title: 'All set' }));
    expect(document.querySelectorAll('tebiki-root')).toHaveLength(1);
    expect(shadow().querySelectorAll('[data-tebiki-part="popover"]')).toHaveLength(1);
    expect(part('title')!.textContent).toBe('All set');
  });
});

describe('createUI: interaction', () => {
  it('calls next, back and dismiss from the buttons', async () => {
    const { show, handlers } = setup();
    await show(view({ stepIndex: 1, total: 3 }));
    await act(() => part('next')!.click());
    await act(() => part('back')!.click());
    await act(() => part('close')!.click());
    expect(handlers.next).toHaveBeenCalledTimes(1);
    expect(handlers.back).toHaveBeenCalledTimes(1);
    expect(handlers.dismiss).toHaveBeenCalledTimes(1);
  });

  it('calls next from Done on the last step', async () => {
    const { show, handlers } = setup();
    await show(view({ stepIndex: 1 }));
    await act(() => part('next')!.click());
    expect(handlers.next).toHaveBeenCalledTimes(1);
  });

  it('dismisses on Escape', async () => {
    const { show, handlers } = setup();
    await show(view());
    await press('Escape');
    expect(handlers.dismiss).toHaveBeenCalledTimes(1);
  });

  it('moves forward with ArrowRight and back with ArrowLeft', async () => {
    const { show, handlers } = setup();
    await show(view({ stepIndex: 1, total: 3 }));
    await press('ArrowRight');
    expect(handlers.next).toHaveBeenCalledTimes(1);
    expect(handlers.back).not.toHaveBeenCalled();
    await press('ArrowLeft');
    expect(handlers.back).toHaveBeenCalledTimes(1);
  });

  it('mirrors the arrow keys in right-to-left text', async () => {
    const { show, handlers } = setup();
    await show(view({ stepIndex: 1, total: 3, dir: 'rtl' }));
    expect(part('popover')!.getAttribute('dir')).toBe('rtl');
    await press('ArrowLeft');
    expect(handlers.next).toHaveBeenCalledTimes(1);
    await press('ArrowRight');
    expect(handlers.back).toHaveBeenCalledTimes(1);
  });

  it('does not go back from the first step or finish from the last with arrow keys', async () => {
    const { show, handlers } = setup();
    await show(view({ stepIndex: 0 }));
    await press('ArrowLeft');
    await show(view({ stepIndex: 1 }));
    await press('ArrowRight');
    expect(handlers.back).not.toHaveBeenCalled();
    expect(handlers.next).not.toHaveBeenCalled();
  });

  it('keeps handled keys from reaching the host page', async () => {
    const { show } = setup();
    const hostListener = vi.fn();
    document.addEventListener('keydown', hostListener);
    await show(view());
    await press('Escape');
    await press('a');
    document.removeEventListener('keydown', hostListener);
    expect(hostListener).toHaveBeenCalledTimes(1);
    expect(hostListener.mock.calls[0]![0].key).toBe('a');
  });
});

describe('createUI: focus and teardown', () => {
  it('moves focus into the step, then back to where it was when the step is hidden', async () => {
    document.body.innerHTML = '<button id="before">Before</button>';
    const before = document.getElementById('before')!;
    before.focus();
    const { show } = setup();
    await show(view());
    expect(shadow().activeElement).toBe(part('popover'));
    await show(null);
    expect(part('popover')).toBeNull();
    expect(shadow().querySelector('[data-tebiki-part]')).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('focuses each new step afresh, so its name and description are read, even from the step itself', async () => {
    const { show } = setup();
    await show(view());
    const popover = part('popover')!;
    expect(shadow().activeElement).toBe(popover);
    const focused = vi.fn();
    popover.addEventListener('focus', focused);
    await show(view({ stepId: 'two', stepIndex: 1, title: 'Second' }));
    // The same dialog, kept from step to step, takes focus again.
    expect(part('popover')).toBe(popover);
    expect(focused).toHaveBeenCalledTimes(1);
    expect(shadow().activeElement).toBe(popover);
  });

  it('leaves focus alone when the user has moved it elsewhere', async () => {
    document.body.innerHTML = '<button id="before">Before</button><input id="search">';
    document.getElementById('before')!.focus();
    const { show } = setup();
    await show(view());
    const search = document.getElementById('search')!;
    search.focus();
    await show(null);
    expect(document.activeElement).toBe(search);
  });

  it('removes <tebiki-root> on destroy', async () => {
    const { ui, show } = setup();
    await show(view());
    ui.destroy();
    expect(host()).toBeNull();
    ui.destroy();
  });

  it('hiding a step before any was shown does nothing', async () => {
    const { show } = setup();
    await show(null);
    expect(host()).toBeNull();
  });
});
