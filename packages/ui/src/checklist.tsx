import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useEntrance } from './entrance.ts';
import { partId } from './focus.ts';
import { labelsFor } from './labels.ts';
import { showInTopLayer } from './top-layer.ts';
import type { ChecklistView } from './types.ts';

export interface ChecklistProps {
  view: ChecklistView;
  onOpenChange(flowId: string, open: boolean): void;
  onStart(flowId: string): void;
  onDismiss(flowId: string): void;
}

/**
 * A checklist: the launcher (a toggle button in the bottom corner on the end
 * side, showing "1/3") and the panel it opens, a non-modal dialog holding a
 * progressbar and the list of items, each with a "Show me" button when a tour
 * teaches it. Escape or × closes the panel and returns focus to the launcher.
 */
export function Checklist({ view, onOpenChange, onStart, onDismiss }: ChecklistProps) {
  const { flowId, dir, done, total } = view;
  const labels = labelsFor(view.locale);
  const idBase = partId('checklist', flowId);
  const title = view.title || labels.checklist;
  const [open, setOpen] = useState(view.open);
  // Focus follows only the user's own toggling, never an open state the engine restores.
  const focusPanel = useRef(false);
  const launcherRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => setOpen(view.open), [view.open]);
  useLayoutEffect(() => showInTopLayer(launcherRef.current!), []);
  useLayoutEffect(() => {
    if (!open) return;
    showInTopLayer(panelRef.current!);
    if (focusPanel.current) panelRef.current!.focus({ preventScroll: true });
    focusPanel.current = false;
  }, [open]);
  useEntrance(panelRef);

  const change = (value: boolean) => {
    focusPanel.current = value;
    setOpen(value);
    if (!value) launcherRef.current?.focus({ preventScroll: true });
    onOpenChange(flowId, value);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation();
    change(false);
  };

  const progress = labels.checklistProgress(done, total);
  return (
    <>
      <button
        ref={launcherRef}
        type="button"
        popover="manual"
        dir={dir}
        lang={view.locale}
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? `${idBase}-panel` : undefined}
        data-tebiki-part="launcher"
        data-tebiki-flow={flowId}
        onClick={() => change(!open)}
        onKeyDown={onKeyDown}
      >
        <span>{title}</span>
        <span aria-hidden="true">
          {done}/{total}
        </span>
        <span class="tebiki-sr">{`, ${progress}`}</span>
      </button>
      {open && (
        <div
          ref={panelRef}
          id={`${idBase}-panel`}
          role="dialog"
          aria-labelledby={`${idBase}-title`}
          tabIndex={-1}
          popover="manual"
          dir={dir}
          lang={view.locale}
          class="tebiki-surface"
          data-tebiki-part="checklist"
          data-tebiki-flow={flowId}
          onKeyDown={onKeyDown}
        >
          <button
            type="button"
            data-tebiki-part="close"
            aria-label={labels.close}
            onClick={() => change(false)}
          >
            ×
          </button>
          <h2 id={`${idBase}-title`} data-tebiki-part="title">
            {title}
          </h2>
          <div
            role="progressbar"
            aria-labelledby={`${idBase}-title`}
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={done}
            aria-valuetext={progress}
            class="tebiki-bar"
            data-tebiki-part="progress"
          >
            <div style={{ width: `${total > 0 ? (100 * Math.min(done, total)) / total : 0}%` }} />
          </div>
          <div class="tebiki-count" aria-hidden="true">
            {done === total && total > 0 ? labels.allDone : progress}
          </div>
          <ul>
            {view.items.map((item) => (
              <li
                key={item.itemId}
                data-tebiki-part="checklist-item"
                data-tebiki-item={item.itemId}
                data-tebiki-done={item.done ? '' : undefined}
              >
                <span class="tebiki-check" aria-hidden="true">
                  {item.done ? '✓' : ''}
                </span>
                <span class="tebiki-item">
                  <span class="tebiki-sr">{`${item.done ? labels.itemDone : labels.itemTodo}: `}</span>
                  {item.title}
                </span>
                {!item.done && item.flowId && (
                  <button
                    type="button"
                    aria-label={`${labels.showMe}: ${item.title}`}
                    onClick={() => {
                      // Focus waits on the launcher, so the tour has somewhere to return it.
                      change(false);
                      onStart(item.flowId!);
                    }}
                  >
                    {labels.showMe}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <div class="tebiki-footer">
            <button type="button" onClick={() => onDismiss(flowId)}>
              {labels.hideChecklist}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
