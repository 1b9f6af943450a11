// Several tabs of one browser sharing the stored queue, in real Chromium: one sends, the
// others append; a tab that dies mid-request has its batch resent by another with the same
// ids. Every test asserts zero loss and exactly once after the receiver's dedupe.
import type { BrowserContext, Page, Route } from '@playwright/test';
import { type Beacons, expect, test } from '../fixtures/beacons/harness.ts';

/** Removes Web Locks, so that the tabs fall back to the lease in IndexedDB. */
async function withoutWebLocks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });
  });
}

/**
 * Holds the next fetch of a batch without answering, as a slow network would, and resolves
 * with the page that sent it; later requests go through.
 */
async function holdNextBatch(context: BrowserContext): Promise<{
  sender: Promise<Page>;
  release: () => Promise<void>;
}> {
  let held: Route | null = null;
  let found: (page: Page) => void = () => {};
  const sender = new Promise<Page>((resolve) => (found = resolve));
  await context.route('**/v1/batch', async (route) => {
    if (held) return route.continue();
    held = route;
    found(route.request().frame().page());
  });
  return {
    sender,
    // The keepalive request of a closed tab may still arrive: the receiver dedupes it.
    release: async () => {
      await held?.continue().catch(() => {});
    },
  };
}

async function produce(beacons: Beacons, pages: Page[], rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const [tab, page] of pages.entries()) {
      if (!page.isClosed()) await beacons.track(page, 3, { tab, round });
    }
    await pages[0]!.waitForTimeout(100);
  }
}

test('resends the batch of a tab closed mid-request from the next page, with the same ids', async ({
  beacons,
  page,
  context,
}) => {
  const hold = await holdNextBatch(context);
  await beacons.open(page);
  const ids = await beacons.track(page, 20);
  expect(await hold.sender).toBe(page);
  await beacons.collect(page);
  await page.close();
  await hold.release();

  const next = await context.newPage();
  await beacons.open(next);
  await beacons.expectDelivered();
  // The next page resent the whole batch with the same ids (the closed tab's keepalive
  // request may have landed too: the receiver stored it once).
  const copies = beacons.space.requests.filter((request) => request.ids.includes(ids[0]!));
  expect(copies.at(-1)!.ids).toEqual(ids);
});

for (const mode of ['Web Locks', 'a lease in IndexedDB'] as const) {
  test(`keeps three producing tabs exactly once when the sending tab closes (${mode})`, async ({
    beacons,
    context,
  }) => {
    if (mode !== 'Web Locks') await withoutWebLocks(context);
    const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
    for (const page of pages) await beacons.open(page);
    const hold = await holdNextBatch(context);
    await produce(beacons, pages, 3);
    const sender = await hold.sender;
    await beacons.collect(sender);
    await sender.close();
    await produce(
      beacons,
      pages.filter((page) => page !== sender),
      4,
    );
    await hold.release();
    await beacons.expectDelivered();
  });
}

test('sends each event once when two tabs start on one stored queue', async ({
  beacons,
  context,
}) => {
  const { space } = beacons;
  // A first visit leaves 45 events stored: the receiver asked for a long pause.
  space.script = () => ({ status: 503, retryAfter: '60' });
  const first = await context.newPage();
  await beacons.open(first);
  await beacons.track(first, 45);
  await expect.poll(() => space.requests.length).toBe(1);
  await beacons.collect(first);
  await first.close();
  space.script = null;
  space.requests.length = 0;

  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([beacons.open(a), beacons.open(b)]);
  await beacons.expectDelivered();
  await a.waitForTimeout(500);
  // One tab sent them; the other found them delivered: not one copy to dedupe.
  expect(beacons.duplicates()).toBe(0);
  expect(space.requests.flatMap((request) => request.ids)).toHaveLength(45);
});

test('lets one tab send and the others only append (Web Locks)', async ({ beacons, context }) => {
  const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const page of pages) await beacons.open(page);
  const senders = new Set<Page>();
  await context.route('**/v1/batch', async (route) => {
    senders.add(route.request().frame().page());
    await route.continue();
  });
  await produce(beacons, pages, 6);
  await beacons.expectDelivered();
  expect(beacons.duplicates()).toBe(0);
  // The lock moves to whichever tab has work when it is free; never two at once, so no copies.
  expect(senders.size).toBeGreaterThanOrEqual(1);
});
