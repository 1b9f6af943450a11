import { selectorProblem } from './selector.ts';
import { suggest } from './suggest.ts';
import type { DocumentIssue, FlowsDocument } from './types.ts';

export interface ValidationResult {
  /** The document with every invalid flow and milestone removed; null when unusable. */
  document: FlowsDocument | null;
  issues: DocumentIssue[];
}

export const SUPPORTED_VERSION = 1;
export const FLOW_TYPES = ['tour', 'checklist', 'hint', 'announcement'] as const;
export const PLACEMENTS = [
  'top',
  'bottom',
  'left',
  'right',
  'top-start',
  'top-end',
  'bottom-start',
  'bottom-end',
  'left-start',
  'left-end',
  'right-start',
  'right-end',
  'center',
] as const;

type Issues = DocumentIssue[];
/** A JSON Schema fragment (draft 2020-12). */
export type JsonSchema = { [keyword: string]: unknown };
/**
 * One check of the document's shape. Each carries the JSON Schema fragment it
 * enforces, so the published `schema.json` is generated from these same checks.
 */
export type Check = ((value: unknown, path: string, issues: Issues) => void) & {
  schema: JsonSchema;
  optional?: true;
};
type Fields = Record<string, Check>;

/**
 * Whether the checks carry their JSON Schema fragments. The browser bundles are
 * built with `globalThis.__TEBIKI_SCHEMA__` defined false: the SDK validates
 * documents but never writes their schema, so the fragments are left out of
 * what pages load. `tebiki validate`, schema.json and the tests keep them.
 */
const withSchema = (globalThis as { __TEBIKI_SCHEMA__?: boolean }).__TEBIKI_SCHEMA__ !== false;

const check = (
  fn: (value: unknown, path: string, issues: Issues) => void,
  schema: JsonSchema | false,
) => Object.assign(fn, { schema: schema || {} }) as Check;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value === 'object' ? 'an object' : String(value);
}

function error(issues: Issues, code: string, path: string, message: string): void {
  issues.push({ code, severity: 'error', path, message: `${path}: ${message}` });
}

function warning(issues: Issues, code: string, path: string, message: string): void {
  issues.push({ code, severity: 'warning', path, message: `${path}: ${message}` });
}

const keyPath = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

// ── Leaf checks ─────────────────────────────────────────────────────────────

const nonEmptyString = check((value, path, issues) => {
  if (typeof value !== 'string' || value.trim() === '') {
    error(issues, 'invalid_type', path, `expected a non-empty string, got ${describe(value)}`);
  }
}, withSchema && { type: 'string', minLength: 1, pattern: '\\S' });

const optional = (inner: Check): Check =>
  Object.assign(
    check((value, path, issues) => {
      if (value !== undefined) inner(value, path, issues);
    }, inner.schema),
    { optional: true as const },
  );

const oneOf = (values: readonly string[]): Check =>
  check(
    (value, path, issues) => {
      if (typeof value !== 'string' || !values.includes(value)) {
        const hint = typeof value === 'string' ? suggest(value, values) : undefined;
        const mean = hint ? ` — did you mean "${hint}"?` : '';
        error(
          issues,
          'invalid_value',
          path,
          `expected one of ${values.join(', ')}, got ${describe(value)}${mean}`,
        );
      }
    },
    withSchema && { enum: [...values] },
  );

const boolean = check((value, path, issues) => {
  if (typeof value !== 'boolean') {
    error(issues, 'invalid_type', path, `expected true or false, got ${describe(value)}`);
  }
}, withSchema && { type: 'boolean' });

const finiteNumber = check((value, path, issues) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    error(issues, 'invalid_type', path, `expected a number, got ${describe(value)}`);
  }
}, withSchema && { type: 'number' });

/** A number ≥ 0 of `unit`. */
const amount = (unit: string): Check =>
  check((value, path, issues) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      error(
        issues,
        'invalid_type',
        path,
        `expected a number of ${unit} ≥ 0, got ${describe(value)}`,
      );
    }
  }, withSchema && { type: 'number', minimum: 0 });
const milliseconds = amount('milliseconds');
const pixels = amount('pixels');

const selector = check((value, path, issues) => {
  if (typeof value !== 'string' || value.trim() === '') {
    error(issues, 'invalid_selector', path, `expected a CSS selector, got ${describe(value)}`);
    return;
  }
  const problem = selectorProblem(value);
  if (problem)
    error(issues, 'invalid_selector', path, `the CSS selector ${describe(value)} ${problem}`);
}, withSchema && { type: 'string', minLength: 1, pattern: '\\S' });

