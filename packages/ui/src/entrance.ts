import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Fades in the element `ref` holds each time a new one appears (a part mounts,
 * a hint opens, the next step replaces the popover), and takes the animation
 * away once it has played: the stylesheet declares it only on
 * `[data-tebiki-entering]`, because Chromium restyles an element that keeps a
 * declared animation the slow way, which a step following a scroll would pay
 * every frame. Chromium also keeps restyling an element that has ever animated
 * more slowly, for its whole life: pass an element that is not repositioned every
 * frame (a step's card, not the popover attachFloating moves). An element kept
 * across renders does not fade in again.
 */
export function useEntrance(ref: RefObject<HTMLElement>): void {
  const entered = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || element === entered.current) return;
    entered.current = element;
    const done = () => element.removeAttribute('data-tebiki-entering');
    element.setAttribute('data-tebiki-entering', '');
    // Handler properties rather than listeners: nothing to clean up, and no descendant animates.
    element.onanimationend = element.onanimationcancel = done;
    // Reduced motion declares no animation, so no event would ever end it. Asked of the
    // media query the stylesheet uses, not of computed style, which would force a restyle.
    const view = element.ownerDocument.defaultView;
    if (!view?.matchMedia('(prefers-reduced-motion: no-preference)').matches) done();
  });
}
