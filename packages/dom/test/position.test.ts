import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attachFloating,
  mirrorPlacement,
  type ReferenceState,
  spotlightFollower,
  trackSpotlight,
} from '../src/index.ts';

/** Lets autoUpdate's first update and floating-ui's promise chain settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Lets the next animation frame run, with the update it may carry. */
const nextFrame = () =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** happy-dom lays nothing out: gives `element` a height floating-ui will measure. */
function setHeight(element: HTMLElement, height: number) {
  element.style.height = `${height}px`;
  Object.defineProperty(element, 'offsetHeight', { value: height, configurable: true });
}

/** Records every change of `element`'s style attribute from now on. */
function styleWrites(element: Element) {
  const writes: (string | null)[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) writes.push((record.target as Element).getAttribute('style'));
  });
  observer.observe(element, { attributes: true, attributeFilter: ['style'] });
  return { writes, stop: () => observer.disconnect() };
}

let stops: (() => void)[] = [];

function elements(rect = new DOMRect(100, 50, 80, 30)) {
  document.body.innerHTML = '<button id="target">T</button><div id="floating"></div>';
  const target = document.getElementById('target')!;
  target.getBoundingClientRect = () => rect;
  const floating = document.getElementById('floating')!;
  floating.style.position = 'fixed';
  return { target, floating };
}

// happy-dom lays nothing out: give the viewport a size, so floating-ui sees targets inside it.
beforeEach(() => {
  for (const [name, value] of [
    ['clientWidth', 1024],
    ['clientHeight', 768],
  ] as const) {
    Object.defineProperty(document.documentElement, name, { value, configurable: true });
  }
});

afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  document.body.innerHTML = '';
});

describe('mirrorPlacement', () => {
  it('swaps left and right in right-to-left text, keeping the alignment', () => {
    expect(mirrorPlacement('right', 'rtl')).toBe('left');
    expect(mirrorPlacement('left-start', 'rtl')).toBe('right-start');
    expect(mirrorPlacement('right-end', 'rtl')).toBe('left-end');
  });

  it('leaves top and bottom, and everything in left-to-right text, as they are', () => {
    expect(mirrorPlacement('top-start', 'rtl')).toBe('top-start');
    expect(mirrorPlacement('bottom', 'rtl')).toBe('bottom');
    expect(mirrorPlacement('right', 'ltr')).toBe('right');
    expect(mirrorPlacement('left')).toBe('left');
  });
});

