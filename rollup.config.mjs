// Builds every bundle the outside world loads:
//   packages/tebiki/dist/tebiki.js     script tag (IIFE, defines window.tebiki)
//   packages/tebiki/dist/tebiki-ui.js  the UI chunk the script tag imports on first use
//   packages/tebiki/dist/tebiki-beacons.js  the delivery pipeline, imported by init() with an endpoint
//   packages/tebiki/dist/esm/          the npm entry (ESM, UI code-split into its own chunk)
import { readFileSync, rmSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { cssLiterals } from './scripts/css-literals.mjs';

const { version, dependencies } = JSON.parse(readFileSync('packages/tebiki/package.json', 'utf8'));
/** Empties `dir` when its build starts: hashed chunk names would otherwise pile up there and ship. */
const emptyDir = (dir) => ({
  name: 'tebiki-empty-dir',
  buildStart: () => rmSync(dir, { recursive: true, force: true }),
});

/**
 * `browser`: a bundle pages load. It leaves out the flows document's JSON Schema
 * fragments (only `tebiki validate` and schema.json use them; validation runs the same).
 */
export const plugins = (minify, { browser = true } = {}) => [
  minify && cssLiterals(),
  nodeResolve({
    extensions: ['.ts', '.tsx', '.mjs', '.js'],
    exportConditions: ['browser', 'import', 'default'],
  }),
  esbuild({
    // Also through node_modules, so `process.env.NODE_ENV` checks in dependencies are defined away.
    include: /\.[cm]?[jt]sx?$/,
    exclude: [],
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: {
      __TEBIKI_VERSION__: JSON.stringify(version),
      'process.env.NODE_ENV': JSON.stringify('production'),
      ...(browser ? { 'globalThis.__TEBIKI_SCHEMA__': 'false' } : {}),
    },
  }),
  minify &&
    terser({
      module: true,
      ecma: 2020,
      compress: { passes: 2, pure_getters: true },
      format: {
        comments: false,
        // Chromium's explicit compile hint: every function in these bundles runs as soon as
        // it loads (the core at init(), a chunk when it is needed), so V8 compiles them
        // while the file streams in, off the main thread, instead of one by one on first call.
        preamble: '//# allFunctionsCalledOnLoad',
      },
    }),
];

const thirdParty = Object.keys(dependencies);
const isThirdParty = (id) => thirdParty.some((name) => id === name || id.startsWith(`${name}/`));

export default [
  {
    input: 'packages/tebiki/src/script-tag.ts',
    output: { file: 'packages/tebiki/dist/tebiki.js', format: 'iife', sourcemap: true },
    plugins: plugins(true),
  },
  {
    input: 'packages/ui/src/index.ts',
    output: { file: 'packages/tebiki/dist/tebiki-ui.js', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    input: 'packages/tebiki/src/beacons.ts',
    output: { file: 'packages/tebiki/dist/tebiki-beacons.js', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    input: 'packages/tebiki/src/index.ts',
    output: {
      dir: 'packages/tebiki/dist/esm',
      format: 'es',
      sourcemap: true,
      chunkFileNames: '[name]-[hash].js',
    },
    external: isThirdParty,
    plugins: [emptyDir('packages/tebiki/dist/esm'), ...plugins(false)],
  },
  {
    // `tebiki validate`, run through the package's bin (packages/tebiki/bin/tebiki.mjs imports it).
    input: 'packages/schema/src/cli/main.ts',
    output: { file: 'packages/tebiki/dist/cli.mjs', format: 'es', banner: '#!/usr/bin/env node' },
    external: (id) => id.startsWith('node:'),
    plugins: plugins(false, { browser: false }),
  },
];
