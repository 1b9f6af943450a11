import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { storedStatus, TourModel } from '../models/tour.model.ts';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

// The demo's announcements and theme, as a user of Kanri meets them: the modal on the weekly
// report (the Aha! moment), the trial banner on the projects page, and Tebiki's parts in
// Kanri's colours. Each test starts as a new trial user (a fresh browser context).

/** The demo's pause between auto-started guides (`autoStartGapMs` in app.js). */
const GAP_MS = 3000;

// Kanri and Tebiki throw nothing on any of these pages.
const pageErrors = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  pageErrors.set(page, errors);
});
test.afterEach(({ page }) => {
  expect(pageErrors.get(page)).toEqual([]);
});

test('the weekly report congratulates with a modal that holds focus and does not come back', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('kanri.lang', 'en'));
  await page.goto('/reports/weekly.html');

  const modal = page.getByRole('dialog', { name: 'Your first weekly report 🎉' });
  await expect(modal).toBeVisible();
  await expect(modal).toHaveAttribute('data-tebiki-part', 'modal');
  await expect(modal).toContainText('What to do next');
  // The next step links to the settings page, from the report's own folder too.
  const invite = modal.getByRole('link', { name: 'Invite your teammates' });
  expect(await invite.evaluate((link: HTMLAnchorElement) => new URL(link.href).pathname)).toBe(
    '/settings.html',
  );

  // Focus is inside the modal, and stays there as the user tabs around.
  await expect.poll(() => focusIsIn(modal)).toBe(true);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await focusIsIn(modal)).toBe(true);
  }

  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);
  await expect.poll(() => page.evaluate(storedStatus, 'first-report')).toBe('dismissed');
  const closedAt = Date.now();

  await page.reload();
  await expect(page.locator('#report-chart')).toBeVisible();
  await sdkSettled(page, closedAt);
  await expect(page.locator('tebiki-root [data-tebiki-part="modal"]')).toHaveCount(0);
});

test('in Japanese, the modal is acknowledged with OK and counts as read', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('kanri.lang', 'ja'));
  await page.goto('/reports/weekly.html');

  const modal = page.getByRole('dialog', { name: '初めての週次レポートです 🎉' });
  await expect(modal).toBeVisible();
  await expect(modal.locator('strong')).toHaveText('要注意');
  const ok = modal.getByRole('button', { name: 'OK' });
  expect(await cssColor(ok, 'background-color')).toBe(await kanriColor(page, '--primary'));
  await ok.click();
  await expect(modal).toHaveCount(0);
  await expect.poll(() => page.evaluate(storedStatus, 'first-report')).toBe('completed');
  const closedAt = Date.now();

  await page.reload();
  await sdkSettled(page, closedAt);
  await expect(page.locator('tebiki-root [data-tebiki-part="modal"]')).toHaveCount(0);
});

test('a first project starts the invite tour; the trial banner follows at the bottom of the projects page and closes for good', async ({
  page,
}) => {
  const tour = new TourModel(page);
  const banner = page.getByRole('region', { name: 'Free trial' });
  await page.addInitScript(() => localStorage.setItem('kanri.lang', 'en'));
  await page.goto('/projects.html');

  // Before the user has a project of their own, the page has no banner.
  await sdkSettled(page);
  await expect(banner).toHaveCount(0);

  // Creating one starts the invite tour, with nothing in its way.
  await page.fill('#project-name', 'Launch plan');
  await page.click('#create-project');
  await expect(tour.step('open-settings')).toBeVisible({ timeout: 10_000 });
  await expect(banner).toHaveCount(0);
  await tour.close.click();
  await expect(tour.popover).toHaveCount(0);

  // On the next visit the banner shows, once the pause between guides has passed.
  await page.reload();
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner).toHaveAttribute('data-tebiki-part', 'banner');
  await expect(banner).toHaveAttribute('data-tebiki-position', 'bottom');
  await expect(banner).toContainText('For 14 days you can use every feature of Kanri');
  // It sits along the bottom edge of the viewport, full width, and leaves focus where it was.
  const viewport = page.viewportSize()!;
  await expect
    .poll(async () => {
      const box = (await banner.boundingBox())!;
      return [Math.round(box.x), Math.round(box.width), Math.round(box.y + box.height)];
    })
    .toEqual([0, viewport.width, viewport.height]);
  expect(await focusIsIn(banner)).toBe(false);
  const link = banner.getByRole('link', { name: 'Invite your team' });
  await expect(link).toHaveAttribute('href', 'settings.html');
  // Its link wears Kanri's primary colour.
  expect(await cssColor(link, 'color')).toBe(await kanriColor(page, '--primary'));

  await banner.getByRole('button', { name: 'Close' }).click();
  await expect(banner).toHaveCount(0);
  await expect.poll(() => page.evaluate(storedStatus, 'trial-banner')).toBe('dismissed');
  const closedAt = Date.now();

  await page.reload();
  await expect(page.locator('#projects-body tr')).toHaveCount(2);
  await sdkSettled(page, closedAt);
  await expect(banner).toHaveCount(0);
});