const text = check(
  (value, path, issues) => {
    if (typeof value === 'string') return;
    if (!isObject(value) || Object.keys(value).length === 0) {
      error(
        issues,
        'invalid_type',
        path,
        `expected a string or a { locale: string } map, got ${describe(value)}`,
      );
      return;
    }
    for (const [locale, entry] of Object.entries(value)) {
      if (typeof entry !== 'string') {
        error(
          issues,
          'invalid_type',
          keyPath(path, locale),
          `expected a string, got ${describe(entry)}`,
        );
      }
    }
  },
  withSchema && {
    anyOf: [
      { type: 'string' },
      { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } },
    ],
  },
);

/** An object whose keys are all known: unknown ones are warned about with a suggestion. */
/**
 * An object whose keys are all known. Unknown keys are warned about with a
 * suggestion, or are errors where guessing would change who sees a flow.
 */
const object = (
  fields: Fields,
  what: string,
  extra: JsonSchema = {},
  unknownKeys: 'warn' | 'error' = 'warn',
): Check =>
  check(
    (value, path, issues) => {
      if (!isObject(value)) {
        error(issues, 'invalid_type', path, `expected ${what}, got ${describe(value)}`);
        return;
      }
      const known = Object.keys(fields);
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(fields, key)) continue;
        const hint = suggest(key, known);
        const report = unknownKeys === 'error' ? error : warning;
        report(
          issues,
          'unknown_key',
          keyPath(path, key),
          hint ? `unknown key — did you mean "${hint}"?` : `unknown key, ignored`,
        );
      }
      for (const key of known) fields[key]!(value[key], keyPath(path, key), issues);
    },
    withSchema && {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(fields).map(([key, field]) => [key, field.schema]),
      ),
      required: Object.keys(fields).filter((key) => !fields[key]!.optional),
      ...extra,
    },
  );

const arrayOf = (item: Check, { nonEmpty = false } = {}): Check =>
  check(
    (value, path, issues) => {
      if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
        const what = nonEmpty ? 'a non-empty array' : 'an array';
        error(issues, 'invalid_type', path, `expected ${what}, got ${describe(value)}`);
        return;
      }
      for (const [index, entry] of value.entries()) item(entry, `${path}[${index}]`, issues);
    },
    withSchema && { type: 'array', items: item.schema, ...(nonEmpty ? { minItems: 1 } : {}) },
  );

// ── The document's shape ────────────────────────────────────────────────────

const trigger = object(
  {
    url: optional(nonEmptyString),
    event: optional(nonEmptyString),
    element: optional(selector),
    delayMs: optional(milliseconds),
  },
  'a trigger object',
);

const scalar = check(
  (value, path, issues) => {
    const ok = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (!ok)
      error(
        issues,
        'invalid_type',
        path,
        `expected a string, number, boolean or null, got ${describe(value)}`,
      );
  },
  withSchema && { type: ['string', 'number', 'boolean', 'null'] },
);

const numberOrDate = check(
  (value, path, issues) => {
    if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) {
      error(issues, 'invalid_type', path, `expected a number or a date, got ${describe(value)}`);
    }
  },
  withSchema && { type: ['number', 'string'] },
);

/** A trait rule: a value (equals), or operators that must all hold. */
const operators = object(
  {
    eq: optional(scalar),
    ne: optional(scalar),
    in: optional(arrayOf(scalar)),
    nin: optional(arrayOf(scalar)),
    gt: optional(numberOrDate),
    gte: optional(numberOrDate),
    lt: optional(numberOrDate),
    lte: optional(numberOrDate),
    exists: optional(boolean),
    before: optional(numberOrDate),
    after: optional(numberOrDate),
  },
  'a condition',
  {},
  'error',
);

const condition = check(
  (value, path, issues) => (isObject(value) ? operators : scalar)(value, path, issues),
  withSchema && { anyOf: [scalar.schema, operators.schema] },
);

const rules = check((value, path, issues) => {
  if (!isObject(value)) {
    error(
      issues,
      'invalid_type',
      path,
      `expected an object of trait rules, got ${describe(value)}`,
    );
    return;
  }
  for (const [key, rule] of Object.entries(value)) condition(rule, keyPath(path, key), issues);
}, withSchema && { type: 'object', additionalProperties: condition.schema });

const TOUCH_TIERS = ['high', 'low', 'tech'];
const touch = check(
  (value, path, issues) => {
    const tiers = Array.isArray(value) ? value : [value];
    if (tiers.length === 0) error(issues, 'invalid_type', path, 'expected at least one touch tier');
    for (const [index, tier] of tiers.entries()) {
      oneOf(TOUCH_TIERS)(tier, Array.isArray(value) ? `${path}[${index}]` : path, issues);
    }
  },
  withSchema && {
    anyOf: [{ enum: TOUCH_TIERS }, { type: 'array', items: { enum: TOUCH_TIERS }, minItems: 1 }],
  },
);

