import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page, test } from '@playwright/test';
import type {
  AnnouncementView,
  ChecklistView,
  HintView,
  StepView,
  UI,
} from '../../packages/ui/src/index.ts';

/**
 * The UI chunk on its own, in real Chromium: no SDK, no engine. Each page loads
 * `tebiki-ui.js` from a module script served as a file (so the same page runs
 * under a strict CSP) and exposes `window.ui` to drive through page.evaluate.
 */

const ORIGIN = 'http://ui.test';
const dist = new URL('../../packages/tebiki/dist/', import.meta.url);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

declare global {
  interface Window {
    ui: UI;
    /** Every handler call, as [name, ...args]. */
    uiCalls: unknown[][];
    uiViews: {
      step(overrides?: Partial<StepView>): StepView;
      announcement(overrides?: Partial<AnnouncementView>): AnnouncementView;
      hint(overrides?: Partial<HintView>): HintView;
      checklist(overrides?: Partial<ChecklistView>): ChecklistView;
    };
    cspViolations: string[];
    layoutShift: number;
    /** `animationstart` events in the shadow root, as "<part or class><pseudo> <name>". */
    animationStarts: string[];
    recordAnimationStarts(): void;
  }
}

const APP = `import { createUI } from '/tebiki/tebiki-ui.js';
window.uiCalls = [];
const record = (name) => (...args) => { window.uiCalls.push([name, ...args]); };
const handlers = {};
for (const name of ['next', 'back', 'dismiss', 'dismissAnnouncement', 'hintOpened', 'hintDismissed',
  'checklistOpenChange', 'checklistStart', 'checklistDismiss']) handlers[name] = record(name);
const base = { dir: document.documentElement.dir || 'ltr', locale: 'en' };
window.uiViews = {
  step: (o = {}) => ({ ...base, flowId: 'tour', stepId: 's1', stepIndex: 0, total: 3, title: 'Start here',
    body: 'Press **New project** to begin.', target: null, placement: 'bottom', ...o }),
  announcement: (o = {}) => ({ ...base, flowId: 'news', display: 'modal', title: 'Reports are here',
    body: 'Open **Reports** to see your numbers.', ...o }),
  hint: (o = {}) => ({ ...base, flowId: 'export-hint', target: document.querySelector('#anchor'),
    title: 'Export', body: 'Download a CSV of this table.', placement: 'bottom', open: false, ...o }),
  checklist: (o = {}) => ({ ...base, flowId: 'getting-started', title: 'Getting started', done: 1, total: 3,
    open: false, items: [
      { itemId: 'project', title: 'Create a project', done: true, flowId: 'welcome' },
      { itemId: 'invite', title: 'Invite a teammate', done: false, flowId: 'invite-tour' },
      { itemId: 'report', title: 'Open a report', done: false },
    ], ...o }),
};
window.ui = createUI(document, handlers, window.uiTheme ? { theme: window.uiTheme } : {});
// Call right after rendering: animations start in a later frame, so none is missed.
window.recordAnimationStarts = () => {
  window.animationStarts = [];
  document.querySelector('tebiki-root').shadowRoot.addEventListener('animationstart', (event) => {
    const name = event.target.getAttribute('data-tebiki-part') ?? event.target.className;
    window.animationStarts.push(name + event.pseudoElement + ' ' + event.animationName);
  });
};
`;

/** Host page styles, served as a file so the CSP test needs no inline style. */
const HOST_CSS = `
body { margin: 0; font: 16px/1.4 sans-serif; }
header { position: fixed; top: 0; left: 0; right: 0; height: 48px; background: #eef; }
main { padding: 64px 24px 24px; }
#anchor { position: absolute; left: 300px; top: 220px; width: 90px; height: 32px; background: #ccd; }
#scroller { position: absolute; left: 400px; top: 100px; width: 260px; height: 200px; overflow: auto; border: 1px solid #888; }
#scroller .pad { height: 300px; }
#transformed { position: absolute; left: 80px; top: 420px; transform: translate(30px, 20px) rotate(3deg) scale(1.2); }
#in-fixed { position: absolute; left: 240px; top: 8px; }
.filler { position: absolute; top: 600px; left: 24px; width: 600px; }
`;

/** A reset, `* {}` rules, `!important` everywhere, and rules aimed at Tebiki's own elements. */
const HOSTILE_CSS = `
*, *::before, *::after { margin: 0; padding: 0; border: 0 solid; }
* { all: revert; font-size: 30px !important; box-sizing: content-box !important; line-height: 3 !important;
  letter-spacing: 4px !important; text-transform: uppercase !important; color: red !important;
  font-family: serif !important; list-style: none !important; word-spacing: 9px !important;
  text-align: right !important; white-space: pre !important; cursor: wait !important; }
html, body { background: #000 !important; }
button { display: none !important; }
div, p, h2, ul, li, dialog, span { display: inline !important; position: static !important; }
[popover] { inset: 0 !important; width: 100vw !important; display: block !important; margin: 40px !important; }
dialog::backdrop { background: red !important; }
tebiki-root { display: none !important; position: static !important; transform: scale(0.5) !important;
  filter: blur(4px) !important; opacity: 0.2 !important; writing-mode: vertical-rl !important;
  direction: rtl !important; visibility: hidden !important; pointer-events: none !important; }
body > * { visibility: hidden !important; }
`;

const BODY = `<header><button id="in-fixed">Account</button></header>
<main>
  <h1>Host app</h1>
  <p><button id="before">Before</button> <a id="link" href="#top">A link</a></p>
  <div id="anchor">New project</div>
  <div id="scroller" tabindex="0" role="region" aria-label="Nested list"><div class="pad"></div><button id="in-scroller">Row</button><div class="pad"></div></div>
  <div id="transformed"><button id="in-transformed">Transformed</button></div>
  <dialog id="host-dialog" aria-label="Host dialog"><p>A dialog of the host</p><button id="in-dialog">Save</button></dialog>
  <p class="filler">Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>
</main>`;

