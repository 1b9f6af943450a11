import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/index.ts';

const welcome = {
  id: 'welcome',
  type: 'tour',
  trigger: { url: '/dashboard*' },
  frequency: 'once',
  steps: [
    {
      id: 'new',
      target: '#new-project',
      placement: 'bottom',
      title: { ja: 'ここから始めます', en: 'Start here' },
      body: { ja: '**新規作成**を押してください', en: 'Press **New**' },
      advanceOn: { click: '#new-project' },
    },
    { id: 'done', title: '🎉', body: '…', milestone: 'project_created' },
  ],
};

const validDocument = {
  version: 1,
  defaultLocale: 'ja',
  milestones: [
    {
      id: 'project_created',
      title: { ja: '最初のプロジェクトを作成', en: 'Create your first project' },
      when: { event: 'project_created' },
    },
    { id: 'first_report', aha: true, when: { url: '/reports/*' } },
  ],
  flows: [
    welcome,
    {
      id: 'getting-started',
      type: 'checklist',
      items: [{ milestone: 'project_created', flow: 'welcome' }],
    },
    { id: 'export-hint', type: 'hint', target: '#export', body: '…' },
    { id: 'news', type: 'announcement', display: 'modal', title: 'New!' },
  ],
};

describe('validateDocument', () => {
  it('passes a valid document through unchanged, with no issues', () => {
    const input = structuredClone(validDocument);
    const { document, issues } = validateDocument(input);
    expect(issues).toEqual([]);
    expect(document).toEqual(validDocument);
  });

  it('keeps the $schema key of a valid document', () => {
    const input = { $schema: './node_modules/tebiki/schema.json', ...validDocument };
    expect(validateDocument(input).document).toEqual(input);
  });

  it('rejects a value that is not an object with a root-path issue', () => {
    const { document, issues } = validateDocument('not a document');
    expect(document).toBeNull();
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: '$' })]);
    expect(issues[0]!.message).toContain('expected a flows document object');
  });

  it('rejects an unsupported version, naming the version path', () => {
    const { document, issues } = validateDocument({ ...validDocument, version: 2 });
    expect(document).toBeNull();
    expect(issues).toEqual([
      {
        code: 'unsupported_version',
        severity: 'error',
        path: 'version',
        message: 'version: expected 1 (the version this SDK understands), got 2',
      },
    ]);
  });

  it('rejects a document without a version', () => {
    const { version: _, ...rest } = validDocument;
    const { document, issues } = validateDocument(rest);
    expect(document).toBeNull();
    expect(issues[0]!.path).toBe('version');
  });

  it('drops an invalid flow and keeps the valid ones, naming the exact path', () => {
    const broken = { id: 'broken', type: 'tour', steps: [{ id: 'a', target: '' }] };
    const input = {
      version: 1,
      milestones: validDocument.milestones,
      flows: [welcome, broken, { ...welcome, id: 'again' }],
    };
    const { document, issues } = validateDocument(input);
    expect(document?.flows.map((flow) => flow.id)).toEqual(['welcome', 'again']);
    expect(issues).toEqual([
      {
        code: 'invalid_selector',
        severity: 'error',
        path: 'flows[1].steps[0].target',
        message: 'flows[1].steps[0].target: expected a CSS selector, got ""',
      },
    ]);
  });

  it('reports every problem in a document, one issue per path', () => {
    const input = {
      version: 1,
      milestones: [{ id: '' }, { id: 'ok' }],
      flows: [
        {
          id: 'a',
          type: 'tour',
          steps: [
            { id: '', title: {} },
            { id: 'b', body: { en: 3 } },
          ],
        },
        { id: 'h', type: 'hint' },
        { id: 'x', type: 'popup' },
        { id: 'c', type: 'checklist', items: 'none' },
        { id: 't', type: 'tour', steps: [] },
        null,
      ],
    };
    const { document, issues } = validateDocument(input);
    expect(document).toEqual({ version: 1, milestones: [{ id: 'ok' }], flows: [] });
    expect(issues.map((entry) => entry.path)).toEqual([
      'milestones[0].id',
      'flows[0].steps[0].id',
      'flows[0].steps[0].title',
      'flows[0].steps[1].body.en',
      'flows[1].target',
      'flows[2].type',
      'flows[3].items',
      'flows[4].steps',
      'flows[5]',
    ]);
    for (const entry of issues) expect(entry.message.startsWith(`${entry.path}: `)).toBe(true);
  });

  it('reports a flows value that is not an array and keeps an empty flow list', () => {
    const { document, issues } = validateDocument({ version: 1, flows: { id: 'a' } });
    expect(document?.flows).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ path: 'flows', code: 'invalid_type' })]);
  });

  it('shortens long strings it quotes in messages', () => {
    const { issues } = validateDocument({
      version: 1,
      flows: [{ id: 'a', type: 'x'.repeat(100) }],
    });
    expect(issues[0]!.message).toBe(
      `flows[0].type: expected one of tour, checklist, hint, announcement, got "${'x'.repeat(40)}…"`,
    );
  });

  it('reports fields the engine cannot use, naming their path', () => {
    const input = {
      version: 1,
      flows: [
        { ...welcome, id: 'a', frequency: 'sometimes' },
        { ...welcome, id: 'b', steps: [{ id: 's', waitMs: '3000', fallback: 'hide' }] },
        { ...welcome, id: 'c', trigger: { url: 5 } },
        { id: 'd', type: 'announcement' },
      ],
    };
    const { document, issues } = validateDocument(input);
    expect(document?.flows).toEqual([]);
    expect(issues.map((entry) => entry.path)).toEqual([
      'flows[0].frequency',
      'flows[1].steps[0].waitMs',
      'flows[1].steps[0].fallback',
      'flows[2].trigger.url',
      'flows[3].display',
    ]);
  });

  it('takes modal steps and spotlight settings, and names what is wrong in them', () => {
    const tour = (id: string, step: Record<string, unknown>) => ({
      id,
      type: 'tour',
      steps: [{ id: 's', target: '#t', ...step }],
    });
    const { document, issues } = validateDocument({
      version: 1,
      flows: [
        tour('modal', { modal: true, spotlight: { padding: 10, radius: 0, clickThrough: false } }),
        tour('plain', { spotlight: false }),
        tour('bad-modal', { modal: 'true' }),
        tour('bad-spotlight', { spotlight: 'yes' }),
        tour('bad-padding', { spotlight: { padding: -4, clikThrough: false } }),
      ],
    });
    expect(document?.flows.map((flow) => flow.id)).toEqual(['modal', 'plain']);
    expect(issues.map((entry) => entry.message)).toEqual([
      'flows[2].steps[0].modal: expected true or false, got "true"',
      'flows[3].steps[0].spotlight: expected true, false or a spotlight object, got "yes"',
      'flows[4].steps[0].spotlight.clikThrough: unknown key — did you mean "clickThrough"?',
      'flows[4].steps[0].spotlight.padding: expected a number of pixels ≥ 0, got -4',
    ]);
  });

  it("places a banner at the top or bottom, and names a position it doesn't know", () => {
    const banner = (id: string, position: unknown) => ({
      id,
      type: 'announcement',
      display: 'banner',
      position,
      body: 'Trial ends soon',
    });
    const { document, issues } = validateDocument({
      version: 1,
      flows: [banner('bottom', 'bottom'), banner('top', 'top'), banner('side', 'botom')],
    });
    expect(document?.flows.map((flow) => flow.id)).toEqual(['bottom', 'top']);
    expect(issues.map((entry) => entry.message)).toEqual([
      'flows[2].position: expected one of top, bottom, got "botom" — did you mean "bottom"?',
    ]);
  });

  it('never throws on garbage, and always returns issues for it', () => {
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic.flows = [cyclic];
    const odd: unknown[] = [
      null,
      undefined,
      0,
      Number.NaN,
      -1,
      true,
      '',
      '{"version":1}',
      [],
      [validDocument],
      () => validDocument,
      Symbol('doc'),
      10n,
      new Date(),
      Object.create(null),
      { version: '1', flows: [] },
      { version: 1, flows: null },
      { version: 1, flows: 'all of them' },
      { version: 1, milestones: 7, flows: [] },
      { version: 1, flows: [null, 1, 'x', [], {}, { type: 'tour' }, { id: 1, type: 'hint' }] },
      { version: 1, flows: [{ id: 'a', type: 'tour', steps: [null, [], 3, { id: Symbol('s') }] }] },
      {
        version: 1,
        flows: [{ id: 'a', type: 'tour', steps: [{ id: 'b', title: [], body: null }] }],
      },
      {
        version: 1,
        flows: [{ id: 'a', type: 'tour', steps: [{ id: 'b', title: { en: { ja: 1 } } }] }],
      },
      {
        version: 1,
        flows: [
          { id: 'a', type: Symbol('tour') },
          { id: 10n, type: 'hint', target: 1 },
        ],
      },
      { version: 1, flows: [Object.create(null)], milestones: [Object.create(null)] },
      cyclic,
    ];
    for (const input of odd) {
      let result: ReturnType<typeof validateDocument> | undefined;
      expect(
        () => {
          result = validateDocument(input);
        },
        String(typeof input),
      ).not.toThrow();
      expect(result!.issues.length, `issues for ${String(typeof input)}`).toBeGreaterThan(0);
      for (const entry of result!.issues) {
        expect(typeof entry.path).toBe('string');
        expect(entry.message).toContain(entry.path);
      }
    }
  });
});
