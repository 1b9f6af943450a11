import type { TebikiConfig } from '../src/create-tebiki.ts';

/** The lazily loaded chunks, imported from source as the ESM build does. */
export const chunks: Pick<TebikiConfig, 'loadUI' | 'loadBeacons'> = {
  loadUI: () => import('@tebiki/ui'),
  loadBeacons: () => import('../src/beacons.ts'),
};
