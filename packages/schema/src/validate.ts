import type { DocumentIssue, Flow, FlowsDocument, Milestone } from './types.ts';

export interface ValidationResult {
  /** The document with every invalid flow and milestone removed; null when unusable. */
  document: FlowsDocument | null;
  issues: DocumentIssue[];
}

const FLOW_TYPES = ['tour', 'checklist', 'hint', 'announcement'];
const SUPPORTED_VERSION = 1;

type Check = (value: unknown, path: string, issues: DocumentIssue[]) => void;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : String(value);
}

function issue(issues: DocumentIssue[], code: string, path: string, message: string): void {
  issues.push({ code, path, message: `${path}: ${message}` });
}

const nonEmptyString: Check = (value, path, issues) => {
  if (typeof value !== 'string' || value.trim() === '') {
    issue(issues, 'invalid_type', path, `expected a non-empty string, got ${describe(value)}`);
  }
};

const optional =
  (check: Check): Check =>
  (value, path, issues) => {
    if (value !== undefined) check(value, path, issues);
  };

const text: Check = (value, path, issues) => {
  if (typeof value === 'string') return;
  if (!isObject(value) || Object.keys(value).length === 0) {
    issue(
      issues,
      'invalid_type',
      path,
      `expected a string or a { locale: string } map, got ${describe(value)}`,
    );
    return;
  }
  for (const [locale, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      issue(
        issues,
        'invalid_type',
        `${path}.${locale}`,
        `expected a string, got ${describe(entry)}`,
      );
    }
  }
};

const oneOf =
  (values: readonly string[]): Check =>
  (value, path, issues) => {
    if (typeof value !== 'string' || !values.includes(value)) {
      issue(
        issues,
        'invalid_value',
        path,
        `expected one of ${values.join(', ')}, got ${describe(value)}`,
      );
    }
  };

const nonNegativeNumber: Check = (value, path, issues) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    issue(
      issues,
      'invalid_type',
      path,
      `expected a number of milliseconds ≥ 0, got ${describe(value)}`,
    );
  }
};

const trigger: Check = (value, path, issues) => {
  if (!isObject(value)) {
    issue(issues, 'invalid_type', path, `expected an object, got ${describe(value)}`);
    return;
  }
  checkFields(
    value,
    path,
    { url: optional(nonEmptyString), event: optional(nonEmptyString) },
    issues,
  );
};

const selector: Check = (value, path, issues) => {
  if (typeof value !== 'string' || value.trim() === '') {
    issue(issues, 'invalid_selector', path, `expected a CSS selector, got ${describe(value)}`);
  }
};

function checkFields(
  value: Record<string, unknown>,
  path: string,
  fields: Record<string, Check>,
  issues: DocumentIssue[],
): void {
  for (const [key, check] of Object.entries(fields)) check(value[key], `${path}.${key}`, issues);
}

function checkFlow(flow: unknown, path: string, issues: DocumentIssue[]): void {
  if (!isObject(flow)) {
    issue(issues, 'invalid_type', path, `expected a flow object, got ${describe(flow)}`);
    return;
  }
  nonEmptyString(flow.id, `${path}.id`, issues);
  checkFields(
    flow,
    path,
    { frequency: optional(oneOf(['once', 'session', 'always'])), trigger: optional(trigger) },
    issues,
  );
  if (typeof flow.type !== 'string' || !FLOW_TYPES.includes(flow.type)) {
    issue(
      issues,
      'invalid_value',
      `${path}.type`,
      `expected one of ${FLOW_TYPES.join(', ')}, got ${describe(flow.type)}`,
    );
    return;
  }
  if (flow.type === 'tour') {
    if (!Array.isArray(flow.steps) || flow.steps.length === 0) {
      issue(
        issues,
        'invalid_type',
        `${path}.steps`,
        `expected a non-empty array of steps, got ${describe(flow.steps)}`,
      );
      return;
    }
    flow.steps.forEach((step, index) => {
      const stepPath = `${path}.steps[${index}]`;
      if (!isObject(step)) {
        issue(issues, 'invalid_type', stepPath, `expected a step object, got ${describe(step)}`);
        return;
      }
      checkFields(
        step,
        stepPath,
        {
          id: nonEmptyString,
          target: optional(selector),
          title: optional(text),
          body: optional(text),
          waitMs: optional(nonNegativeNumber),
          fallback: optional(oneOf(['skip', 'center'])),
        },
        issues,
      );
    });
  } else if (flow.type === 'checklist') {
    if (!Array.isArray(flow.items)) {
      issue(
        issues,
        'invalid_type',
        `${path}.items`,
        `expected an array of items, got ${describe(flow.items)}`,
      );
    }
  } else if (flow.type === 'hint') {
    selector(flow.target, `${path}.target`, issues);
  } else if (flow.type === 'announcement') {
    oneOf(['modal', 'banner'])(flow.display, `${path}.display`, issues);
  }
}

function checkMilestone(milestone: unknown, path: string, issues: DocumentIssue[]): void {
  if (!isObject(milestone)) {
    issue(issues, 'invalid_type', path, `expected a milestone object, got ${describe(milestone)}`);
    return;
  }
  checkFields(milestone, path, { id: nonEmptyString, title: optional(text) }, issues);
}

/**
 * Validates a flows document. Never throws: every problem is returned with
 * its path, and invalid flows are dropped one by one so the valid ones run.
 */
export function validateDocument(input: unknown): ValidationResult {
  const issues: DocumentIssue[] = [];
  if (!isObject(input)) {
    issue(issues, 'invalid_type', '$', `expected a flows document object, got ${describe(input)}`);
    return { document: null, issues };
  }
  if (input.version !== SUPPORTED_VERSION) {
    issue(
      issues,
      'unsupported_version',
      'version',
      `expected ${SUPPORTED_VERSION}, got ${describe(input.version)}`,
    );
    return { document: null, issues };
  }
  const keep = <T>(list: unknown, name: string, check: Check): T[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      issue(issues, 'invalid_type', name, `expected an array, got ${describe(list)}`);
      return [];
    }
    return list.filter((entry, index) => {
      const before = issues.length;
      check(entry, `${name}[${index}]`, issues);
      return issues.length === before;
    }) as T[];
  };
  const milestones =
    input.milestones === undefined
      ? undefined
      : keep<Milestone>(input.milestones, 'milestones', checkMilestone);
  const document = {
    ...input,
    version: SUPPORTED_VERSION,
    flows: keep<Flow>(input.flows, 'flows', checkFlow),
  } as FlowsDocument;
  if (milestones) document.milestones = milestones;
  optional(nonEmptyString)(input.defaultLocale, 'defaultLocale', issues);
  if (typeof input.defaultLocale !== 'string') delete document.defaultLocale;
  return { document, issues };
}
