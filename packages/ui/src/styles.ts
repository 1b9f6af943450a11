/** Below this viewport width (px) a tour step is a bottom sheet. */
export const SHEET_BELOW = 480;

/**
 * Every rule lives in the shadow root, adopted as a constructable stylesheet:
 * nothing reaches the host's CSS, and a strict CSP needs no 'unsafe-inline'.
 * Themes override the `--tebiki-*` custom properties on `tebiki-root`
 * (docs/ui.md lists them, with the contrast of each colour pair).
 *
 * Surfaces set every inherited property they rely on, because a hostile page can
 * still reach `<tebiki-root>` itself with `* { … !important }`, and inheritance
 * crosses the shadow boundary.
 */
export const css = /* css */ `
:host {
  all: initial;
  --_bg: var(--tebiki-bg, #ffffff);
  --_fg: var(--tebiki-fg, #1f2328);
  --_muted: var(--tebiki-muted, #57606a);
  --_accent: var(--tebiki-accent, #0b57d0);
  --_accent-fg: var(--tebiki-accent-fg, #ffffff);
  --_backdrop: var(--tebiki-backdrop, rgb(0 0 0 / 0.5));
  --_shadow: var(--tebiki-shadow, 0 12px 32px rgb(0 0 0 / 0.18));
}
@media (prefers-color-scheme: dark) {
  :host {
    --_bg: var(--tebiki-bg, #1f2328);
    --_fg: var(--tebiki-fg, #f0f3f6);
    --_muted: var(--tebiki-muted, #b1bac4);
    --_accent: var(--tebiki-accent, #7cacf8);
    --_accent-fg: var(--tebiki-accent-fg, #0d1117);
    --_shadow: var(--tebiki-shadow, 0 12px 32px rgb(0 0 0 / 0.5));
  }
}
/* Whatever <tebiki-root> inherits from the page (writing-mode, list-style, letter-spacing…) stops here. */
:where([popover], dialog, [role='status']) { all: initial; }
* { box-sizing: border-box; }
.tebiki-sr {
  position: absolute;
  left: 0;
  top: 0;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
}
.tebiki-surface, .tebiki-float, [data-tebiki-part='hotspot'], [data-tebiki-part='launcher'] {
  position: fixed;
  inset: auto;
  left: 0;
  top: 0;
  margin: 0;
  color: var(--_fg);
  font: 14px/1.5 var(--tebiki-font, system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', sans-serif);
}
/*
 * A step or a tooltip is two boxes: the positioned one (.tebiki-float) that follows
 * its target, and inside it the card that draws the surface and fades in, so the
 * element moved every frame never animates (see the motion rules below).
 */
.tebiki-surface, .tebiki-float, .tebiki-card {
  display: flex;
  flex-flow: column;
}
.tebiki-surface, .tebiki-float {
  width: max-content;
  max-width: min(360px, calc(100vw - 16px));
  max-height: calc(100vh - 16px);
}
.tebiki-surface, .tebiki-card {
  /* A long URL or word wraps instead of running out of the surface. */
  overflow-wrap: anywhere;
  padding: 16px 16px 12px;
  border: 1px solid color-mix(in srgb, var(--_fg) 14%, transparent);
  border-radius: var(--tebiki-radius, 10px);
  background: var(--_bg);
  box-shadow: var(--_shadow);
}
/* Shrinks to the float's max-height (fit, sheet), so the body scrolls inside. */
.tebiki-card { position: relative; min-height: 0; }
.tebiki-surface > *, .tebiki-card > * { flex: none; }
.tebiki-surface:focus { outline: none; }
.tebiki-surface:focus-visible, .tebiki-float:focus-visible > * { outline: 2px solid var(--_accent); outline-offset: 2px; }
[data-tebiki-placement='center'] {
  left: 50%;
  top: 50%;
  transform: translate(-50%, -50%);
}
[data-tebiki-part='title'] { margin: 0 0 6px; margin-inline-end: 28px; font-size: 16px; font-weight: 600; line-height: 1.4; }
[data-tebiki-part='body'] { flex: 0 1 auto; min-height: 0; overflow: auto; margin: 0; white-space: pre-line; }
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
[data-tebiki-part='body'] a { color: var(--tebiki-link, var(--_accent)); text-decoration: underline; text-underline-offset: 2px; }
a:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; border-radius: 2px; }
.tebiki-footer { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 8px; margin-top: 14px; }
[data-tebiki-part='progress'] { color: var(--_muted); font-size: 12px; }
/* On the button, not the progress text, whose own direction is always ltr ("2 / 5"). */
[data-tebiki-part='progress'] + button { margin-inline-start: auto; }
button {
  display: inline-block;
  margin: 0;
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
[data-tebiki-placement='center'] .tebiki-arrow, [data-tebiki-sheet] .tebiki-arrow { display: none; }
@media (max-width: ${SHEET_BELOW - 0.02}px) {
  .tebiki-step {
    inset: auto 0 0 0 !important;
    transform: none !important;
    width: auto;
    max-width: none;
    max-height: 70vh;
  }
  .tebiki-step > * {
    padding-bottom: max(12px, env(safe-area-inset-bottom));
    border-width: 1px 0 0;
    border-radius: var(--tebiki-radius, 10px) var(--tebiki-radius, 10px) 0 0;
  }
  /* Docked on top when the target sits in the lower part of the screen (placeSheet). */
  .tebiki-step[data-tebiki-sheet='top'] { inset: 0 0 auto 0 !important; }
  [data-tebiki-sheet='top'] > * {
    padding: max(16px, env(safe-area-inset-top)) 16px 12px;
    border-width: 0 0 1px;
    border-radius: 0 0 var(--tebiki-radius, 10px) var(--tebiki-radius, 10px);
  }
  .tebiki-step .tebiki-arrow { display: none; }
}
[data-tebiki-part='spotlight'] {
  position: fixed;
  inset: 0;
  width: auto;
  height: auto;
  margin: 0;
  padding: 0;
  border: 0;
  background: transparent;
  overflow: hidden;
  pointer-events: none;
}
[data-tebiki-part='spotlight'][data-tebiki-modal] { pointer-events: auto; }
/* The layer that fades in; without a cut-out it is the dimming itself. */
.tebiki-dim { position: absolute; inset: 0; }
.tebiki-dim:empty { background: var(--_backdrop); }
.tebiki-hole {
  position: fixed;
  border-radius: 8px;
  box-shadow: 0 0 0 200vmax var(--_backdrop);
  pointer-events: none;
}
.tebiki-hole[data-tebiki-block] { pointer-events: auto; }
[data-tebiki-part='modal'][open] {
  position: fixed;
  inset: 0;
  margin: auto;
  width: min(480px, calc(100vw - 32px));
  height: fit-content;
  max-width: none;
  max-height: calc(100vh - 32px);
  padding: 24px 24px 16px;
}
[data-tebiki-part='modal']::backdrop { background: var(--_backdrop); }
[data-tebiki-part='modal'] [data-tebiki-part='title'] { font-size: 18px; }
[data-tebiki-part='banner'] {
  inset: 0 0 auto 0;
  width: auto;
  max-width: none;
  flex-direction: row;
  align-items: flex-start;
  gap: 12px;
  padding: 12px 56px 12px 16px;
  padding-inline: 16px 56px;
  border-width: 0 0 1px;
  border-radius: 0;
}
[data-tebiki-part='banner'][data-tebiki-position='bottom'] { inset: auto 0 0 0; border-width: 1px 0 0; }
[data-tebiki-part='banner'] > div { flex: 1 1 auto; min-width: 0; }
[data-tebiki-part='banner'] [data-tebiki-part='title'] { display: inline; margin: 0; margin-inline-end: 8px; font-size: 14px; }
[data-tebiki-part='banner'] [data-tebiki-part='body'] { display: inline; }
[data-tebiki-part='banner'] [data-tebiki-part='body'] p { display: inline; margin: 0; }
[data-tebiki-part='hotspot'] {
  display: block;
  width: 24px;
  height: 24px;
  padding: 0;
  border: 0;
  border-radius: 50%;
  background: transparent;
}
[data-tebiki-part='hotspot']::before, [data-tebiki-part='hotspot']::after {
  content: '';
  position: absolute;
  inset: 6px;
  border-radius: 50%;
  background: var(--tebiki-hotspot, var(--_accent));
}
[data-tebiki-part='hotspot']::before { z-index: 1; box-shadow: 0 0 0 2px var(--_bg); }
[data-tebiki-part='hotspot'][aria-expanded='true']::after { animation: none; opacity: 0; }
/*
 * Above a bottom banner (--tebiki-inset-bottom, its height), moved with a transform:
 * a moved box would count as a layout shift in the host page's metrics.
 */
[data-tebiki-part='launcher'], [data-tebiki-part='checklist'] {
  transform: translateY(calc(-1 * var(--tebiki-inset-bottom, 0px)));
}
[data-tebiki-part='launcher'] {
  inset: auto;
  bottom: var(--tebiki-launcher-bottom, 16px);
  inset-inline-end: var(--tebiki-launcher-end, 16px);
  display: inline-flex;
  align-items: center;
  gap: 8px;
  padding: 10px 16px;
  border: 0;
  border-radius: 999px;
  background: var(--_accent);
  color: var(--_accent-fg);
  font-weight: 600;
  box-shadow: var(--_shadow);
  max-width: min(340px, calc(100vw - 32px));
}
/* A long checklist title is cut short in the launcher; the panel shows it whole. */
[data-tebiki-part='launcher'] > :first-child { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
[data-tebiki-part='checklist'] {
  inset: auto;
  bottom: calc(var(--tebiki-launcher-bottom, 16px) + 56px);
  inset-inline-end: var(--tebiki-launcher-end, 16px);
  width: min(340px, calc(100vw - 32px));
  max-height: calc(100vh - 80px - var(--tebiki-launcher-bottom, 16px) - var(--tebiki-inset-bottom, 0px));
  overflow: auto;
}
.tebiki-bar {
  height: 8px;
  margin: 4px 0 0;
  border-radius: 4px;
  background: color-mix(in srgb, var(--_fg) 12%, var(--_bg));
  overflow: hidden;
}
.tebiki-bar > div { height: 100%; background: var(--_accent); }
.tebiki-count { margin-top: 4px; color: var(--_muted); font-size: 12px; }
[data-tebiki-part='checklist'] ul { margin: 8px 0 0; padding: 0; list-style: none; }
[data-tebiki-part='checklist-item'] { display: flex; align-items: center; gap: 10px; min-height: 36px; padding: 4px 0; }
.tebiki-check {
  display: grid;
  place-items: center;
  flex: none;
  width: 20px;
  height: 20px;
  border: 2px solid var(--_muted);
  border-radius: 50%;
  font-size: 12px;
  line-height: 1;
}
[data-tebiki-done] .tebiki-check { border-color: var(--_accent); background: var(--_accent); color: var(--_accent-fg); }
.tebiki-item { flex: 1 1 auto; min-width: 0; }
[data-tebiki-done] .tebiki-item { color: var(--_muted); text-decoration: line-through; }
.tebiki-item + button { padding: 4px 10px; font-size: 13px; }
/*
 * Forced colours (Windows High Contrast) drop shadows and repaint backgrounds in the
 * page's own colour: the hotspot's dot and the progress bar's fill would vanish, and
 * so would the dimming that marks the spotlit target. They are drawn in Highlight,
 * the cut-out is outlined, and the borderless launcher gets a border.
 */
@media (forced-colors: active) {
  [data-tebiki-part='hotspot']::before, [data-tebiki-part='hotspot']::after, .tebiki-bar > div {
    forced-color-adjust: none;
    background: Highlight;
  }
  [data-tebiki-part='hotspot']::before { box-shadow: 0 0 0 2px Canvas; }
  .tebiki-bar, [data-tebiki-part='launcher'] { border: 1px solid; }
  .tebiki-hole { outline: 3px solid Highlight; }
}
/* A printed page shows the page: no step, dimming, hotspot or launcher over it. */
@media print { :host { display: none !important; } }
@keyframes tebiki-in { from { opacity: 0; } }
@keyframes tebiki-pulse { from { transform: scale(1); opacity: 0.6; } to { transform: scale(2.6); opacity: 0; } }
/*
 * Motion only for those who have not asked for less, and a surface, a step's or
 * tooltip's card, or the spotlight's dimming declares its fade-in only while it appears
 * (useEntrance sets data-tebiki-entering until the animation has played). Otherwise
 * they declare no animation at all, not even 'none': Chromium restyles an element
 * whose rules declare one the slow way, which a step following a scroll would pay
 * every frame. An element that has ever animated stays on that slow path, hence
 * the card and the dimming layer: an element moved or clipped every frame never
 * fades itself.
 */
@media (prefers-reduced-motion: no-preference) {
  [data-tebiki-entering] { animation: tebiki-in 160ms ease-out; }
  [data-tebiki-part='hotspot']::after { animation: tebiki-pulse 1.6s ease-out infinite; }
  .tebiki-bar > div { transition: width 200ms; }
}
`;
