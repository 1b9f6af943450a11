import {
  arrow,
  autoUpdate,
  computePosition,
  flip,
  hide,
  type Middleware,
  offset,
  type Placement,
  type Platform,
  platform,
  shift,
  size,
} from '@floating-ui/dom';
import { type SheetSide, sheetLayout } from './sheet.ts';

/** Where the reference is, as one update found it. */
export interface ReferenceState {
  /** The reference's border box, in viewport coordinates. */
  rect: DOMRectReadOnly;
  /** Whether a scroll container or the viewport clips the reference out of sight. */
  hidden: boolean;
  /** The reference has no box: removed from the page, or not rendered. */
  gone?: boolean;
}

export interface AttachOptions {
  /** Side and alignment relative to the reference. @default 'bottom' */
  placement?: Placement;
  /** Gap between target and popover, in px; negative overlaps the target. @default 12 */
  gap?: number;
  /**
   * Moves a `-start` / `-end` aligned element along the reference's edge, in px;
   * negative goes past the aligned edge (a hotspot centred on a corner uses minus
   * half its size). @default 0
   */
  alignOffset?: number;
  arrowElement?: HTMLElement | null;
  /**
   * Text direction: in `'rtl'` the `left` and `right` sides are mirrored
   * (`-start` / `-end` already follow the floating element's direction).
   * @default 'ltr'
   */
  dir?: 'ltr' | 'rtl';
  /** Distance kept from the viewport's edges, in px. @default 8 */
  padding?: number;
  /**
   * Caps the floating element's `max-height` at the space left on its side, so a
   * tall popover scrolls inside instead of leaving the viewport. @default true
   */
  fit?: boolean;
  /**
   * Below this viewport width (px) the element is not positioned at all: it gets
   * `data-tebiki-sheet` (`bottom`, or `top` when the reference sits low) and a
   * `max-height` that leaves the reference uncovered; the stylesheet lays it out as a sheet.
   * @default 0 (never)
   * @example attachFloating(target, popover, { sheetBelow: 480 })
   */
  sheetBelow?: number;
  /**
   * Called on every update with where the reference is, after everything is
   * measured and before anything is written, so a second element (a spotlight's
   * cut-out) follows the same update instead of tracking the reference itself.
   * Called in the bottom-sheet layout too.
   * @example attachFloating(target, popover, { onUpdate: spotlightFollower(overlay, hole) })
   */
  onUpdate?: (state: ReferenceState) => void;
  /**
   * Called when an update finds the reference without a box: removed from the
   * page (as when a framework re-renders it as a new element) or not rendered
   * (`display: none`). The element is hidden meanwhile. Called again only after
   * the reference has had a box in between.
   */
  onGone?: () => void;
}

type Side = 'top' | 'bottom' | 'left' | 'right';
const opposite: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };

/** `right-start` → `left-start` in right-to-left text; other placements unchanged. */
export function mirrorPlacement(placement: Placement, dir: 'ltr' | 'rtl' = 'ltr'): Placement {
  if (dir !== 'rtl') return placement;
  return placement.replace(/^(left|right)/, (side) => opposite[side as Side]) as Placement;
}

type StyleName = 'transform' | 'width' | 'height' | 'left' | 'top' | 'right' | 'bottom';
type WrittenStyle = StyleName | 'maxHeight' | 'visibility' | 'clipPath';

/**
 * Returns a function that sets inline styles on `element`, skipping those whose
 * value is the one it wrote last: an unchanged position costs no style work.
 * Only for properties nothing else writes.
 */
export function styleWriter(
  element: HTMLElement,
): (values: Partial<Record<WrittenStyle, string>>) => void {
  const written: Partial<Record<WrittenStyle, string>> = {};
  return (values) => {
    for (const name of Object.keys(values) as WrittenStyle[]) {
      const value = values[name]!;
      if (written[name] === value) continue;
      written[name] = value;
      element.style[name] = value;
    }
  };
}

