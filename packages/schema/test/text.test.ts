import { describe, expect, it } from 'vitest';
import { localeChain, resolveText, textLocale } from '../src/index.ts';

describe('resolveText', () => {
  const text = { 'en-US': 'Howdy', en: 'Hello', ja: 'こんにちは', fr: 'Bonjour' };

  it('picks the exact locale when the text has it', () => {
    expect(resolveText(text, 'en-US', 'ja')).toBe('Howdy');
  });

  it('falls back from a regional locale to its language', () => {
    expect(resolveText(text, 'en-GB', 'ja')).toBe('Hello');
  });

  it('falls back to the default locale when the language is missing', () => {
    expect(resolveText(text, 'de-DE', 'ja')).toBe('こんにちは');
  });

  it('falls back to the first available text when neither locale nor default exist', () => {
    expect(resolveText({ fr: 'Bonjour', it: 'Ciao' }, 'de', 'ja')).toBe('Bonjour');
    expect(resolveText({ fr: 'Bonjour', it: 'Ciao' }, 'de')).toBe('Bonjour');
  });

  it('returns a plain string whatever the locale', () => {
    expect(resolveText('Start here', 'ja', 'en')).toBe('Start here');
  });

  it('returns an empty string for missing text', () => {
    expect(resolveText(undefined, 'en')).toBe('');
    expect(resolveText({}, 'en', 'ja')).toBe('');
  });

  it('skips entries that are not strings', () => {
    const broken = { en: 42, ja: '日本語' } as unknown as Record<string, string>;
    expect(resolveText(broken, 'en')).toBe('日本語');
  });
});

describe('textLocale', () => {
  const text = { 'en-US': 'Howdy', en: 'Hello', ja: 'こんにちは' };

  it('names the locale whose string resolveText picks', () => {
    expect(textLocale(text, 'en-US', 'ja')).toBe('en-US');
    expect(textLocale(text, 'en-GB', 'ja')).toBe('en');
    expect(textLocale(text, 'fr', 'ja')).toBe('ja');
    expect(textLocale({ fr: 'Bonjour', it: 'Ciao' }, 'de', 'ja')).toBe('fr');
  });

  it('says nothing for plain strings and missing text, whose language is not known', () => {
    expect(textLocale('Start here', 'ja', 'en')).toBeUndefined();
    expect(textLocale(undefined, 'en')).toBeUndefined();
    expect(textLocale({}, 'en', 'ja')).toBeUndefined();
  });

  it('skips entries that are not strings, as resolveText does', () => {
    const broken = { en: 42, ja: '日本語' } as unknown as Record<string, string>;
    expect(textLocale(broken, 'en')).toBe('ja');
  });
});

describe('localeChain', () => {
  it('lists every narrower-to-wider subtag, then the default, without repeats', () => {
    expect(localeChain('zh-Hant-TW', 'en')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh', 'en']);
    expect(localeChain('en-US', 'en')).toEqual(['en-US', 'en']);
  });
});
