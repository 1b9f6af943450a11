export {
  type AttachOptions,
  attachFloating,
  mirrorPlacement,
  type ReferenceState,
} from './position.ts';
export { revealTarget } from './reveal.ts';
export { type SpotlightOptions, spotlightFollower, trackSpotlight } from './spotlight.ts';
export { findTarget, waitForTarget } from './target.ts';
