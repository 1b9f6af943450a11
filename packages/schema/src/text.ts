import type { Text } from './types.ts';

/**
 * Picks the string for `locale` from author text, falling back
 * `en-US` → `en` → `defaultLocale` → the first available.
 */
export function resolveText(
  text: Text | undefined,
  locale: string,
  defaultLocale?: string,
): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  for (const candidate of localeChain(locale, defaultLocale)) {
    const value = text[candidate];
    if (typeof value === 'string') return value;
  }
  for (const value of Object.values(text)) {
    if (typeof value === 'string') return value;
  }
  return '';
}

/** `zh-Hant-TW` → `['zh-Hant-TW', 'zh-Hant', 'zh', default]`, without repeats. */
export function localeChain(locale: string, defaultLocale?: string): string[] {
  const chain: string[] = [];
  const parts = locale.split('-');
  for (let i = parts.length; i > 0; i--) chain.push(parts.slice(0, i).join('-'));
  if (defaultLocale) chain.push(defaultLocale);
  return [...new Set(chain.filter(Boolean))];
}
