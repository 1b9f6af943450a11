/**
 * Who sees a flow: rules on user traits (from `identify`) and account traits
 * (from `group`), evaluated without ever throwing. Anything the rules do not
 * understand (an unknown operator, an operand of the wrong type) matches no one,
 * so a typo hides a flow rather than showing it to everybody; `audienceProblems`
 * reports those mistakes when the document is validated.
 */

/** A value a rule compares against: what JSON can hold, apart from lists and objects. */
export type RuleValue = string | number | boolean | null;

/**
 * A rule on one trait: a plain value (shorthand for `{ eq: value }`) or an object
 * of operators, all of which must hold.
 *
 * @example { plan: 'trial' }                      // plan === 'trial'
 * @example { seats: { gte: 5, lt: 50 } }          // 5 ≤ seats < 50
 * @example { signedUpAt: { after: '-7d' } }       // signed up within the last week
 */
export type Condition =
  | RuleValue
  | {
      /** Strictly equal (no type conversion: `'5'` is not `5`). */
      eq?: RuleValue;
      /** Not strictly equal; a missing trait is "not equal". */
      ne?: RuleValue;
      /** One of the listed values. */
      in?: RuleValue[];
      /** None of the listed values; a missing trait is "none of them". */
      nin?: RuleValue[];
      /**
       * Greater than. Numbers compare as numbers; ISO 8601 dates and epoch
       * milliseconds compare as times; anything else does not match.
       */
      gt?: number | string;
      /** Greater than or equal, compared like `gt`. */
      gte?: number | string;
      /** Less than, compared like `gt`. */
      lt?: number | string;
      /** Less than or equal, compared like `gt`. */
      lte?: number | string;
      /** `true`: the trait is set (not undefined or null); `false`: it is not. */
      exists?: boolean;
      /**
       * The trait (an ISO 8601 date or epoch milliseconds) is earlier than this
       * moment: an ISO date, epoch milliseconds, or a time relative to now such
       * as `'-7d'` or `'+60d'` (units `s`, `m`, `h`, `d`, `w`).
       */
      before?: string | number;
      /** The trait is later than this moment, given like `before`. */
      after?: string | number;
    };

/** The touch tiers an account can be in (see `group(accountId, { touch })`). */
export type TouchTier = 'high' | 'low' | 'tech';

/**
 * Who sees a flow. Every rule must hold. Trait names may be dotted paths into
 * nested objects (`'company.size'`); a trait whose own name contains the dot wins.
 */
export interface Audience {
  /** Rules on user traits (from `identify`). */
  traits?: Record<string, Condition>;
  /** Rules on account traits (from `group`). */
  account?: Record<string, Condition>;
  /** The account's `touch` trait must be this tier or one of these tiers. */
  touch?: TouchTier[] | TouchTier;
}

/** What an audience is matched against. */
export interface AudienceSubject {
  traits: Record<string, unknown>;
  account: Record<string, unknown>;
}

/** One mistake in an audience; `message` does not repeat the path. */
export interface AudienceProblem {
  /** JS-notation path, e.g. `flows[0].audience.traits.plan.inn`. */
  path: string;
  message: string;
}

const OPERATORS = [
  'eq',
  'ne',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'before',
  'after',
] as const;
type Operator = (typeof OPERATORS)[number];

const TOUCH_TIERS: readonly TouchTier[] = ['high', 'low', 'tech'];
const AUDIENCE_KEYS = ['traits', 'account', 'touch'] as const;

// Spellings people bring from other rule languages, mapped to ours.
const OPERATOR_ALIASES: Record<string, Operator> = {
  '=': 'eq',
  '==': 'eq',
  '===': 'eq',
  equals: 'eq',
  is: 'eq',
  '!=': 'ne',
  '!==': 'ne',
  neq: 'ne',
  not: 'ne',
  notin: 'nin',
  not_in: 'nin',
  '>': 'gt',
  '>=': 'gte',
  ge: 'gte',
  '<': 'lt',
  '<=': 'lte',
  le: 'lte',
  since: 'after',
  until: 'before',
};

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

const isOperator = (key: string): key is Operator => (OPERATORS as readonly string[]).includes(key);

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

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate within about a third of the word's length, if any. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function suggestOperator(key: string): string | undefined {
  const bare = key.replace(/^\$/, '').toLowerCase();
  if (isOperator(bare)) return bare;
  return Object.hasOwn(OPERATOR_ALIASES, bare) ? OPERATOR_ALIASES[bare] : closest(bare, OPERATORS);
}

const keyPath = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value === 'object' ? 'an object' : String(value);
}

type Report = (path: string, message: string) => void;

const ORDER = 'expected a number or an ISO 8601 date';
const MOMENT = 'expected an ISO 8601 date, epoch milliseconds or a relative time like "-7d"';

