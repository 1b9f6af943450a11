/**
 * Puts a `popover="manual"` element in the top layer, above every z-index and
 * any dialog the host opened before it. Engines without the Popover API still
 * show it: the stylesheet positions it fixed in `<tebiki-root>`, at the top z-index.
 */
export function showInTopLayer(element: HTMLElement): void {
  if (typeof element.showPopover === 'function' && !element.matches(':popover-open')) {
    element.showPopover();
  }
}

/** Shows `element` again so it is the newest, topmost entry of the top layer. */
export function raiseInTopLayer(element: HTMLElement): void {
  if (typeof element.hidePopover === 'function' && element.matches(':popover-open')) {
    element.hidePopover();
  }
  showInTopLayer(element);
}
