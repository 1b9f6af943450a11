import type { CliIo } from './cli-io.ts';
import { createColors, wantsColor } from './colors.ts';
import { formatJson, formatText } from './format-report.ts';
import { USAGE, usageError } from './usage.ts';
import { type FileReport, validateFile } from './validate-file.ts';

/**
 * `tebiki validate [--json] <file…>`. Resolves to the exit code: 0 when no
 * file has an error, 1 when one does, 2 for a usage error.
 */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  let json = false;
  let optionsEnded = false;
  const files: string[] = [];
  for (const arg of args) {
    if (optionsEnded || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.stdout(USAGE);
      return 0;
    } else return usageError(io, `unknown option "${arg}"`);
  }
  if (files.length === 0) return usageError(io, 'no files to validate');

  const reports: FileReport[] = [];
  // One at a time: the order of the output is the order of the arguments, and
  // a glob of thousands of files cannot exhaust file descriptors.
  for (const file of files) reports.push(await validateFile(file, io.readFile));

  io.stdout(
    json ? formatJson(reports) : formatText(reports, createColors(wantsColor(io.isTTY, io.env))),
  );
  return reports.every((report) => report.valid) ? 0 : 1;
}
