/**
 * Overrides for the built-in palette and shape. Each key is set as a CSS
 * custom property on `<tebiki-root>` (`accentFg` → `--tebiki-accent-fg`), so it
 * applies in both colour schemes; a page can set the same properties in its
 * own CSS instead. Numbers are pixels.
 *
 * @example createUI(document, handlers, { theme: { accent: '#6b21a8', radius: 4 } })
 */
export interface Theme {
  /** Primary buttons, links, focus rings, progress, hotspot. */
  accent?: string;
  /** Text on `accent`. */
  accentFg?: string;
  /** Surface background. */
  bg?: string;
  /** Text on `bg`. */
  fg?: string;
  /** Secondary text (progress, item states). */
  muted?: string;
  /** Links in bodies. @default accent */
  link?: string;
  /** Corner radius of surfaces. */
  radius?: string | number;
  /** Font family. */
  font?: string;
  /** Surface shadow. */
  shadow?: string;
  /** The spotlight's and the modal's dimming colour. */
  backdrop?: string;
  /** The hint hotspot's colour. @default accent */
  hotspot?: string;
  /**
   * The checklist launcher's distance from the bottom edge; its panel opens
   * above it. Moves it clear of a chat widget in the same corner. @default 16
   * @example { launcherBottom: 96 } // above a 60 px chat button 20 px from the edge
   */
  launcherBottom?: string | number;
  /** The launcher's and panel's distance from the end edge (right, or left in RTL). @default 16 */
  launcherEnd?: string | number;
}

/** Sets `theme` as `--tebiki-*` custom properties on `host` (CSSOM, so a strict CSP allows it). */
export function applyTheme(host: HTMLElement, theme: Theme): void {
  for (const [key, value] of Object.entries(theme)) {
    if (value === undefined || value === null || value === '') continue;
    const name = `--tebiki-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    host.style.setProperty(name, typeof value === 'number' ? `${value}px` : String(value));
  }
}