const spotlightShape = object(
  { padding: optional(pixels), radius: optional(pixels), clickThrough: optional(boolean) },
  'true, false or a spotlight object',
);
const spotlight = check(
  (value, path, issues) => {
    if (typeof value !== 'boolean') spotlightShape(value, path, issues);
  },
  withSchema && { oneOf: [{ type: 'boolean' }, spotlightShape.schema] },
);

const step = object(
  {
    id: nonEmptyString,
    target: optional(selector),
    placement: optional(oneOf(PLACEMENTS)),
    title: optional(text),
    body: optional(text),
    advanceOn: optional(
      object({ click: optional(selector), event: optional(nonEmptyString) }, 'an advanceOn object'),
    ),
    milestone: optional(nonEmptyString),
    waitMs: optional(milliseconds),
    fallback: optional(oneOf(['skip', 'center'])),
    url: optional(nonEmptyString),
    modal: optional(boolean),
    spotlight: optional(spotlight),
  },
  'a step object',
);

const flowBase: Fields = {
  id: nonEmptyString,
  type: oneOf(FLOW_TYPES),
  trigger: optional(trigger),
  frequency: optional(oneOf(['once', 'session', 'always'])),
  priority: optional(finiteNumber),
  // Audience rules are evaluated by the engine, which reports what it cannot use.
  audience: optional(
    object(
      { traits: optional(rules), account: optional(rules), touch: optional(touch) },
      'an audience object',
    ),
  ),
};

type FlowType = (typeof FLOW_TYPES)[number];
const flowFields = (type: FlowType, fields: Fields): Fields => ({
  ...flowBase,
  type: oneOf([type]),
  ...fields,
});

const flowShapes: Record<FlowType, Check> = {
  tour: object(flowFields('tour', { steps: arrayOf(step, { nonEmpty: true }) }), 'a flow object'),
  checklist: object(
    flowFields('checklist', {
      title: optional(text),
      items: arrayOf(
        object(
          { milestone: nonEmptyString, flow: optional(nonEmptyString), title: optional(text) },
          'a checklist item object',
        ),
        { nonEmpty: true },
      ),
    }),
    'a flow object',
  ),
  hint: object(
    flowFields('hint', {
      target: selector,
      placement: optional(oneOf(PLACEMENTS)),
      title: optional(text),
      body: optional(text),
    }),
    'a flow object',
  ),
  announcement: object(
    flowFields('announcement', {
      display: oneOf(['modal', 'banner']),
      position: optional(oneOf(['top', 'bottom'])),
      title: optional(text),
      body: optional(text),
    }),
    'a flow object',
  ),
};

const flow = check(
  (value, path, issues) => {
    if (isObject(value) && FLOW_TYPES.includes(value.type as never)) {
      flowShapes[value.type as FlowType](value, path, issues);
    } else if (isObject(value)) {
      nonEmptyString(value.id, `${path}.id`, issues);
      oneOf(FLOW_TYPES)(value.type, `${path}.type`, issues);
    } else {
      error(issues, 'invalid_type', path, `expected a flow object, got ${describe(value)}`);
    }
  },
  withSchema && { oneOf: FLOW_TYPES.map((type) => flowShapes[type].schema) },
);

const milestone = object(
  {
    id: nonEmptyString,
    title: optional(text),
    aha: optional(boolean),
    when: optional(
      object(
        {
          event: optional(nonEmptyString),
          url: optional(nonEmptyString),
          click: optional(selector),
        },
        'a when object',
      ),
    ),
  },
  'a milestone object',
);

// version, milestones and flows are checked one entry at a time below, so
// that one bad flow does not take the whole document down with it.
const handledBelow = (schema: JsonSchema | false) => check(() => {}, schema);
const topLevel: Fields = {
  $schema: optional(nonEmptyString),
  version: handledBelow(withSchema && { const: SUPPORTED_VERSION }),
  defaultLocale: optional(nonEmptyString),
  milestones: optional(handledBelow(withSchema && arrayOf(milestone).schema)),
  flows: optional(handledBelow(withSchema && arrayOf(flow).schema)),
};

/** The JSON Schema of a flows document, generated from the checks above. */
export const documentShape: Check = object(topLevel, 'a flows document');

// ── Checks across the document ──────────────────────────────────────────────

type Entry = { value: Record<string, unknown>; path: string };

/** Keeps the entries of `list` that have no error of their own. */
function keepValid(list: unknown, name: string, check: Check, issues: Issues): Entry[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    error(issues, 'invalid_type', name, `expected an array, got ${describe(list)}`);
    return [];
  }
  const kept: Entry[] = [];
  list.forEach((value, index) => {
    const path = `${name}[${index}]`;
    const own: Issues = [];
    check(value, path, own);
    issues.push(...own);
    if (!own.some((entry) => entry.severity === 'error'))
      kept.push({ value: value as never, path });
  });
  return kept;
}

