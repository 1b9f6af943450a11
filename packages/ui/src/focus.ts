/** The focused element, looked up through open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const focusable =
  'button:not([disabled]),[href],input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab cycling inside `container` (a modal part). Returns
 * true when it moved focus, so the caller can stop the event.
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement): boolean {
  if (event.key !== 'Tab') return false;
  const items = [...container.querySelectorAll<HTMLElement>(focusable)];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return true;
  }
  const root = container.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  const outside = !active || active === container || !container.contains(active);
  if (event.shiftKey && (active === first || outside)) last.focus();
  else if (!event.shiftKey && (active === last || outside)) first.focus();
  else return false;
  event.preventDefault();
  return true;
}

/** An id usable in the shadow root for the part `kind` of a flow (flow ids may hold anything). */
export function partId(kind: string, ...keys: string[]): string {
  return `tebiki-${kind}-${keys.join('-')}`.replace(/[^\w-]/g, '_');
}
