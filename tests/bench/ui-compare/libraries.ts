// The three tour libraries as a page loads them, plus the page alone. Every
// file is served from where it is built or installed (packages/tebiki/dist,
// node_modules), through Playwright routes; nothing is bundled or copied.
import { readFileSync } from 'node:fs';

export interface LibraryFile {
  /** Where the page requests it. */
  url: string;
  /** The file on disk. */
  path: URL;
  /** Counted in the bundle size: what the page loads to show a tour. */
  counted: boolean;
}

export interface Library {
  name: string;
  version: string;
  files: LibraryFile[];
  /** Tags in the page's `<head>` that load the library. */
  head: string;
  /** The in-page adapter, next to this file. */
  adapter: string;
}

const root = new URL('../../../', import.meta.url);
const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(new URL(`${dir}/package.json`, root), 'utf8')) as { version: string })
    .version;
const file = (url: string, path: string, counted = true): LibraryFile => ({
  url,
  path: new URL(path, root),
  counted,
});

export const TEBIKI: Library = {
  name: 'Tebiki',
  version: versionOf('packages/tebiki'),
  files: [
    file('/lib/tebiki/tebiki.js', 'packages/tebiki/dist/tebiki.js'),
    file('/lib/tebiki/tebiki-ui.js', 'packages/tebiki/dist/tebiki-ui.js'),
  ],
  head: '<script src="/lib/tebiki/tebiki.js"></script>',
  adapter: 'tebiki.adapter.js',
};

/**
 * Tebiki with `preload: true`, as an app that starts its tour from a button
 * would set it up: the UI chunk is fetched while the page is idle after
 * `init()`, so the first `start()` no longer waits for it.
 */
export const TEBIKI_PRELOAD: Library = {
  ...TEBIKI,
  name: 'Tebiki preload',
  head: `<script>window.benchPreload = true;</script>${TEBIKI.head}`,
};

export const DRIVER: Library = {
  name: 'driver.js',
  version: versionOf('node_modules/driver.js'),
  files: [
    file('/lib/driver/driver.js.iife.js', 'node_modules/driver.js/dist/driver.js.iife.js'),
    file('/lib/driver/driver.css', 'node_modules/driver.js/dist/driver.css'),
  ],
  head: '<link rel="stylesheet" href="/lib/driver/driver.css"><script src="/lib/driver/driver.js.iife.js"></script>',
  adapter: 'driver.adapter.js',
};

export const SHEPHERD: Library = {
  name: 'Shepherd',
  version: versionOf('node_modules/shepherd.js'),
  files: [
    file('/lib/shepherd/shepherd.mjs', 'node_modules/shepherd.js/dist/js/shepherd.mjs'),
    file('/lib/shepherd/shepherd.css', 'node_modules/shepherd.js/dist/css/shepherd.css'),
  ],
  // Shepherd has no option to turn off its 0.3 s fade (opacity and visibility
  // transitions) and does not follow prefers-reduced-motion; without this rule
  // "visible" would wait for the fade, which the other two do not have.
  head: `<link rel="stylesheet" href="/lib/shepherd/shepherd.css">
<style>.shepherd-element,.shepherd-modal-overlay-container{transition:none!important}</style>
<script type="module">import Shepherd from '/lib/shepherd/shepherd.mjs'; window.Shepherd = Shepherd;</script>`,
  adapter: 'shepherd.adapter.js',
};

/** No library: the page's own cost, for the scroll measure. */
export const PAGE_ALONE: Library = {
  name: 'page alone',
  version: '',
  files: [],
  head: '',
  adapter: 'none.adapter.js',
};

export const LIBRARIES = [TEBIKI, TEBIKI_PRELOAD, DRIVER, SHEPHERD];
