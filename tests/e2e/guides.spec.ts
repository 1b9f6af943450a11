import { expect, type Page, test } from '@playwright/test';
import type { FlowsDocument } from '../../packages/schema/src/index.ts';
import { INIT, ORIGIN, serveSite } from '../fixtures/site.ts';

const flows: FlowsDocument = {
  version: 1,
  milestones: [
    { id: 'created', title: 'Create a project', when: { event: 'project_created' } },
    { id: 'invited', title: 'Invite a teammate', when: { event: 'teammate_invited' } },
  ],
  flows: [
    {
      id: 'teach-create',
      type: 'tour',
      steps: [{ id: 'only', target: '#create', title: 'Press Create' }],
    },
    {
      id: 'start',
      type: 'checklist',
      title: 'Get started',
      items: [{ milestone: 'created', flow: 'teach-create' }, { milestone: 'invited' }],
    },
    {
      id: 'export-tip',
      type: 'hint',
      trigger: { url: '/app' },
      target: '#export',
      title: 'Export',
      body: 'Download your data as **CSV**.',
    },
  ],
};

const root = (page: Page) => page.locator('tebiki-root');
const part = (page: Page, name: string) => root(page).locator(`[data-tebiki-part="${name}"]`);
/** The receiver's events once the page has flushed its queue. */
async function flushed(page: Page, site: { events(): string[] }) {
  await call(page, 'flush');
  return site.events();
}
const ready = (page: Page) =>
  page.waitForFunction(() => !Array.isArray((window as { tebiki?: unknown }).tebiki));
const call = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(
    ([m, a]) => {
      const tebiki = (window as unknown as { tebiki: Record<string, (...x: unknown[]) => unknown> })
        .tebiki;
      return tebiki[m as string]?.(...(a as unknown[]));
    },
    [method, args] as const,
  );

test('shows a hint as a hotspot that opens its tip, and not again once closed', async ({
  page,
}) => {
  const site = await serveSite(page, {
    pages: { '/app': '<button id="create">Create</button> <button id="export">Export</button>' },
    flows,
    script: INIT,
  });
  await page.goto(`${ORIGIN}/app`);
  const hotspot = part(page, 'hotspot');
  await expect(hotspot).toBeVisible();
  await expect(hotspot).toHaveAttribute('aria-expanded', 'false');
  await hotspot.click();
  const tip = root(page).locator('[data-tebiki-flow="export-tip"][data-tebiki-part="popover"]');
  await expect(tip).toContainText('Download your data as CSV.');
  await expect(tip.locator('strong')).toHaveText('CSV');
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect
    .poll(() => flushed(page, site))
    .toEqual(expect.arrayContaining(['step_viewed', 'flow_dismissed']));
  await page.waitForTimeout(200);
  await page.reload();
  await ready(page);
  await page.waitForTimeout(500);
  await expect(part(page, 'hotspot')).toHaveCount(0);
});

test('a step and a hotspot follow their targets when the page re-renders or hides them, and a step whose target is gone moves on', async ({
  page,
}) => {
  const toolbar = (indent: number) =>
    `<span style="display:inline-block;width:${indent}px"></span><button id="create">Create</button> <button id="export">Export</button>`;
  const site = await serveSite(page, {
    pages: { '/app': `<div id="toolbar">${toolbar(0)}</div>` },
    flows,
    script: INIT,
  });
  await page.goto(`${ORIGIN}/app`);
  await ready(page);
  await call(page, 'start', 'teach-create');
  const step = root(page).locator('[data-tebiki-step="only"]');
  const hotspot = part(page, 'hotspot');
  await expect(step).toBeVisible();
  await expect(hotspot).toBeVisible();

  // A framework re-render: new elements with the same ids, 400 px further right.
  await page.evaluate((html) => {
    document.querySelector('#toolbar')!.innerHTML = html;
  }, toolbar(400));
  const centreX = (box: { x: number; width: number } | null) => box!.x + box!.width / 2;
  await expect
    .poll(async () =>
      Math.abs(
        centreX(await step.boundingBox()) - centreX(await page.locator('#create').boundingBox()),
      ),
    )
    .toBeLessThan(2);
  await expect(step).toBeVisible();
  await expect(step).toBeFocused();
  await expect
    .poll(async () => {
      const spot = (await hotspot.boundingBox())!;
      const target = (await page.locator('#export').boundingBox())!;
      return spot.x > target.x && spot.x < target.x + target.width;
    })
    .toBe(true);
  await expect(hotspot).toBeVisible();

  // Not rendered for a moment, as a menu that closes and opens again: both wait for it.
  const display = (selector: string, value: string) =>
    page.evaluate(
      ([selector, value]) => {
        document.querySelector<HTMLElement>(selector!)!.style.display = value!;
      },
      [selector, value],
    );
  await display('#create', 'none');
  await display('#export', 'none');
  await expect(step).toBeHidden();
  await expect(hotspot).toBeHidden();
  // No dimming over a page with nothing to point at.
  await expect(part(page, 'spotlight')).toBeHidden();
  await page.waitForTimeout(500);
  await display('#create', '');
  await display('#export', '');
  await expect(step).toBeVisible();
  await expect(hotspot).toBeVisible();
  await expect(part(page, 'spotlight')).toBeVisible();

  // Hidden for good: after the step's wait, it is reported missing and the tour moves on,
  // rather than leaving the page dimmed with no step to read.
  await display('#create', 'none');
  await expect(step).toHaveCount(0, { timeout: 6000 });
  await expect(part(page, 'spotlight')).toHaveCount(0);
  await expect
    .poll(() => flushed(page, site))
    .toEqual(expect.arrayContaining(['target_missing', 'flow_completed']));
  // Found again after the re-render and the hiding, the step was not counted twice.
  expect(site.events().filter((name) => name === 'step_viewed')).toHaveLength(1);
  expect(site.events().filter((name) => name === 'target_missing')).toHaveLength(1);
});

