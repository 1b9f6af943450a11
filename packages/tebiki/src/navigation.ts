type HistoryMethod = 'pushState' | 'replaceState';

/**
 * Calls `onChange` after every same-document navigation: back/forward,
 * hash changes and SPA routers' `history.pushState` / `replaceState`.
 * Stops, and restores `history`, when `signal` aborts.
 */
export function watchNavigation(onChange: () => void, signal: AbortSignal): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onChange();
  };
  addEventListener('popstate', check, { signal });
  addEventListener('hashchange', check, { signal });
  // The Navigation API sees pushState too, but it is not everywhere: wrap
  // history's methods and put them back on teardown, unless someone else has
  // wrapped them since (then ours stays, inert).
  for (const method of ['pushState', 'replaceState'] as HistoryMethod[]) {
    const original = history[method];
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      if (!signal.aborted) queueMicrotask(check);
      return result;
    };
    history[method] = wrapped;
    signal.addEventListener(
      'abort',
      () => {
        if (history[method] === wrapped) history[method] = original;
      },
      { once: true },
    );
  }
}
