// The build's CSS minifier: the UI's stylesheet is a template literal in TypeScript.

/**
 * Minifies the CSS in template literals marked `/* css *\/` (comments, runs of
 * white space, spaces around braces, semicolons, commas and after colons);
 * `${…}` placeholders are kept as they are.
 */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}
export const cssLiterals = () => ({
  name: 'tebiki-css-literals',
  transform(code) {
    if (!code.includes('/* css */')) return null;
    // The lines taken out go back after the literal, so later lines keep their numbers in the map.
    // The whole literal: escaped characters (\`) and `${…}` placeholders do not end it.
    const out = code.replace(
      /\/\* css \*\/ `((?:\\[\s\S]|\$\{[^}]*\}|[^`\\])*)`/g,
      (_, css) => `\`${minifyCss(css)}\`${'\n'.repeat(css.split('\n').length - 1)}`,
    );
    return { code: out, map: null };
  },
});
