/**
 * Scrolls `target` into the middle of the viewport when any part of it is
 * outside, or when it cannot be seen where it is: under a sticky header or a
 * fixed bar, or scrolled out of a nested container's visible area. Instantly
 * when the user prefers reduced motion. Nested scroll containers scroll too.
 */
export function revealTarget(target: Element): void {
  const view = target.ownerDocument.defaultView;
  if (!view) return;
  const rect = target.getBoundingClientRect();
  const inside =
    rect.top >= 0 &&
    rect.left >= 0 &&
    rect.bottom <= view.innerHeight &&
    rect.right <= view.innerWidth;
  if (inside && !covered(target, rect, view)) return;
  const reduced = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({
    block: 'center',
    inline: 'nearest',
    behavior: reduced ? 'auto' : 'smooth',
  });
}

/**
 * Whether something else is drawn over the target's middle or just below its
 * top edge (where a sticky header covers it first), as hit testing sees it.
 * Tebiki's own parts do not count; a target hit testing skips
 * (`pointer-events: none`) is taken as seen.
 */
function covered(target: Element, rect: DOMRect, view: Window): boolean {
  if (!rect.width || !rect.height) return false;
  if (view.getComputedStyle(target).pointerEvents === 'none') return false;
  const x = rect.left + rect.width / 2;
  return [rect.top + Math.min(2, rect.height / 2), rect.top + rect.height / 2].some((y) => {
    const hit = target.ownerDocument.elementFromPoint(x, y);
    return hit !== null && hit.localName !== 'tebiki-root' && !target.contains(hit);
  });
}
