// The node entry of the `tebiki` bin, bundled by rollup to packages/tebiki/dist/cli.mjs.
// Everything else in cli/ takes node's facilities through `CliIo`, so tests run it in-process.
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { runCli } from './run-cli.ts';

declare const __TEBIKI_VERSION__: string | undefined;

runCli({
  argv: process.argv.slice(2),
  readFile: (path) => readFile(path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  version: typeof __TEBIKI_VERSION__ === 'string' ? __TEBIKI_VERSION__ : '0.0.0-dev',
}).then((code) => {
  // Not process.exit(): that could cut off output still being written to a pipe.
  process.exitCode = code;
});
