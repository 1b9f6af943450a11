/** Replaced at build time with the package version. */
export const VERSION: string =
  typeof __TEBIKI_VERSION__ === 'string' ? __TEBIKI_VERSION__ : '0.0.0-dev';
declare const __TEBIKI_VERSION__: string | undefined;