interface PageOptions {
  body?: string;
  css?: string;
  csp?: string;
  dir?: 'ltr' | 'rtl';
  theme?: Record<string, string | number>;
}

async function openPage(page: Page, options: PageOptions = {}): Promise<void> {
  const { body = BODY, css = '', csp, dir = 'ltr', theme } = options;
  await page.addInitScript(
    ({ theme }) => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
      if (theme) (window as unknown as { uiTheme: unknown }).uiTheme = theme;
    },
    { theme },
  );
  await page.route(`${ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname.startsWith('/tebiki/')) {
      return route.fulfill({
        contentType: 'text/javascript',
        body: readFileSync(new URL(pathname.slice('/tebiki/'.length), dist), 'utf8'),
      });
    }
    if (pathname === '/app.js') return route.fulfill({ contentType: 'text/javascript', body: APP });
    if (pathname === '/host.css') return route.fulfill({ contentType: 'text/css', body: HOST_CSS });
    if (pathname === '/hostile.css') return route.fulfill({ contentType: 'text/css', body: css });
    if (pathname !== '/') return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      contentType: 'text/html',
      headers: csp ? { 'content-security-policy': csp } : {},
      body: `<!doctype html><html lang="en" dir="${dir}"><head><meta charset="utf-8"><title>UI test</title>
<link rel="stylesheet" href="/host.css"><link rel="stylesheet" href="/hostile.css">
<script type="module" src="/app.js"></script></head><body>${body}</body></html>`,
    });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'ui' in window);
}

/** Waits two frames, so autoUpdate has run and the browser has painted. */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );

const part = (page: Page, name: string) => page.locator(`tebiki-root [data-tebiki-part="${name}"]`);

/** The visible surface of a step or tooltip, inside the popover that follows the target. */
const card = (page: Page) =>
  page.locator('tebiki-root [data-tebiki-part="popover"] > .tebiki-card');

/** A step on #anchor whose body is far taller than a phone's screen. */
async function showLongStep(page: Page): Promise<void> {
  const long = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of a long body.`).join('\n\n');
  await page.evaluate(
    (body) =>
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#anchor'), body }),
      ),
    long,
  );
  await settle(page);
}

const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`no box for ${selector}`);
  return found;
};

/** What elementFromPoint finds at the centre of `selector` (retargeted to the shadow host). */
const hitAtCentre = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const element = document.querySelector(selector) as HTMLElement;
    const rect = element.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
    return hit?.id || hit?.localName || null;
  }, selector);

/** The popover's box relative to its target, which must not change while attached. */
const offsetFromTarget = async (page: Page, target: string) => {
  const popover = (await part(page, 'popover').boundingBox())!;
  const anchor = await box(page, target);
  return { dx: popover.x - anchor.x, dy: popover.y - anchor.y };
};

