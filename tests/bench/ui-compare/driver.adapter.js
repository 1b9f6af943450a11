// driver.js from its IIFE build (window.driver.js): overlay with a cut-out,
// no animation, no smooth scrolling, popovers below their targets.
(() => {
  let tour = null;
  window.benchLib = {
    setup: () => {
      tour = window.driver.js.driver({
        animate: false,
        smoothScroll: false,
        showProgress: true,
        overlayOpacity: 0.5,
        stagePadding: 6,
        stageRadius: 8,
        steps: window.benchSteps.map((step) => ({
          element: step.target,
          popover: { title: step.title, description: step.body, side: 'bottom', align: 'center' },
        })),
      });
    },
    start: () => tour.drive(),
    next: () => tour.moveNext(),
    finish: () => tour.destroy(),
    popovers: () => document.querySelectorAll('.driver-popover'),
    title: (element) => element.querySelector('.driver-popover-title')?.textContent ?? null,
  };
})();
