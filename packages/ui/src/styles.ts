/**
 * Every rule lives in the shadow root, adopted as a constructable stylesheet:
 * nothing reaches the host's CSS, and a strict CSP needs no 'unsafe-inline'.
 * Themes override the custom properties on `tebiki-root`.
 */
export const css = `
:host { all: initial; }
* { box-sizing: border-box; }
[data-tebiki-part='popover'] {
  --_bg: var(--tebiki-bg, #ffffff);
  --_fg: var(--tebiki-fg, #1f2328);
  --_muted: var(--tebiki-muted, #57606a);
  --_accent: var(--tebiki-accent, #0b57d0);
  --_accent-fg: var(--tebiki-accent-fg, #ffffff);
  --_link: var(--tebiki-link, var(--_accent));
  --_radius: var(--tebiki-radius, 10px);
  position: fixed;
  inset: auto;
  margin: 0;
  left: 0;
  top: 0;
  width: max-content;
  max-width: min(360px, calc(100vw - 16px));
  padding: 16px 16px 12px;
  border: 1px solid color-mix(in srgb, var(--_fg) 14%, transparent);
  border-radius: var(--_radius);
  background: var(--_bg);
  color: var(--_fg);
  font: 14px/1.5 var(--tebiki-font, system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', sans-serif);
  box-shadow: 0 12px 32px rgb(0 0 0 / 0.18);
  overflow: visible;
  animation: tebiki-in 160ms ease-out;
}
[data-tebiki-part='popover'][data-tebiki-placement='center'] {
  left: 50%;
  top: 50%;
  transform: translate(-50%, -50%);
}
[data-tebiki-part='popover']:focus { outline: none; }
[data-tebiki-part='popover']:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
[data-tebiki-part='title'] { margin: 0 28px 6px 0; font-size: 16px; font-weight: 600; line-height: 1.4; }
:host([dir='rtl']) [data-tebiki-part='title'], [dir='rtl'] [data-tebiki-part='title'] { margin: 0 0 6px 28px; }
[data-tebiki-part='body'] { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
[data-tebiki-part='body'] p, [data-tebiki-part='body'] ul, [data-tebiki-part='body'] ol { margin: 0 0 8px; }
[data-tebiki-part='body'] > :last-child { margin-bottom: 0; }
[data-tebiki-part='body'] ul, [data-tebiki-part='body'] ol { padding-inline-start: 20px; }
[data-tebiki-part='body'] li + li { margin-top: 2px; }
[data-tebiki-part='body'] strong { font-weight: 600; }
[data-tebiki-part='body'] code {
  padding: 1px 4px;
  border-radius: 4px;
  background: color-mix(in srgb, var(--_fg) 9%, transparent);
  font: 0.9em/1 ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace;
  white-space: pre-wrap;
}
[data-tebiki-part='body'] a { color: var(--_link); text-decoration: underline; text-underline-offset: 2px; }
[data-tebiki-part='body'] a:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; border-radius: 2px; }
.tebiki-footer { display: flex; align-items: center; gap: 8px; margin-top: 14px; }
[data-tebiki-part='progress'] { margin-inline-end: auto; color: var(--_muted); font-size: 12px; }
button {
  font: inherit;
  cursor: pointer;
  border-radius: 6px;
  padding: 6px 14px;
  border: 1px solid color-mix(in srgb, var(--_fg) 22%, transparent);
  background: transparent;
  color: var(--_fg);
}
button:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
[data-tebiki-part='next'] { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-fg); }
[data-tebiki-part='close'] {
  position: absolute;
  top: 8px;
  inset-inline-end: 8px;
  width: 28px;
  height: 28px;
  padding: 0;
  border: none;
  font-size: 18px;
  line-height: 28px;
  color: var(--_muted);
}
.tebiki-arrow {
  position: absolute;
  width: 12px;
  height: 12px;
  background: var(--_bg);
  transform: rotate(45deg);
}
[data-tebiki-placement='center'] .tebiki-arrow { display: none; }
@keyframes tebiki-in { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
@media (prefers-color-scheme: dark) {
  [data-tebiki-part='popover'] {
    --_bg: var(--tebiki-bg, #1f2328);
    --_fg: var(--tebiki-fg, #f0f3f6);
    --_muted: var(--tebiki-muted, #b1bac4);
    --_accent: var(--tebiki-accent, #7cacf8);
    --_accent-fg: var(--tebiki-accent-fg, #0d1117);
  }
}
`;
