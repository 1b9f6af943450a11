import {
  arrow,
  autoUpdate,
  computePosition,
  flip,
  hide,
  offset,
  type Placement,
  shift,
} from '@floating-ui/dom';

export interface AttachOptions {
  placement?: Placement;
  /** Gap between target and popover, in px. @default 12 */
  gap?: number;
  arrowElement?: HTMLElement | null;
}

/**
 * Keeps `floating` attached to `reference` through scrolling, resizing and
 * layout changes. Returns the cleanup that stops tracking.
 */
export function attachFloating(
  reference: Element,
  floating: HTMLElement,
  { placement = 'bottom', gap = 12, arrowElement }: AttachOptions = {},
): () => void {
  const update = async () => {
    const result = await computePosition(reference, floating, {
      placement,
      strategy: 'fixed',
      middleware: [
        offset(gap),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        ...(arrowElement ? [arrow({ element: arrowElement, padding: 8 })] : []),
        hide(),
      ],
    });
    Object.assign(floating.style, { left: `${result.x}px`, top: `${result.y}px` });
    floating.dataset.tebikiPlacement = result.placement;
    floating.style.visibility = result.middlewareData.hide?.referenceHidden ? 'hidden' : 'visible';
    const arrowData = result.middlewareData.arrow;
    if (arrowElement && arrowData) {
      const side = result.placement.split('-')[0] as 'top' | 'bottom' | 'left' | 'right';
      const opposite = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' }[side];
      Object.assign(arrowElement.style, {
        left: arrowData.x != null ? `${arrowData.x}px` : '',
        top: arrowData.y != null ? `${arrowData.y}px` : '',
        right: '',
        bottom: '',
        [opposite]: '-6px',
      });
    }
  };
  return autoUpdate(reference, floating, () => void update());
}
