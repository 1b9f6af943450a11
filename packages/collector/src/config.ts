import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export interface CollectorConfig {
  /** `PORT`. @default 8787 */
  port: number;
  /** `HOST`. @default '127.0.0.1' */
  host: string;
  /** `TEBIKI_DB`, resolved against the working directory. @default 'tebiki.db' */
  dbPath: string;
  /** `TEBIKI_WRITE_KEYS`, comma-separated. Empty: every write key (or none) is accepted. */
  writeKeys: string[];
  /** `TEBIKI_ADMIN_TOKEN` for the dashboard and the read API; generated when unset. */
  adminToken: string;
  /** True when `adminToken` was generated because `TEBIKI_ADMIN_TOKEN` was unset. */
  adminTokenGenerated: boolean;
  /** Setup warnings to print at startup. */
  warnings: string[];
}

export interface ReadConfigOptions {
  /** Base for a relative `TEBIKI_DB`. @default process.cwd() */
  cwd?: string;
  /** Makes the admin token when none is configured. @default 24 random bytes, base64url */
  generateToken?: () => string;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DB_FILE = 'tebiki.db';

/**
 * Reads the collector's configuration from an environment object; throws an `Error`
 * naming the variable when a value cannot be used.
 *
 * @example
 * const config = readConfig({ PORT: '9000', TEBIKI_WRITE_KEYS: 'pk_live_a,pk_live_b' });
 */
export function readConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: ReadConfigOptions = {},
): CollectorConfig {
  const warnings: string[] = [];
  const writeKeys = [
    ...new Set(
      (env.TEBIKI_WRITE_KEYS ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    ),
  ];
  if (writeKeys.length === 0) {
    warnings.push(
      'TEBIKI_WRITE_KEYS is not set: every write key (or none) is accepted. ' +
        'Set it to a comma-separated list of keys before exposing the collector.',
    );
  }
  const configuredToken = env.TEBIKI_ADMIN_TOKEN?.trim() ?? '';
  const generateToken = options.generateToken ?? (() => randomBytes(24).toString('base64url'));
  return {
    port: readPort(env.PORT),
    host: env.HOST?.trim() || DEFAULT_HOST,
    dbPath: resolve(options.cwd ?? process.cwd(), env.TEBIKI_DB?.trim() || DEFAULT_DB_FILE),
    writeKeys,
    adminToken: configuredToken || generateToken(),
    adminTokenGenerated: configuredToken === '',
    warnings,
  };
}

function readPort(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(`PORT: expected an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}
