import { readFileSync } from 'node:fs';
import type { DashboardLocale } from './preferred-locale.ts';

/** The dashboard's documents, read once when a collector is created. */
export interface DashboardAssets {
  /** The dashboard page in `locale` (`null`: English, and the browser's language decides). */
  page(locale: DashboardLocale | null): string;
  /** The page asking for the admin token; `wrongToken` adds a notice. */
  tokenPage(locale: DashboardLocale | null, wrongToken: boolean): string;
  script: string;
  /** The SVG chart helpers the script imports, `/dashboard-charts.js`. */
  charts: string;
  stylesheet: string;
  /** The UI strings, `{ ja: {key: text}, en: {…} }`, shared by the page and its script. */
  messages: string;
}

type Messages = Record<DashboardLocale, Record<string, string>>;

/** Served with every dashboard document: nothing inline, nothing from elsewhere. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const WRONG_TOKEN_NOTICE =
  '<p class="notice" role="alert"><span lang="ja">トークンが違います。</span> / ' +
  '<span lang="en">That token is wrong.</span></p>';

// An element whose whole content is one text to translate: <h2 data-i18n="totals">Totals</h2>.
const TRANSLATABLE = /(<([a-z][a-z0-9]*)\b[^>]*\bdata-i18n="(\w+)"[^>]*>)[^<]*(<\/\2>)/g;

export function loadDashboardAssets(): DashboardAssets {
  const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
  const pageTemplate = read('./dashboard.html');
  const tokenTemplate = read('./token.html');
  const messages = read('./messages.json');
  const table = JSON.parse(messages) as Messages;
  return {
    page: (locale) => localizePage(pageTemplate, table, locale),
    tokenPage: (locale, wrongToken) =>
      setDocumentLang(tokenTemplate, locale ?? 'en', null).replace(
        '<!-- notice -->',
        wrongToken ? WRONG_TOKEN_NOTICE : '',
      ),
    script: read('./dashboard.js'),
    charts: read('./dashboard-charts.js'),
    stylesheet: read('./dashboard.css'),
    messages,
  };
}

function localizePage(template: string, table: Messages, locale: DashboardLocale | null): string {
  const lang = locale ?? 'en';
  const texts = table[lang];
  const html = setDocumentLang(template, lang, locale ? 'header' : 'browser');
  return html.replace(TRANSLATABLE, (element, open: string, _tag, key: string, close: string) => {
    const text = texts[key];
    return text === undefined ? element : `${open}${escapeHtml(text)}${close}`;
  });
}

function setDocumentLang(html: string, lang: string, source: string | null): string {
  const attributes = source ? `lang="${lang}" data-lang-source="${source}"` : `lang="${lang}"`;
  return html.replace(/<html\b[^>]*>/, `<html ${attributes}>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
