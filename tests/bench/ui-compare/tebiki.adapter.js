// Tebiki through its script tag: the page loads the core, and the first
// start() imports the UI chunk from beside it. Animations are off through
// prefers-reduced-motion, which the benchmark emulates for every library.
// With window.benchPreload set, init() asks for `preload: true` and setup
// resolves once the idle-time fetch of the UI chunk has finished.
(() => {
  const tebiki = () => window.tebiki;
  const preload = window.benchPreload === true;
  const chunkLoaded = () =>
    performance.getEntriesByType('resource').some((e) => e.name.endsWith('/tebiki-ui.js'));
  const untilChunk = async () => {
    for (let waited = 0; !chunkLoaded(); waited += 20) {
      if (waited > 5000) throw new Error('preload: the UI chunk was not fetched within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  window.benchLib = {
    setup: async () => {
      await tebiki().init({
        flows: {
          version: 1,
          flows: [
            {
              id: 'bench',
              type: 'tour',
              steps: window.benchSteps.map((step) => ({ ...step, placement: 'bottom' })),
            },
          ],
        },
        locale: 'en',
        autoStartGapMs: 0,
        preload,
      });
      if (preload) await untilChunk();
    },
    start: () => tebiki().start('bench'),
    next: () => tebiki().next(),
    finish: () => tebiki().dismiss(),
    // The card inside each popover is what fades in (with motion allowed), so it is
    // what the probe checks for opacity; its box is the popover's.
    popovers: () =>
      [
        ...(document
          .querySelector('tebiki-root')
          ?.shadowRoot?.querySelectorAll('[data-tebiki-part="popover"]') ?? []),
      ].map((popover) => popover.querySelector('.tebiki-card') ?? popover),
    title: (element) => element.querySelector('[data-tebiki-part="title"]')?.textContent ?? null,
  };
})();