const runAxe = async (page: Page) => {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<AxeResult> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' > ')).join(', ')}`,
    );
  });
};
interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

test.describe('positioning', () => {
  test('keeps the popover attached while a nested container scrolls', async ({ page }) => {
    await openPage(page);
    // The row in sight inside its container, so the step has nothing to scroll into view.
    await page.evaluate(() => {
      document.querySelector('#scroller')!.scrollTop = 200;
    });
    await page.evaluate(() =>
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#in-scroller'), placement: 'right' }),
      ),
    );
    await settle(page);
    const before = await offsetFromTarget(page, '#in-scroller');
    await page.evaluate(() => {
      document.querySelector('#scroller')!.scrollTop += 60;
    });
    await settle(page);
    const after = await offsetFromTarget(page, '#in-scroller');
    expect(Math.abs(after.dx - before.dx)).toBeLessThan(1);
    expect(Math.abs(after.dy - before.dy)).toBeLessThan(1);
    // With the target in sight inside its container, the spotlight's cut-out follows it
    // in the same updates as the popover: 6 px around the target, scroll after scroll.
    for (const scrollTop of [200, 240]) {
      await page.evaluate((scrollTop) => {
        document.querySelector('#scroller')!.scrollTop = scrollTop;
      }, scrollTop);
      await settle(page);
      await expect(part(page, 'popover')).toBeVisible();
      const hole = (await page.locator('tebiki-root .tebiki-hole').boundingBox())!;
      const anchor = await box(page, '#in-scroller');
      expect(Math.abs(hole.x - (anchor.x - 6))).toBeLessThan(1);
      expect(Math.abs(hole.y - (anchor.y - 6))).toBeLessThan(1);
      expect(Math.abs(hole.height - (anchor.height + 12))).toBeLessThan(1);
    }

    // Scrolled out of its container, the target takes the popover with it, and the
    // cut-out closes so the dimming covers everything.
    await page.evaluate(() => {
      document.querySelector('#scroller')!.scrollTop = 0;
    });
    await settle(page);
    await expect(part(page, 'popover')).toBeHidden();
    const closed = await page.evaluate(
      () =>
        document
          .querySelector('tebiki-root')!
          .shadowRoot!.querySelector('.tebiki-hole')!
          .getBoundingClientRect().width,
    );
    expect(closed).toBe(0);
  });

  test('scrolls a target out from under a fixed header, and into its container, before showing it', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 1000, height: 600 });
    await openPage(page, { css: 'main { height: 2000px; } header { z-index: 1; }' });
    // #anchor sits at 220 px in the page: 200 px down, it is under the 48 px header.
    await page.evaluate(() => window.scrollTo(0, 200));
    expect(await hitAtCentre(page, '#anchor')).not.toBe('anchor');
    await page.evaluate(() =>
      window.ui.renderStep(window.uiViews.step({ target: document.querySelector('#anchor') })),
    );
    await settle(page);
    expect(await hitAtCentre(page, '#anchor')).toBe('anchor');
    expect((await box(page, '#anchor')).y).toBeGreaterThan(48);
    await expect(part(page, 'popover')).toBeVisible();

    // Within the viewport, but below what its container shows (the container's top 200 px).
    await page.evaluate(() => window.ui.renderStep(null));
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await hitAtCentre(page, '#in-scroller')).not.toBe('in-scroller');
    await page.evaluate(() =>
      window.ui.renderStep(
        window.uiViews.step({ stepId: 's2', target: document.querySelector('#in-scroller') }),
      ),
    );
    await settle(page);
    expect(await hitAtCentre(page, '#in-scroller')).toBe('in-scroller');
    await expect(part(page, 'popover')).toBeVisible();
  });

  test('keeps the popover attached after the window is resized', async ({ page }) => {
    await page.setViewportSize({ width: 1000, height: 700 });
    await openPage(page, { body: BODY.replace('id="anchor"', 'id="anchor" class="centred"') });
    await page.addStyleTag({ content: '#anchor.centred { left: 50%; }' });
    await page.evaluate(() =>
      window.ui.renderStep(window.uiViews.step({ target: document.querySelector('#anchor') })),
    );
    await settle(page);
    const wide = await offsetFromTarget(page, '#anchor');
    await page.setViewportSize({ width: 800, height: 600 });
    await settle(page);
    const narrow = await offsetFromTarget(page, '#anchor');
    expect(Math.abs(narrow.dx - wide.dx)).toBeLessThan(1);
    expect(Math.abs(narrow.dy - wide.dy)).toBeLessThan(1);
    const anchor = await box(page, '#anchor');
    const popover = (await part(page, 'popover').boundingBox())!;
    expect(popover.y).toBeGreaterThanOrEqual(anchor.y + anchor.height);
    expect(Math.abs(popover.x + popover.width / 2 - (anchor.x + anchor.width / 2))).toBeLessThan(1);
  });

  test('anchors to targets inside transformed and fixed ancestors', async ({ page }) => {
    await openPage(page);
    for (const target of ['#in-transformed', '#in-fixed']) {
      await page.evaluate(
        (target) =>
          window.ui.renderStep(
            window.uiViews.step({ stepId: target, target: document.querySelector(target) }),
          ),
        target,
      );
      await settle(page);
      const anchor = await box(page, target);
      const popover = (await part(page, 'popover').boundingBox())!;
      // Below the target's visual box, by the 12 px gap, and centred on it.
      expect(Math.abs(popover.y - (anchor.y + anchor.height + 12))).toBeLessThan(1.5);
      expect(Math.abs(popover.x + popover.width / 2 - (anchor.x + anchor.width / 2))).toBeLessThan(
        1.5,
      );
    }
    // The fixed header stays put while the page scrolls: so does its popover.
    const before = (await part(page, 'popover').boundingBox())!;
    await page.evaluate(() => {
      document.body.style.height = '3000px';
      window.scrollBy(0, 400);
    });
    await settle(page);
    const after = (await part(page, 'popover').boundingBox())!;
    expect(after.y).toBeCloseTo(before.y, 0);
  });

  test('cuts the spotlight out around the target and lets clicks through', async ({ page }) => {
    await openPage(page);
    await page.evaluate(() =>
      window.ui.renderStep(
        window.uiViews.step({
          target: document.querySelector('#anchor'),
          spotlight: { padding: 10, radius: 12 },
        }),
      ),
    );
    await settle(page);
    const hole = await page.locator('tebiki-root .tebiki-hole').boundingBox();
    const anchor = await box(page, '#anchor');
    expect(hole!.x).toBeCloseTo(anchor.x - 10, 0);
    expect(hole!.width).toBeCloseTo(anchor.width + 20, 0);
    // Non-modal: the page outside and the target inside both take clicks.
    expect(await hitAtCentre(page, '#anchor')).toBe('anchor');
    expect(await hitAtCentre(page, '#link')).toBe('link');

    // Modal: the page is blocked, the target still clickable through the cut-out.
    await page.evaluate(() =>
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#anchor'), modal: true }),
      ),
    );
    await settle(page);
    expect(await hitAtCentre(page, '#anchor')).toBe('anchor');
    expect(await hitAtCentre(page, '#link')).toBe('tebiki-root');
    await expect(part(page, 'popover')).toHaveAttribute('aria-modal', 'true');
  });

  test('draws every part above an open modal dialog of the host, and keeps it usable', async ({
    page,
  }) => {
    await openPage(page);
    await page.evaluate(() => {
      (document.querySelector('#host-dialog') as HTMLDialogElement).showModal();
      window.ui.renderStep(window.uiViews.step({ target: document.querySelector('#in-dialog') }));
    });
    await settle(page);
    const popover = (await part(page, 'popover').boundingBox())!;
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, {
      x: popover.x + popover.width / 2,
      y: popover.y + popover.height / 2,
    });
    expect(hit).toBe('tebiki-root');
    await part(page, 'next').click();
    expect(await page.evaluate(() => window.uiCalls)).toEqual([['next']]);

    // The host closes its dialog: Tebiki stays on screen and usable.
    await page.evaluate(() => {
      (document.querySelector('#host-dialog') as HTMLDialogElement).close();
      window.ui.renderStep(window.uiViews.step({ stepId: 's2', stepIndex: 1 }));
    });
    await settle(page);
    await part(page, 'back').click();
    expect(await page.evaluate(() => window.uiCalls.at(-1))).toEqual(['back']);
  });

  test('is above a host element with the highest z-index and a non-modal dialog', async ({
    page,
  }) => {
    await openPage(page);
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.id = 'cover';
      Object.assign(cover.style, { position: 'fixed', inset: '0', zIndex: '2147483647' });
      document.body.append(cover);
      (document.querySelector('#host-dialog') as HTMLDialogElement).show();
      window.ui.renderStep(window.uiViews.step());
    });
    await settle(page);
    const popover = (await part(page, 'popover').boundingBox())!;
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, {
      x: popover.x + popover.width / 2,
      y: popover.y + popover.height / 2,
    });
    expect(hit).toBe('tebiki-root');
  });

  test('becomes a bottom sheet within a 360×640 viewport, and every part fits', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await openPage(page);
    await showLongStep(page);
    const popover = part(page, 'popover');
    await expect(popover).toHaveAttribute('data-tebiki-sheet', 'bottom');
    const sheet = (await popover.boundingBox())!;
    expect(sheet.x).toBe(0);
    expect(sheet.width).toBe(360);
    expect(sheet.y + sheet.height).toBeCloseTo(640, 0);
    expect(sheet.height).toBeLessThanOrEqual(640 * 0.7 + 1);
    await expect(page.locator('tebiki-root .tebiki-arrow')).toBeHidden();
    // The spotlight still cuts out the target.
    const hole = (await page.locator('tebiki-root .tebiki-hole').boundingBox())!;
    const anchor = await box(page, '#anchor');
    expect(Math.abs(hole.x - (anchor.x - 6))).toBeLessThan(1);
    expect(Math.abs(hole.width - (anchor.width + 12))).toBeLessThan(1);
    // The long body scrolls inside; the buttons stay on screen.
    const next = (await part(page, 'next').boundingBox())!;
    expect(next.y + next.height).toBeLessThanOrEqual(640);

    // A centred step, a tooltip, the checklist and a modal stay inside 360 px too.
    await page.evaluate(() => {
      window.ui.renderStep(window.uiViews.step({ stepId: 's2' }));
      window.ui.renderHints([window.uiViews.hint({ open: true })]);
      window.ui.renderChecklist(window.uiViews.checklist({ open: true }));
    });
    await settle(page);
    for (const name of ['popover', 'checklist', 'launcher', 'hotspot']) {
      for (const found of await part(page, name).all()) {
        const b = (await found.boundingBox())!;
        expect(b.x, name).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width, name).toBeLessThanOrEqual(360);
        expect(b.y, name).toBeGreaterThanOrEqual(0);
        expect(b.y + b.height, name).toBeLessThanOrEqual(640);
      }
    }
  });

  test('docks the sheet on top, above nothing it covers, when the target sits at the bottom', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await openPage(page, { body: BODY.replace('id="anchor"', 'id="anchor" class="low"') });
    // Fixed to the bottom edge: no scrolling can bring it higher.
    await page.addStyleTag({ content: '#anchor.low { position: fixed; top: auto; bottom: 0; }' });
    await showLongStep(page);
    const popover = part(page, 'popover');
    await expect(popover).toHaveAttribute('data-tebiki-sheet', 'top');
    const sheet = (await popover.boundingBox())!;
    const target = await box(page, '#anchor');
    expect(sheet.y).toBeCloseTo(0, 0);
    expect(sheet.width).toBe(360);
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(target.y);
    // The buttons stay on screen; the body scrolls inside.
    const next = (await part(page, 'next').boundingBox())!;
    expect(next.y + next.height).toBeLessThanOrEqual(target.y);
  });

  test('keeps a tall tooltip inside the viewport by capping its height', async ({ page }) => {
    await page.setViewportSize({ width: 900, height: 500 });
    await openPage(page);
    const long = Array.from({ length: 60 }, (_, i) => `Line ${i + 1}.`).join('\n\n');
    await page.evaluate(
      (body) => window.ui.renderHints([window.uiViews.hint({ body, open: true })]),
      long,
    );
    await settle(page);
    const tip = (await part(page, 'popover').boundingBox())!;
    expect(tip.y).toBeGreaterThanOrEqual(0);
    expect(tip.y + tip.height).toBeLessThanOrEqual(500);
  });

  test('wraps a long unbroken word inside every part, and cuts the launcher short', async ({
    page,
  }) => {
    const long = `https://example.com/${'averyveryverylongpathsegment'.repeat(4)}`;
    await openPage(page);
    await page.evaluate((long) => {
      const anchor = document.querySelector('#anchor');
      window.ui.renderStep(window.uiViews.step({ target: anchor, title: long, body: long }));
      window.ui.renderChecklist(
        window.uiViews.checklist({
          open: true,
          title: long,
          items: [{ itemId: 'a', title: long, done: false }],
        }),
      );
      window.ui.renderHints([
        window.uiViews.hint({
          target: document.querySelector('#before')!,
          open: true,
          title: long,
        }),
      ]);
      window.ui.renderAnnouncement(
        window.uiViews.announcement({ display: 'banner', title: long, body: long }),
      );
    }, long);
    await settle(page);
    // Every box inside a part, and the text in it, stays within the part's own box.
    const overflowing = await page.evaluate(() => {
      const root = document.querySelector('tebiki-root')!.shadowRoot!;
      const surfaces = root.querySelectorAll<HTMLElement>(
        '.tebiki-card, .tebiki-surface, [data-tebiki-part="launcher"]',
      );
      const out: string[] = [];
      for (const surface of surfaces) {
        const outer = surface.getBoundingClientRect();
        for (const inner of surface.querySelectorAll('*')) {
          const box = inner.getBoundingClientRect();
          if (box.width === 0 || inner.classList.contains('tebiki-sr')) continue;
          // Cut short with an ellipsis is meant; running past the edge is not.
          const textOverflows =
            inner.clientWidth > 0 &&
            inner.scrollWidth > inner.clientWidth + 1 &&
            getComputedStyle(inner).textOverflow !== 'ellipsis';
          if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5 || textOverflows) {
            out.push(`${surface.dataset.tebikiPart ?? surface.className} > ${inner.localName}`);
          }
        }
      }
      return { surfaces: surfaces.length, out };
    });
    expect(overflowing).toEqual({ surfaces: 5, out: [] });
    const launcher = (await part(page, 'launcher').boundingBox())!;
    const panel = (await part(page, 'checklist').boundingBox())!;
    expect(launcher.width).toBeLessThanOrEqual(panel.width + 0.5);
    // Cut short on screen only: its name still says all of it.
    await expect(part(page, 'launcher')).toHaveAccessibleName(new RegExp(`^${long}`));
  });

  test('anchors to its target on a page zoomed with CSS', async ({ page }) => {
    // Some apps scale their whole UI with `zoom` on the body; positions are measured unzoomed.
    await openPage(page, { css: 'body { zoom: 1.5 }' });
    await page.evaluate(() =>
      window.ui.renderStep(window.uiViews.step({ target: document.querySelector('#anchor') })),
    );
    await settle(page);
    const anchor = await box(page, '#anchor');
    const popover = (await part(page, 'popover').boundingBox())!;
    expect(popover.y).toBeGreaterThanOrEqual(anchor.y + anchor.height);
    expect(popover.y).toBeLessThan(anchor.y + anchor.height + 20);
    expect(Math.abs(popover.x + popover.width / 2 - (anchor.x + anchor.width / 2))).toBeLessThan(2);
    // The cut-out is around the target (6 px of padding), not scaled away from it.
    const hole = (await page.locator('tebiki-root .tebiki-hole').boundingBox())!;
    expect(hole.x).toBeCloseTo(anchor.x - 6, 0);
    expect(hole.y).toBeCloseTo(anchor.y - 6, 0);
    expect(hole.width).toBeCloseTo(anchor.width + 12, 0);
  });

  test('moves the launcher and its panel where the theme puts them, clear of a chat button', async ({
    page,
  }) => {
    await openPage(page, { theme: { launcherBottom: 96, launcherEnd: 40 } });
    await page.evaluate(() => window.ui.renderChecklist(window.uiViews.checklist({ open: true })));
    await settle(page);
    const viewport = page.viewportSize()!;
    const launcher = (await part(page, 'launcher').boundingBox())!;
    const panel = (await part(page, 'checklist').boundingBox())!;
    expect(viewport.height - (launcher.y + launcher.height)).toBeCloseTo(96, 0);
    expect(viewport.width - (launcher.x + launcher.width)).toBeCloseTo(40, 0);
    expect(viewport.width - (panel.x + panel.width)).toBeCloseTo(40, 0);
    // The panel opens above the launcher, wherever that is.
    expect(panel.y + panel.height).toBeLessThan(launcher.y);
    expect(launcher.y - (panel.y + panel.height)).toBeLessThan(16);
  });

  test('mirrors placements and the launcher in right-to-left pages', async ({ page }) => {
    await openPage(page, { dir: 'rtl' });
    await page.evaluate(() => {
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#anchor'), placement: 'right' }),
      );
      window.ui.renderChecklist(window.uiViews.checklist());
    });
    await settle(page);
    await expect(part(page, 'popover')).toHaveAttribute('data-tebiki-placement', 'left');
    const anchor = await box(page, '#anchor');
    const popover = (await part(page, 'popover').boundingBox())!;
    expect(popover.x + popover.width).toBeLessThanOrEqual(anchor.x);
    const launcher = (await part(page, 'launcher').boundingBox())!;
    expect(launcher.x).toBeCloseTo(16, 0);
  });
});

