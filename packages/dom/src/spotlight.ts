import { autoUpdate, computePosition, hide } from '@floating-ui/dom';

export interface SpotlightOptions {
  /** Space between the target's box and the edge of the cut-out, in px. @default 6 */
  padding?: number;
  /**
   * Cuts the hole out of `overlay`'s hit area too (`clip-path`), so an overlay
   * that blocks the page still lets clicks through to the target. @default false
   */
  clip?: boolean;
}

/**
 * Keeps `hole` (a child of the full-viewport, fixed `overlay`) over the target's
 * box plus `padding`, through scrolling, resizing and layout changes. When the
 * target is scrolled out of sight the hole closes, so the dimming covers all.
 * Returns the cleanup that stops tracking.
 */
export function trackSpotlight(
  target: Element,
  overlay: HTMLElement,
  hole: HTMLElement,
  { padding = 6, clip = false }: SpotlightOptions = {},
): () => void {
  const update = async () => {
    // Only for `hide`: whether a scroll container or the viewport clips the target away.
    const { middlewareData } = await computePosition(target, hole, {
      strategy: 'fixed',
      middleware: [hide()],
    });
    const rect = target.getBoundingClientRect();
    const shown = !middlewareData.hide?.referenceHidden;
    const left = shown ? rect.left - padding : 0;
    const top = shown ? rect.top - padding : 0;
    const right = shown ? rect.right + padding : 0;
    const bottom = shown ? rect.bottom + padding : 0;
    Object.assign(hole.style, {
      left: `${left}px`,
      top: `${top}px`,
      width: `${right - left}px`,
      height: `${bottom - top}px`,
    });
    // One polygon: around the viewport, then back round the hole; evenodd leaves the hole out.
    overlay.style.clipPath =
      clip && shown
        ? `polygon(evenodd,0 0,100% 0,100% 100%,0 100%,0 0,${left}px ${top}px,${left}px ${bottom}px,${right}px ${bottom}px,${right}px ${top}px,${left}px ${top}px)`
        : '';
  };
  return autoUpdate(target, hole, () => void update());
}
