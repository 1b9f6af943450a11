import { attachFloating, revealTarget } from '@tebiki/dom';
import { type Placement, parseMarkdown } from '@tebiki/schema';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { labelsFor } from './labels.ts';
import { MarkdownView } from './markdown-view.tsx';

export interface StepView {
  flowId: string;
  stepId: string;
  stepIndex: number;
  total: number;
  title: string;
  /** Markdown subset (docs/markdown.md), rendered as text nodes. */
  body: string;
  /** The element the step points at; null = centred. */
  target: Element | null;
  placement: Placement;
  dir: 'ltr' | 'rtl';
  /** Locale of the built-in labels (Next, Back, Done, Close). */
  locale: string;
}

export interface StepHandlers {
  next(): void;
  back(): void;
  dismiss(): void;
}

type Props = { view: StepView } & StepHandlers;

/** A tour step: a non-modal dialog, named by its title and described by its body. */
export function StepPopover({ view, next, back, dismiss }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const arrowRef = useRef<HTMLDivElement>(null);
  const { flowId, stepId, stepIndex, total, target } = view;
  const labels = labelsFor(view.locale);
  const isLast = stepIndex === total - 1;
  const idBase = `tebiki-${flowId}-${stepId}`.replace(/[^\w-]/g, '_');
  const centred = target === null || view.placement === 'center';
  const body = useMemo(() => parseMarkdown(view.body), [view.body]);

  useEffect(() => {
    const element = ref.current!;
    if (typeof element.showPopover === 'function' && !element.matches(':popover-open')) {
      element.showPopover();
    }
    if (!centred) revealTarget(target!);
    const stop = centred
      ? undefined
      : attachFloating(target!, element, {
          placement: view.placement === 'center' ? 'bottom' : view.placement,
          arrowElement: arrowRef.current,
        });
    element.focus({ preventScroll: true });
    return () => stop?.();
    // Each step is a new element (keyed), so it is shown and focused anew.
  }, [flowId, stepId, target, centred, view.placement]);

  const onKeyDown = (event: KeyboardEvent) => {
    const forward = view.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = view.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    if (event.key === 'Escape') dismiss();
    else if (event.key === forward && !isLast) next();
    else if (event.key === backward && stepIndex > 0) back();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={ref}
      key={`${flowId}/${stepId}`}
      role="dialog"
      aria-modal="false"
      aria-labelledby={view.title ? `${idBase}-title` : undefined}
      aria-label={view.title ? undefined : labels.progress(stepIndex + 1, total)}
      aria-describedby={view.body ? `${idBase}-body` : undefined}
      tabIndex={-1}
      popover="manual"
      dir={view.dir}
      data-tebiki-part="popover"
      data-tebiki-placement={centred ? 'center' : view.placement}
      data-tebiki-flow={flowId}
      data-tebiki-step={stepId}
      onKeyDown={onKeyDown}
    >
      <button type="button" data-tebiki-part="close" aria-label={labels.close} onClick={dismiss}>
        ×
      </button>
      {view.title && (
        <h2 id={`${idBase}-title`} data-tebiki-part="title">
          {view.title}
        </h2>
      )}
      {view.body && (
        <div id={`${idBase}-body`} data-tebiki-part="body">
          <MarkdownView blocks={body} />
        </div>
      )}
      <div class="tebiki-footer">
        <span data-tebiki-part="progress">{labels.progress(stepIndex + 1, total)}</span>
        {stepIndex > 0 && (
          <button type="button" data-tebiki-part="back" onClick={back}>
            {labels.back}
          </button>
        )}
        <button type="button" data-tebiki-part="next" onClick={next}>
          {isLast ? labels.done : labels.next}
        </button>
      </div>
      <div ref={arrowRef} class="tebiki-arrow" aria-hidden="true" />
    </div>
  );
}