/**
 * Calls `update` whenever `reference` or `floating` may have moved: scrolling of
 * any ancestor, resizing, a layout shift, either element resizing. The first
 * update runs at once. Scrolls, window resizes and layout shifts fold into one
 * update in the next animation frame (scroll and resize events fire just before
 * it, so the update still lands in the frame that shows the scroll); element
 * resizes update at once, before the frame is painted. Returns the cleanup.
 */
export function trackElements(
  reference: Element,
  floating: HTMLElement,
  update: () => void,
): () => void {
  const view = floating.ownerDocument.defaultView ?? window;
  let frame = 0;
  let reobserve = 0;
  const now = () => {
    view.cancelAnimationFrame(frame);
    frame = 0;
    update();
  };
  const soon = () => {
    if (!frame) frame = view.requestAnimationFrame(now);
  };
  const stopAuto = autoUpdate(reference, floating, soon, { elementResize: false });
  let observer: ResizeObserver | null = null;
  if (typeof view.ResizeObserver === 'function') {
    observer = new view.ResizeObserver(([first]) => {
      if (first?.target === reference) {
        // As floating-ui does: the floating element's own resize (from a new
        // max-height) is not observed until the next frame, so the two cannot loop.
        observer?.unobserve(floating);
        view.cancelAnimationFrame(reobserve);
        reobserve = view.requestAnimationFrame(() => observer?.observe(floating));
      }
      now();
    });
    observer.observe(reference);
    observer.observe(floating);
  }
  now();
  return () => {
    stopAuto();
    observer?.disconnect();
    observer = null;
    view.cancelAnimationFrame(frame);
    view.cancelAnimationFrame(reobserve);
  };
}

/**
 * floating-ui's platform, measuring once per update what several middleware ask
 * for in turn (`flip`, `shift` and `size` each want the floating element's
 * clipping rect and offset parent). Nothing they measure changes within an update.
 */
function onceEachPlatform(): Platform {
  const clipping = new Map<Element, ReturnType<Platform['getClippingRect']>>();
  const offsetParents = new Map<Element, ReturnType<NonNullable<Platform['getOffsetParent']>>>();
  return {
    ...platform,
    getClippingRect(args) {
      if (args.boundary !== 'clippingAncestors' || args.rootBoundary !== 'viewport')
        return platform.getClippingRect.call(this, args);
      if (!clipping.has(args.element))
        clipping.set(args.element, platform.getClippingRect.call(this, args));
      return clipping.get(args.element)!;
    },
    getOffsetParent(element) {
      if (!offsetParents.has(element))
        offsetParents.set(element, platform.getOffsetParent!.call(this, element));
      return offsetParents.get(element)!;
    },
  };
}

const hideOnly = [hide()];

/**
 * Where `reference` is and whether it is clipped out of sight (by a scroll
 * container or the viewport), for an element `floating` shown in the top layer.
 */
export async function locateReference(
  reference: Element,
  floating: HTMLElement,
): Promise<ReferenceState> {
  const { middlewareData } = await computePosition(reference, floating, {
    strategy: 'fixed',
    middleware: hideOnly,
  });
  return {
    rect: reference.getBoundingClientRect(),
    hidden: middlewareData.hide?.referenceHidden === true,
  };
}

/**
 * Keeps `floating` attached to `reference` through scrolling (nested containers
 * too), resizing, and fixed, sticky or transformed ancestors. The element is
 * expected to be `position: fixed` at `left: 0; top: 0` (ideally in the top
 * layer): it is moved with `transform`, which costs no layout. Hidden when the
 * reference is scrolled out of sight. Each update writes only what changed.
 * Returns the cleanup that stops tracking.
 */
