import { expect, type Locator, type Page } from '@playwright/test';

/** Reads and drives a Tebiki tour through its stable anatomy (`data-tebiki-part`). */
export class TourModel {
  readonly root: Locator;
  readonly popover: Locator;
  readonly title: Locator;
  readonly body: Locator;
  readonly progress: Locator;
  readonly next: Locator;
  readonly back: Locator;
  readonly close: Locator;

  constructor(readonly page: Page) {
    // Playwright's CSS locators pierce open shadow roots.
    this.root = page.locator('tebiki-root');
    this.popover = this.root.locator('[data-tebiki-part="popover"]');
    this.title = this.popover.locator('[data-tebiki-part="title"]');
    this.body = this.popover.locator('[data-tebiki-part="body"]');
    this.progress = this.popover.locator('[data-tebiki-part="progress"]');
    this.next = this.popover.locator('[data-tebiki-part="next"]');
    this.back = this.popover.locator('[data-tebiki-part="back"]');
    this.close = this.popover.locator('[data-tebiki-part="close"]');
  }

  step(stepId: string): Locator {
    return this.root.locator(`[data-tebiki-part="popover"][data-tebiki-step="${stepId}"]`);
  }

  /** Opens the example app's dashboard in English and waits for the welcome tour's first step. */
  async openDashboard(): Promise<void> {
    await this.page.addInitScript(() => localStorage.setItem('kanri.lang', 'en'));
    await this.page.goto('/dashboard.html');
    await expect(this.step('new-project')).toBeVisible();
  }
}

/**
 * A flow's status as Tebiki stored it in its own IndexedDB database; runs in the
 * page: `page.evaluate(storedStatus, 'welcome')`.
 */
export function storedStatus(flowId: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const open = indexedDB.open('tebiki');
    open.onerror = () => resolve(undefined);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('kv')) return resolve(undefined);
      const request = db.transaction('kv').objectStore('kv').getAll();
      request.onsuccess = () => {
        const records = request.result as { states?: Record<string, { status: string }> }[];
        resolve(records.find((value) => value?.states?.[flowId])?.states?.[flowId]?.status);
      };
      request.onerror = () => resolve(undefined);
    };
  });
}
