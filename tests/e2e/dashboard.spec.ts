import { expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN_TOKEN, COLLECTOR_PORT } from '../../playwright.config.ts';

const COLLECTOR = `http://127.0.0.1:${COLLECTOR_PORT}`;
const HOUR = 3_600_000;

/** The CS dashboard as a customer-success manager sees it. */
class DashboardPage {
  readonly status: Locator;
  readonly langToggle: Locator;
  readonly ttvHeading: Locator;
  readonly accountRows: Locator;
  readonly eventRows: Locator;

  constructor(readonly page: Page) {
    this.status = page.locator('#status');
    this.langToggle = page.locator('#lang-toggle');
    this.ttvHeading = page.locator('#ttv-heading');
    this.accountRows = page.locator('#account-rows tr');
    this.eventRows = page.locator('#events tr');
  }

  kpi(name: 'ttv-median' | 'ttv-p90' | 'aha14' | 'new-users' | 'red'): Locator {
    return this.page.locator(`#kpi-${name}`);
  }

  bars(chart: string): Locator {
    return this.page.locator(`#${chart} svg rect.bar`);
  }

  async values(chart: string): Promise<number[]> {
    return this.bars(chart).evaluateAll((bars) =>
      bars.map((bar) => Number(bar.getAttribute('data-value'))),
    );
  }
}

/**
 * A user who signs up, takes the welcome tour and reaches Aha! two hours later, in an account
 * of their own: whatever else the shared collector holds, the charts have this to draw.
 */
function liveHistory(id: string) {
  const start = Date.now() - 3 * HOUR;
  const at = (offset: number) => new Date(start + offset).toISOString();
  const base = (n: number, offset: number) => ({
    messageId: `e2e-dashboard-${id}-${n}`,
    timestamp: at(offset),
    userId: `e2e-${id}`,
    anonymousId: `e2e-anon-${id}`,
    context: { groupId: `e2e-account-${id}`, library: { name: 'tebiki', version: '0.1.0' } },
  });
  const track = (n: number, offset: number, event: string, properties: object) => ({
    ...base(n, offset),
    type: 'track',
    event,
    properties,
  });
  return [
    { ...base(1, 0), type: 'identify', traits: { signedUpAt: at(0), plan: 'trial' } },
    {
      ...base(2, 1000),
      type: 'group',
      groupId: `e2e-account-${id}`,
      traits: { name: `E2E ${id}`, plan: 'trial', seats: 3, touch: 'tech' },
    },
    track(3, 2000, 'flow_started', { flowId: 'welcome' }),
    track(4, 2000, 'step_viewed', { flowId: 'welcome', stepId: 'new-project', stepIndex: 0 }),
    track(5, 60_000, 'milestone_reached', { milestoneId: 'project_created', msSinceStart: 60_000 }),
    track(6, 2 * HOUR, 'milestone_reached', {
      milestoneId: 'first_report',
      msSinceStart: 2 * HOUR,
    }),
    track(7, 2 * HOUR, 'aha_reached', {
      milestoneId: 'first_report',
      ttvMs: 2 * HOUR,
      activeTtvMs: 20 * 60_000,
    }),
  ];
}

