import {
  arrow,
  autoUpdate,
  computePosition,
  flip,
  hide,
  offset,
  type Placement,
  shift,
  size,
} from '@floating-ui/dom';

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
   * `data-tebiki-sheet` and the stylesheet lays it out as a bottom sheet.
   * @default 0 (never)
   * @example attachFloating(target, popover, { sheetBelow: 480 })
   */
  sheetBelow?: number;
}

type Side = 'top' | 'bottom' | 'left' | 'right';
const opposite: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };

/** `right-start` → `left-start` in right-to-left text; other placements unchanged. */
export function mirrorPlacement(placement: Placement, dir: 'ltr' | 'rtl' = 'ltr'): Placement {
  if (dir !== 'rtl') return placement;
  return placement.replace(/^(left|right)/, (side) => opposite[side as Side]) as Placement;
}

/**
 * Keeps `floating` attached to `reference` through scrolling (nested containers
 * too), resizing, and fixed, sticky or transformed ancestors. The element is
 * expected to be `position: fixed` (ideally in the top layer). Hidden when the
 * reference is scrolled out of sight. Returns the cleanup that stops tracking.
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
  }: AttachOptions = {},
): () => void {
  const view = floating.ownerDocument.defaultView;
  const update = async () => {
    const sheet = (view?.innerWidth ?? Number.POSITIVE_INFINITY) < sheetBelow;
    floating.toggleAttribute('data-tebiki-sheet', sheet);
    if (sheet) {
      Object.assign(floating.style, { left: '', top: '', maxHeight: '', visibility: '' });
      return;
    }
    const result = await computePosition(reference, floating, {
      placement: mirrorPlacement(placement, dir),
      strategy: 'fixed',
      middleware: [
        offset({ mainAxis: gap, alignmentAxis: alignOffset }),
        flip({ padding }),
        shift({ padding }),
        fit &&
          size({
            padding,
            apply({ availableHeight }) {
              floating.style.maxHeight = `${Math.max(96, Math.floor(availableHeight))}px`;
            },
          }),
        arrowElement && arrow({ element: arrowElement, padding: 8 }),
        hide(),
      ],
    });
    Object.assign(floating.style, {
      left: `${result.x}px`,
      top: `${result.y}px`,
      visibility: result.middlewareData.hide?.referenceHidden ? 'hidden' : '',
    });
    floating.dataset.tebikiPlacement = result.placement;
    const arrowData = result.middlewareData.arrow;
    if (arrowElement && arrowData) {
      const side = result.placement.split('-')[0] as Side;
      Object.assign(arrowElement.style, {
        left: arrowData.x != null ? `${arrowData.x}px` : '',
        top: arrowData.y != null ? `${arrowData.y}px` : '',
        right: '',
        bottom: '',
        [opposite[side]]: '-6px',
      });
    }
  };
  return autoUpdate(reference, floating, () => void update());
}
