import type { CliIo } from './cli-io.ts';
import { USAGE, usageError } from './usage.ts';
import { validateCommand } from './validate-command.ts';

/**
 * Runs the `tebiki` command line with everything it touches injected.
 * Resolves to the exit code and never rejects: a crash is printed and exits 2.
 *
 * @example
 * const code = await runCli({ argv: ['validate', 'tebiki.json'], readFile, stdout, stderr, isTTY: false, env: {} });
 */
export async function runCli(io: CliIo): Promise<number> {
  const [command, ...args] = io.argv;
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(args, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return 0;
      case '--version':
      case '-v':
        io.stdout(`${io.version ?? '0.0.0-dev'}\n`);
        return 0;
      case undefined:
        return usageError(io, 'missing command');
      default:
        return usageError(
          io,
          command.startsWith('-') ? `unknown option "${command}"` : `unknown command "${command}"`,
        );
    }
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`tebiki: internal error, please report it: ${detail}\n`);
    return 2;
  }
}
