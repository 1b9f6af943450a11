import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/index.ts';

const tour = (id: string, steps: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  type: 'tour',
  steps,
  ...extra,
});

const messages = (input: unknown) => validateDocument(input).issues.map((issue) => issue.message);

describe('validateDocument: checks beyond shape', () => {
  it('warns about an unknown key with a suggestion, and keeps the flow', () => {
    const input = { version: 1, flows: [tour('t', [{ id: 'a', placment: 'top' }])] };
    const { document, issues } = validateDocument(input);
    expect(issues).toEqual([
      {
        code: 'unknown_key',
        severity: 'warning',
        path: 'flows[0].steps[0].placment',
        message: 'flows[0].steps[0].placment: unknown key — did you mean "placement"?',
      },
    ]);
    expect(document?.flows).toHaveLength(1);
  });

  it('warns about an unknown key with no close match without a suggestion', () => {
    expect(messages({ version: 1, flows: [], colour: 'red' })).toEqual([
      'colour: unknown key, ignored',
    ]);
  });

  it('suggests the closest value for a misspelt enum', () => {
    expect(
      messages({ version: 1, flows: [tour('t', [{ id: 'a' }], { frequency: 'onse' })] }),
    ).toEqual([
      'flows[0].frequency: expected one of once, session, always, got "onse" — did you mean "once"?',
    ]);
  });

  it('reports CSS selectors that do not parse', () => {
    const bad = ['#a[', 'div >', '.a)', "a[title='x]", ', .b', 'a { color: red }'];
    const input = {
      version: 1,
      flows: bad.map((target, i) => tour(`t${i}`, [{ id: 's', target }])),
    };
    const { document, issues } = validateDocument(input);
    expect(document?.flows).toEqual([]);
    expect(issues.map((issue) => issue.message)).toEqual([
      'flows[0].steps[0].target: the CSS selector "#a[" is missing a closing "]"',
      'flows[1].steps[0].target: the CSS selector "div >" starts or ends with a combinator or comma',
      'flows[2].steps[0].target: the CSS selector ".a)" has an unmatched ")"',
      'flows[3].steps[0].target: the CSS selector "a[title=\'x]" has an unclosed quote',
      'flows[4].steps[0].target: the CSS selector ", .b" starts or ends with a combinator or comma',
      'flows[5].steps[0].target: the CSS selector "a { color: red }" contains "{"',
    ]);
  });

  it('accepts selectors with attribute values, pseudo-classes and escapes', () => {
    const good = ['#new-project', 'nav > a[href="/x"]:not(.active)', '[data-id="a]b"]', '#a\\:b'];
    const input = {
      version: 1,
      flows: good.map((target, i) => tour(`t${i}`, [{ id: 's', target }])),
    };
    expect(validateDocument(input).issues).toEqual([]);
  });

  it('reports duplicate flow, step and milestone ids, keeping the first', () => {
    const input = {
      version: 1,
      milestones: [{ id: 'm' }, { id: 'm' }],
      flows: [
        tour('t', [{ id: 'a' }]),
        tour('t', [{ id: 'b' }]),
        tour('u', [{ id: 'a' }, { id: 'a' }]),
      ],
    };
    const { document, issues } = validateDocument(input);
    expect(issues.map((issue) => issue.message)).toEqual([
      'milestones[1].id: duplicate id "m", first used at milestones[0]',
      'flows[1].id: duplicate id "t", first used at flows[0]',
      'flows[2].steps[1].id: duplicate step id "a", first used at flows[2].steps[0]',
    ]);
    expect(document?.flows.map((flow) => flow.id)).toEqual(['t']);
    expect(document?.milestones).toHaveLength(1);
  });

  it('reports references to milestones and flows the document does not define', () => {
    const input = {
      version: 1,
      milestones: [{ id: 'known' }],
      flows: [
        tour('t', [{ id: 'a', milestone: 'nope' }]),
        {
          id: 'c',
          type: 'checklist',
          items: [{ milestone: 'known', flow: 'ghost' }, { milestone: 'gone' }],
        },
      ],
    };
    const { document } = validateDocument(input);
    expect(messages(input)).toEqual([
      'flows[0].steps[0].milestone: no milestone with id "nope" in this document',
      'flows[1].items[0].flow: no flow with id "ghost" in this document',
      'flows[1].items[1].milestone: no milestone with id "gone" in this document',
    ]);
    expect(document?.flows).toEqual([]);
  });

  it('warns where a text lacks a locale other texts have', () => {
    const input = {
      version: 1,
      flows: [
        tour('t', [
          { id: 'a', title: { ja: 'はじめに', en: 'Start' }, body: { ja: '説明' } },
          { id: 'b', title: 'plain strings are fine' },
        ]),
      ],
    };
    const { document, issues } = validateDocument(input);
    expect(issues).toEqual([
      {
        code: 'missing_locale',
        severity: 'warning',
        path: 'flows[0].steps[0].body',
        message:
          'flows[0].steps[0].body: no "en" text, though other texts have it; ja is shown instead',
      },
    ]);
    expect(document?.flows).toHaveLength(1);
  });

  it('rejects an unknown audience operator with a suggestion, dropping the flow', () => {
    const input = {
      version: 1,
      flows: [
        tour('t', [{ id: 'a' }], {
          audience: { traits: { plan: { inn: ['trial'] } }, touch: 'tec' },
        }),
      ],
    };
    const { document, issues } = validateDocument(input);
    expect(issues.map((issue) => [issue.severity, issue.message])).toEqual([
      ['error', 'flows[0].audience.traits.plan.inn: unknown key — did you mean "in"?'],
      [
        'error',
        'flows[0].audience.touch: expected one of high, low, tech, got "tec" — did you mean "tech"?',
      ],
    ]);
    expect(document?.flows).toEqual([]);
  });

  it('reports __proto__ and constructor keys as unknown without touching prototypes', () => {
    const input = JSON.parse(
      '{"version":1,"flows":[{"id":"t","type":"tour","steps":[{"id":"a"}],"__proto__":{"polluted":true},"constructor":1}]}',
    );
    const { document } = validateDocument(input);
    expect(messages(input)).toEqual([
      'flows[0].__proto__: unknown key, ignored',
      'flows[0].constructor: unknown key, ignored',
    ]);
    expect(document?.flows).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('quotes keys that are not identifiers in paths', () => {
    expect(messages({ version: 1, flows: [], 'my key': 1 })).toEqual([
      '["my key"]: unknown key, ignored',
    ]);
  });
});
