/**
 * Who sees a flow: rules on user traits (from `identify`) and account traits
 * (from `group`), evaluated without ever throwing. Anything the rules do not
 * understand (an unknown operator, an operand of the wrong type) matches no one,
 * so a typo hides a flow rather than showing it to everybody; the flows
 * document's validation reports those mistakes by path.
 */

import type { Audience, Condition, TouchTier } from '@tebiki/schema';

export type { Audience, Condition, TouchTier };

/** A value a rule compares against: what JSON can hold, apart from lists and objects. */
export type RuleValue = string | number | boolean | null;

/** What an audience is matched against. */
export interface AudienceSubject {
  traits: Record<string, unknown>;
  account: Record<string, unknown>;
}

const AUDIENCE_KEYS = ['traits', 'account', 'touch'] as const;

const UNITS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isRuleValue = (value: unknown): value is RuleValue =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/** Reads an own property only, so `__proto__` or `constructor` never reach the prototype. */
const own = (source: object, key: string): unknown =>
  Object.hasOwn(source, key) ? (source as Record<string, unknown>)[key] : undefined;

function readTrait(source: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(source, name) || !name.includes('.')) return own(source, name);
  let current: unknown = source;
  for (const segment of name.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = own(current, segment);
  }
  return current;
}

// ── Dates ───────────────────────────────────────────────────────────────────

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const RELATIVE = /^([+-])(\d+)([smhdw])$/;

const daysInMonth = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * Epoch milliseconds of an ISO 8601 date, or undefined. Stricter than
 * `Date.parse`, which accepts "5" or February 30th; a date-time without an
 * offset is local time, as in `new Date(string)`.
 */
function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text.toUpperCase());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const m = Number(month);
  if (m < 1 || m > 12 || Number(day) < 1 || Number(day) > daysInMonth(Number(year), m)) {
    return undefined;
  }
  if (hour === undefined) return Date.parse(`${year}-${month}-${day}`);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return undefined;
  let zone = offset ?? '';
  if (zone.length > 1) {
    // `+0900` is ISO 8601 too, but only `+09:00` is in the format every engine parses.
    const digits = zone.replace(':', '');
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3)) > 59) return undefined;
    zone = `${digits.slice(0, 3)}:${digits.slice(3)}`;
  }
  // Engines agree on exactly three fractional digits; pad or cut to that.
  const ms = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const time = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}.${ms}${zone}`,
  );
  return Number.isFinite(time) ? time : undefined;
}

/** A trait or operand as a moment: epoch milliseconds or an ISO 8601 date. */
const toTime = (value: unknown): number | undefined =>
  typeof value === 'number'
    ? Number.isFinite(value)
      ? value
      : undefined
    : typeof value === 'string'
      ? parseIsoDate(value)
      : undefined;

function relativeTime(text: string, now: number): number | undefined {
  const match = RELATIVE.exec(text);
  if (!match || !Number.isFinite(now)) return undefined;
  const [, sign, amount, unit] = match;
  const offset = Number(amount) * UNITS[unit!]!;
  return sign === '-' ? now - offset : now + offset;
}

const toMoment = (operand: unknown, now: number): number | undefined =>
  (typeof operand === 'string' ? relativeTime(operand, now) : undefined) ?? toTime(operand);

/**
 * The two sides as comparable numbers: both numbers, or both moments when a
 * string is involved (ISO dates, with numbers taken as epoch milliseconds).
 */
function ordered(value: unknown, operand: unknown): [number, number] | undefined {
  if (typeof value === 'number' && typeof operand === 'number') return [value, operand];
  if (typeof value !== 'string' && typeof operand !== 'string') return undefined;
  const a = toTime(value);
  const b = toTime(operand);
  return a === undefined || b === undefined ? undefined : [a, b];
}

// ── Matching ────────────────────────────────────────────────────────────────

const isMember = (value: unknown, list: unknown) =>
  Array.isArray(list) && list.some((entry) => entry === value);

function compare(value: unknown, operand: unknown, test: (a: number, b: number) => boolean) {
  const pair = ordered(value, operand);
  return pair !== undefined && test(pair[0], pair[1]);
}

function operatorHolds(operator: string, operand: unknown, value: unknown, now: number): boolean {
  switch (operator) {
    case 'eq':
      return isRuleValue(operand) && value === operand;
    case 'ne':
      return isRuleValue(operand) && value !== operand;
    case 'in':
      return isMember(value, operand);
    case 'nin':
      return Array.isArray(operand) && !isMember(value, operand);
    case 'gt':
      return compare(value, operand, (a, b) => a > b);
    case 'gte':
      return compare(value, operand, (a, b) => a >= b);
    case 'lt':
      return compare(value, operand, (a, b) => a < b);
    case 'lte':
      return compare(value, operand, (a, b) => a <= b);
    case 'exists':
      return typeof operand === 'boolean' && (value !== undefined && value !== null) === operand;
    case 'before':
    case 'after': {
      const time = toTime(value);
      const moment = toMoment(operand, now);
      if (time === undefined || moment === undefined) return false;
      return operator === 'before' ? time < moment : time > moment;
    }
    default:
      return false;
  }
}

function conditionHolds(condition: unknown, value: unknown, now: number): boolean {
  if (isRuleValue(condition)) return value === condition;
  if (!isRecord(condition)) return false;
  const operators = Object.keys(condition);
  return (
    operators.length > 0 &&
    operators.every((operator) => operatorHolds(operator, own(condition, operator), value, now))
  );
}

function rulesHold(rules: unknown, source: Record<string, unknown>, now: number): boolean {
  if (rules === undefined) return true;
  if (!isRecord(rules)) return false;
  return Object.keys(rules).every((name) =>
    conditionHolds(own(rules, name), readTrait(source, name), now),
  );
}

function touchHolds(touch: unknown, account: Record<string, unknown>): boolean {
  if (touch === undefined) return true;
  const tier = own(account, 'touch');
  return Array.isArray(touch) ? touch.includes(tier) : typeof touch === 'string' && tier === touch;
}

/**
 * Whether a user (with their account) is in a flow's audience. No audience means
 * everyone. Never throws: a malformed audience or an unreadable trait means no match.
 *
 * @param now Epoch milliseconds, the reference for relative times such as `'-7d'`.
 * @example
 * matchesAudience(
 *   { traits: { plan: { in: ['trial'] }, signedUpAt: { after: '-7d' } }, touch: 'tech' },
 *   { traits: { plan: 'trial', signedUpAt: '2024-05-01T09:00:00Z' }, account: { touch: 'tech' } },
 *   Date.parse('2024-05-03T00:00:00Z'),
 * ); // → true
 */
export function matchesAudience(
  audience: Audience | undefined,
  subject: AudienceSubject,
  now: number,
): boolean {
  if (audience === undefined) return true;
  try {
    if (!isRecord(audience)) return false;
    // Keys we do not know (a misspelt "trait") must not widen the audience.
    if (Object.keys(audience).some((key) => !(AUDIENCE_KEYS as readonly string[]).includes(key))) {
      return false;
    }
    const traits = isRecord(subject?.traits) ? subject.traits : {};
    const account = isRecord(subject?.account) ? subject.account : {};
    return (
      rulesHold(own(audience, 'traits'), traits, now) &&
      rulesHold(own(audience, 'account'), account, now) &&
      touchHolds(own(audience, 'touch'), account)
    );
  } catch {
    // A host-provided trait object may have throwing getters or be a revoked proxy.
    return false;
  }
}

// ── Validation ──────────────────────────────────────────────────────────────
