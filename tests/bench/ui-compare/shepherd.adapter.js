// Shepherd from its ESM build (the page's module script sets window.Shepherd):
// modal overlay with a cut-out, targets scrolled into view at once, popovers
// below their targets, Back / Next buttons and a close icon.
(() => {
  let tour = null;
  window.benchLib = {
    setup: () => {
      const steps = window.benchSteps;
      tour = new window.Shepherd.Tour({
        useModalOverlay: true,
        defaultStepOptions: {
          scrollTo: { behavior: 'auto', block: 'center' },
          cancelIcon: { enabled: true },
          modalOverlayOpeningPadding: 6,
          modalOverlayOpeningRadius: 8,
        },
        steps: steps.map((step, i) => ({
          id: step.id,
          title: step.title,
          text: step.body,
          attachTo: { element: step.target, on: 'bottom' },
          buttons: [
            ...(i > 0 ? [{ text: 'Back', action: () => tour.back() }] : []),
            { text: i === steps.length - 1 ? 'Done' : 'Next', action: () => tour.next() },
          ],
        })),
      });
    },
    start: () => tour.start(),
    next: () => tour.next(),
    finish: () => tour.cancel(),
    popovers: () => document.querySelectorAll('.shepherd-element'),
    title: (element) => element.querySelector('.shepherd-title')?.textContent ?? null,
  };
})();
