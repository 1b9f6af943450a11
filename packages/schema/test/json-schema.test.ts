// @vitest-environment node
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FIELD_DOCS } from '../src/field-docs.ts';
import { validateDocument } from '../src/index.ts';
import { createJsonSchema, fieldPaths } from '../src/json-schema.ts';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemaCheck = ajv.compile(createJsonSchema());

const example = JSON.parse(read('examples/saas-demo/tebiki.json'));
const tour = (step: Record<string, unknown>) => ({
  version: 1,
  flows: [{ id: 't', type: 'tour', steps: [{ id: 's', ...step }] }],
});

describe('the published JSON Schema', () => {
  it('is the committed packages/tebiki/schema.json (run `pnpm schema` after changing the checks)', () => {
    expect(JSON.parse(read('packages/tebiki/schema.json'))).toEqual(createJsonSchema());
  });

  it('accepts the example document the SDK accepts', () => {
    expect(validateDocument(example).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(schemaCheck(example)).toBe(true);
  });

  it.each([
    ['an empty target', tour({ target: '' })],
    ['an unknown placement', tour({ placement: 'middle' })],
    ['a negative waitMs', tour({ waitMs: -1 })],
    ['an unknown flow type', { version: 1, flows: [{ id: 'x', type: 'popup' }] }],
    ['an announcement without display', { version: 1, flows: [{ id: 'a', type: 'announcement' }] }],
    ['version 2', { version: 2, flows: [] }],
    ['a text map with a number', tour({ title: { en: 3 } })],
  ])('rejects %s, as the SDK does', (_name, document) => {
    expect(validateDocument(document).issues.some((i) => i.severity === 'error')).toBe(true);
    expect(schemaCheck(document)).toBe(false);
  });

  it('flags unknown keys for editors, which the SDK warns about', () => {
    const document = tour({ placment: 'top' });
    expect(validateDocument(document).issues.map((i) => i.severity)).toEqual(['warning']);
    expect(schemaCheck(document)).toBe(false);
  });

  it('describes every field, for editors’ hover text', () => {
    expect(fieldPaths().filter((path) => !FIELD_DOCS[path])).toEqual([]);
    expect(Object.keys(FIELD_DOCS).filter((path) => !fieldPaths().includes(path))).toEqual([]);
  });
});

describe('docs/flows.md', () => {
  const reference = read('docs/flows.md');
  // Rows of the tables whose header is `| field | type | meaning |`.
  const documented = new Set(
    reference
      .split(/\n\s*\n/)
      .filter((block) => block.startsWith('| field |'))
      .flatMap((block) => [...block.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((match) => match[1])),
  );

  it('documents every field of the schema in its reference tables', () => {
    expect(fieldPaths().filter((path) => !documented.has(path))).toEqual([]);
  });

  it('documents no field the schema does not have', () => {
    expect([...documented].filter((path) => !fieldPaths().includes(path!))).toEqual([]);
  });
});
