/**
 * Matches a pathname against a pattern where `*` stands for any characters
 * within one path segment and `**` for any characters across segments.
 */
export function matchUrl(pattern: string, pathname: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`).test(pathname);
}
