export { type AttachOptions, attachFloating } from './position.ts';
export { revealTarget } from './reveal.ts';
export { findTarget, waitForTarget } from './target.ts';
