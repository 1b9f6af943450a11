import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const built = existsSync(new URL('packages/tebiki/dist/tebiki.js', root));
const gzipKb = (path: string) =>
  gzipSync(readFileSync(new URL(path, root)), { level: 9 }).length / 1000;

// The README and docs/performance.md state the bundle sizes; keep them true.
describe.skipIf(!built)('size claims (after `pnpm build`)', () => {
  it.each([
    ['tebiki.js', 'packages/tebiki/dist/tebiki.js'],
    ['tebiki-ui.js', 'packages/tebiki/dist/tebiki-ui.js'],
    ['tebiki-beacons.js', 'packages/tebiki/dist/tebiki-beacons.js'],
  ])('README and docs/performance.md state the size of %s within 0.15 kB', (name, path) => {
    const actual = gzipKb(path);
    const readme = read('README.md').replace(/\s+/g, ' ');
    const claimed = Number(
      readme.match(new RegExp(`\`${name}\`[^*]*\\*\\*([\\d.]+) kB\\*\\*`))?.[1],
    );
    expect(Math.abs(claimed - actual)).toBeLessThan(0.15);
    const table = read('docs/performance.md');
    const row = table.split('\n').find((line) => line.startsWith(`| \`${name}\``));
    expect(Math.abs(Number(row?.match(/\| ([\d.]+) kB \|/)?.[1]) - actual)).toBeLessThan(0.15);
  });
});