/** Drops entries whose id repeats an earlier one's. */
function dedupe(entries: Entry[], issues: Issues): Entry[] {
  const seen = new Map<unknown, string>();
  return entries.filter(({ value, path }) => {
    const first = seen.get(value.id);
    if (first === undefined) {
      seen.set(value.id, path);
      return true;
    }
    error(
      issues,
      'duplicate_id',
      `${path}.id`,
      `duplicate id "${String(value.id)}", first used at ${first}`,
    );
    return false;
  });
}

/** Errors for a flow that points at milestones or flows the document does not define. */
function referenceProblems(
  entry: Entry,
  milestoneIds: Set<unknown>,
  flowIds: Set<unknown>,
): Issues {
  const issues: Issues = [];
  const { value, path } = entry;
  const missing = (kind: string, id: unknown, at: string) =>
    error(issues, 'unknown_reference', at, `no ${kind} with id ${describe(id)} in this document`);
  if (value.type === 'tour') {
    const stepIds = new Map<unknown, number>();
    (value.steps as Record<string, unknown>[]).forEach((s, index) => {
      const at = `${path}.steps[${index}]`;
      if (stepIds.has(s.id)) {
        error(
          issues,
          'duplicate_id',
          `${at}.id`,
          `duplicate step id "${String(s.id)}", first used at ${path}.steps[${stepIds.get(s.id)}]`,
        );
      } else stepIds.set(s.id, index);
      if (s.milestone !== undefined && !milestoneIds.has(s.milestone)) {
        missing('milestone', s.milestone, `${at}.milestone`);
      }
    });
  }
  if (value.type === 'checklist') {
    (value.items as Record<string, unknown>[]).forEach((item, index) => {
      const at = `${path}.items[${index}]`;
      if (!milestoneIds.has(item.milestone))
        missing('milestone', item.milestone, `${at}.milestone`);
      if (item.flow !== undefined && !flowIds.has(item.flow))
        missing('flow', item.flow, `${at}.flow`);
    });
  }
  return issues;
}

/** Warns where a text map lacks a locale that other texts of the document have. */
function localeCoverage(entries: Entry[], issues: Issues): void {
  const maps: { path: string; locales: string[] }[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (depth > 8 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, `${path}[${index}]`, depth + 1);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const at = keyPath(path, key);
      if ((key === 'title' || key === 'body') && isObject(child)) {
        maps.push({ path: at, locales: Object.keys(child) });
      } else walk(child, at, depth + 1);
    }
  };
  for (const { value, path } of entries) walk(value, path, 0);
  const all = new Set(maps.flatMap((map) => map.locales));
  for (const { path, locales } of maps) {
    const absent = [...all].filter((locale) => !locales.includes(locale));
    if (absent.length > 0) {
      warning(
        issues,
        'missing_locale',
        path,
        `no ${absent.map((l) => `"${l}"`).join(', ')} text, though other texts have it; ${locales[0]} is shown instead`,
      );
    }
  }
}

/**
 * Validates a flows document. Never throws: every problem is returned with
 * its path, and invalid flows are dropped one by one so the valid ones run.
 */
export function validateDocument(input: unknown): ValidationResult {
  const issues: Issues = [];
  if (!isObject(input)) {
    error(issues, 'invalid_type', '$', `expected a flows document object, got ${describe(input)}`);
    return { document: null, issues };
  }
  if (input.version !== SUPPORTED_VERSION) {
    error(
      issues,
      'unsupported_version',
      'version',
      `expected ${SUPPORTED_VERSION} (the version this SDK understands), got ${describe(input.version)}`,
    );
    return { document: null, issues };
  }
  documentShape(input, '$', issues);
  for (const entry of issues) {
    entry.path = entry.path.replace(/^\$\.?/, '');
    entry.message = entry.message.replace(/^\$\.?/, '');
  }
  const milestones = dedupe(keepValid(input.milestones, 'milestones', milestone, issues), issues);
  let flows = dedupe(keepValid(input.flows, 'flows', flow, issues), issues);
  const milestoneIds = new Set(milestones.map(({ value }) => value.id));
  const flowIds = new Set(flows.map(({ value }) => value.id));
  flows = flows.filter((entry) => {
    const problems = referenceProblems(entry, milestoneIds, flowIds);
    issues.push(...problems);
    return problems.length === 0;
  });
  localeCoverage([...milestones, ...flows], issues);

  const document = { ...input, flows: flows.map(({ value }) => value) } as unknown as FlowsDocument;
  if (input.milestones !== undefined) {
    document.milestones = milestones.map(({ value }) => value) as never;
  }
  if (typeof input.defaultLocale !== 'string') delete document.defaultLocale;
  return { document, issues };
}
