/** The first element matching `selector` that is rendered, or null. A bad selector is null too. */
export function findTarget(selector: string, root: ParentNode = document): Element | null {
  let element: Element | null;
  try {
    element = root.querySelector(selector);
  } catch {
    return null;
  }
  if (!element) return null;
  const rect = element.getBoundingClientRect();
  const hidden = rect.width === 0 && rect.height === 0 && element.getClientRects().length === 0;
  return hidden ? null : element;
}

/**
 * Waits up to `timeoutMs` for `selector` to match a rendered element. One
 * MutationObserver, re-checked at most once per animation frame, so a busy
 * page does not pay for every mutation.
 */
export function waitForTarget(
  selector: string,
  timeoutMs: number,
  signal: AbortSignal,
  root: Document = document,
): Promise<Element | null> {
  const found = findTarget(selector, root);
  if (found || timeoutMs <= 0 || signal.aborted) return Promise.resolve(found);
  const view = root.defaultView ?? window;
  return new Promise((resolve) => {
    let frame = 0;
    const finish = (element: Element | null) => {
      observer.disconnect();
      view.clearTimeout(timer);
      view.cancelAnimationFrame(frame);
      signal.removeEventListener('abort', onAbort);
      resolve(element);
    };
    const onAbort = () => finish(null);
    const check = () => {
      frame = 0;
      const element = findTarget(selector, root);
      if (element) finish(element);
    };
    const observer = new MutationObserver(() => {
      if (!frame) frame = view.requestAnimationFrame(check);
    });
    observer.observe(root.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['class', 'style', 'hidden', 'id'],
    });
    const timer = view.setTimeout(() => finish(findTarget(selector, root)), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
