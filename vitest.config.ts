import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'browser-like',
          environment: 'happy-dom',
          include: ['packages/{schema,core,beacon,dom,ui,tebiki}/test/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/collector/test/**/*.test.ts', 'scripts/test/**/*.test.ts'],
        },
      },
    ],
    pool: 'threads',
    maxWorkers: 2,
  },
});
