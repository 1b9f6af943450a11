import { css } from './styles.ts';

export interface Mounted {
  host: HTMLElement;
  shadowRoot: ShadowRoot;
  unmount(): void;
}

/**
 * Creates `<tebiki-root>` with an open shadow root (host apps' own e2e tests
 * can reach inside). The host is taken out of layout so the page never shifts.
 */
export function mountRoot(doc: Document): Mounted {
  const host = doc.createElement('tebiki-root');
  // Inline !important beats any author rule, including hostile `* {}` resets.
  for (const [property, value] of [
    ['position', 'fixed'],
    ['top', '0'],
    ['left', '0'],
    ['width', '0'],
    ['height', '0'],
    ['margin', '0'],
    ['padding', '0'],
    ['border', '0'],
    ['display', 'block'],
    ['z-index', '2147483647'],
  ]) {
    host.style.setProperty(property!, value!, 'important');
  }
  const shadowRoot = host.attachShadow({ mode: 'open' });
  const view = doc.defaultView;
  if (view && 'adoptedStyleSheets' in shadowRoot && typeof view.CSSStyleSheet === 'function') {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    shadowRoot.adoptedStyleSheets = [sheet];
  }
  (doc.body ?? doc.documentElement).appendChild(host);
  return { host, shadowRoot, unmount: () => host.remove() };
}
