import { describe, expect, it } from 'vitest';
import { validateDocument } from '../src/index.ts';
import { parseJsonWithPositions } from '../src/json-source.ts';

const firstError = (text: string) => {
  const { value, errors } = parseJsonWithPositions(text);
  expect(value).toBeUndefined();
  expect(errors).toHaveLength(1);
  const [error] = errors;
  return { line: error?.line, column: error?.column, message: error?.message, code: error?.code };
};

describe('parseJsonWithPositions: values and positions', () => {
  const text = [
    '{', //                                                     line 1
    '  "version": 1,', //                                       line 2
    '  "flows": [', //                                          line 3
    '    {', //                                                 line 4
    '      "id": "welcome",', //                                line 5
    '      "steps": [{ "id": "new", "target": "#new" }]', //    line 6
    '    }', //                                                 line 7
    '  ]', //                                                   line 8
    '}', //                                                     line 9
  ].join('\n');

  it('returns the same value as JSON.parse', () => {
    const { value, errors } = parseJsonWithPositions(text);
    expect(errors).toEqual([]);
    expect(value).toEqual(JSON.parse(text));
  });

  it('records where every value starts, and where its property name starts', () => {
    const { pointers } = parseJsonWithPositions(text);
    expect(pointers.get('$')).toEqual({ line: 1, column: 1 });
    expect(pointers.get('version')).toEqual({ line: 2, column: 14, key: { line: 2, column: 3 } });
    expect(pointers.get('flows')).toMatchObject({ line: 3, column: 12 });
    expect(pointers.get('flows[0]')).toEqual({ line: 4, column: 5 });
    expect(pointers.get('flows[0].id')).toMatchObject({ line: 5, column: 13 });
    expect(pointers.get('flows[0].steps[0]')).toEqual({ line: 6, column: 17 });
    expect(pointers.get('flows[0].steps[0].target')).toEqual({
      line: 6,
      column: 42,
      key: { line: 6, column: 32 },
    });
  });

  it('uses the path notation of validateDocument, so its issues can be located', () => {
    const source = parseJsonWithPositions(
      '{ "version": 1, "flows": [{ "id": "h", "type": "hint", "target": "" }] }',
    );
    const { issues } = validateDocument(source.value);
    const selectorIssue = issues.find((issue) => issue.code === 'invalid_selector');
    expect(selectorIssue?.path).toBe('flows[0].target');
    expect(source.pointers.get(selectorIssue?.path ?? '')).toMatchObject({ line: 1, column: 66 });
  });

  it('decodes every escape and keeps numbers exact', () => {
    const samples = [
      '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 手引き"',
      '[0, -0, 1.5, -2e10, 3E-2, 1e+2, 123456789012345678901234567890]',
      '{"": "", "a b": [true, false, null, {}, []]}',
    ];
    for (const sample of samples) {
      expect(parseJsonWithPositions(sample)).toMatchObject({
        value: JSON.parse(sample),
        errors: [],
      });
    }
  });

  it('ignores a byte-order mark and counts CRLF as one line break', () => {
    const { value, pointers, errors } = parseJsonWithPositions(
      '\uFEFF{\r\n  "version": 1,\r\n  "flows": []\r\n}\r\n',
    );
    expect(errors).toEqual([]);
    expect(value).toEqual({ version: 1, flows: [] });
    expect(pointers.get('$')).toEqual({ line: 1, column: 1 });
    expect(pointers.get('version')).toMatchObject({ line: 2, column: 14 });
    expect(pointers.get('flows')).toMatchObject({ line: 3, column: 12 });
  });

  it('parses a large document like JSON.parse does', () => {
    const big = JSON.stringify(
      {
        version: 1,
        flows: Array.from({ length: 20_000 }, (_, index) => ({
          id: `flow-${index}`,
          type: 'hint',
          target: `#t${index}`,
          body: { ja: 'ここ', en: 'Here' },
        })),
      },
      null,
      2,
    );
    const { value, pointers, errors } = parseJsonWithPositions(big);
    expect(errors).toEqual([]);
    expect(value).toEqual(JSON.parse(big));
    expect(pointers.get('flows[19999].body.en')).toMatchObject({ column: 15 });
  });
});