test('keeps a checklist in step with milestones, and starts the tour that teaches an item', async ({
  page,
}) => {
  const site = await serveSite(page, {
    pages: { '/app': '<button id="create">Create</button> <button id="export">Export</button>' },
    flows,
    script: INIT,
  });
  await page.goto(`${ORIGIN}/app`);
  const launcher = part(page, 'launcher');
  await expect(launcher).toBeVisible();
  await expect(launcher).toContainText('0/2');
  await launcher.click();
  const panel = part(page, 'checklist');
  await expect(panel).toBeVisible();
  const bar = panel.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  await expect(part(page, 'checklist-item')).toHaveCount(2);
  await panel.getByRole('button', { name: /show me/i }).click();
  const step = root(page).locator('[data-tebiki-step="only"]');
  await expect(step).toBeVisible();
  await step.locator('[data-tebiki-part="next"]').click();

  await call(page, 'track', 'project_created');
  await expect(launcher).toContainText('1/2');
  await call(page, 'track', 'teammate_invited');
  await expect(launcher).toContainText('2/2');
  await expect
    .poll(() => flushed(page, site))
    .toEqual(
      expect.arrayContaining([
        'checklist_item_completed',
        'checklist_item_completed',
        'flow_completed',
      ]),
    );
  // Hidden, then reopened by the app (e.g. from a help menu) with its panel open.
  await launcher.click();
  await panel.getByRole('button', { name: /hide checklist/i }).click();
  await expect(launcher).toHaveCount(0);
  await call(page, 'start', 'start');
  await expect(part(page, 'checklist')).toBeVisible();
  await expect(launcher).toContainText('2/2');
  const progress = await call(page, 'progress');
  expect(progress).toMatchObject({ checklists: { start: { done: 2, total: 2 } } });
});

test('shows a modal announcement that holds focus, and records it read or closed', async ({
  page,
}) => {
  const site = await serveSite(page, {
    pages: { '/home': '<button id="host">Host button</button>' },
    flows: {
      version: 1,
      flows: [
        {
          id: 'news',
          type: 'announcement',
          display: 'modal',
          trigger: { url: '/home' },
          title: 'Weekly reports are here',
          body: 'Open **Reports** to see them.',
        },
      ],
    },
    script: INIT,
  });
  await page.goto(`${ORIGIN}/home`);
  const modal = part(page, 'modal');
  await expect(modal).toBeVisible();
  await expect(modal).toHaveAttribute('aria-modal', 'true');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  const focusInside = await page.evaluate(() => document.activeElement?.tagName === 'TEBIKI-ROOT');
  expect(focusInside).toBe(true);
  await modal.locator('[data-tebiki-part="next"]').click();
  await expect(modal).toHaveCount(0);
  await expect
    .poll(() => flushed(page, site))
    .toEqual(['flow_started', 'step_viewed', 'step_completed', 'flow_completed']);
  await page.waitForTimeout(200);
  await page.reload();
  await ready(page);
  await page.waitForTimeout(500);
  await expect(part(page, 'modal')).toHaveCount(0);
});

