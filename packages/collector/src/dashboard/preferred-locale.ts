export type DashboardLocale = 'ja' | 'en';

/**
 * The dashboard language an `Accept-Language` header prefers (`ja` or `en`), or `null`
 * when it names neither, so that the page falls back to `navigator.language`.
 */
export function preferredLocale(acceptLanguage: string | undefined): DashboardLocale | null {
  if (!acceptLanguage) return null;
  let best: { locale: DashboardLocale; quality: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const locale = tag.startsWith('ja') ? 'ja' : tag.startsWith('en') ? 'en' : null;
    if (!locale) continue;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    if (Number.isFinite(quality) && quality > 0 && (!best || quality > best.quality)) {
      best = { locale, quality };
    }
  }
  return best?.locale ?? null;
}
