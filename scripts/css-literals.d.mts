import type { Plugin } from 'rollup';

/** `css` without comments and needless white space; the same rules once parsed. */
export function minifyCss(css: string): string;
/** Rollup plugin: minifies template literals marked `/* css *\/`. */
export function cssLiterals(): Plugin;