describe('attachFloating', () => {
  it('places the element below its target with the gap, and names the placement', async () => {
    const { target, floating } = elements();
    stops.push(attachFloating(target, floating, { placement: 'bottom', gap: 12 }));
    await settle();
    // Moved with a transform (no layout): centred under 100 + 80 / 2, and 50 + 30 + 12 down.
    expect(floating.style.transform).toBe('translate(140px, 92px)');
    expect(floating.dataset.tebikiPlacement).toBe('bottom');
    expect(floating.style.visibility).toBe('');
  });

  it('caps the height at the room left below the target', async () => {
    const { target, floating } = elements();
    stops.push(attachFloating(target, floating, { placement: 'bottom', gap: 12, padding: 8 }));
    await settle();
    // 768 − (50 + 30 + 12) − 8
    expect(floating.style.maxHeight).toBe('668px');
  });

  it('leaves the height alone when asked not to fit', async () => {
    const { target, floating } = elements();
    stops.push(attachFloating(target, floating, { fit: false }));
    await settle();
    expect(floating.style.maxHeight).toBe('');
  });

  it('mirrors a right placement to the left in right-to-left text', async () => {
    const { target, floating } = elements();
    stops.push(attachFloating(target, floating, { placement: 'right', dir: 'rtl' }));
    await settle();
    expect(floating.dataset.tebikiPlacement).toBe('left');
  });

  it('hides the element when its target is out of sight', async () => {
    const { target, floating } = elements(new DOMRect(100, -500, 80, 30));
    stops.push(attachFloating(target, floating));
    await settle();
    expect(floating.style.visibility).toBe('hidden');
  });

  it('becomes a sheet below the sheet width: not positioned, docked away from its target', async () => {
    const { target, floating } = elements();
    floating.style.transform = 'translate(5px, 5px)';
    stops.push(attachFloating(target, floating, { sheetBelow: window.innerWidth + 1 }));
    await settle();
    // The target (y 50–80) is near the top of the 768 px viewport: the sheet docks below it.
    expect(floating.getAttribute('data-tebiki-sheet')).toBe('bottom');
    expect(floating.style.transform).toBe('');
    expect(floating.style.maxHeight).toBe(`${Math.floor(window.innerHeight * 0.7)}px`);
  });

  it('docks the sheet on top when its target sits low in the viewport', async () => {
    const { target, floating } = elements(new DOMRect(100, window.innerHeight - 60, 80, 30));
    stops.push(attachFloating(target, floating, { sheetBelow: window.innerWidth + 1 }));
    await settle();
    expect(floating.getAttribute('data-tebiki-sheet')).toBe('top');
    expect(Number.parseFloat(floating.style.maxHeight)).toBeLessThanOrEqual(
      window.innerHeight - 68,
    );
  });

  it('still reports where the target is in the bottom sheet', async () => {
    const { target, floating } = elements();
    const states: ReferenceState[] = [];
    stops.push(
      attachFloating(target, floating, {
        sheetBelow: window.innerWidth + 1,
        onUpdate: (state) => states.push(state),
      }),
    );
    await settle();
    expect(states).toHaveLength(1);
    expect(states[0]!.hidden).toBe(false);
    expect(states[0]!.rect.left).toBe(100);
  });

  it('tells onUpdate where the target is and whether it is out of sight', async () => {
    const rect = new DOMRect(100, 50, 80, 30);
    const { target, floating } = elements(rect);
    const states: ReferenceState[] = [];
    stops.push(attachFloating(target, floating, { onUpdate: (state) => states.push(state) }));
    await settle();
    expect(states).toEqual([{ rect, hidden: false }]);

    const away = new DOMRect(100, -500, 80, 30);
    target.getBoundingClientRect = () => away;
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(states.at(-1)).toEqual({ rect: away, hidden: true });
    expect(floating.style.visibility).toBe('hidden');
  });

  it('folds the events of one frame into one update', async () => {
    const { target, floating } = elements();
    let updates = 0;
    stops.push(attachFloating(target, floating, { onUpdate: () => updates++ }));
    await settle();
    expect(updates).toBe(1);
    for (let i = 0; i < 3; i++) window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(updates).toBe(2);
  });

  it('writes nothing when nothing moved, and only the transform when the target moved', async () => {
    const { target, floating } = elements();
    setHeight(floating, 100);
    stops.push(attachFloating(target, floating));
    await settle();
    const placement = floating.dataset.tebikiPlacement;
    const { writes, stop } = styleWrites(floating);
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(writes).toEqual([]);

    // 40 px further down: the room below shrinks, but the 100 px element still fits
    // under the max-height it has, so that is left as it was.
    target.getBoundingClientRect = () => new DOMRect(100, 90, 80, 30);
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    stop();
    expect(writes).toHaveLength(1);
    expect(floating.style.transform).toBe('translate(140px, 132px)');
    expect(floating.style.maxHeight).toBe('668px');
    expect(floating.dataset.tebikiPlacement).toBe(placement);
  });

  it('caps the height anew once the element no longer fits the room left', async () => {
    const { target, floating } = elements();
    setHeight(floating, 300);
    stops.push(attachFloating(target, floating, { placement: 'bottom', gap: 12, padding: 8 }));
    await settle();
    expect(floating.style.maxHeight).toBe('668px');
    // 768 − (400 + 30 + 12) − 8 = 318 px left below: the 340 px element no longer fits
    // there, so it flips above the target, where 400 − 12 − 8 = 380 px are left.
    target.getBoundingClientRect = () => new DOMRect(100, 400, 80, 30);
    setHeight(floating, 340);
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(floating.dataset.tebikiPlacement).toBe('top');
    // It fits there: the old cap does not bite, and is left as it was.
    expect(floating.style.maxHeight).toBe('668px');
    // Taller than the room above too: capped at it.
    setHeight(floating, 500);
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(floating.style.maxHeight).toBe('380px');
    target.getBoundingClientRect = () => new DOMRect(100, 380, 80, 30);
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(floating.style.maxHeight).toBe('360px');
  });

  it('stops following the target once cleaned up', async () => {
    const { target, floating } = elements();
    const stop = attachFloating(target, floating);
    await settle();
    stop();
    floating.style.transform = '';
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(floating.style.transform).toBe('');
  });
});

