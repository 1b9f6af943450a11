// The page alone, with no tour library: the baseline for the scroll measure.
window.benchLib = {
  setup: () => undefined,
  popovers: () => [],
  title: () => null,
};
