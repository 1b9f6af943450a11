import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useEntrance } from './entrance.ts';
import { showInTopLayer } from './top-layer.ts';

export interface SpotlightProps {
  /** The element to cut out; null dims the whole page (a modal step without a target). */
  target: Element | null;
  /** Blocks pointer events outside the cut-out. */
  modal: boolean;
  radius: number;
  /** Lets the target receive clicks through the cut-out. */
  clickThrough: boolean;
  /** Gets the dimming overlay. */
  overlayRef: RefObject<HTMLDivElement>;
  /**
   * Gets the cut-out, which the step moves from its own position updates
   * (`spotlightFollower`), so one loop per step tracks the target.
   */
  holeRef: RefObject<HTMLDivElement>;
}

/**
 * Dims the page around a step's target. Non-modal, it never takes a click: the
 * page works as usual. Modal, it blocks the page except through the cut-out
 * (unless `clickThrough` is off, which blocks the target too).
 */
export function Spotlight({
  target,
  modal,
  radius,
  clickThrough,
  overlayRef,
  holeRef,
}: SpotlightProps) {
  const dimRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    showInTopLayer(overlayRef.current!);
  }, [overlayRef]);
  // The overlay is clipped around the target on every update of a modal step, so
  // it never animates itself (see useEntrance): the layer inside it fades in.
  useEntrance(dimRef);

  // No target, no cut-out: a previous step's must not stay clipped out of the dimming.
  useLayoutEffect(() => {
    if (!target) overlayRef.current!.style.clipPath = '';
  }, [target, overlayRef]);

  return (
    <div
      ref={overlayRef}
      popover="manual"
      aria-hidden="true"
      data-tebiki-part="spotlight"
      data-tebiki-modal={modal ? '' : undefined}
    >
      <div ref={dimRef} class="tebiki-dim">
        {target && (
          <div
            ref={holeRef}
            class="tebiki-hole"
            style={{ borderRadius: `${radius}px` }}
            data-tebiki-block={clickThrough ? undefined : ''}
          />
        )}
      </div>
    </div>
  );
}
