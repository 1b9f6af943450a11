import { attachFloating, spotlightFollower } from '@tebiki/dom';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useEntrance } from './entrance.ts';
import { partId, trapTab } from './focus.ts';
import { labelsFor } from './labels.ts';
import { Spotlight } from './spotlight.tsx';
import { SHEET_BELOW } from './styles.ts';
import { CloseButton, nameProps, SurfaceText } from './surface-text.tsx';
import { showInTopLayer } from './top-layer.ts';
import type { StepHandlers, StepSpotlight, StepView } from './types.ts';

type Props = { view: StepView; onTargetLost(): void } & StepHandlers;

/**
 * A tour step: a dialog named by its title and described by its body, with the
 * spotlight behind it. Non-modal steps take focus without trapping it; modal
 * steps keep Tab inside and block the page around the target.
 */
export function StepPopover({ view, next, back, dismiss, onTargetLost }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const arrowRef = useRef<HTMLDivElement>(null);
  const { flowId, stepId, stepIndex, total, target, dir } = view;
  const labels = labelsFor(view.locale);
  const isLast = stepIndex === total - 1;
  const idBase = partId('step', flowId, stepId);
  const centred = target === null || view.placement === 'center';
  const modal = view.modal === true;
  const spot: StepSpotlight | null =
    view.spotlight === false ? null : typeof view.spotlight === 'object' ? view.spotlight : {};

  const spotlightRef = useRef<HTMLDivElement>(null);
  const holeRef = useRef<HTMLDivElement>(null);
  const spotPadding = spot?.padding ?? 6;
  const clickThrough = spot?.clickThrough !== false;
  const clip = modal && clickThrough;

  // A layout effect, so the step is in the top layer and placed in its first frame.
  useLayoutEffect(() => {
    const element = ref.current!;
    showInTopLayer(element);
    // The spotlight's cut-out follows the popover's updates: one loop tracks the target.
    const hole = holeRef.current;
    const stop = centred
      ? undefined
      : attachFloating(target!, element, {
          placement: view.placement === 'center' ? 'bottom' : view.placement,
          arrowElement: arrowRef.current,
          dir,
          sheetBelow: SHEET_BELOW,
          onUpdate: hole
            ? spotlightFollower(spotlightRef.current!, hole, { padding: spotPadding, clip })
            : undefined,
          // Re-rendered as a new element, removed or hidden: the SDK looks for it again.
          onGone: onTargetLost,
        });
    return stop;
  }, [flowId, stepId, target, centred, view.placement, dir, spot !== null, spotPadding, clip]);
  // After the effect above has put it in the top layer. Focused anew at each step,
  // not when only its target changes: the element is kept from the previous step, and
  // focusing what already has focus would not make screen readers read the new one.
  useLayoutEffect(() => {
    const element = ref.current!;
    if ((element.getRootNode() as ShadowRoot).activeElement === element) element.blur();
    element.focus({ preventScroll: true });
  }, [flowId, stepId, centred]);
  // On the card, not on the element attachFloating moves every frame (see styles.ts).
  useEntrance(cardRef);

  const onKeyDown = (event: KeyboardEvent) => {
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    if (modal && trapTab(event, ref.current!)) {
      // Focus moved inside the step.
    } else if (event.key === 'Escape') dismiss();
    else if (event.key === forward && !isLast) next();
    else if (event.key === backward && stepIndex > 0) back();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <>
      {spot && (!centred || modal) && (
        <Spotlight
          key={flowId}
          target={centred ? null : target}
          modal={modal}
          radius={spot.radius ?? 8}
          clickThrough={clickThrough}
          overlayRef={spotlightRef}
          holeRef={holeRef}
        />
      )}
      <div
        ref={ref}
        // Kept from step to step of a tour (it stays in the top layer and is only
        // moved); a centred step, which is not positioned, gets a fresh one.
        key={`${flowId}/${centred}`}
        role="dialog"
        aria-modal={modal ? 'true' : 'false'}
        {...nameProps(idBase, view.title, view.body, labels.progress(stepIndex + 1, total))}
        tabIndex={-1}
        popover="manual"
        dir={dir}
        lang={view.locale}
        class="tebiki-float tebiki-step"
        data-tebiki-part="popover"
        data-tebiki-placement={centred ? 'center' : view.placement}
        data-tebiki-flow={flowId}
        data-tebiki-step={stepId}
        onKeyDown={onKeyDown}
      >
        <div ref={cardRef} key={stepId} class="tebiki-card">
          <CloseButton label={labels.close} onClick={dismiss} />
          <SurfaceText idBase={idBase} title={view.title} body={view.body} />
          <div class="tebiki-footer">
            <span data-tebiki-part="progress" dir="ltr">
              {labels.progress(stepIndex + 1, total)}
            </span>
            {stepIndex > 0 && (
              <button type="button" data-tebiki-part="back" onClick={() => back()}>
                {labels.back}
              </button>
            )}
            <button type="button" data-tebiki-part="next" onClick={() => next()}>
              {isLast ? labels.done : labels.next}
            </button>
          </div>
          <div ref={arrowRef} class="tebiki-arrow" aria-hidden="true" />
        </div>
      </div>
    </>
  );
}
