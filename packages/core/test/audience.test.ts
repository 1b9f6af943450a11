import { describe, expect, it } from 'vitest';
import { type Audience, type AudienceSubject, matchesAudience } from '../src/audience.ts';

const NOW = Date.parse('2024-05-10T12:00:00Z');
const DAY = 86_400_000;

const subject = (
  traits: Record<string, unknown> = {},
  account: Record<string, unknown> = {},
): AudienceSubject => ({ traits, account });

/** Whether `{ traits: { x: condition } }` matches a user whose trait `x` is `value`. */
const holds = (condition: unknown, value: unknown, now = NOW) =>
  matchesAudience(
    { traits: { x: condition } } as Audience,
    subject(value === undefined ? {} : { x: value }),
    now,
  );

describe('matchesAudience', () => {
  it('lets everyone in when there is no audience or no rules', () => {
    expect(matchesAudience(undefined, subject(), NOW)).toBe(true);
    expect(matchesAudience({}, subject(), NOW)).toBe(true);
    expect(matchesAudience({ traits: {}, account: {} }, subject(), NOW)).toBe(true);
  });

  it('treats a plain value as eq, with strict equality', () => {
    expect(holds('trial', 'trial')).toBe(true);
    expect(holds('trial', 'pro')).toBe(false);
    expect(holds(5, 5)).toBe(true);
    expect(holds(5, '5')).toBe(false);
    expect(holds('5', 5)).toBe(false);
    expect(holds(true, true)).toBe(true);
    expect(holds(true, 1)).toBe(false);
    expect(holds(null, null)).toBe(true);
    expect(holds(null, undefined)).toBe(false);
  });

  it.each([
    [{ eq: 'trial' }, 'trial', true],
    [{ eq: 'trial' }, 'Trial', false],
    [{ eq: 0 }, false, false],
    [{ ne: 'trial' }, 'pro', true],
    [{ ne: 'trial' }, 'trial', false],
    [{ ne: 'trial' }, undefined, true],
    [{ ne: 3 }, '3', true],
    [{ in: ['trial', 'free'] }, 'free', true],
    [{ in: ['trial', 'free'] }, 'pro', false],
    [{ in: [1, 2] }, '1', false],
    [{ in: [null] }, null, true],
    [{ in: ['trial'] }, undefined, false],
    [{ nin: ['trial', 'free'] }, 'pro', true],
    [{ nin: ['trial', 'free'] }, 'trial', false],
    [{ nin: ['trial'] }, undefined, true],
    [{ gt: 5 }, 6, true],
    [{ gt: 5 }, 5, false],
    [{ gte: 5 }, 5, true],
    [{ gte: 5 }, 4.9, false],
    [{ lt: 5 }, 4, true],
    [{ lt: 5 }, 5, false],
    [{ lte: 5 }, 5, true],
    [{ lte: 5 }, 6, false],
    [{ gt: -1 }, 0, true],
    [{ exists: true }, 'x', true],
    [{ exists: true }, 0, true],
    [{ exists: true }, false, true],
    [{ exists: true }, '', true],
    [{ exists: true }, null, false],
    [{ exists: true }, undefined, false],
    [{ exists: false }, undefined, true],
    [{ exists: false }, null, true],
    [{ exists: false }, 'x', false],
  ])('%j against %j → %s', (condition, value, expected) => {
    expect(holds(condition, value)).toBe(expected);
  });

  it('never compares numbers with numeric strings or plain strings by order', () => {
    expect(holds({ gt: 5 }, '6')).toBe(false);
    expect(holds({ gt: '5' }, 6)).toBe(false);
    expect(holds({ gt: 'a' }, 'b')).toBe(false);
    expect(holds({ lt: 'b' }, 'a')).toBe(false);
    expect(holds({ gte: 5 }, true)).toBe(false);
    expect(holds({ gte: 5 }, null)).toBe(false);
    expect(holds({ lt: 5 }, undefined)).toBe(false);
    expect(holds({ gt: 5 }, Number.NaN)).toBe(false);
  });

  it('orders ISO dates and epoch milliseconds as times', () => {
    expect(holds({ gt: '2024-01-01' }, '2024-03-01T00:00:00Z')).toBe(true);
    expect(holds({ gt: '2024-03-01' }, '2024-01-01')).toBe(false);
    expect(holds({ lte: '2024-01-01T09:00:00+09:00' }, '2024-01-01T00:00:00Z')).toBe(true);
    expect(holds({ lt: '2024-01-01T09:00:00+09:00' }, '2024-01-01T00:00:00Z')).toBe(false);
    expect(holds({ gt: '2024-01-01' }, Date.parse('2024-02-01'))).toBe(true);
    expect(holds({ lt: '2024-01-01' }, Date.parse('2024-02-01'))).toBe(false);
    expect(holds({ gt: Date.parse('2024-01-01') }, '2024-02-01')).toBe(true);
    expect(holds({ gt: '2024-01-01' }, 'yesterday')).toBe(false);
  });

  it('requires every operator of a condition and every rule of an audience', () => {
    expect(holds({ gte: 5, lt: 50 }, 5)).toBe(true);
    expect(holds({ gte: 5, lt: 50 }, 50)).toBe(false);
    expect(holds({ exists: true, nin: ['churned'] }, 'active')).toBe(true);
    expect(holds({ exists: true, nin: ['churned'] }, 'churned')).toBe(false);

    const audience: Audience = {
      traits: { plan: { in: ['trial'] }, role: 'admin' },
      account: { seats: { gte: 10 } },
      touch: 'tech',
    };
    const fits = subject({ plan: 'trial', role: 'admin' }, { seats: 12, touch: 'tech' });
    expect(matchesAudience(audience, fits, NOW)).toBe(true);
    expect(matchesAudience(audience, { ...fits, traits: { plan: 'trial' } }, NOW)).toBe(false);
    expect(matchesAudience(audience, { ...fits, account: { seats: 9, touch: 'tech' } }, NOW)).toBe(
      false,
    );
    expect(matchesAudience(audience, { ...fits, account: { seats: 12, touch: 'low' } }, NOW)).toBe(
      false,
    );
  });

  it('fails rules on missing traits except ne, nin and exists: false', () => {
    const none = subject();
    const check = (condition: unknown) =>
      matchesAudience({ traits: { plan: condition } } as Audience, none, NOW);
    expect(check('trial')).toBe(false);
    expect(check({ in: ['trial'] })).toBe(false);
    expect(check({ gt: 0 })).toBe(false);
    expect(check({ before: '-1d' })).toBe(false);
    expect(check({ after: '-1d' })).toBe(false);
    expect(check({ exists: true })).toBe(false);
    expect(check({ ne: 'trial' })).toBe(true);
    expect(check({ nin: ['trial'] })).toBe(true);
    expect(check({ exists: false })).toBe(true);
  });

  it('reads dotted trait names from nested objects', () => {
    const user = subject({ company: { size: 120, address: { country: 'JP' } } });
    const match = (traits: Audience['traits']) => matchesAudience({ traits }, user, NOW);
    expect(match({ 'company.size': { gte: 100 } })).toBe(true);
    expect(match({ 'company.address.country': 'JP' })).toBe(true);
    expect(match({ 'company.address.country': 'US' })).toBe(false);
    expect(match({ 'company.missing.deeper': { exists: false } })).toBe(true);
    expect(match({ 'company.size.value': { exists: true } })).toBe(false);
    expect(match({ 'company.size': { exists: true }, 'company.address.country': 'JP' })).toBe(true);
  });

  it('prefers a trait whose own name contains the dot', () => {
    const user = subject({ 'company.size': 5, company: { size: 500 } });
    expect(matchesAudience({ traits: { 'company.size': 5 } }, user, NOW)).toBe(true);
  });

  it('reads account rules from the account traits', () => {
    const audience: Audience = { account: { plan: 'enterprise', 'billing.seats': { gt: 50 } } };
    expect(
      matchesAudience(
        audience,
        subject({ plan: 'enterprise' }, { plan: 'enterprise', billing: { seats: 80 } }),
        NOW,
      ),
    ).toBe(true);
    expect(
      matchesAudience(audience, subject({ plan: 'enterprise', billing: { seats: 80 } }), NOW),
    ).toBe(false);
  });

  describe('dates', () => {
    it('compares ISO dates with before and after', () => {
      expect(holds({ after: '2024-01-01' }, '2024-02-01T10:00:00Z')).toBe(true);
      expect(holds({ before: '2024-01-01' }, '2024-02-01T10:00:00Z')).toBe(false);
      expect(holds({ before: '2024-03-01T00:00:00.000Z' }, '2024-02-29')).toBe(true);
      expect(holds({ after: '2024-01-01T00:00:00+09:00' }, '2023-12-31T16:00:00Z')).toBe(true);
      expect(holds({ after: '2024-01-01T00:00:00+0900' }, '2023-12-31T14:00:00Z')).toBe(false);
    });

    it('takes epoch milliseconds on either side', () => {
      const feb = Date.parse('2024-02-01T00:00:00Z');
      expect(holds({ after: '2024-01-01' }, feb)).toBe(true);
      expect(holds({ before: feb + 1 }, feb)).toBe(true);
      expect(holds({ before: feb }, feb)).toBe(false);
      expect(holds({ after: feb - 1 }, '2024-02-01T00:00:00Z')).toBe(true);
    });

    it('reads relative times from now', () => {
      const signedUp = (ago: number) => new Date(NOW - ago).toISOString();
      expect(holds({ after: '-7d' }, signedUp(6 * DAY))).toBe(true);
      expect(holds({ after: '-7d' }, signedUp(8 * DAY))).toBe(false);
      expect(holds({ after: '-7d' }, NOW - 6 * DAY)).toBe(true);
      expect(holds({ before: '-7d' }, signedUp(8 * DAY))).toBe(true);
      expect(holds({ after: '-12h' }, signedUp(11 * 3_600_000))).toBe(true);
      expect(holds({ after: '-12h' }, signedUp(13 * 3_600_000))).toBe(false);
      expect(holds({ after: '-30m' }, signedUp(29 * 60_000))).toBe(true);
      expect(holds({ after: '-30m' }, signedUp(31 * 60_000))).toBe(false);
      expect(holds({ after: '-90s' }, signedUp(60_000))).toBe(true);
      expect(holds({ after: '-2w' }, signedUp(13 * DAY))).toBe(true);
      // "within the next 60 days", e.g. a renewal date
      expect(holds({ after: '-0d', before: '+60d' }, NOW + 30 * DAY)).toBe(true);
      expect(holds({ after: '-0d', before: '+60d' }, NOW + 61 * DAY)).toBe(false);
      // the same rule at another moment
      expect(holds({ after: '-7d' }, signedUp(6 * DAY), NOW + 2 * DAY)).toBe(false);
    });

    it('does not match unparseable or impossible dates', () => {
      expect(holds({ after: '2024-01-01' }, 'next tuesday')).toBe(false);
      expect(holds({ after: '2024-01-01' }, '5')).toBe(false);
      expect(holds({ after: '2024-01-01' }, '2024-02-30')).toBe(false);
      expect(holds({ after: '2024-01-01' }, '2023-02-29')).toBe(false);
      expect(holds({ after: '2024-01-01' }, '2024-13-01')).toBe(false);
      expect(holds({ after: '2024-01-01' }, '2024-01-02T25:00:00Z')).toBe(false);
      expect(holds({ after: '2024-01-01' }, '2024-02-29')).toBe(true);
      expect(holds({ after: 'soon' }, '2024-02-01')).toBe(false);
      expect(holds({ after: '-7x' }, '2024-02-01')).toBe(false);
      expect(holds({ after: '7d' }, NOW)).toBe(false);
      expect(holds({ after: '-7d' }, true)).toBe(false);
      expect(holds({ after: '-7d' }, Number.POSITIVE_INFINITY)).toBe(false);
      expect(holds({ after: '-7d' }, NOW, Number.NaN)).toBe(false);
    });
  });

  it('never throws, whatever the operands and traits', () => {
    const odd: unknown[] = [
      undefined,
      null,
      true,
      0,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '',
      ' ',
      '-7d',
      '+1w',
      '2024-01-01',
      '2024-02-30T10:00:00Z',
      'constructor',
      '__proto__',
      [],
      [1, [2]],
      {},
      { eq: 1 },
      { nested: { deep: true } },
      Object.create(null),
      () => 1,
      Symbol('x'),
      10n,
      new Date(0),
      /x/,
    ];
    const operators = [
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
      'inn',
      'constructor',
      '__proto__',
      'toString',
    ];
    let evaluations = 0;
    for (const operand of odd) {
      for (const value of odd) {
        expect(() => holds(operand, value)).not.toThrow();
        for (const operator of operators) {
          const result = holds(JSON.parse(JSON.stringify({ [operator]: 0 })), value);
          expect(typeof result).toBe('boolean');
          expect(typeof holds({ [operator]: operand }, value)).toBe('boolean');
          evaluations++;
        }
      }
      for (const shape of [
        operand,
        { traits: operand },
        { account: operand },
        { touch: operand },
      ]) {
        expect(typeof matchesAudience(shape as Audience, subject({ x: operand }), NOW)).toBe(
          'boolean',
        );
        expect(typeof matchesAudience(shape as Audience, operand as AudienceSubject, NOW)).toBe(
          'boolean',
        );
      }
    }
    expect(evaluations).toBe(odd.length * odd.length * operators.length);
  });

  it('does not match when reading a trait throws', () => {
    const traits = {
      get plan(): string {
        throw new Error('host getter');
      },
    };
    expect(matchesAudience({ traits: { plan: 'trial' } }, subject(traits), NOW)).toBe(false);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(matchesAudience({ traits: { plan: 'trial' } }, subject(proxy), NOW)).toBe(false);
  });

  it('matches no one when an operator is unknown or a condition is empty', () => {
    expect(holds({ inn: ['trial'] }, 'trial')).toBe(false);
    expect(holds({ in: ['trial'], inn: ['trial'] }, 'trial')).toBe(false);
    expect(holds({}, 'trial')).toBe(false);
    expect(holds(['trial'], 'trial')).toBe(false);
    expect(holds({ eq: ['trial'] }, 'trial')).toBe(false);
    expect(holds({ in: 'trial' }, 'trial')).toBe(false);
    expect(holds({ nin: 'trial' }, 'pro')).toBe(false);
    expect(holds({ exists: 'yes' }, 'x')).toBe(false);
    expect(
      matchesAudience({ trait: { plan: 'trial' } } as Audience, subject({ plan: 'pro' }), NOW),
    ).toBe(false);
    expect(matchesAudience({ traits: 'plan' } as unknown as Audience, subject(), NOW)).toBe(false);
  });

  describe('prototype keys', () => {
    it('does not read __proto__ or constructor from the prototype', () => {
      const user = subject({ plan: 'trial' });
      const check = (traits: Record<string, unknown>) =>
        matchesAudience({ traits } as Audience, user, NOW);
      expect(check({ constructor: { exists: true } })).toBe(false);
      expect(check({ constructor: { exists: false } })).toBe(true);
      expect(check({ toString: { exists: false } })).toBe(true);
      expect(check(JSON.parse('{"__proto__": { "exists": true }}'))).toBe(false);
      expect(check(JSON.parse('{"__proto__": { "exists": false }}'))).toBe(true);
      expect(check({ 'plan.constructor': { exists: false } })).toBe(true);
      expect(check({ 'plan.length': { exists: false } })).toBe(true);
      expect(check({ 'constructor.name': { exists: false } })).toBe(true);
      expect(check({ '__proto__.hasOwnProperty': { exists: false } })).toBe(true);
    });

    it('reads __proto__ and constructor when they are the user’s own traits', () => {
      const user = subject(
        JSON.parse('{"__proto__": "x", "constructor": 7, "o": {"__proto__": 1}}'),
      );
      const check = (traits: Record<string, unknown>) =>
        matchesAudience({ traits } as Audience, user, NOW);
      expect(check(JSON.parse('{"__proto__": "x"}'))).toBe(true);
      expect(check({ constructor: 7 })).toBe(true);
      expect(check({ 'o.__proto__': 1 })).toBe(true);
    });

    it('ignores prototype keys as operators and on the account', () => {
      expect(holds(JSON.parse('{"__proto__": {"eq": 1}}'), 1)).toBe(false);
      expect(holds({ constructor: Object }, 1)).toBe(false);
      expect(matchesAudience({ account: { constructor: { exists: true } } }, subject(), NOW)).toBe(
        false,
      );
      expect(
        matchesAudience({ touch: 'tech' }, subject({}, Object.create({ touch: 'tech' })), NOW),
      ).toBe(false);
    });
  });

  describe('touch tiers', () => {
    const account = (touch: unknown) => subject({}, touch === undefined ? {} : { touch });
    it('takes a single tier', () => {
      expect(matchesAudience({ touch: 'tech' }, account('tech'), NOW)).toBe(true);
      expect(matchesAudience({ touch: 'tech' }, account('low'), NOW)).toBe(false);
      expect(matchesAudience({ touch: 'high' }, account(undefined), NOW)).toBe(false);
    });

    it('takes a list of tiers', () => {
      expect(matchesAudience({ touch: ['low', 'tech'] }, account('low'), NOW)).toBe(true);
      expect(matchesAudience({ touch: ['low', 'tech'] }, account('tech'), NOW)).toBe(true);
      expect(matchesAudience({ touch: ['low', 'tech'] }, account('high'), NOW)).toBe(false);
      expect(matchesAudience({ touch: [] }, account('high'), NOW)).toBe(false);
    });

    it('reads the tier from the account, not the user', () => {
      expect(matchesAudience({ touch: 'tech' }, subject({ touch: 'tech' }), NOW)).toBe(false);
    });
  });
});
