import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The write key of `Authorization: Basic base64(writeKey:)`, or `null`. */
export function writeKeyFromHeader(req: IncomingMessage): string | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(0, colon);
  return key || null;
}

/** The token of `Authorization: Bearer <token>`, or `null`. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** True when the request carries the admin token as a Bearer header or `?token=`. */
export function hasAdminToken(req: IncomingMessage, url: URL, adminToken: string): boolean {
  const given = bearerToken(req) ?? url.searchParams.get('token');
  return given !== null && secretsEqual(given, adminToken);
}

/** Compares secrets in constant time, whatever their lengths. */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** True when `candidate` is one of `keys`, compared in constant time. */
export function isOneOf(candidate: string | null, keys: readonly string[]): candidate is string {
  if (candidate === null) return false;
  let found = false;
  // No early exit: the time taken must not tell which key matched.
  for (const key of keys) found = secretsEqual(candidate, key) || found;
  return found;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
