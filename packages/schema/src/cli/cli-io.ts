/**
 * Everything the CLI needs from its environment, injected so tests run it
 * in-process and so the rest of `cli/` never imports a node module.
 */
export interface CliIo {
  /** Arguments after the program name: `['validate', '--json', 'tebiki.json']`. */
  argv: readonly string[];
  /** Reads a file as UTF-8 text; rejects when it cannot (missing, a directory, no permission). */
  readFile: (path: string) => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal: colour is used only then, and only when `NO_COLOR` is unset. */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Printed by `tebiki --version`. @default '0.0.0-dev' */
  version?: string;
}
