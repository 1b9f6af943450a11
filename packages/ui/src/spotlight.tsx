import { trackSpotlight } from '@tebiki/dom';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { showInTopLayer } from './top-layer.ts';

export interface SpotlightProps {
  /** The element to cut out; null dims the whole page (a modal step without a target). */
  target: Element | null;
  /** Blocks pointer events outside the cut-out. */
  modal: boolean;
  padding: number;
  radius: number;
  /** Lets the target receive clicks through the cut-out. */
  clickThrough: boolean;
}

/**
 * Dims the page around a step's target. Non-modal, it never takes a click: the
 * page works as usual. Modal, it blocks the page except through the cut-out
 * (unless `clickThrough` is off, which blocks the target too).
 */
export function Spotlight({ target, modal, padding, radius, clickThrough }: SpotlightProps) {
  const ref = useRef<HTMLDivElement>(null);
  const holeRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    showInTopLayer(ref.current!);
    if (!target) return;
    return trackSpotlight(target, ref.current!, holeRef.current!, {
      padding,
      clip: modal && clickThrough,
    });
  }, [target, modal, padding, clickThrough]);

  return (
    <div
      ref={ref}
      popover="manual"
      aria-hidden="true"
      data-tebiki-part="spotlight"
      data-tebiki-modal={modal ? '' : undefined}
    >
      {target && (
        <div
          ref={holeRef}
          class="tebiki-hole"
          style={{ borderRadius: `${radius}px` }}
          data-tebiki-block={clickThrough ? undefined : ''}
        />
      )}
    </div>
  );
}
