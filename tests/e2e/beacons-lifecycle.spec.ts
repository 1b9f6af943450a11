// Fault injection around the page's life, in real Chromium: leaving the page, sendBeacon
// refusing, IndexedDB failing, consent withdrawn, a device clock days off. Every test asserts
// zero loss and exactly once after the receiver's dedupe (see `expectDelivered`).
import type { Page } from '@playwright/test';
import { type Beacons, expect, type PageGlobals, test } from '../fixtures/beacons/harness.ts';

/** Nothing leaves before the page does: a big batch size and a long interval. */
const HOLD = { maxBatchEvents: 1000, flushIntervalMs: 60_000 };

async function leave(beacons: Beacons, page: Page): Promise<void> {
  await beacons.collect(page);
  await page.goto(beacons.pageUrl().replace('page.html', 'blank.html'));
}

async function storedInBrowser(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tebiki-beacons');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db
            .transaction('events')
            .objectStore('events')
            .count(IDBKeyRange.upperBound('~', true));
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );
}

test('beacons many queued events on pagehide in chunks of at most 48 KB, and the next page resends the rest', async ({
  beacons,
  page,
}) => {
  await beacons.open(page, { beacons: HOLD });
  await beacons.track(page, 250, { text: 'p'.repeat(300) }); // ≈ 370 KB, far over 64 KiB
  await page.waitForTimeout(100);
  expect(beacons.space.requests).toEqual([]);
  await leave(beacons, page);
  await expect.poll(() => beacons.space.requests.length).toBeGreaterThan(0);
  const beaconed = beacons.space.requests.filter((request) => request.beacon);
  expect(beaconed.length).toBeGreaterThan(0);
  for (const request of beaconed) expect(request.bytes).toBeLessThanOrEqual(48 * 1024);
  // The browser caps what may be in flight at unload: what sendBeacon refused waits in storage.
  expect(beacons.space.stored.size).toBeLessThan(250);

  await beacons.open(page);
  await beacons.expectDelivered();
  expect(await storedInBrowser(page)).toBe(0);
});

test('keeps everything stored when sendBeacon refuses, and the next page sends it', async ({
  beacons,
  page,
}) => {
  await page.addInitScript(() => {
    Navigator.prototype.sendBeacon = () => false;
  });
  await beacons.open(page, { beacons: HOLD });
  await beacons.track(page, 30);
  await expect.poll(() => storedInBrowser(page)).toBe(30);
  await leave(beacons, page);
  await page.waitForTimeout(300);
  expect(beacons.space.requests).toEqual([]);
  await beacons.open(page);
  await beacons.expectDelivered();
  expect(beacons.duplicates()).toBe(0);
});

test('rescues events neither beaconed nor stored when the page goes away, and the next page sends them', async ({
  beacons,
  page,
}) => {
  // Only on the first page (its URL carries the marker): sendBeacon refuses everything and
  // IndexedDB refuses event writes, so the events live in memory alone when the page leaves.
  await page.addInitScript(() => {
    if (!location.search.includes('unstorable')) return;
    Navigator.prototype.sendBeacon = () => false;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'events') throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await beacons.open(page, { beacons: { ...HOLD, unstorable: 'yes' } });
  await beacons.track(page, 20);
  await leave(beacons, page);
  expect(beacons.space.requests).toEqual([]);
  await beacons.open(page);
  await beacons.expectDelivered();
  expect(beacons.duplicates()).toBe(0);
  // Taken out of localStorage by the page that sent them.
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('-rescue-'))),
  ).toEqual([]);
});

test('halves beacon chunks to 16 KB when sendBeacon refuses larger ones', async ({
  beacons,
  page,
}) => {
  await page.addInitScript(() => {
    const send = Navigator.prototype.sendBeacon;
    Navigator.prototype.sendBeacon = function (url, data) {
      if (typeof data === 'string' && new Blob([data]).size > 17_000) return false;
      return send.call(this, url, data);
    };
  });
  await beacons.open(page, { beacons: HOLD });
  await beacons.track(page, 60, { text: 'q'.repeat(500) }); // ≈ 55 KB
  // What sendBeacon cannot take at unload is left for the next page in storage: wait until
  // it is all there, as a loaded machine can take a while to commit 60 writes.
  await expect.poll(() => storedInBrowser(page)).toBe(60);
  await leave(beacons, page);
  await expect.poll(() => beacons.space.requests.length).toBeGreaterThanOrEqual(2);
  const beaconed = beacons.space.requests.filter((request) => request.beacon);
  for (const request of beaconed) expect(request.bytes).toBeLessThanOrEqual(16 * 1024);
  await beacons.open(page);
  await beacons.expectDelivered();
});

