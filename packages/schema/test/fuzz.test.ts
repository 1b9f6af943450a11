import { describe, expect, it, vi } from 'vitest';
import { validateDocument } from '../src/index.ts';

/** mulberry32: a small seeded PRNG, so a failure reproduces from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  '',
  ' ',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u202Eevil\u202C',
  '__proto__',
  'constructor',
  '#a[',
  '💥'.repeat(50),
  'x'.repeat(5000),
];

function randomValue(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 4 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return [0, -1, 1e308, Number.NaN, 3000, 1.5][Math.floor(random() * 6)];
    case 3:
      return HOSTILE[Math.floor(random() * HOSTILE.length)];
    case 4:
      return ['tour', 'hint', 'checklist', 'announcement', 'once', 'modal', 'center'][
        Math.floor(random() * 7)
      ];
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const keys = [
        'id',
        'type',
        'steps',
        'target',
        'title',
        'body',
        'items',
        'flows',
        'en',
        'ja',
        '__proto__',
      ];
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i--) {
        Object.defineProperty(object, keys[Math.floor(random() * keys.length)]!, {
          value: randomValue(random, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return object;
    }
  }
}

function seedDocument() {
  return {
    version: 1,
    defaultLocale: 'ja',
    milestones: [
      { id: 'm1', title: { ja: '一', en: 'One' }, when: { event: 'e' } },
      { id: 'm2', aha: true },
    ],
    flows: [
      {
        id: 'welcome',
        type: 'tour',
        trigger: { url: '/dashboard*' },
        steps: [
          { id: 'a', target: '#new', title: { ja: 'は', en: 'Hi' }, body: 'x', milestone: 'm1' },
          { id: 'b', fallback: 'center', waitMs: 100 },
        ],
      },
      {
        id: 'list',
        type: 'checklist',
        items: [{ milestone: 'm1', flow: 'welcome' }, { milestone: 'm2' }],
      },
      { id: 'hint', type: 'hint', target: '#export', body: 'b' },
      { id: 'news', type: 'announcement', display: 'banner', title: 't' },
    ],
  };
}

/** Replaces, deletes or nests one random node of a copy of `document`. */
function mutate(document: unknown, random: () => number): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  const containers: Record<string, unknown>[] = [];
  const collect = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 6) return;
    containers.push(node as Record<string, unknown>);
    for (const child of Object.values(node)) collect(child, depth + 1);
  };
  collect(copy, 0);
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
    const target = containers[Math.floor(random() * containers.length)]!;
    const keys = Object.keys(target);
    const key = keys[Math.floor(random() * keys.length)] ?? 'extra';
    const roll = random();
    if (roll < 0.5) target[key] = randomValue(random, 0);
    else if (roll < 0.7) delete target[key];
    else if (roll < 0.85) target[key] = [target[key], target[key]];
    else target[`${key}x`] = target[key];
  }
  return copy;
}

describe('validateDocument under fuzzing', () => {
  it('never throws and names a path for every issue across 10,000 generated and mutated documents', () => {
    const random = prng(20261123);
    const seed = seedDocument();
    let documents = 0;
    let withIssues = 0;
    for (let i = 0; i < 10_000; i++) {
      const input = i % 4 === 0 ? randomValue(random, 0) : mutate(seed, random);
      let result: ReturnType<typeof validateDocument>;
      try {
        result = validateDocument(input);
      } catch (error) {
        throw new Error(`document #${i} made validation throw: ${String(error)}`);
      }
      documents++;
      if (result.issues.length > 0) withIssues++;
      for (const issue of result.issues) {
        expect(typeof issue.path).toBe('string');
        expect(issue.message.startsWith(issue.path === '$' ? '$' : issue.path)).toBe(true);
        expect(['error', 'warning']).toContain(issue.severity);
      }
      // What survives validation is usable: every kept flow has an id and a known type.
      for (const flow of result.document?.flows ?? []) {
        expect(typeof flow.id).toBe('string');
        expect(['tour', 'checklist', 'hint', 'announcement']).toContain(flow.type);
      }
    }
    expect(documents).toBe(10_000);
    // The generator really produces bad input, not only valid documents.
    expect(withIssues).toBeGreaterThan(5_000);
  });

  it('finds the same issues without the JSON Schema fragments, as in the browser bundles', async () => {
    // The bundles pages load are built with __TEBIKI_SCHEMA__ defined false.
    vi.stubGlobal('__TEBIKI_SCHEMA__', false);
    vi.resetModules();
    const stripped = await import('../src/validate.ts');
    vi.unstubAllGlobals();
    expect(stripped.documentShape.schema).toEqual({});
    const random = prng(20261205);
    const seed = seedDocument();
    for (let i = 0; i < 2_000; i++) {
      const input = i % 4 === 0 ? randomValue(random, 0) : mutate(seed, random);
      expect(stripped.validateDocument(input)).toEqual(validateDocument(input));
    }
  });

  it('handles a 2,000-level deep value and a 500-flow document without throwing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 2000; i++) deep = { title: deep };
    expect(() =>
      validateDocument({ version: 1, flows: [{ id: 'd', type: 'tour', steps: [deep] }] }),
    ).not.toThrow();
    const flows = Array.from({ length: 500 }, (_, i) => ({
      id: `f${i}`,
      type: 'tour',
      steps: [{ id: 's', target: `#t${i}`, title: { ja: 'タイトル', en: 'Title' } }],
    }));
    const { document, issues } = validateDocument({ version: 1, flows });
    expect(issues).toEqual([]);
    expect(document?.flows).toHaveLength(500);
  });
});
