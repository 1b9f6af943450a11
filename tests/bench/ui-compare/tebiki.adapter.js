// Tebiki through its script tag: the page loads the core, and the first
// start() imports the UI chunk from beside it. Animations are off through
// prefers-reduced-motion, which the benchmark emulates for every library.
(() => {
  const tebiki = () => window.tebiki;
  window.benchLib = {
    setup: () =>
      tebiki().init({
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
      }),
    start: () => tebiki().start('bench'),
    next: () => tebiki().next(),
    finish: () => tebiki().dismiss(),
    popovers: () =>
      document
        .querySelector('tebiki-root')
        ?.shadowRoot?.querySelectorAll('[data-tebiki-part="popover"]') ?? [],
    title: (element) => element.querySelector('[data-tebiki-part="title"]')?.textContent ?? null,
  };
})();
