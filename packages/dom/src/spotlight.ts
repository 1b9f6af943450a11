import { locateReference, type ReferenceState, styleWriter, trackElements } from './position.ts';

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
 * Returns the function that moves `hole` (a `position: fixed` child of the
 * full-viewport, fixed `overlay`) over a reference's box
 * plus `padding`; when the reference is out of sight the hole closes, so the
 * dimming covers all, and when it has no box at all the overlay is hidden.
 * Writes only what changed, and moves the hole with `transform`, which costs
 * no layout. Give it to `attachFloating`'s `onUpdate` so the cut-out follows
 * the popover's own updates.
 *
 * @example attachFloating(target, popover, { onUpdate: spotlightFollower(overlay, hole) })
 */
export function spotlightFollower(
  overlay: HTMLElement,
  hole: HTMLElement,
  { padding = 6, clip = false }: SpotlightOptions = {},
): (state: ReferenceState) => void {
  const holeStyle = styleWriter(hole);
  const overlayStyle = styleWriter(overlay);
  return ({ rect, hidden, gone }) => {
    const left = hidden ? 0 : rect.left - padding;
    const top = hidden ? 0 : rect.top - padding;
    const right = hidden ? 0 : rect.right + padding;
    const bottom = hidden ? 0 : rect.bottom + padding;
    holeStyle({
      left: '0px',
      top: '0px',
      transform: `translate(${left}px, ${top}px)`,
      width: `${right - left}px`,
      height: `${bottom - top}px`,
    });
    // One polygon: around the viewport, then back round the hole; evenodd leaves the hole out.
    overlayStyle({
      // Nothing to point at while the target is gone: no dimming either, rather than a dark page.
      visibility: gone ? 'hidden' : '',
      clipPath:
        clip && !hidden
          ? `polygon(evenodd,0 0,100% 0,100% 100%,0 100%,0 0,${left}px ${top}px,${left}px ${bottom}px,${right}px ${bottom}px,${right}px ${top}px,${left}px ${top}px)`
          : '',
    });
  };
}

/**
 * Keeps `hole` over the target's box plus `padding` on its own, through
 * scrolling, resizing and layout changes (see `spotlightFollower`). A spotlight
 * shown with a popover follows the popover's updates instead, through
 * `attachFloating`'s `onUpdate`: one loop per step. Returns the cleanup that
 * stops tracking.
 */
export function trackSpotlight(
  target: Element,
  overlay: HTMLElement,
  hole: HTMLElement,
  options: SpotlightOptions = {},
): () => void {
  const follow = spotlightFollower(overlay, hole, options);
  let stopped = false;
  const stop = trackElements(target, hole, async () => {
    const state = await locateReference(target, hole);
    if (!stopped) follow(state);
  });
  return () => {
    stopped = true;
    stop();
  };
}
