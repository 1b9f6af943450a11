import { attachFloating } from '@tebiki/dom';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useEntrance } from './entrance.ts';
import { partId } from './focus.ts';
import { labelsFor } from './labels.ts';
import { CloseButton, nameProps, SurfaceText } from './surface-text.tsx';
import { showInTopLayer } from './top-layer.ts';
import type { HintView } from './types.ts';

export interface HintProps {
  view: HintView;
  onOpen(flowId: string): void;
  onClose(flowId: string): void;
  /** The target has no box any more: removed, re-rendered as a new element, or hidden. */
  onTargetLost(flowId: string): void;
}

const HOTSPOT_SIZE = 24;

/**
 * A hint: a pulsing hotspot (a labelled toggle button) centred on the target's
 * top corner at the end side, and the tooltip it opens, a non-modal dialog
 * anchored to the target. Escape or × closes the tooltip and returns focus to
 * the hotspot.
 */
export function Hint({ view, onOpen, onClose, onTargetLost }: HintProps) {
  const { flowId, target, dir } = view;
  const labels = labelsFor(view.locale);
  const idBase = partId('hint', flowId);
  const [open, setOpen] = useState(view.open);
  // Focus follows only the user's own toggling, never an open state the engine restores.
  const focusTip = useRef(false);
  const hotspotRef = useRef<HTMLButtonElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const arrowRef = useRef<HTMLDivElement>(null);

  useEffect(() => setOpen(view.open), [view.open]);

  useLayoutEffect(() => {
    const hotspot = hotspotRef.current!;
    showInTopLayer(hotspot);
    return attachFloating(target, hotspot, {
      placement: 'top-end',
      gap: -HOTSPOT_SIZE / 2,
      alignOffset: -HOTSPOT_SIZE / 2,
      padding: 2,
      fit: false,
      onGone: () => onTargetLost(flowId),
    });
  }, [target]);

  useLayoutEffect(() => {
    if (!open) return;
    const tip = tipRef.current!;
    showInTopLayer(tip);
    const stop = attachFloating(target, tip, {
      placement: view.placement === 'center' ? 'bottom' : view.placement,
      arrowElement: arrowRef.current,
      dir,
    });
    if (focusTip.current) tip.focus({ preventScroll: true });
    focusTip.current = false;
    return stop;
  }, [open, target, view.placement, dir]);
  // On the card, not on the tip attachFloating moves every frame (see styles.ts).
  useEntrance(cardRef);

  const toggle = (value: boolean) => {
    focusTip.current = value;
    setOpen(value);
    if (value) onOpen(flowId);
    else {
      hotspotRef.current?.focus({ preventScroll: true });
      onClose(flowId);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation();
    toggle(false);
  };

  return (
    <>
      <button
        ref={hotspotRef}
        type="button"
        popover="manual"
        dir={dir}
        lang={view.locale}
        aria-label={view.title || labels.showTip}
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? `${idBase}-tip` : undefined}
        data-tebiki-part="hotspot"
        data-tebiki-flow={flowId}
        onClick={() => toggle(!open)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div
          ref={tipRef}
          id={`${idBase}-tip`}
          role="dialog"
          {...nameProps(idBase, view.title, view.body, labels.tip)}
          tabIndex={-1}
          popover="manual"
          dir={dir}
          lang={view.locale}
          class="tebiki-float"
          data-tebiki-part="popover"
          data-tebiki-flow={flowId}
          onKeyDown={onKeyDown}
        >
          <div ref={cardRef} class="tebiki-card">
            <CloseButton label={labels.close} onClick={() => toggle(false)} />
            <SurfaceText idBase={idBase} title={view.title} body={view.body} />
            <div ref={arrowRef} class="tebiki-arrow" aria-hidden="true" />
          </div>
        </div>
      )}
    </>
  );
}
