export { type AttachOptions, attachFloating } from './position.ts';
export { findTarget, waitForTarget } from './target.ts';
