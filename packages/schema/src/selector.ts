/**
 * A syntax check for CSS selectors that needs no DOM (the schema runs in
 * Node and in core): balanced brackets, parentheses and quotes, no dangling
 * combinator or comma. The browser still has the last word when it queries.
 */
export function selectorProblem(selector: string): string | null {
  const trimmed = selector.trim();
  if (trimmed === '') return 'is empty';
  if (/^[>+~,]|[>+~,]$/.test(trimmed)) return 'starts or ends with a combinator or comma';
  if (/,\s*,/.test(trimmed)) return 'has an empty item between commas';
  const closing: Record<string, string> = { '(': ')', '[': ']' };
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i]!;
    if (char === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[') stack.push(closing[char]!);
    else if (char === ')' || char === ']') {
      if (stack.pop() !== char) return `has an unmatched "${char}"`;
    } else if (char === '{' || char === '}' || char === ';') return `contains "${char}"`;
  }
  if (quote) return 'has an unclosed quote';
  if (stack.length > 0) return `is missing a closing "${stack[stack.length - 1]}"`;
  return null;
}