describe('trackSpotlight', () => {
  function spotlight() {
    const overlay = document.createElement('div');
    const hole = document.createElement('div');
    overlay.append(hole);
    document.body.append(overlay);
    return { overlay, hole };
  }

  it('keeps the hole over the target plus padding', async () => {
    const { target } = elements();
    const { overlay, hole } = spotlight();
    stops.push(trackSpotlight(target, overlay, hole, { padding: 10 }));
    await settle();
    expect([hole.style.transform, hole.style.width, hole.style.height]).toEqual([
      'translate(90px, 40px)',
      '100px',
      '50px',
    ]);
    expect(overlay.style.clipPath).toBe('');
  });

  it('follows the target again after it moves', async () => {
    const { target } = elements();
    const { overlay, hole } = spotlight();
    stops.push(trackSpotlight(target, overlay, hole, { padding: 10 }));
    await settle();
    target.getBoundingClientRect = () => new DOMRect(120, 70, 80, 30);
    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(hole.style.transform).toBe('translate(110px, 60px)');
  });

  it('cuts the hole out of the overlay hit area when clipping', async () => {
    const { target } = elements();
    const { overlay, hole } = spotlight();
    stops.push(trackSpotlight(target, overlay, hole, { padding: 0, clip: true }));
    await settle();
    expect(overlay.style.clipPath).toMatch(/100px 50px,\s*100px 80px,\s*180px 80px,\s*180px 50px/);
  });

  it('closes the hole, dimming everything, when the target is out of sight', async () => {
    const { target } = elements(new DOMRect(100, -500, 80, 30));
    const { overlay, hole } = spotlight();
    stops.push(trackSpotlight(target, overlay, hole, { clip: true }));
    await settle();
    expect([hole.style.width, hole.style.height]).toEqual(['0px', '0px']);
    expect(overlay.style.clipPath).toBe('');
  });
});

describe('spotlightFollower', () => {
  it('places the hole from the state it is given, writing only what changed', () => {
    const overlay = document.createElement('div');
    const hole = document.createElement('div');
    overlay.append(hole);
    document.body.append(overlay);
    const follow = spotlightFollower(overlay, hole, { padding: 4, clip: true });
    follow({ rect: new DOMRect(10, 20, 30, 40), hidden: false });
    expect([hole.style.transform, hole.style.width, hole.style.height]).toEqual([
      'translate(6px, 16px)',
      '38px',
      '48px',
    ]);
    expect(overlay.style.clipPath).toMatch(/6px 16px,\s*6px 64px,\s*44px 64px,\s*44px 16px/);

    const holeWrites = styleWrites(hole);
    const overlayWrites = styleWrites(overlay);
    follow({ rect: new DOMRect(10, 20, 30, 40), hidden: false });
    holeWrites.stop();
    overlayWrites.stop();
    expect(holeWrites.writes).toEqual([]);
    expect(overlayWrites.writes).toEqual([]);

    follow({ rect: new DOMRect(10, 20, 30, 40), hidden: true });
    expect([hole.style.width, hole.style.height]).toEqual(['0px', '0px']);
    expect(overlay.style.clipPath).toBe('');
    expect(overlay.style.visibility).toBe('');
  });

  it('hides the dimming while the target has no box, and shows it again once it has', () => {
    const overlay = document.createElement('div');
    const hole = document.createElement('div');
    overlay.append(hole);
    const follow = spotlightFollower(overlay, hole);
    follow({ rect: new DOMRect(0, 0, 0, 0), hidden: true, gone: true });
    expect(overlay.style.visibility).toBe('hidden');
    follow({ rect: new DOMRect(10, 20, 30, 40), hidden: false });
    expect(overlay.style.visibility).toBe('');
  });
});