test('shows a banner where the flows document places it, without taking focus or shifting the page', async ({
  page,
}) => {
  const banner = (id: string, position?: 'top' | 'bottom') => ({
    id,
    type: 'announcement' as const,
    display: 'banner' as const,
    ...(position && { position }),
    trigger: { url: '/home' },
    frequency: 'always' as const,
    body: `Banner ${id}`,
  });
  await serveSite(page, {
    pages: { '/home': '<button id="host">Host button</button>' },
    flows: {
      version: 1,
      milestones: flows.milestones,
      flows: [banner('below', 'bottom'), banner('above'), ...flows.flows.slice(0, 2)],
    },
    script: INIT,
  });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${ORIGIN}/home`);
  await page.locator('#host').focus();
  const hostBox = await page.locator('#host').boundingBox();
  // One announcement at a time: the bottom one first, then the default (top) one.
  const shown = part(page, 'banner');
  await expect(shown).toHaveAttribute('data-tebiki-position', 'bottom');
  const bottom = (await shown.boundingBox())!;
  expect(bottom.y + bottom.height).toBeCloseTo(600, 0);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('host');
  // The checklist's launcher and panel sit above a bottom banner, not under it.
  const launcher = part(page, 'launcher');
  await expect
    .poll(async () => {
      const box = await launcher.boundingBox();
      return box && box.y + box.height;
    })
    .toBeCloseTo(bottom.y - 16, 0);
  await launcher.click();
  const panel = (await part(page, 'checklist').boundingBox())!;
  expect(panel.y + panel.height).toBeLessThanOrEqual(bottom.y);
  await launcher.click();

  await shown.locator('[data-tebiki-part="close"]').click();
  await expect(shown).toHaveAttribute('data-tebiki-position', 'top', { timeout: 5000 });
  expect((await shown.boundingBox())!.y).toBeCloseTo(0, 0);
  const low = (await launcher.boundingBox())!;
  expect(low.y + low.height).toBeCloseTo(600 - 16, 0);
  expect(await page.locator('#host').boundingBox()).toEqual(hostBox);
});

test('runs a modal step as the flows document sets it: page blocked, cut-out tuned, Tab kept inside', async ({
  page,
}) => {
  await serveSite(page, {
    pages: {
      '/app':
        '<p style="margin:80px"><button id="create">Create</button> <button id="other">Other</button></p>',
    },
    flows: {
      version: 1,
      flows: [
        {
          id: 'guarded',
          type: 'tour',
          trigger: { url: '/app' },
          steps: [
            {
              id: 'one',
              target: '#create',
              title: 'Press Next',
              modal: true,
              spotlight: { padding: 10, radius: 0, clickThrough: false },
            },
            { id: 'two', target: '#other', title: 'Plain', spotlight: false },
          ],
        },
      ],
    },
    script: INIT,
  });
  await page.goto(`${ORIGIN}/app`);
  const step = root(page).locator('[data-tebiki-step="one"]');
  await expect(step).toBeVisible();
  await expect(step).toHaveAttribute('aria-modal', 'true');
  await expect(part(page, 'spotlight')).toHaveAttribute('data-tebiki-modal', '');
  const target = (await page.locator('#create').boundingBox())!;
  const hole = (await root(page).locator('.tebiki-hole').boundingBox())!;
  expect(hole.x).toBeCloseTo(target.x - 10, 0);
  expect(hole.width).toBeCloseTo(target.width + 20, 0);

  // Neither the page nor, with clickThrough off, the target takes a click.
  const clicks = await page.evaluateHandle(() => {
    const seen: string[] = [];
    for (const id of ['create', 'other'])
      document.getElementById(id)!.addEventListener('click', () => seen.push(id));
    return seen;
  });
  for (const selector of ['#other', '#create']) {
    const box = (await page.locator(selector).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
  expect(await clicks.evaluate((seen) => seen.length)).toBe(0);
  // Tab cycles within the step.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('tebiki-root');
  }

  // The next step turns the spotlight off: the page is as it was.
  await step.locator('[data-tebiki-part="next"]').click();
  await expect(root(page).locator('[data-tebiki-step="two"]')).toBeVisible();
  await expect(part(page, 'spotlight')).toHaveCount(0);
  await page.locator('#other').click();
  expect(await clicks.evaluate((seen) => seen)).toEqual(['other']);
});

test('a banner gives way to a tour started by hand, and comes back when the tour ends', async ({
  page,
}) => {
  const site = await serveSite(page, {
    pages: { '/app': '<button id="create">Create</button>' },
    flows: {
      version: 1,
      flows: [
        {
          id: 'trial',
          type: 'announcement',
          display: 'banner',
          position: 'bottom',
          trigger: { url: '/app' },
          body: 'Your trial ends in 3 days',
        },
        { id: 'teach', type: 'tour', steps: [{ id: 'only', target: '#create', title: 'Create' }] },
      ],
    },
    script: INIT,
  });
  await page.goto(`${ORIGIN}/app`);
  await expect(part(page, 'banner')).toBeVisible();
  await call(page, 'start', 'teach');
  await expect(root(page).locator('[data-tebiki-step="only"]')).toBeVisible();
  await expect(part(page, 'banner')).toHaveCount(0);
  await root(page).locator('[data-tebiki-part="next"]').click();
  await expect(part(page, 'popover')).toHaveCount(0);
  await expect(part(page, 'banner')).toBeVisible();
  // The banner was started once and viewed twice; the tour ran in between.
  await expect
    .poll(() => flushed(page, site))
    .toEqual([
      'flow_started',
      'step_viewed',
      'flow_started',
      'step_viewed',
      'step_completed',
      'flow_completed',
      'step_viewed',
    ]);
});

test('a tour ended in one tab leaves the user’s other tabs, and is counted once', async ({
  page,
}) => {
  const once: FlowsDocument = {
    version: 1,
    flows: [
      {
        id: 'welcome',
        type: 'tour',
        trigger: { url: '/app' },
        frequency: 'once',
        steps: [
          { id: 'a', target: '#create', title: 'Press Create' },
          { id: 'b', title: 'All set' },
        ],
      },
      { id: 'tip', type: 'tour', steps: [{ id: 'only', title: 'A tip' }] },
    ],
  };
  const site = await serveSite(page, {
    pages: { '/app': '<button id="create">Create</button>' },
    flows: once,
    script: INIT,
  });
  // Two tabs of the same app, opened before the tour was ended in either.
  const other = await page.context().newPage();
  await page.goto(`${ORIGIN}/app`);
  await other.goto(`${ORIGIN}/app`);
  const step = (tab: Page) => root(tab).locator('[data-tebiki-part="popover"]');
  await expect(step(page)).toBeVisible();
  await expect(step(other)).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(step(page)).toHaveCount(0);
  await expect(step(other)).toHaveCount(0);
  await expect
    .poll(async () => {
      await flushed(other, site);
      return flushed(page, site);
    })
    .toContain('flow_dismissed');
  expect(site.events().filter((name) => name === 'flow_dismissed')).toHaveLength(1);

  // Taken again by hand in the other tab, it is not stopped by that old ending
  // when the first tab ends something else.
  await call(other, 'start', 'welcome');
  await expect(step(other)).toBeVisible();
  await call(page, 'start', 'tip');
  await call(page, 'dismiss');
  await other.waitForTimeout(300);
  await expect(step(other)).toBeVisible();
  await call(other, 'dismiss');

  // The other tab writes its own progress later; the tour stays ended for the user.
  await other.waitForTimeout(200);
  await other.reload();
  await ready(other);
  await other.waitForTimeout(500);
  await expect(step(other)).toHaveCount(0);
});

test('comes back when the page swaps or empties its body', async ({ page }) => {
  const centred: FlowsDocument = {
    ...flows,
    flows: [
      ...flows.flows,
      { id: 'note', type: 'tour', steps: [{ id: 'read', title: 'A word first' }] },
    ],
  };
  await serveSite(page, {
    pages: { '/app': '<button id="create">Create</button>' },
    flows: centred,
    script: INIT,
  });
  await page.goto(`${ORIGIN}/app`);
  await ready(page);
  await call(page, 'start', 'note');
  const step = root(page).locator('[data-tebiki-step="read"]');
  await expect(step).toBeVisible();
  await expect(part(page, 'launcher')).toBeVisible();

  // Turbo Drive swaps in a new <body>, here without a navigation.
  await page.evaluate(() => {
    const body = document.createElement('body');
    body.innerHTML = '<p>New page</p><button id="create">Create</button>';
    document.documentElement.replaceChild(body, document.body);
  });
  await expect(step).toBeVisible();
  await expect(part(page, 'launcher')).toBeVisible();

  // A framework mounting on <body> empties it first.
  await page.evaluate(() => {
    document.body.innerHTML = '<main><button id="create">Create</button></main>';
  });
  await expect(step).toBeVisible();
  await expect(part(page, 'launcher')).toBeVisible();
});
