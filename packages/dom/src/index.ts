export { type AttachOptions, attachFloating, mirrorPlacement } from './position.ts';
export { revealTarget } from './reveal.ts';
export { type SpotlightOptions, trackSpotlight } from './spotlight.ts';
export { findTarget, waitForTarget } from './target.ts';
