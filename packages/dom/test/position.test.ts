import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachFloating, mirrorPlacement, trackSpotlight } from '../src/index.ts';

/** Lets autoUpdate's first update and floating-ui's promise chain settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

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
    expect(floating.style.top).toBe('92px');
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

  it('becomes a bottom sheet below the sheet width: marked, and not positioned', async () => {
    const { target, floating } = elements();
    floating.style.left = '5px';
    stops.push(attachFloating(target, floating, { sheetBelow: window.innerWidth + 1 }));
    await settle();
    expect(floating.hasAttribute('data-tebiki-sheet')).toBe(true);
    expect(floating.style.left).toBe('');
    expect(floating.style.top).toBe('');
  });

  it('stops following the target once cleaned up', async () => {
    const { target, floating } = elements();
    const stop = attachFloating(target, floating);
    await settle();
    stop();
    floating.style.top = '';
    window.dispatchEvent(new Event('resize'));
    await settle();
    expect(floating.style.top).toBe('');
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
    expect([hole.style.left, hole.style.top, hole.style.width, hole.style.height]).toEqual([
      '90px',
      '40px',
      '100px',
      '50px',
    ]);
    expect(overlay.style.clipPath).toBe('');
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