describe('parseJsonWithPositions: duplicate keys', () => {
  it('reports a duplicate key with the path and both lines, and keeps the last value', () => {
    const text = [
      '{',
      '  "version": 1,',
      '  "flows": [',
      '    {',
      '      "id": "welcome",',
      '      "type": "tour",',
      '',
      '      "id": "welcome-2"',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const { value, errors } = parseJsonWithPositions(text);
    expect(errors).toEqual([
      {
        code: 'duplicate_key',
        path: 'flows[0]',
        message: 'flows[0]: duplicate key "id" (lines 5 and 8)',
        line: 8,
        column: 7,
      },
    ]);
    expect(value).toEqual({ version: 1, flows: [{ id: 'welcome-2', type: 'tour' }] });
  });

  it('reports duplicates at the root with the $ path', () => {
    expect(parseJsonWithPositions('{"version": 1, "version": 2}').errors[0]?.message).toBe(
      '$: duplicate key "version" (both on line 1)',
    );
  });
});

describe('parseJsonWithPositions: syntax errors', () => {
  it('points at the property after a missing comma', () => {
    expect(firstError('{\n  "id": "a"\n  "type": "hint"\n}')).toEqual({
      code: 'invalid_json',
      line: 3,
      column: 3,
      message: '$: expected "," or "}" after a property value: is a comma missing?',
    });
    expect(firstError('{"list": [1\n 2]}')).toMatchObject({
      line: 2,
      column: 2,
      message: 'list: expected "," or "]" after an array element: is a comma missing?',
    });
  });

  it('points at a trailing comma', () => {
    expect(firstError('{\n  "flows": [1, 2,],\n  "version": 1\n}')).toMatchObject({
      line: 2,
      column: 17,
      message: 'flows: trailing comma before "]": JSON does not allow trailing commas',
    });
    expect(firstError('{ "version": 1, }')).toMatchObject({
      line: 1,
      column: 15,
      message: '$: trailing comma before "}": JSON does not allow trailing commas',
    });
  });

  it('rejects comments with a clear message', () => {
    expect(firstError('{\n  // the welcome tour\n  "version": 1\n}')).toMatchObject({
      line: 2,
      column: 3,
      message: '$: comments are not allowed in JSON',
    });
    expect(firstError('{ "version": /* one */ 1 }')).toMatchObject({
      column: 14,
      message: 'version: comments are not allowed in JSON',
    });
    expect(firstError('{}\n/* trailing */')).toMatchObject({ line: 2, column: 1 });
  });

  it('reports an unterminated string where it starts', () => {
    expect(firstError('{\n  "title": "Start here,\n  "body": "x"\n}')).toMatchObject({
      line: 2,
      column: 12,
      message: 'title: unterminated string: a string must end with " on the line where it starts',
    });
    expect(firstError('"abc')).toMatchObject({ line: 1, column: 1 });
  });

  it('says when the input is not JSON at all', () => {
    expect(firstError('<html>\n<body>Not found</body>\n</html>')).toMatchObject({
      line: 1,
      column: 1,
      message: '$: this is not JSON: it starts with "<" (an HTML or XML page?)',
    });
    expect(firstError('')).toMatchObject({
      message: '$: unexpected end of input: the file is empty',
    });
    expect(firstError('version: 1')).toMatchObject({
      message: '$: unexpected "version": text must be in double quotes',
    });
  });

  it('explains the usual hand-editing mistakes', () => {
    expect(firstError("{'id': 1}").message).toBe(
      '$: strings must use double quotes ("), not single quotes',
    );
    expect(firstError('{id: 1}').message).toBe('$: property names must be double-quoted strings');
    expect(firstError('{"aha": True}').message).toBe(
      'aha: JSON literals are lowercase: write true, not True',
    );
    expect(firstError('{"body": “Hi”}').message).toBe(
      'body: typographic quotes (“ ”) found: use straight double quotes (")',
    );
    expect(firstError('{"waitMs": 0300}').message).toBe(
      'waitMs: numbers cannot have leading zeros',
    );
    expect(firstError('{"version": 1}}')).toMatchObject({
      column: 15,
      message: '$: unexpected "}" after the end of the document',
    });
    expect(firstError('{\n  "flows": [\n    {\n      "id": "a"\n')).toMatchObject({
      message: 'flows[0]: unexpected end of input: the object opened on line 3 is never closed',
    });
  });

  it('never throws, and agrees with JSON.parse on what is valid', () => {
    // Deterministic mutations of a valid document: drop, duplicate or replace one character.
    const base =
      '{"version": 1, "flows": [{"id": "a\\n", "n": -1.5e3, "ok": [true, false, null]}]}';
    const alphabet = '{}[]",:.-+e0123456789 \n\\/ntfalsu\'x';
    let seed = 42;
    const random = (limit: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % limit;
    };
    for (let round = 0; round < 3000; round++) {
      const at = random(base.length);
      const char = alphabet[random(alphabet.length)] ?? '';
      const variant = [
        base.slice(0, at) + base.slice(at + 1),
        base.slice(0, at) + char + base.slice(at),
        base.slice(0, at) + char + base.slice(at + 1),
      ][round % 3] as string;
      let expected: unknown;
      try {
        expected = JSON.parse(variant);
      } catch {
        expected = undefined;
      }
      const { value, errors } = parseJsonWithPositions(variant);
      expect(value).toEqual(expected);
      if (expected === undefined) expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
      }
    }
  });
});

describe('parseJsonWithPositions: hostile input', () => {
  it('stores "__proto__" and "constructor" as own keys without touching any prototype', () => {
    const { value, errors } = parseJsonWithPositions(
      '{"version": 1, "flows": [], "__proto__": {"polluted": true},' +
        ' "constructor": {"prototype": {"polluted": true}}, "nested": {"__proto__": []}}',
    );
    expect(errors).toEqual([]);
    const object = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.keys(object)).toEqual(['version', 'flows', '__proto__', 'constructor', 'nested']);
    expect(Object.getOwnPropertyDescriptor(object, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getOwnPropertyDescriptor(object.nested, '__proto__')?.value).toEqual([]);
    expect(Object.getPrototypeOf(object.nested)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');

    const { document } = validateDocument(value);
    expect(document?.version).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports 10,000 levels of nesting as an error instead of overflowing the stack', () => {
    const arrays = parseJsonWithPositions(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(arrays.value).toBeUndefined();
    expect(arrays.errors).toHaveLength(1);
    expect(arrays.errors[0]).toMatchObject({ code: 'invalid_json', line: 1, column: 513 });
    expect(arrays.errors[0]?.message).toMatch(/: nesting is deeper than 512 levels$/);
    expect(arrays.errors[0]?.message.length).toBeLessThan(200);

    const objects = parseJsonWithPositions(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(objects.errors[0]?.message).toMatch(/^a\.a\.a.*: nesting is deeper than 512 levels$/);
  });

  it('accepts nesting up to the limit', () => {
    const text = `${'['.repeat(512)}${']'.repeat(512)}`;
    expect(parseJsonWithPositions(text)).toMatchObject({ value: JSON.parse(text), errors: [] });
    expect(parseJsonWithPositions('[[[1]]]', { maxDepth: 2 }).errors[0]?.message).toBe(
      '$[0][0]: nesting is deeper than 2 levels',
    );
  });
});
