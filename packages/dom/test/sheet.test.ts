import { describe, expect, it } from 'vitest';
import { sheetLayout } from '../src/sheet.ts';

const box = (top: number, height = 40) => ({ top, bottom: top + height });

describe('sheetLayout', () => {
  it('docks at the bottom when the target is in the upper part, capped to the room below it', () => {
    // 768 × 0.7 = 537.6 is less than the 620 px below the target.
    expect(sheetLayout(box(100), 768)).toEqual({ side: 'bottom', maxHeight: 537 });
    expect(sheetLayout(box(100), 400)).toEqual({ side: 'bottom', maxHeight: 252 });
  });

  it('docks on top when the target sits low, and never covers it', () => {
    const { side, maxHeight } = sheetLayout(box(600), 768);
    expect(side).toBe('top');
    expect(maxHeight).toBeLessThanOrEqual(600 - 8);
  });

  it('keeps the sheet usable when no side has room', () => {
    expect(sheetLayout(box(0, 768), 768).maxHeight).toBe(120);
  });

  it('counts only the visible part of a target partly scrolled away', () => {
    expect(sheetLayout({ top: -200, bottom: 100 }, 640)).toEqual({
      side: 'bottom',
      maxHeight: 448,
    });
  });
});