function operandProblems(operator: Operator, operand: unknown, path: string, report: Report) {
  switch (operator) {
    case 'eq':
    case 'ne':
      if (!isRuleValue(operand)) {
        const list = operator === 'eq' ? 'in' : 'nin';
        const hint = Array.isArray(operand) ? ` — for a list use "${list}"` : '';
        report(path, `expected a string, number, boolean or null, got ${describe(operand)}${hint}`);
      }
      return;
    case 'in':
    case 'nin':
      if (!Array.isArray(operand)) {
        report(path, `expected a list of values, got ${describe(operand)}`);
        return;
      }
      if (operator === 'in' && operand.length === 0) report(path, 'an empty list matches no one');
      for (const [index, entry] of operand.entries()) {
        if (!isRuleValue(entry)) {
          report(
            `${path}[${index}]`,
            `expected a string, number, boolean or null, got ${describe(entry)}`,
          );
        }
      }
      return;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof operand === 'string' && RELATIVE.test(operand)) {
        report(
          path,
          `${ORDER}, got ${describe(operand)} — relative times work with "before" / "after"`,
        );
      } else if (
        !(typeof operand === 'number' && Number.isFinite(operand)) &&
        !(typeof operand === 'string' && parseIsoDate(operand) !== undefined)
      ) {
        report(path, `${ORDER}, got ${describe(operand)}`);
      }
      return;
    case 'exists':
      if (typeof operand !== 'boolean') {
        report(path, `expected true or false, got ${describe(operand)}`);
      }
      return;
    case 'before':
    case 'after':
      if (toMoment(operand, 0) === undefined) report(path, `${MOMENT}, got ${describe(operand)}`);
      return;
  }
}

function conditionProblems(condition: unknown, path: string, report: Report) {
  if (isRuleValue(condition)) return;
  if (Array.isArray(condition)) {
    report(
      path,
      'expected a value or a condition object, got an array — did you mean { "in": [...] }?',
    );
    return;
  }
  if (!isRecord(condition)) {
    report(path, `expected a value or a condition object, got ${describe(condition)}`);
    return;
  }
  const keys = Object.keys(condition);
  if (keys.length === 0) {
    report(path, 'a condition needs at least one operator, e.g. { "eq": "trial" }');
    return;
  }
  for (const key of keys) {
    const keyAt = keyPath(path, key);
    if (isOperator(key)) {
      operandProblems(key, condition[key], keyAt, report);
      continue;
    }
    const hint = suggestOperator(key);
    report(
      keyAt,
      hint
        ? `unknown operator — did you mean "${hint}"?`
        : `unknown operator; expected one of ${OPERATORS.join(', ')} (nested traits use a dotted name like "company.size")`,
    );
  }
}

function rulesProblems(rules: unknown, path: string, report: Report) {
  if (!isRecord(rules)) {
    report(path, `expected an object of trait rules, got ${describe(rules)}`);
    return;
  }
  for (const name of Object.keys(rules)) {
    const at = keyPath(path, name);
    if (name.split('.').includes('')) {
      report(at, 'a trait name cannot be empty or have an empty part between dots');
    }
    conditionProblems(rules[name], at, report);
  }
}

function tierProblem(tier: unknown, path: string, report: Report) {
  if (typeof tier === 'string' && (TOUCH_TIERS as readonly string[]).includes(tier)) return;
  const hint = typeof tier === 'string' ? closest(tier, TOUCH_TIERS) : undefined;
  report(
    path,
    `expected "high", "low" or "tech", got ${describe(tier)}${hint ? ` — did you mean "${hint}"?` : ''}`,
  );
}

/**
 * Every mistake in an audience, each with its JS-notation path: unknown keys and
 * operators (with a "did you mean"), operands of the wrong type, unparseable
 * dates, unknown touch tiers. An empty list means the audience is usable.
 *
 * @param path Where the audience sits in the document, e.g. `flows[0].audience`.
 * @example
 * audienceProblems({ traits: { plan: { inn: ['trial'] } } }, 'flows[0].audience');
 * // → [{ path: 'flows[0].audience.traits.plan.inn',
 * //      message: 'unknown operator — did you mean "in"?' }]
 */
export function audienceProblems(audience: unknown, path: string): AudienceProblem[] {
  const problems: AudienceProblem[] = [];
  const report: Report = (at, message) => problems.push({ path: at, message });
  if (audience === undefined) return problems;
  if (!isRecord(audience)) {
    report(path, `expected an audience object, got ${describe(audience)}`);
    return problems;
  }
  for (const key of Object.keys(audience)) {
    const at = keyPath(path, key);
    const value = audience[key];
    if (key === 'traits' || key === 'account') {
      rulesProblems(value, at, report);
    } else if (key === 'touch') {
      if (Array.isArray(value)) {
        if (value.length === 0) report(at, 'expected at least one touch tier');
        for (const [index, tier] of value.entries()) tierProblem(tier, `${at}[${index}]`, report);
      } else {
        tierProblem(value, at, report);
      }
    } else {
      const hint = closest(key, AUDIENCE_KEYS);
      report(
        at,
        hint
          ? `unknown key — did you mean "${hint}"?`
          : 'unknown key; expected traits, account or touch',
      );
    }
  }
  return problems;
}
