/** Where the collector reports what went wrong; `details` is usually an `Error`. */
export interface Logger {
  info(message: string): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

const PREFIX = '[tebiki-collector]';

/** Logs to the console with the collector's prefix. */
export function createConsoleLogger(): Logger {
  return {
    info: (message) => console.log(`${PREFIX} ${message}`),
    warn: (message, details) =>
      details === undefined
        ? console.warn(`${PREFIX} ${message}`)
        : console.warn(`${PREFIX} ${message}`, details),
    error: (message, details) =>
      details === undefined
        ? console.error(`${PREFIX} ${message}`)
        : console.error(`${PREFIX} ${message}`, details),
  };
}
