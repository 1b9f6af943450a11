import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checklistView,
  cleanup,
  click,
  flush,
  focused,
  key,
  part,
  parts,
  setup,
  shadow,
  stepView,
} from './helpers.ts';

afterEach(cleanup);

// happy-dom lays nothing out: give the viewport a size, so floating-ui sees targets inside it.
beforeEach(() => {
  for (const [name, value] of [
    ['clientWidth', 1024],
    ['clientHeight', 768],
  ] as const) {
    Object.defineProperty(document.documentElement, name, { value, configurable: true });
  }
});

function target() {
  document.body.innerHTML = '<button id="new-project">New</button>';
  return document.getElementById('new-project')!;
}

describe('tour step: spotlight', () => {
  it('puts a spotlight with a cut-out behind a step that has a target', async () => {
    const { step } = setup();
    await step(stepView({ target: target() }));
    await flush();
    const spotlight = part('spotlight')!;
    expect(spotlight.getAttribute('aria-hidden')).toBe('true');
    expect(spotlight.getAttribute('popover')).toBe('manual');
    expect(spotlight.hasAttribute('data-tebiki-modal')).toBe(false);
    const hole = spotlight.querySelector<HTMLElement>('.tebiki-hole')!;
    expect(hole.style.borderRadius).toBe('8px');
    expect(hole.style.width).toMatch(/px$/);
    // Drawn before the popover, so the popover is above it in the top layer.
    const order = [...shadow().querySelectorAll('[data-tebiki-part]')].map((element) =>
      element.getAttribute('data-tebiki-part'),
    );
    expect(order.indexOf('spotlight')).toBeLessThan(order.indexOf('popover'));
  });

  it('pads and rounds the cut-out as the step asks, and can block the target', async () => {
    const element = target();
    element.getBoundingClientRect = () => new DOMRect(100, 50, 80, 30);
    const { step } = setup();
    await step(
      stepView({ target: element, spotlight: { padding: 10, radius: 4, clickThrough: false } }),
    );
    await flush();
    const hole = part('spotlight')!.querySelector<HTMLElement>('.tebiki-hole')!;
    expect([hole.style.transform, hole.style.width, hole.style.height]).toEqual([
      'translate(90px, 40px)',
      '100px',
      '50px',
    ]);
    expect(hole.style.borderRadius).toBe('4px');
    expect(hole.hasAttribute('data-tebiki-block')).toBe(true);
  });

  it('moves the cut-out in the same update as the popover when the target moves', async () => {
    const element = target();
    let rect = new DOMRect(100, 50, 80, 30);
    element.getBoundingClientRect = () => rect;
    const { step } = setup();
    await step(stepView({ target: element }));
    await flush();
    const hole = part('spotlight')!.querySelector<HTMLElement>('.tebiki-hole')!;
    expect(hole.style.transform).toBe('translate(94px, 44px)');
    rect = new DOMRect(100, 150, 80, 30);
    window.dispatchEvent(new Event('resize'));
    await act(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    expect(hole.style.transform).toBe('translate(94px, 144px)');
    // 150 + 30 + the 12 px gap.
    expect(part('popover')!.style.transform).toMatch(/, 192px\)$/);
  });

  it('leaves a centred step without a spotlight, and shows none when turned off', async () => {
    const { step } = setup();
    await step(stepView({ target: null }));
    expect(part('spotlight')).toBeNull();
    await step(stepView({ target: target(), spotlight: false }));
    expect(part('spotlight')).toBeNull();
  });

  it('keeps one spotlight from step to step of a flow', async () => {
    const element = target();
    const { step } = setup();
    await step(stepView({ target: element }));
    const first = part('spotlight');
    await step(stepView({ target: element, stepId: 'second', stepIndex: 1 }));
    expect(parts('spotlight')).toHaveLength(1);
    expect(part('spotlight')).toBe(first);
  });
});

