import type { TebikiConfig } from './create-tebiki.ts';

/**
 * The script tag's lazily loaded chunks, imported from the directory `base`
 * (the URL `tebiki.js` was loaded from): `tebiki-ui.js` when something is
 * first shown, `tebiki-beacons.js` when `init()` has an `endpoint`.
 */
export function chunksBeside(base: string): Pick<TebikiConfig, 'loadUI' | 'loadBeacons'> {
  const load = (file: string) => import(/* webpackIgnore: true */ new URL(file, base).href);
  return {
    loadUI: () => load('tebiki-ui.js'),
    loadBeacons: () => load('tebiki-beacons.js'),
  };
}