export function attachFloating(
  reference: Element,
  floating: HTMLElement,
  {
    placement = 'bottom',
    gap = 12,
    alignOffset = 0,
    arrowElement,
    dir,
    padding = 8,
    fit = true,
    sheetBelow = 0,
    onUpdate,
    onGone,
  }: AttachOptions = {},
): () => void {
  const view = floating.ownerDocument.defaultView;
  const style = styleWriter(floating);
  const arrowStyle = arrowElement ? styleWriter(arrowElement) : null;
  let cap: number | null = null;
  let stopped = false;
  let gone = false;
  const middleware: (Middleware | false | undefined | null)[] = [
    offset({ mainAxis: gap, alignmentAxis: alignOffset }),
    flip({ padding }),
    shift({ padding }),
    fit &&
      size({
        padding,
        apply({ availableHeight, rects }) {
          const next = Math.max(96, Math.floor(availableHeight));
          // While the element is shorter than both caps, neither bites: the
          // style is left alone, so a scroll that only moves the room costs no
          // style work.
          const height = Math.ceil(rects.floating.height);
          if (cap !== null && height < cap && height <= next) return;
          cap = next;
          style({ maxHeight: `${next}px` });
        },
      }),
    arrowElement && arrow({ element: arrowElement, padding: 8 }),
    hide(),
  ];
  const markSheet = (side: SheetSide | null) => {
    if (floating.getAttribute('data-tebiki-sheet') === side) return;
    if (side) floating.setAttribute('data-tebiki-sheet', side);
    else floating.removeAttribute('data-tebiki-sheet');
  };
  const update = async () => {
    // Removed or display: none (a resize observation reports both).
    if (!reference.getClientRects().length) {
      style({ visibility: 'hidden' });
      onUpdate?.({ rect: reference.getBoundingClientRect(), hidden: true, gone: true });
      if (!gone) onGone?.();
      gone = true;
      return;
    }
    gone = false;
    const sheet = (view?.innerWidth ?? Number.POSITIVE_INFINITY) < sheetBelow;
    if (sheet) {
      const state = onUpdate ? await locateReference(reference, floating) : null;
      if (stopped) return;
      // Docked on the side with more room, so the sheet does not cover its target.
      const { side, maxHeight } = sheetLayout(
        state?.rect ?? reference.getBoundingClientRect(),
        view?.innerHeight ?? 0,
      );
      markSheet(side);
      cap = null;
      style({ transform: '', maxHeight: `${maxHeight}px`, visibility: '' });
      if (state) onUpdate?.(state);
      return;
    }
    const result = await computePosition(reference, floating, {
      placement: mirrorPlacement(placement, dir),
      strategy: 'fixed',
      middleware,
      platform: onceEachPlatform(),
    });
    if (stopped) return;
    const hidden = result.middlewareData.hide?.referenceHidden === true;
    // Read before anything is written below, while layout is still clean.
    const rect = onUpdate ? reference.getBoundingClientRect() : null;
    markSheet(null);
    // Whole device pixels, so the text stays sharp.
    const ratio = view?.devicePixelRatio || 1;
    const x = Math.round(result.x * ratio) / ratio;
    const y = Math.round(result.y * ratio) / ratio;
    style({ transform: `translate(${x}px, ${y}px)`, visibility: hidden ? 'hidden' : '' });
    if (floating.dataset.tebikiPlacement !== result.placement)
      floating.dataset.tebikiPlacement = result.placement;
    const arrowData = result.middlewareData.arrow;
    if (arrowStyle && arrowData) {
      const side = result.placement.split('-')[0] as Side;
      arrowStyle({
        left: arrowData.x != null ? `${arrowData.x}px` : '',
        top: arrowData.y != null ? `${arrowData.y}px` : '',
        right: '',
        bottom: '',
        [opposite[side]]: '-6px',
      });
    }
    if (rect) onUpdate?.({ rect, hidden });
  };
  const stop = trackElements(reference, floating, () => void update());
  return () => {
    stopped = true;
    stop();
  };
}
