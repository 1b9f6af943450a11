/**
 * Scrolls `target` into the middle of the viewport when any part of it is
 * outside, leaving room for sticky headers; instantly when the user prefers
 * reduced motion. Nested scroll containers scroll too.
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
  if (inside) return;
  const reduced = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({
    block: 'center',
    inline: 'nearest',
    behavior: reduced ? 'auto' : 'smooth',
  });
}