describe('tour step: modal', () => {
  it('blocks the page around the cut-out and marks the dialog modal', async () => {
    const element = target();
    element.getBoundingClientRect = () => new DOMRect(100, 50, 80, 30);
    const { step } = setup();
    await step(stepView({ target: element, modal: true }));
    await flush();
    expect(part('spotlight')!.hasAttribute('data-tebiki-modal')).toBe(true);
    expect(part('popover')!.getAttribute('aria-modal')).toBe('true');
    // The cut-out is clipped out of the blocking overlay, so the target stays clickable.
    // Padding 6 around (100, 50, 80×30): the hole runs 94,44 → 186,86.
    expect(part('spotlight')!.style.clipPath).toMatch(
      /^polygon\(evenodd,.*94px 44px,\s*94px 86px,\s*186px 86px,\s*186px 44px,\s*94px 44px\)$/,
    );
  });

  it('dims all of the page again when a modal step without a target follows one with', async () => {
    const element = target();
    element.getBoundingClientRect = () => new DOMRect(100, 50, 80, 30);
    const { step } = setup();
    await step(stepView({ target: element, modal: true }));
    await flush();
    expect(part('spotlight')!.style.clipPath).toMatch(/^polygon/);
    await step(stepView({ modal: true, stepId: 'second', stepIndex: 1 }));
    await flush();
    expect(part('spotlight')!.querySelector('.tebiki-hole')).toBeNull();
    expect(part('spotlight')!.style.clipPath).toBe('');
  });

  it('dims the whole page behind a modal step without a target', async () => {
    const { step } = setup();
    await step(stepView({ modal: true }));
    const spotlight = part('spotlight')!;
    expect(spotlight.hasAttribute('data-tebiki-modal')).toBe(true);
    expect(spotlight.querySelector('.tebiki-hole')).toBeNull();
  });

  it('is not modal by default', async () => {
    const { step } = setup();
    await step(stepView());
    expect(part('popover')!.getAttribute('aria-modal')).toBe('false');
  });

  it('keeps Tab and Shift+Tab cycling inside a modal step', async () => {
    const { step } = setup();
    await step(stepView({ modal: true, stepIndex: 1, total: 3 }));
    const popover = part('popover')!;
    expect(focused()).toBe('popover');
    await key(popover, 'Tab');
    expect(focused()).toBe('close');
    part('next')!.focus();
    await key(popover, 'Tab');
    expect(focused()).toBe('close');
    await key(popover, 'Tab', { shiftKey: true });
    expect(focused()).toBe('next');
  });

  it('leaves Tab alone in a non-modal step', async () => {
    const { step } = setup();
    await step(stepView());
    part('next')!.focus();
    const event = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    part('popover')!.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe('tour step: live region', () => {
  it('announces "Step 2 of 5: <title>" in a polite status region', async () => {
    const { step } = setup();
    await step(stepView({ stepIndex: 1, total: 5, title: 'Invite your team' }));
    await flush(150);
    const status = shadow().querySelector('[role="status"]')!;
    expect(status.textContent).toBe('Step 2 of 5: Invite your team');
    // The region is not a Tebiki part and is never inside one, so it outlives every step.
    expect(status.closest('[data-tebiki-part]')).toBeNull();
  });

  it('announces in Japanese, and empties when the step goes away', async () => {
    const { step } = setup();
    await step(stepView({ locale: 'ja', stepIndex: 0, total: 3, title: '作成' }));
    await flush(150);
    const status = shadow().querySelector('[role="status"]')!;
    expect(status.textContent).toBe('ステップ 1 / 3：作成');
    await step(null);
    await flush(150);
    expect(status.textContent).toBe('');
  });

  it('announces a checklist item done, once, and not over a step', async () => {
    const { step, checklist, hints } = setup();
    const items = [
      { itemId: 'a', title: 'Create a project', done: true },
      { itemId: 'b', title: 'Invite a teammate', done: false },
      { itemId: 'c', title: 'Open a report', done: false },
    ];
    await checklist(checklistView({ items, done: 1, total: 3 }));
    await flush(150);
    const status = shadow().querySelector('[role="status"]')!;
    expect(status.textContent).toBe('');
    await checklist(checklistView({ items, done: 2, total: 3 }));
    // Another render right after does not take the announcement back.
    await hints([]);
    await flush(150);
    expect(status.textContent).toBe('Getting started: 2 of 3 done');
    // A step says its own; when it goes, the old progress is not read again.
    await step(stepView());
    await checklist(checklistView({ items, done: 3, total: 3 }));
    await flush(150);
    expect(status.textContent).toBe('Step 1 of 2: Start here');
    await step(null);
    await flush(150);
    expect(status.textContent).toBe('');
  });

  it('announces an untitled step by its position alone', async () => {
    const { step } = setup();
    await step(stepView({ title: '', stepIndex: 1, total: 2 }));
    await flush(150);
    expect(shadow().querySelector('[role="status"]')!.textContent).toBe('Step 2 of 2');
  });
});

describe('tour step: handlers', () => {
  it('calls next, back and dismiss with no arguments (no DOM event leaks out)', async () => {
    const { step, handlers } = setup();
    await step(stepView({ stepIndex: 1, total: 3 }));
    await click(part('next')!);
    await click(part('back')!);
    await click(part('close')!);
    expect(handlers.next).toHaveBeenCalledWith();
    expect(handlers.back).toHaveBeenCalledWith();
    expect(handlers.dismiss).toHaveBeenCalledWith();
  });

  it('keeps focus where it is when only the target changes', async () => {
    const { step } = setup();
    const first = target();
    await step(stepView({ target: first, stepIndex: 1, total: 3 }));
    part('back')!.focus();
    // A framework re-render: a new element in place of the old one.
    const second = first.cloneNode(true) as HTMLElement;
    first.replaceWith(second);
    await step(stepView({ target: second, stepIndex: 1, total: 3 }));
    expect(focused()).toBe('back');
    await step(stepView({ target: second, stepId: 'invite', stepIndex: 2, total: 3 }));
    expect(focused()).toBe('popover');
  });

  it('shows progress as left-to-right text in a right-to-left step', async () => {
    const { step } = setup();
    await step(stepView({ dir: 'rtl', stepIndex: 1, total: 5 }));
    expect(part('progress')!.getAttribute('dir')).toBe('ltr');
    expect(part('progress')!.textContent).toBe('2 / 5');
  });
});