test("axe finds no violation in Tebiki's parts in Kanri's theme: the modal, the banner and the checklist", async ({
  page,
}) => {
  // Contrast is read on the parts as they stay, not half-way through their fade-in.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // A user with a project of their own, so the projects page shows the trial banner.
  await page.addInitScript(() => {
    localStorage.setItem('kanri.lang', 'en');
    const project = { id: 'p1', name: 'Launch plan', sample: false, done: 1, total: 4 };
    localStorage.setItem('kanri.projects', JSON.stringify([project]));
  });
  await page.goto('/reports/weekly.html');
  await expect(page.locator('tebiki-root [data-tebiki-part="modal"]')).toBeVisible();
  expect(await tebikiViolations(page)).toEqual([]);

  await page.goto('/projects.html');
  await expect(page.locator('tebiki-root [data-tebiki-part="banner"]')).toBeVisible({
    timeout: 10_000,
  });
  await page.locator('tebiki-root [data-tebiki-part="launcher"]').click();
  await expect(page.locator('tebiki-root [data-tebiki-part="checklist"]')).toBeVisible();
  expect(await tebikiViolations(page)).toEqual([]);
});

test("Tebiki's parts wear Kanri's brand, with readable contrast, in light and dark system themes", async ({
  page,
}) => {
  const tour = new TourModel(page);
  await tour.openDashboard();
  const card = tour.popover.locator('.tebiki-card');
  const launcher = page.locator('tebiki-root [data-tebiki-part="launcher"]');
  await expect(launcher).toBeVisible();

  const primary = await kanriColor(page, '--primary');
  const surface = await kanriColor(page, '--surface');
  const text = await kanriColor(page, '--text');
  // Kanri has a light look only, so Tebiki stays light whatever the system's theme.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await cssColor(tour.next, 'background-color')).toBe(primary);
    expect(await cssColor(launcher, 'background-color')).toBe(primary);
    expect(await cssColor(card, 'background-color')).toBe(surface);
    expect(await cssColor(tour.title, 'color')).toBe(text);
    expect(await tour.popover.evaluate((el) => getComputedStyle(el).fontFamily)).toBe(
      await page.evaluate(() => getComputedStyle(document.body).fontFamily),
    );
    // WCAG AA: 4.5:1 for text on its background.
    expect(
      contrast(await cssColor(tour.next, 'color'), await cssColor(tour.next, 'background-color')),
    ).toBeGreaterThanOrEqual(4.5);
    expect(contrast(await cssColor(tour.body, 'color'), surface)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(await cssColor(tour.progress, 'color'), surface)).toBeGreaterThanOrEqual(4.5);
  }
});

/** Whether focus is on `part` or inside it (Tebiki's parts live in an open shadow root). */
function focusIsIn(part: Locator): Promise<boolean> {
  return part.evaluate((el) => {
    const active = (el.getRootNode() as ShadowRoot | Document).activeElement;
    return active !== null && el.contains(active);
  });
}

/**
 * Waits until the SDK has loaded and had time to decide what to show: past the pause between
 * guides when one was closed at `closedAt`, so a guide that were to come back would be on screen.
 */
async function sdkSettled(page: Page, closedAt?: number): Promise<void> {
  await page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  const gapLeft = closedAt === undefined ? 0 : closedAt + GAP_MS - Date.now();
  await page.waitForTimeout(Math.max(gapLeft, 0) + 500);
}

/** A computed colour of `part`, as `rgb(r, g, b)`. */
function cssColor(part: Locator, property: string): Promise<string> {
  return part.evaluate(
    (el, name) => getComputedStyle(el).getPropertyValue(name),
    property,
  ) as Promise<string>;
}

/** One of Kanri's colours (a custom property in app.css), as the browser computes it. */
function kanriColor(page: Page, name: string): Promise<string> {
  return page.evaluate((property) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${property})`;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, name);
}

/** WCAG 2 contrast ratio between two opaque `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** axe-core's violations inside `<tebiki-root>` (the example app's own markup is not Tebiki's). */
async function tebikiViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a script: the demo's CSP allows no inline script.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<Result> } }).axe;
    const { violations } = await axe.run(document);
    return violations.flatMap((violation) =>
      violation.nodes
        .map((node) => JSON.stringify(node.target))
        .filter((target) => target.includes('tebiki-root'))
        .map((target) => `${violation.id}: ${target}`),
    );
  });
}
