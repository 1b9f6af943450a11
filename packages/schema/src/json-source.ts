/**
 * A strict JSON parser (RFC 8259) that remembers where every value sits, so
 * problems found later (by `validateDocument`) can be shown at a line and
 * column. `JSON.parse` throws one terse message and forgets positions; CS
 * teams editing `tebiki.json` by hand need both.
 */

/** A 1-based position; columns count UTF-16 code units, as editors and linters do. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where a value starts; for an object member, `key` is where its property name starts. */
export interface SourcePointer extends SourcePosition {
  key?: SourcePosition;
}

export interface JsonSourceError extends SourcePosition {
  /**
   * `invalid_json` stops parsing (`value` is then `undefined`); `duplicate_key`
   * does not: the last value wins, as with `JSON.parse`.
   */
  code: 'invalid_json' | 'duplicate_key';
  /** JS-notation path of the value being parsed, `$` for the root. */
  path: string;
  /** Starts with the path: `flows[0]: duplicate key "id" (lines 4 and 7)`. */
  message: string;
}

export interface JsonSource {
  /** The parsed value; `undefined` when the text is not JSON. */
  value: unknown;
  /** Every path seen (`$`, `flows`, `flows[1].steps[0].target`, …) and where its value starts. */
  pointers: Map<string, SourcePointer>;
  errors: JsonSourceError[];
}

export interface ParseJsonOptions {
  /**
   * Deepest nesting of arrays and objects accepted; deeper input is reported
   * as an error rather than overflowing the stack.
   * @default 512
   */
  maxDepth?: number;
}

/** Thrown internally to unwind on the first syntax error; never escapes. */
const STOP: unique symbol = Symbol('stop');

const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isWordStart = (code: number): boolean =>
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x61 && code <= 0x7a) ||
  code === 0x5f ||
  code === 0x24;
const isWordPart = (code: number): boolean => isWordStart(code) || isDigit(code);

/** Child paths in the same notation as `validateDocument`: `flows[1].steps[0].target`. */
const memberPath = (parent: string, key: string): string =>
  parent === '$' ? key : `${parent}.${key}`;

/** Keeps messages readable when the path itself is absurdly long (deeply nested input). */
const label = (path: string): string =>
  path.length > 120 ? `${path.slice(0, 60)}…${path.slice(-50)}` : path;

/**
 * Parses `text` as JSON and records the position of every value. Never throws:
 * syntax errors, duplicate keys and too deep nesting come back in `errors`.
 * A leading byte-order mark is ignored; CRLF, LF and CR all end a line.
 * Objects are plain objects; a `"__proto__"` key becomes an own property and
 * never changes a prototype.
 *
 * @example
 * const { value, pointers, errors } = parseJsonWithPositions('{\n  "version": 1\n}');
 * pointers.get('version'); // { line: 2, column: 14, key: { line: 2, column: 3 } }
 */
