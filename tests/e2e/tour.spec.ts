import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, COLLECTOR_PORT } from '../../playwright.config.ts';
import { CollectorModel, type StoredEvent } from '../models/collector.model.ts';
import { storedStatus, TourModel } from '../models/tour.model.ts';

test('walks the welcome tour with real clicks and lands its events in the collector', async ({
  page,
  request,
}) => {
  const tour = new TourModel(page);
  const collector = new CollectorModel(request, `http://127.0.0.1:${COLLECTOR_PORT}`, ADMIN_TOKEN);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.addInitScript(() => localStorage.setItem('kanri.lang', 'en'));
  await page.goto('/dashboard.html');

  // Step 1 is anchored below the "New project" button.
  const first = tour.step('new-project');
  await expect(first).toBeVisible();
  await expect(first).toHaveAttribute('role', 'dialog');
  await expect(tour.progress).toHaveText('1 / 2');
  await expect(tour.back).toHaveCount(0);
  const target = await page.locator('#new-project').boundingBox();
  const box = await first.boundingBox();
  expect(target && box).toBeTruthy();
  expect(box!.y).toBeGreaterThanOrEqual(target!.y + target!.height);
  expect(Math.abs(box!.x + box!.width / 2 - (target!.x + target!.width / 2))).toBeLessThan(
    box!.width / 2 + 1,
  );
  await expect(first).toHaveAttribute('data-tebiki-placement', /^bottom/);

  await tour.next.click();

  // Step 2 has no target: centred in the viewport, Done as its primary button.
  const last = tour.step('done');
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('data-tebiki-placement', 'center');
  await expect(tour.progress).toHaveText('2 / 2');
  await expect(tour.next).toHaveText('Done');
  const viewport = page.viewportSize()!;
  const centred = (await last.boundingBox())!;
  expect(Math.abs(centred.x + centred.width / 2 - viewport.width / 2)).toBeLessThan(2);
  expect(Math.abs(centred.y + centred.height / 2 - viewport.height / 2)).toBeLessThan(2);

  await tour.next.click();
  await expect(tour.popover).toHaveCount(0);
  const userId = await page.evaluate(() => localStorage.getItem('kanri.user'));
  expect(userId).toBeTruthy();
  const mine = (events: StoredEvent[]) => events.filter((e) => e.userId === userId);

  // The batch leaves on the queue's timer (5 s); the collector's read API shows it.
  await expect
    .poll(
      async () => {
        const events = mine(await collector.events());
        return events
          .filter((event) => event.type === 'track' && event.properties?.flowId === 'welcome')
          .map((event) => `${event.event}:${event.properties?.stepId ?? ''}`)
          .sort();
      },
      { timeout: 15_000 },
    )
    .toEqual([
      'flow_completed:',
      'flow_started:',
      'step_completed:done',
      'step_completed:new-project',
      'step_viewed:done',
      'step_viewed:new-project',
    ]);

  const events = mine(await collector.events());
  const viewed = events.find((event) => event.event === 'step_viewed')!;
  expect(viewed.context.library.name).toBe('tebiki');
  expect(viewed.context.page.path).toBe('/dashboard.html');
  expect(viewed.messageId).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect(new Set(events.map((event) => event.messageId)).size).toBe(events.length);
  expect(errors).toEqual([]);
});

test('does not show the tour again once completed, after a reload', async ({ page }) => {
  const tour = new TourModel(page);
  await page.goto('/dashboard.html');
  await expect(tour.step('new-project')).toBeVisible();
  await tour.next.click();
  await tour.next.click();
  await expect(tour.popover).toHaveCount(0);
  // Progress is written to IndexedDB as the tour ends; a commit takes a few
  // milliseconds, so wait for it as a user (who cannot reload that fast) would.
  await expect.poll(() => page.evaluate(storedStatus, 'welcome')).toBe('completed');
  await page.reload();
  await expect(page.locator('#new-project')).toBeVisible();
  // Give the SDK time to load, read its state and decide.
  await page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
  await page.waitForTimeout(500);
  await expect(tour.popover).toHaveCount(0);
});

test('closes the tour with Escape and gives focus back to the page', async ({ page }) => {
  const tour = new TourModel(page);
  await page.goto('/dashboard.html');
  await expect(tour.step('new-project')).toBeVisible();
  await expect(tour.popover).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(tour.popover).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('TEBIKI-ROOT');
});

test('a created project starts the invite tour, which continues on the settings page', async ({
  page,
  request,
}) => {
  const tour = new TourModel(page);
  const collector = new CollectorModel(request, `http://127.0.0.1:${COLLECTOR_PORT}`, ADMIN_TOKEN);
  await tour.openDashboard();
  // The first step advances when the user does what it asks.
  await page.click('#new-project');
  await expect(tour.step('done')).toBeVisible();
  await tour.next.click();
  await expect(tour.popover).toHaveCount(0);

  await page.fill('#quick-project-name', 'Launch plan');
  await page.click('#quick-create-submit');
  // project_created triggers the invite tour (audience: an account with seats, tech touch).
  const first = tour.step('open-settings');
  await expect(first).toBeVisible({ timeout: 10_000 });
  await page.locator('.nav-link[href="settings.html"]').click();
  await expect(page).toHaveURL(/settings/);
  const invite = tour.step('invite');
  await expect(invite).toBeVisible();
  await page.click('#invite-teammate');
  await expect(tour.popover).toHaveCount(0);

  const userId = await page.evaluate(() => localStorage.getItem('kanri.user'));
  await expect
    .poll(
      async () =>
        (await collector.events())
          .filter((event) => event.userId === userId && event.type === 'track')
          .map(
            (event) =>
              `${event.event}:${event.properties?.flowId ?? event.properties?.milestoneId ?? ''}`,
          ),
      { timeout: 15_000 },
    )
    .toEqual(
      expect.arrayContaining([
        'milestone_reached:project_created',
        'flow_started:invite-team',
        'flow_completed:invite-team',
        'milestone_reached:teammate_invited',
      ]),
    );
});

test('a project created while the welcome tour is still open starts the invite tour once it ends', async ({
  page,
}) => {
  const tour = new TourModel(page);
  // As a user would: the tour shows, then its target is pressed (a click before
  // the tour has started cannot advance it).
  await tour.openDashboard();
  await page.click('#new-project');
  await expect(tour.step('done')).toBeVisible();
  // The user does what the last step says before closing it: project_created is
  // tracked while the welcome tour is on screen, so the invite tour waits its turn.
  await page.fill('#quick-project-name', 'Launch plan');
  await page.click('#quick-create-submit');
  await expect(tour.step('done')).toBeVisible();
  await expect(tour.step('open-settings')).toHaveCount(0);
  await tour.next.click();
  await expect(tour.popover).toHaveCount(0);
  // Then, after the demo's 3 s pause between guides, on the same page.
  await expect(tour.step('open-settings')).toBeVisible({ timeout: 10_000 });
});