test.describe('CS dashboard', () => {
  test.beforeAll(async ({ request }) => {
    const response = await request.post(`${COLLECTOR}/v1/batch`, {
      headers: {
        Authorization: `Basic ${Buffer.from('pk_demo:').toString('base64')}`,
        'Content-Type': 'text/plain',
      },
      data: JSON.stringify({ batch: liveHistory(String(Date.now())), sentAt: new Date() }),
    });
    expect(response.status()).toBe(200);
  });

  test('draws every chart with data, and shows the numbers', async ({ page }) => {
    const dashboard = new DashboardPage(page);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.addInitScript(() => localStorage.setItem('tebiki-dashboard-lang', 'en'));

    await page.goto(`${COLLECTOR}/?token=${ADMIN_TOKEN}`);
    await expect(dashboard.status).toContainText('Updated');

    // Headline numbers: durations, a percentage and counts, not placeholders.
    await expect(dashboard.kpi('ttv-median')).toHaveText(/^\d+(\.\d)? (min|h|d)$/);
    await expect(dashboard.kpi('ttv-p90')).toHaveText(/^\d+(\.\d)? (min|h|d)$/);
    await expect(dashboard.kpi('aha14')).toHaveText(/^\d+%$|^—$/);
    await expect(dashboard.kpi('new-users')).toHaveText(/^[1-9][\d,]*$/);
    await expect(dashboard.kpi('red')).toHaveText(/^[\d,]+$/);

    // TTV: nine histogram buckets holding every user who reached Aha!, and a weekly trend.
    await expect(dashboard.bars('ttv-histogram')).toHaveCount(9);
    expect((await dashboard.values('ttv-histogram')).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await expect(page.locator('#ttv-trend svg circle').first()).toBeVisible();
    const histogramBox = await dashboard.bars('ttv-histogram').nth(1).boundingBox();
    expect(histogramBox?.width).toBeGreaterThan(10);

    // Aha! rate within 7 / 14 / 30 days, as shares.
    const within = await dashboard.values('aha-within');
    expect(within).toHaveLength(3);
    for (const rate of within) expect(rate).toBeLessThanOrEqual(1);

    // Milestone funnel: "started" first and widest, then each milestone.
    const funnel = await dashboard.values('milestone-funnel');
    expect(funnel.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...funnel)).toBe(funnel[0]);
    await expect(page.locator('#milestone-funnel')).toContainText('★ Aha!');

    // The welcome tour's step funnel and the checklist.
    const welcome = page.locator('#flow-funnels [data-chart="flow"]', { hasText: 'welcome' });
    await expect(welcome).toBeVisible();
    await expect(welcome.locator('rect.bar.viewed').first()).toBeVisible();
    await expect(page.locator('#checklist-charts svg rect.bar').first()).toBeVisible();

    // Accounts: red first, each with its touch tier.
    await expect(dashboard.accountRows.first()).toBeVisible();
    const bands = await dashboard.accountRows.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-band')),
    );
    const order = { red: 0, yellow: 1, green: 2 } as Record<string, number>;
    expect(bands.map((band) => order[band ?? ''])).toEqual(
      [...bands.map((band) => order[band ?? ''])].sort(),
    );
    await expect(dashboard.accountRows.first().locator('td').nth(2)).toHaveText(
      /High touch|Low touch|Tech touch|No tier/,
    );
    await expect(page.locator('#touch-bands svg rect.bar').first()).toBeVisible();

    // Live events on top of whatever history the collector holds.
    await expect(dashboard.eventRows.first()).toBeVisible();
    await expect(page.locator('#events')).toContainText('aha_reached');

    expect(problems).toEqual([]);
  });

  test('switches the whole dashboard between English and Japanese', async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('tebiki-dashboard-lang', 'en');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await page.goto(`${COLLECTOR}/?token=${ADMIN_TOKEN}`);
    await expect(dashboard.status).toContainText('Updated');
    await expect(dashboard.ttvHeading).toHaveText('Time to value');

    await dashboard.langToggle.click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(dashboard.ttvHeading).toHaveText('価値実感までの時間（TTV）');
    await expect(dashboard.kpi('ttv-median')).toHaveText(/^[\d.]+ (分|時間|日)$/);
    await expect(page.locator('#ttv-histogram svg')).toContainText('日');
    await expect(dashboard.langToggle).toHaveText('English');

    // The choice survives a reload.
    await page.reload();
    await expect(dashboard.ttvHeading).toHaveText('価値実感までの時間（TTV）');
    await dashboard.langToggle.click();
    await expect(dashboard.ttvHeading).toHaveText('Time to value');
  });

  test('answers 401 without the admin token, for the page and the read API', async ({
    page,
    request,
  }) => {
    const response = await page.goto(`${COLLECTOR}/`);
    expect(response?.status()).toBe(401);
    await expect(page.locator('form.token-form input[name="token"]')).toBeVisible();
    await expect(page.locator('#ttv-histogram')).toHaveCount(0);

    const wrong = await page.goto(`${COLLECTOR}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);

    for (const path of ['/api/metrics', '/api/accounts', '/api/events']) {
      const api = await request.get(`${COLLECTOR}${path}`);
      expect(api.status(), path).toBe(401);
    }
    const authorized = await request.get(`${COLLECTOR}/api/accounts`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(authorized.status()).toBe(200);
  });
});
