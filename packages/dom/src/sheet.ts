/** The edge of the viewport a sheet is docked to. */
export type SheetSide = 'top' | 'bottom';

/** A sheet is never capped below this height (px): its buttons must stay usable. */
const MIN_SHEET = 120;
/** Nor above this share of the viewport's height. */
const MAX_SHARE = 0.7;

/**
 * Where a sheet (a full-width step on a narrow screen) goes so it does not
 * cover what it points at: docked to the edge of the viewport on the side of
 * the reference with more room, its height capped at that room less `gap`
 * (a long body scrolls inside the sheet).
 *
 * @example sheetLayout(target.getBoundingClientRect(), innerHeight) // low target → { side: 'top', … }
 */
export function sheetLayout(
  reference: { top: number; bottom: number },
  viewportHeight: number,
  gap = 8,
): { side: SheetSide; maxHeight: number } {
  const below = viewportHeight - Math.max(0, reference.bottom) - gap;
  const above = Math.min(viewportHeight, reference.top) - gap;
  const side: SheetSide = below >= above ? 'bottom' : 'top';
  const room = Math.min(viewportHeight * MAX_SHARE, Math.max(below, above));
  return { side, maxHeight: Math.floor(Math.max(MIN_SHEET, room)) };
}
