import type { ActiveTimeTracker, WithLock } from '@tebiki/core';

/**
 * Reports clicks on elements matching the selectors `current()` lists at the
 * time of the click: one capturing listener on the document, whatever the number of selectors.
 */
export function watchClicks(
  current: () => string[],
  onClick: (selector: string) => void,
  signal: AbortSignal,
): void {
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      for (const selector of current()) {
        try {
          if (target.closest(selector)) onClick(selector);
        } catch {
          // An invalid selector was reported when the document was validated.
        }
      }
    },
    { capture: true, passive: true, signal },
  );
}

const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Feeds the current active-time tracker: visibility changes and user input, throttled to one a second. */
export function watchActivity(tracker: () => ActiveTimeTracker, signal: AbortSignal): void {
  let last = 0;
  const onInput = () => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    tracker().input(now);
  };
  for (const type of INPUT_EVENTS) {
    addEventListener(type, onInput, { capture: true, passive: true, signal });
  }
  document.addEventListener(
    'visibilitychange',
    () => tracker().visibility(document.visibilityState === 'visible', Date.now()),
    { signal },
  );
}

/** Web Locks where the browser has them (the lock frees itself if a tab dies); else no lock. */
export const withLock: WithLock = (name, fn) =>
  typeof navigator !== 'undefined' && navigator.locks?.request
    ? (navigator.locks.request(name, fn) as ReturnType<typeof fn>)
    : fn();
