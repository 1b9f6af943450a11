import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../packages/tebiki/dist/', import.meta.url);
const built = existsSync(new URL('tebiki.js', dist));

describe.skipIf(!built)('script-tag bundles (after `pnpm build`)', () => {
  it.each(['tebiki.js', 'tebiki-ui.js', 'tebiki-beacons.js'])(
    '%s opens with the compile hint, so Chromium compiles it while it streams in',
    (file) => {
      const [first] = readFileSync(new URL(file, dist), 'utf8').split('\n', 1);
      expect(first).toBe('//# allFunctionsCalledOnLoad');
    },
  );
});