test('keeps events in memory and delivers them when IndexedDB throws on open (private window)', async ({
  beacons,
  page,
}) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await beacons.open(page, { debug: true });
  await beacons.track(page, 25);
  await beacons.expectDelivered();
  // What is still queued when the page goes leaves by sendBeacon: memory does not survive.
  await beacons.open(page, { beacons: HOLD });
  await beacons.track(page, 10);
  await leave(beacons, page);
  await beacons.expectDelivered();
});

test('falls back to memory when IndexedDB refuses writes (quota), losing nothing', async ({
  beacons,
  page,
}) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'events') throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await beacons.open(page, { debug: true });
  await beacons.track(page, 45);
  await beacons.expectDelivered();
  const logs = await page.evaluate(() => (window as unknown as PageGlobals).__logs);
  expect(logs.filter((line) => line.includes('keeping them in memory'))).toHaveLength(1);
  expect(await beacons.errors(page)).toEqual([]);
});

test('purges queued events when consent is revoked, and sends none of them later', async ({
  beacons,
  page,
}) => {
  const { space } = beacons;
  space.script = () => ({ status: 503, retryAfter: '30' });
  await beacons.open(page);
  const revoked = await beacons.track(page, 25);
  await expect.poll(() => space.requests.length).toBe(1);
  expect(await storedInBrowser(page)).toBe(25);
  await page.evaluate(() => (window as unknown as PageGlobals).tebiki.consent('denied'));
  expect(await beacons.track(page, 5)).toEqual([]); // while denied, nothing is even captured
  await expect.poll(() => storedInBrowser(page)).toBe(0);
  await leave(beacons, page); // no beacon either
  space.script = null;
  await beacons.open(page);
  await beacons.track(page, 3);
  await beacons.expectDelivered({ dropped: revoked });
  expect(space.requests.filter((request) => request.ids.includes(revoked[0]!))).toHaveLength(1);
});

test('delivers exactly once with a device clock two days behind, honouring a Retry-After date', async ({
  beacons,
  page,
}) => {
  const skew = -2 * 24 * 3_600_000;
  await page.addInitScript((offset) => {
    const RealDate = Date;
    const now = () => RealDate.now() + offset;
    class SkewedDate extends RealDate {
      constructor(...args: ConstructorParameters<typeof Date> | []) {
        if (args.length === 0) super(now());
        else super(...(args as ConstructorParameters<typeof Date>));
      }
      static override now = now;
    }
    globalThis.Date = SkewedDate as DateConstructor;
  }, skew);
  const { space } = beacons;
  // An HTTP date two seconds ahead of the receiver's clock: read against the device clock,
  // it would be two days away and wait the full clamp (20 s here).
  space.script = () => ({ status: 503, retryAfter: new Date(Date.now() + 2000).toUTCString() });
  await beacons.open(page, { beacons: { retryAfterMaxMs: 20_000 } });
  await beacons.track(page, 20);
  await expect.poll(() => space.requests.length).toBe(1);
  space.script = null;
  await beacons.expectDelivered({ timeout: 8000 });
  const [first, second] = space.requests;
  expect(second!.receivedAt - first!.receivedAt).toBeLessThan(5000);
  // Timestamps and sentAt share the device clock, so a receiver can correct the skew.
  const event = space.stored.values().next().value!;
  const offset = Date.parse(second!.sentAt!) - second!.receivedAt;
  expect(Math.abs(offset - skew)).toBeLessThan(5000);
  expect(Date.parse(second!.sentAt!) - Date.parse(event.timestamp)).toBeLessThan(10_000);
});
