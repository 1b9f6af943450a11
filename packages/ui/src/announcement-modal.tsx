import { useLayoutEffect, useRef } from 'preact/hooks';
import { useEntrance } from './entrance.ts';
import { partId, trapTab } from './focus.ts';
import { labelsFor } from './labels.ts';
import { CloseButton, nameProps, SurfaceText } from './surface-text.tsx';
import type { AnnouncementView } from './types.ts';

export interface AnnouncementModalProps {
  view: AnnouncementView;
  onDismiss(flowId: string): void;
  /** OK: the user read it. */
  onAcknowledge(flowId: string): void;
}

/**
 * A centred modal announcement: a native `<dialog>` opened with `showModal()`,
 * so it is in the top layer and the rest of the page (host and Tebiki alike)
 * is inert. Tab cycles inside; Escape, × and OK dismiss; closing gives focus
 * back to where it was.
 */
export function AnnouncementModal({ view, onDismiss, onAcknowledge }: AnnouncementModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const labels = labelsFor(view.locale);
  const idBase = partId('modal', view.flowId);
  const dismiss = () => onDismiss(view.flowId);

  useLayoutEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) {
      try {
        dialog.showModal();
      } catch {
        // Not connected yet, or no <dialog> support: show it in place.
        dialog.setAttribute('open', '');
      }
    }
    dialog.focus({ preventScroll: true });
    // Closing (rather than only removing) lets the browser restore focus.
    return () => dialog.close();
  }, []);
  useEntrance(ref);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') dismiss();
    else if (!trapTab(event, ref.current!)) return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      {...nameProps(idBase, view.title, view.body, labels.announcement)}
      tabIndex={-1}
      dir={view.dir}
      lang={view.locale}
      class="tebiki-surface"
      data-tebiki-part="modal"
      data-tebiki-flow={view.flowId}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Other close requests (a device's back gesture): dismiss the same way.
        event.preventDefault();
        dismiss();
      }}
    >
      <CloseButton label={labels.close} onClick={dismiss} />
      <SurfaceText idBase={idBase} title={view.title} body={view.body} />
      <div class="tebiki-footer">
        <button type="button" data-tebiki-part="next" onClick={() => onAcknowledge(view.flowId)}>
          {labels.gotIt}
        </button>
      </div>
    </dialog>
  );
}
