import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cssLiterals, minifyCss } from '../css-literals.mjs';

const transform = (code: string) => {
  const plugin = cssLiterals() as unknown as { transform(code: string): { code: string } | null };
  return plugin.transform(code)?.code ?? code;
};

describe('the build minifies the UI stylesheet', () => {
  it('minifies the whole literal, past escaped backquotes and placeholders', () => {
    const out = transform(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template literal
      'const css = /* css */ `\na {\n  color: red;\n}\n/* a \\`quoted\\` word */\n@media (max-width: ${W - 1}px) {\n  b { margin: 0; }\n}\n`;\n',
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template literal
    expect(out).toContain('`a{color:red}@media (max-width:${W - 1}px){b{margin:0}}`');
    expect(out).not.toContain('/*');
  });

  it('keeps every line of the source, so the source map still lines up', () => {
    const source = 'const css = /* css */ `\na {\n  color: red;\n}\n`;\nconst after = 1;\n';
    expect(transform(source).split('\n')).toHaveLength(source.split('\n').length);
  });

  it('leaves no comment in the shipped stylesheet', () => {
    const source = readFileSync(
      new URL('../../packages/ui/src/styles.ts', import.meta.url),
      'utf8',
    );
    const literal = transform(source).match(/export const css = `([^`]*)`/)?.[1] ?? '';
    expect(literal.length).toBeGreaterThan(2000);
    expect(literal).not.toMatch(/\/\*|\n/);
    expect(minifyCss(literal)).toBe(literal);
  });
});