export function parseJsonWithPositions(text: string, options: ParseJsonOptions = {}): JsonSource {
  const maxDepth = options.maxDepth ?? 512;
  const pointers = new Map<string, SourcePointer>();
  const errors: JsonSourceError[] = [];
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Offset of the current line's first character. Newlines only ever occur in
  // whitespace (a raw one inside a string is an error), so tracking them there
  // is enough to know the line and column of any offset on the current line.
  let lineStart = index;

  const position = (at = index): SourcePosition => ({ line, column: at - lineStart + 1 });

  const fail = (path: string, message: string, at: SourcePosition = position()): never => {
    errors.push({ code: 'invalid_json', path, message: `${label(path)}: ${message}`, ...at });
    throw STOP;
  };

  const skipWhitespace = (): void => {
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 0x20 || code === 0x09) {
        index++;
      } else if (code === 0x0a || code === 0x0d) {
        index += code === 0x0d && text.charCodeAt(index + 1) === 0x0a ? 2 : 1;
        line++;
        lineStart = index;
      } else {
        return;
      }
    }
  };

  const describeHere = (): string => {
    const codePoint = text.codePointAt(index);
    if (codePoint === undefined) return 'end of input';
    const char = String.fromCodePoint(codePoint);
    if (codePoint < 0x20 || codePoint === 0x7f) {
      return `control character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    }
    if (/\s/u.test(char)) {
      const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
      return `whitespace character U+${hex} (JSON allows only spaces, tabs and line breaks)`;
    }
    return JSON.stringify(char);
  };

  const isCommentHere = (): boolean => {
    const next = text.charCodeAt(index + 1);
    return text.charCodeAt(index) === 0x2f && (next === 0x2f || next === 0x2a);
  };

  /** The message for a character that cannot start what was expected here. */
  const unexpected = (path: string, expected: string): never => {
    const code = text.charCodeAt(index);
    if (isCommentHere()) return fail(path, 'comments are not allowed in JSON');
    if (code === 0x27) return fail(path, `strings must use double quotes ("), not single quotes`);
    if (code === 0x201c || code === 0x201d) {
      return fail(path, 'typographic quotes (“ ”) found: use straight double quotes (")');
    }
    if (Number.isNaN(code)) {
      return fail(path, `unexpected end of input, expected ${expected}`);
    }
    return fail(path, `unexpected ${describeHere()}, expected ${expected}`);
  };

  const parseString = (path: string): string => {
    const start = position();
    index++; // opening quote
    let result = '';
    let chunkStart = index;
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        result += text.slice(chunkStart, index);
        index++;
        return result;
      }
      if (code === 0x5c) {
        result += text.slice(chunkStart, index);
        const escaped = text.charAt(index + 1);
        if (escaped === 'u') {
          const hex = text.slice(index + 2, index + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            fail(path, 'invalid \\u escape: expected four hexadecimal digits');
          }
          result += String.fromCharCode(Number.parseInt(hex, 16));
          index += 6;
        } else {
          const replacement = ESCAPES[escaped];
          if (replacement === undefined) {
            fail(path, `invalid escape "\\${escaped}" in a string`);
          }
          result += replacement;
          index += 2;
        }
        chunkStart = index;
      } else if (Number.isNaN(code) || code === 0x0a || code === 0x0d) {
        return fail(
          path,
          'unterminated string: a string must end with " on the line where it starts',
          start,
        );
      } else if (code < 0x20) {
        return fail(path, `${describeHere()} must be escaped inside a string`);
      } else {
        index++;
      }
    }
  };

  const skipDigits = (): void => {
    while (isDigit(text.charCodeAt(index))) index++;
  };

  const parseNumber = (path: string): number => {
    const start = index;
    if (text.charCodeAt(index) === 0x2d) index++;
    const first = text.charCodeAt(index);
    if (first === 0x30) {
      index++;
      if (isDigit(text.charCodeAt(index))) fail(path, 'numbers cannot have leading zeros');
    } else if (isDigit(first)) {
      skipDigits();
    } else {
      fail(path, `expected a digit after "-", got ${describeHere()}`);
    }
    if (text.charCodeAt(index) === 0x2e) {
      index++;
      if (!isDigit(text.charCodeAt(index))) fail(path, 'expected a digit after the decimal point');
      skipDigits();
    }
    const exponent = text.charCodeAt(index);
    if (exponent === 0x65 || exponent === 0x45) {
      index++;
      const sign = text.charCodeAt(index);
      if (sign === 0x2b || sign === 0x2d) index++;
      if (!isDigit(text.charCodeAt(index))) fail(path, 'expected a digit in the exponent');
      skipDigits();
    }
    return Number(text.slice(start, index));
  };

  const parseWord = (path: string): unknown => {
    let end = index;
    while (isWordPart(text.charCodeAt(end))) end++;
    const word = text.slice(index, end);
    if (Object.hasOwn(LITERALS, word)) {
      index = end;
      return LITERALS[word];
    }
    if (Object.hasOwn(LITERALS, word.toLowerCase())) {
      return fail(path, `JSON literals are lowercase: write ${word.toLowerCase()}, not ${word}`);
    }
    return fail(path, `unexpected ${JSON.stringify(word)}: text must be in double quotes`);
  };

  const checkDepth = (path: string, depth: number): void => {
    if (depth > maxDepth) fail(path, `nesting is deeper than ${maxDepth} levels`);
  };

  const parseArray = (path: string, depth: number): unknown[] => {
    checkDepth(path, depth);
    const openedOn = line;
    const array: unknown[] = [];
    index++; // [
    skipWhitespace();
    if (text.charCodeAt(index) === 0x5d) {
      index++;
      return array;
    }
    for (;;) {
      array.push(parseValue(`${path}[${array.length}]`, depth));
      skipWhitespace();
      const code = text.charCodeAt(index);
      if (code === 0x5d) {
        index++;
        return array;
      }
      if (code === 0x2c) {
        const comma = position();
        index++;
        skipWhitespace();
        if (text.charCodeAt(index) === 0x5d) {
          fail(path, 'trailing comma before "]": JSON does not allow trailing commas', comma);
        }
      } else if (Number.isNaN(code)) {
        fail(path, `unexpected end of input: the array opened on line ${openedOn} is never closed`);
      } else if (code === 0x22 || code === 0x7b || code === 0x5b || isDigit(code)) {
        fail(path, 'expected "," or "]" after an array element: is a comma missing?');
      } else {
        unexpected(path, '"," or "]"');
      }
    }
  };

  const parseObject = (path: string, depth: number): Record<string, unknown> => {
    checkDepth(path, depth);
    const openedOn = line;
    const object: Record<string, unknown> = {};
    const keyLines = new Map<string, number>();
    index++; // {
    skipWhitespace();
    if (text.charCodeAt(index) === 0x7d) {
      index++;
      return object;
    }
    for (;;) {
      const code = text.charCodeAt(index);
      if (code !== 0x22) {
        if (isWordStart(code)) fail(path, 'property names must be double-quoted strings');
        if (Number.isNaN(code)) {
          fail(
            path,
            `unexpected end of input: the object opened on line ${openedOn} is never closed`,
          );
        }
        unexpected(path, 'a property name in double quotes');
      }
      const keyAt = position();
      const key = parseString(path);
      const childPath = memberPath(path, key);
      const firstLine = keyLines.get(key);
      if (firstLine === undefined) {
        keyLines.set(key, keyAt.line);
      } else {
        const lines =
          firstLine === keyAt.line
            ? `both on line ${firstLine}`
            : `lines ${firstLine} and ${keyAt.line}`;
        errors.push({
          code: 'duplicate_key',
          path,
          message: `${label(path)}: duplicate key ${JSON.stringify(key)} (${lines})`,
          ...keyAt,
        });
      }
      skipWhitespace();
      if (text.charCodeAt(index) !== 0x3a) {
        unexpected(childPath, `":" after the property name ${JSON.stringify(key)}`);
      }
      index++; // :
      const value = parseValue(childPath, depth, keyAt);
      if (key === '__proto__') {
        // Plain assignment would call the inherited setter and swap the prototype.
        Object.defineProperty(object, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        object[key] = value;
      }
      skipWhitespace();
      const after = text.charCodeAt(index);
      if (after === 0x7d) {
        index++;
        return object;
      }
      if (after === 0x2c) {
        const comma = position();
        index++;
        skipWhitespace();
        if (text.charCodeAt(index) === 0x7d) {
          fail(path, 'trailing comma before "}": JSON does not allow trailing commas', comma);
        }
      } else if (Number.isNaN(after)) {
        fail(
          path,
          `unexpected end of input: the object opened on line ${openedOn} is never closed`,
        );
      } else if (after === 0x22) {
        fail(path, 'expected "," or "}" after a property value: is a comma missing?');
      } else {
        unexpected(path, '"," or "}"');
      }
    }
  };

  function parseValue(path: string, depth: number, key?: SourcePosition): unknown {
    skipWhitespace();
    const at = position();
    pointers.set(path, key ? { ...at, key } : at);
    const code = text.charCodeAt(index);
    if (code === 0x7b) return parseObject(path, depth + 1);
    if (code === 0x5b) return parseArray(path, depth + 1);
    if (code === 0x22) return parseString(path);
    if (code === 0x2d || isDigit(code)) return parseNumber(path);
    if (isWordStart(code)) return parseWord(path);
    if (path === '$') {
      if (Number.isNaN(code)) return fail(path, 'unexpected end of input: the file is empty');
      if (code === 0x3c) {
        return fail(path, 'this is not JSON: it starts with "<" (an HTML or XML page?)');
      }
    }
    return unexpected(path, 'a value');
  }

  try {
    const value = parseValue('$', 0);
    skipWhitespace();
    if (index < text.length) {
      if (isCommentHere()) fail('$', 'comments are not allowed in JSON');
      fail('$', `unexpected ${describeHere()} after the end of the document`);
    }
    return { value, pointers, errors };
  } catch (error) {
    if (error !== STOP) {
      errors.push({
        code: 'invalid_json',
        path: '$',
        message: `$: could not parse: ${String(error)}`,
        ...position(),
      });
    }
    return { value: undefined, pointers, errors };
  }
}