test.describe('isolation', () => {
  /** Every part open at once, with a target pinned in place so the pages can be compared. */
  const renderAll = (page: Page) =>
    page.evaluate(() => {
      const anchor = document.querySelector('#anchor') as HTMLElement;
      for (const [property, value] of Object.entries({
        position: 'fixed',
        left: '300px',
        top: '220px',
        width: '90px',
        height: '32px',
        display: 'block',
        visibility: 'visible',
      })) {
        anchor.style.setProperty(property, value, 'important');
      }
      window.ui.renderStep(window.uiViews.step({ target: anchor, stepIndex: 1 }));
      window.ui.renderAnnouncement(window.uiViews.announcement({ display: 'banner' }));
      window.ui.renderHints([window.uiViews.hint({ open: true, placement: 'right' })]);
      window.ui.renderChecklist(window.uiViews.checklist({ open: true }));
    });

  const partBoxes = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelector('tebiki-root')!.shadowRoot!.querySelectorAll('*')].map(
        (element) => {
          const { x, y, width, height } = element.getBoundingClientRect();
          const part = element.getAttribute('data-tebiki-part') ?? element.localName;
          return `${part} ${[x, y, width, height].map((n) => Math.round(n * 2) / 2).join(',')}`;
        },
      ),
    );

  test('renders identical boxes on a page with hostile global CSS', async ({ browser }) => {
    const clean = await browser.newPage();
    await openPage(clean);
    await renderAll(clean);
    await settle(clean);
    const expected = await partBoxes(clean);
    expect(expected.length).toBeGreaterThan(20);

    const hostile = await browser.newPage();
    await openPage(hostile, { css: HOSTILE_CSS });
    await renderAll(hostile);
    await settle(hostile);
    expect(await partBoxes(hostile)).toEqual(expected);
    // Still visible and clickable, whatever the page says about tebiki-root and buttons.
    await part(hostile, 'next').first().click();
    expect(await hostile.evaluate(() => window.uiCalls)).toEqual([['next']]);
    await clean.close();
    await hostile.close();
  });

  test('causes no CSP violation under a strict Content-Security-Policy', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await openPage(page, {
      csp: "default-src 'self'; style-src 'self'; script-src 'self'",
    });
    await renderAll(page);
    await settle(page);
    await page.evaluate(() => {
      window.ui.renderAnnouncement(window.uiViews.announcement());
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#anchor'), modal: true }),
      );
    });
    await settle(page);
    // The stylesheet applied: a styled, visible popover.
    await expect(part(page, 'popover').first()).toHaveCSS('position', 'fixed');
    await expect(part(page, 'modal')).toBeVisible();
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('leaves every part out of a printed page', async ({ page }) => {
    await openPage(page);
    await page.evaluate(() => {
      window.ui.renderStep(window.uiViews.step({ target: document.querySelector('#anchor') }));
      window.ui.renderHints([window.uiViews.hint({ target: document.querySelector('#before')! })]);
      window.ui.renderChecklist(window.uiViews.checklist());
    });
    await settle(page);
    const shown = ['popover', 'spotlight', 'hotspot', 'launcher'];
    for (const name of shown) await expect(part(page, name)).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    for (const name of shown) await expect(part(page, name)).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    for (const name of shown) await expect(part(page, name)).toBeVisible();
  });

  test('causes no layout shift on the host page while parts open and close', async ({ page }) => {
    await openPage(page);
    await page.evaluate(() => {
      window.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.layoutShift += (entry as unknown as { value: number }).value;
        }
      }).observe({ type: 'layout-shift' });
    });
    const views = [
      // A bottom banner lifts the checklist's launcher above itself, and lets it down again.
      () => window.ui.renderChecklist(window.uiViews.checklist()),
      () =>
        window.ui.renderAnnouncement(
          window.uiViews.announcement({ display: 'banner', position: 'bottom' }),
        ),
      () => window.ui.renderAnnouncement(null),
      () => window.ui.renderAnnouncement(window.uiViews.announcement({ display: 'banner' })),
      () =>
        window.ui.renderAnnouncement(
          window.uiViews.announcement({ display: 'banner', position: 'bottom' }),
        ),
      () => window.ui.renderAnnouncement(window.uiViews.announcement()),
      () => window.ui.renderAnnouncement(null),
      () =>
        window.ui.renderStep(window.uiViews.step({ target: document.querySelector('#anchor') })),
      () => window.ui.renderStep(window.uiViews.step({ stepId: 's2', stepIndex: 1 })),
      () => window.ui.renderHints([window.uiViews.hint({ open: true })]),
      () => window.ui.renderChecklist(window.uiViews.checklist({ open: true })),
      () => window.ui.renderStep(null),
      () => window.ui.renderHints([]),
      () => window.ui.renderChecklist(null),
    ];
    for (const view of views) {
      await page.evaluate(view);
      await settle(page);
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.layoutShift)).toBe(0);
  });
});

