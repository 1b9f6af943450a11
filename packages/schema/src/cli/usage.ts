import type { CliIo } from './cli-io.ts';

export const USAGE = `Usage: tebiki validate [--json] <file…>

Checks Tebiki flows documents (tebiki.json) and reports every problem with
its line:column and JSON path.

Options:
  --json         print one JSON array with a result per file
  -h, --help     show this help
  -v, --version  print the version

Exit codes:
  0  no errors (warnings are allowed)
  1  at least one error in at least one file
  2  the command could not run (no files, unknown option or command)
`;

/** Prints `message` and the usage to stderr; returns the exit code for usage errors. */
export function usageError(io: Pick<CliIo, 'stderr'>, message: string): number {
  io.stderr(`tebiki: ${message}\n\n${USAGE}`);
  return 2;
}
