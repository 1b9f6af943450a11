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
  if (typeof text === 'string') return text;
  const found = textLocale(text, locale, defaultLocale);
  return found === undefined ? '' : text![found]!;
}

/**
 * The locale whose string `resolveText` picks from a `{ locale: string }` map,
 * that is, the language the user reads; undefined for a plain string, whose
 * language the document does not say, and for no text.
 *
 * @example
 * textLocale({ ja: 'ようこそ' }, 'en-US', 'ja') // 'ja'
 */
export function textLocale(
  text: Text | undefined,
  locale: string,
  defaultLocale?: string,
): string | undefined {
  if (text === undefined || typeof text === 'string') return undefined;
  const has = (candidate: string) => typeof text[candidate] === 'string';
  return localeChain(locale, defaultLocale).find(has) ?? Object.keys(text).find(has);
}

/** `zh-Hant-TW` → `['zh-Hant-TW', 'zh-Hant', 'zh', default]`, without repeats. */
export function localeChain(locale: string, defaultLocale?: string): string[] {
  const chain: string[] = [];
  const parts = locale.split('-');
  for (let i = parts.length; i > 0; i--) chain.push(parts.slice(0, i).join('-'));
  if (defaultLocale) chain.push(defaultLocale);
  return [...new Set(chain.filter(Boolean))];
}