/** Scrolls #scroller to 200 then 240 px and reads `read()` after each position has settled. */
async function whileScrolling<T>(page: Page, read: () => Promise<T>): Promise<T[]> {
  const values: T[] = [];
  for (const scrollTop of [200, 240]) {
    await page.evaluate((scrollTop) => {
      document.querySelector('#scroller')!.scrollTop = scrollTop;
    }, scrollTop);
    await settle(page);
    values.push(await read());
  }
  return values;
}

test.describe('accessibility', () => {
  const states: [string, (page: Page) => Promise<unknown>][] = [
    [
      'a step anchored to its target, with the spotlight',
      (page) =>
        page.evaluate(() =>
          window.ui.renderStep(
            window.uiViews.step({ target: document.querySelector('#anchor'), stepIndex: 1 }),
          ),
        ),
    ],
    [
      'a centred modal step',
      (page) => page.evaluate(() => window.ui.renderStep(window.uiViews.step({ modal: true }))),
    ],
    [
      'a modal announcement',
      (page) => page.evaluate(() => window.ui.renderAnnouncement(window.uiViews.announcement())),
    ],
    [
      'a banner',
      (page) =>
        page.evaluate(() =>
          window.ui.renderAnnouncement(window.uiViews.announcement({ display: 'banner' })),
        ),
    ],
    [
      'a hint with its tooltip open',
      (page) => page.evaluate(() => window.ui.renderHints([window.uiViews.hint({ open: true })])),
    ],
    [
      'a hotspot alone',
      (page) => page.evaluate(() => window.ui.renderHints([window.uiViews.hint()])),
    ],
    [
      'the checklist panel',
      (page) =>
        page.evaluate(() => window.ui.renderChecklist(window.uiViews.checklist({ open: true }))),
    ],
  ];

  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, show] of states) {
      test(`axe finds no violations with ${name} (${scheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await openPage(page);
        await show(page);
        await settle(page);
        expect(await runAxe(page)).toEqual([]);
      });
    }
  }

  test('walks a tour, a hint, the checklist and a modal with the keyboard alone', async ({
    page,
  }) => {
    await openPage(page);
    await page.locator('#before').focus();
    const active = () =>
      page.evaluate(() => {
        const inner = document.querySelector('tebiki-root')?.shadowRoot?.activeElement;
        const element = inner ?? document.activeElement;
        return element?.getAttribute('data-tebiki-part') ?? element?.id ?? null;
      });

    // The step takes focus; Tab reaches its controls; Enter presses them.
    await page.evaluate(() =>
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#anchor'), stepIndex: 1 }),
      ),
    );
    await settle(page);
    expect(await active()).toBe('popover');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('close');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('back');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('next');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.uiCalls)).toEqual([['next'], ['back']]);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Escape');
    expect((await page.evaluate(() => window.uiCalls)).slice(2)).toEqual([
      ['next'],
      ['back'],
      ['dismiss'],
    ]);
    await page.evaluate(() => window.ui.renderStep(null));
    expect(await active()).toBe('before');

    // The hotspot is a button in the Tab order: Enter opens the tooltip, Escape closes it.
    await page.evaluate(() => window.ui.renderHints([window.uiViews.hint()]));
    await settle(page);
    await page.locator('tebiki-root [data-tebiki-part="hotspot"]').focus();
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await active()).toBe('popover');
    await expect(part(page, 'hotspot')).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Escape');
    expect(await active()).toBe('hotspot');
    await expect(part(page, 'popover')).toHaveCount(0);

    // The launcher opens the panel; Tab reaches "Show me"; Escape goes back to the launcher.
    await page.evaluate(() => window.ui.renderChecklist(window.uiViews.checklist()));
    await settle(page);
    await page.locator('tebiki-root [data-tebiki-part="launcher"]').focus();
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await active()).toBe('checklist');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.locator('tebiki-root [aria-label^="Show me"]')).toBeFocused();
    await page.keyboard.press('Escape');
    expect(await active()).toBe('launcher');

    // The modal announcement traps Tab both ways, and Escape dismisses it.
    await page.locator('#before').focus();
    await page.evaluate(() => window.ui.renderAnnouncement(window.uiViews.announcement()));
    await settle(page);
    expect(await active()).toBe('modal');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('close');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('next');
    await page.keyboard.press('Tab');
    expect(await active()).toBe('close');
    await page.keyboard.press('Shift+Tab');
    expect(await active()).toBe('next');
    await page.keyboard.press('Escape');
    await settle(page);
    await expect(part(page, 'modal')).toHaveCount(0);
    expect(await active()).toBe('before');
    expect(await page.evaluate(() => window.uiCalls.slice(-1))).toEqual([
      ['dismissAnnouncement', 'news'],
    ]);
    expect(await page.evaluate(() => window.uiCalls.map((call) => call[0]))).toEqual([
      'next',
      'back',
      'next',
      'back',
      'dismiss',
      'hintOpened',
      'hintDismissed',
      'checklistOpenChange',
      'checklistOpenChange',
      'dismissAnnouncement',
    ]);
  });

  test('announces each step in a polite live region', async ({ page }) => {
    await openPage(page);
    await page.evaluate(() => window.ui.renderStep(window.uiViews.step({ stepIndex: 1 })));
    await expect(page.locator('tebiki-root [role="status"]')).toHaveText('Step 2 of 3: Start here');
  });

  test('removes every animation when the user prefers reduced motion', async ({ page }) => {
    await openPage(page);
    await page.evaluate(() => window.ui.renderHints([window.uiViews.hint()]));
    await settle(page);
    const running = () =>
      page.evaluate(
        () => document.querySelector('tebiki-root')!.shadowRoot!.getAnimations().length,
      );
    expect(await running()).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate(() => window.ui.renderStep(window.uiViews.step()));
    await settle(page);
    expect(await running()).toBe(0);
  });

  test('fades a step in while it appears, then declares no animation on it', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openPage(page);
    /**
     * Shows step `stepId` on #anchor (unless null), then reads, for the popover's
     * card, the popover itself and the spotlight, how many animations run and the
     * animation-name declared.
     */
    const showAndRead = (stepId: string | null) =>
      page.evaluate((stepId) => {
        if (stepId) {
          const target = document.querySelector('#anchor');
          window.ui.renderStep(window.uiViews.step({ stepId, target }));
        }
        const root = document.querySelector('tebiki-root')!.shadowRoot!;
        return [
          '[data-tebiki-part="popover"] > .tebiki-card',
          '[data-tebiki-part="popover"]',
          '[data-tebiki-part="spotlight"] > .tebiki-dim',
          '[data-tebiki-part="spotlight"]',
        ].map((selector) => {
          const element = root.querySelector(selector)!;
          return [element.getAnimations().length, getComputedStyle(element).animationName];
        });
      }, stepId);
    const played = async () => {
      await page.evaluate(() =>
        Promise.all(
          document
            .querySelector('tebiki-root')!
            .shadowRoot!.getAnimations()
            .map((animation) => animation.finished),
        ),
      );
      await settle(page);
    };
    const still = [
      [0, 'none'],
      [0, 'none'],
      [0, 'none'],
      [0, 'none'],
    ];

    expect(await showAndRead('s1')).toEqual([
      [1, 'tebiki-in'],
      [0, 'none'],
      [1, 'tebiki-in'],
      [0, 'none'],
    ]);
    await played();
    // Once played, nothing stays declared: restyles while the page scrolls stay cheap.
    expect(await showAndRead(null)).toEqual(still);

    // The next step's card is new and fades in; the popover and spotlight stay as they were.
    expect(await showAndRead('s2')).toEqual([
      [1, 'tebiki-in'],
      [0, 'none'],
      [0, 'none'],
      [0, 'none'],
    ]);
    await played();
    expect(await showAndRead(null)).toEqual(still);

    // Shown under reduced motion, a step has nothing left to play once motion is allowed again.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await showAndRead('s3')).toEqual(still);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await showAndRead(null)).toEqual(still);
  });

  test('fades in the card of a step or tooltip, never the element that follows the target', async ({
    page,
  }) => {
    // Chromium restyles an element that has ever run an animation the slow way for
    // the rest of its life, and attachFloating restyles the popover every frame.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openPage(page);
    await page.evaluate(() => {
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#in-scroller'), placement: 'right' }),
      );
      window.ui.renderHints([window.uiViews.hint({ open: true })]);
      window.recordAnimationStarts();
    });
    const step = page.locator('tebiki-root [data-tebiki-part="popover"][data-tebiki-step]');
    const transforms = await whileScrolling(page, () =>
      step.evaluate((popover) => popover.style.transform),
    );
    // The step followed its target, yet neither popover ever animated: their cards faded in.
    expect(transforms[0]).not.toBe(transforms[1]);
    expect((await page.evaluate(() => window.animationStarts)).sort()).toEqual([
      'tebiki-card tebiki-in',
      'tebiki-card tebiki-in',
      'tebiki-dim tebiki-in',
    ]);
  });

  test('fades in the dimming layer of a modal step, never the overlay clipped around the target', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openPage(page);
    await page.evaluate(() => {
      window.ui.renderStep(
        window.uiViews.step({ target: document.querySelector('#in-scroller'), modal: true }),
      );
      window.recordAnimationStarts();
    });
    const overlay = page.locator('tebiki-root [data-tebiki-part="spotlight"]');
    const clips = await whileScrolling(page, () =>
      overlay.evaluate((element) => element.style.clipPath),
    );
    // The overlay is clipped anew as the target moves, and only its inner layer faded in.
    expect(clips[0]).toContain('polygon');
    expect(clips[0]).not.toBe(clips[1]);
    expect((await page.evaluate(() => window.animationStarts)).sort()).toEqual([
      'tebiki-card tebiki-in',
      'tebiki-dim tebiki-in',
    ]);
  });

  test('follows the colour scheme, and a theme overrides it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPage(page);
    await page.evaluate(() => window.ui.renderStep(window.uiViews.step()));
    await expect(card(page)).toHaveCSS('background-color', 'rgb(31, 35, 40)');
    await expect(part(page, 'next')).toHaveCSS('background-color', 'rgb(124, 172, 248)');

    const themed = await page.context().newPage();
    await openPage(themed, { theme: { accent: '#6b21a8', radius: 4, font: 'Georgia, serif' } });
    await themed.evaluate(() => window.ui.renderStep(window.uiViews.step()));
    await expect(part(themed, 'next')).toHaveCSS('background-color', 'rgb(107, 33, 168)');
    await expect(card(themed)).toHaveCSS('border-top-left-radius', '4px');
    await expect(part(themed, 'popover')).toHaveCSS('font-family', 'Georgia, serif');
  });

  test('keeps the hotspot, the spotlit target, the progress bar and the launcher visible in forced colours', async ({
    page,
  }) => {
    // Windows High Contrast: shadows are dropped and backgrounds repainted in the page's colour.
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await openPage(page);
    const anchor = await box(page, '#anchor');

    // The hotspot's dot covers about a fifth of its box, over what the page shows there.
    await page.evaluate(() => window.ui.renderHints([window.uiViews.hint()]));
    await settle(page);
    const hotspot = (await part(page, 'hotspot').boundingBox())!;
    const withDot = ink(await colours(page, hotspot));
    await page.evaluate(() => window.ui.renderHints([]));
    await settle(page);
    expect(withDot - ink(await colours(page, hotspot))).toBeGreaterThan(0.15);

    // Above the target, where the cut-out's edge runs (the popover is below it).
    const above = { x: anchor.x, y: anchor.y - 14, width: anchor.width, height: 14 };
    expect(ink(await colours(page, above))).toBe(0);
    await page.evaluate(() =>
      window.ui.renderStep(window.uiViews.step({ target: document.querySelector('#anchor') })),
    );
    await settle(page);
    expect(ink(await colours(page, above))).toBeGreaterThan(0.1);
    await page.evaluate(() => window.ui.renderStep(null));

    await page.evaluate(() => window.ui.renderChecklist(window.uiViews.checklist({ open: true })));
    await settle(page);
    // One item of three is done: the bar's first third is filled, its last third is not.
    const bar = (await page.locator('tebiki-root .tebiki-bar').boundingBox())!;
    const inside = { y: bar.y + 2, width: bar.width / 4, height: bar.height - 4 };
    const filled = dominant(await colours(page, { ...inside, x: bar.x + 2 }));
    const empty = dominant(await colours(page, { ...inside, x: bar.x + bar.width * 0.7 }));
    expect(filled).not.toBe(empty);

    // The launcher's top edge is drawn, not only its text.
    const launcher = (await part(page, 'launcher').boundingBox())!;
    const edge = { x: launcher.x + launcher.width / 3, y: launcher.y, width: launcher.width / 3 };
    const top = await colours(page, { ...edge, height: 1 });
    const padding = await colours(page, { ...edge, y: launcher.y + 3, height: 3 });
    expect(dominant(top)).not.toBe(dominant(padding));
  });
});

type Box = { x: number; y: number; width: number; height: number };

/** Each pixel of a region of the screen, as the user sees it, as a hex colour. */
async function colours(page: Page, clip: Box | null): Promise<string[]> {
  if (!clip) throw new Error('no box to look at');
  const png = (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async (png) => {
    const image = await createImageBitmap(
      await (await fetch(`data:image/png;base64,${png}`)).blob(),
    );
    const context = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const pixels: string[] = [];
    for (let i = 0; i < data.length; i += 4) {
      pixels.push(((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!).toString(16));
    }
    return pixels;
  }, png);
}

/** The colour most pixels have. */
function dominant(pixels: string[]): string {
  const counts = new Map<string, number>();
  for (const pixel of pixels) counts.set(pixel, (counts.get(pixel) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** The share of pixels not in the dominant colour: 0 for a plain background. */
function ink(pixels: string[]): number {
  const background = dominant(pixels);
  return pixels.filter((pixel) => pixel !== background).length / pixels.length;
}
