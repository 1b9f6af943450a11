#!/usr/bin/env node
// The `tebiki` bin. Committed rather than built, because pnpm links a workspace
// package's bin only if the file exists at install time, and dist/ is created later
// by `pnpm build`. The CLI itself is bundled into dist/cli.mjs.
import('../dist/cli.mjs').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.url).endsWith('/dist/cli.mjs')) {
    console.error('tebiki: dist/cli.mjs is missing; run `pnpm build` first.');
    process.exitCode = 2;
    return;
  }
  throw error;
});
