// Fault injection on the network path, in real Chromium: the receiver answers from a script,
// Playwright cuts the network or loses responses. Every test asserts zero loss and exactly
// once after the receiver's dedupe (see `expectDelivered`).
import { expect, type PageGlobals, test } from '../fixtures/beacons/harness.ts';

test('holds events while offline and delivers them once the browser is back online', async ({
  beacons,
  page,
  context,
}) => {
  await beacons.open(page);
  await context.setOffline(true);
  await beacons.track(page, 30);
  await page.waitForTimeout(1500); // several retry periods
  expect(beacons.space.requests).toEqual([]);
  await context.setOffline(false);
  await beacons.expectDelivered();
  // Failures while offline are not attempts: nothing was given up on or counted.
  expect(beacons.space.requests.map((request) => request.retryCount)).not.toContain('1');
  expect(await beacons.errors(page)).toEqual([]);
});

test('retries 500 three times with backoff and X-Retry-Count, then delivers', async ({
  beacons,
  page,
}) => {
  const { space } = beacons;
  space.answers.push({ status: 500 }, { status: 500 }, { status: 500 });
  await beacons.open(page, { debug: true });
  const ids = await beacons.track(page, 20);
  await beacons.expectDelivered();
  const attempts = space.requests.filter((request) => request.ids.includes(ids[0]!));
  expect(attempts.map((request) => [request.status, request.retryCount])).toEqual([
    [500, null],
    [500, '1'],
    [500, '2'],
    [200, '3'],
  ]);
  for (const request of attempts) expect(request.ids).toEqual(attempts[0]!.ids);
  // The delays the pipeline chose double (base 100 ms here, ±10 % jitter), and no retry
  // came sooner than its delay; how much later depends on the machine, so it is not bounded.
  const logs = await page.evaluate(() => (window as unknown as PageGlobals).__logs);
  const delays = logs.flatMap((line) => /retried in (\d+) ms/.exec(line)?.[1] ?? []).map(Number);
  expect(delays).toHaveLength(3);
  for (const [i, delay] of delays.entries()) {
    expect(delay).toBeGreaterThanOrEqual(100 * 2 ** i * 0.9);
    expect(delay).toBeLessThanOrEqual(100 * 2 ** i * 1.1);
  }
  const gaps = attempts.slice(1).map((r, i) => r.receivedAt - attempts[i]!.receivedAt);
  for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(delays[i]! - 5);
  expect(beacons.duplicates()).toBe(0);
});

for (const [status, label, retryAfter, minMs, maxMs] of [
  [429, 'in seconds', () => '1', 950, 2500],
  [503, 'as an HTTP date', () => new Date(Date.now() + 2000).toUTCString(), 900, 3000],
  [503, 'absurdly large', () => '86400', 2900, 6000], // clamped: 300 s in production, 3 s here
] as const) {
  test(`pauses for ${status} with Retry-After ${label}, without counting an attempt`, async ({
    beacons,
    page,
  }) => {
    const { space } = beacons;
    space.answers.push({ status, retryAfter: retryAfter() });
    await beacons.open(page);
    await beacons.track(page, 20);
    await beacons.expectDelivered();
    const [first, second] = space.requests;
    const gap = second!.receivedAt - first!.receivedAt;
    expect(gap).toBeGreaterThanOrEqual(minMs);
    expect(gap).toBeLessThan(maxMs);
    expect(second!.retryCount).toBeNull();
    expect(second!.ids).toEqual(first!.ids);
  });
}

for (const status of [400, 401, 403, 422]) {
  test(`drops and reports a batch answered ${status}, and delivers the rest`, async ({
    beacons,
    page,
  }) => {
    const { space } = beacons;
    space.answers.push({ status });
    await beacons.open(page);
    const rejected = await beacons.track(page, 20);
    await page.waitForTimeout(300);
    const later = await beacons.track(page, 5);
    await beacons.expectDelivered({ dropped: rejected });
    expect(await beacons.errors(page)).toEqual([
      { code: 'batch_rejected', message: `the endpoint answered ${status}; 20 events dropped` },
    ]);
    // Sent once, never retried.
    expect(space.requests.filter((r) => r.ids.includes(rejected[0]!))).toHaveLength(1);
    expect(space.stored.has(later[0]!)).toBe(true);
  });
}

test('splits a batch answered 413 until the halves fit', async ({ beacons, page }) => {
  const { space } = beacons;
  space.script = (batch) => (batch.length > 4 ? { status: 413 } : undefined);
  await beacons.open(page);
  await beacons.track(page, 20);
  await beacons.expectDelivered();
  expect(space.requests.map((request) => request.ids.length).slice(0, 3)).toEqual([20, 10, 5]);
  expect(await beacons.errors(page)).toEqual([]);
});

test('drops and reports a single event answered 413, delivering its neighbours', async ({
  beacons,
  page,
}) => {
  const { space } = beacons;
  space.script = (batch) =>
    batch.some((event) => event.properties?.huge) ? { status: 413 } : undefined;
  await beacons.open(page);
  const before = await beacons.track(page, 7);
  const [huge] = await beacons.track(page, 1, { huge: 'h'.repeat(20_000) });
  const after = await beacons.track(page, 12);
  await beacons.expectDelivered({ dropped: [huge!] });
  expect(await beacons.errors(page)).toEqual([
    {
      code: 'event_too_large',
      message: 'the endpoint refused event "clicked" as too large (413); 1 events dropped',
    },
  ]);
  expect([...before, ...after].every((id) => space.stored.has(id))).toBe(true);
});

test('rejects an event over 32 KB at capture, sending the others', async ({ beacons, page }) => {
  await beacons.open(page);
  await beacons.track(page, 3);
  const [oversized] = await beacons.track(page, 1, { blob: 'x'.repeat(40_000) });
  await beacons.track(page, 3);
  await beacons.expectDelivered({ dropped: [oversized!] });
  const requests = beacons.space.requests;
  expect(requests.some((request) => request.ids.includes(oversized!))).toBe(false);
  expect((await beacons.errors(page)).map((error) => error.code)).toEqual(['event_too_large']);
});

test('gives up after 10 failed attempts and reports the drop', async ({ beacons, page }) => {
  const { space } = beacons;
  space.script = () => ({ status: 500 });
  await beacons.open(page, { beacons: { retryBaseMs: 20, retryMaxMs: 100 } });
  const ids = await beacons.track(page, 20);
  await expect
    .poll(async () => (await beacons.errors(page)).map((error) => error.code), { timeout: 10_000 })
    .toContain('retry_exhausted');
  const attempts = space.requests.filter((request) => request.ids.includes(ids[0]!));
  expect(attempts.map((request) => request.retryCount)).toEqual([
    null,
    ...Array.from({ length: 9 }, (_, i) => String(i + 1)),
  ]);
  const [report] = await beacons.errors(page);
  expect(report!.message).toMatch(/^500 after 10 failed attempts in \d+ s; 20 events dropped$/);
  await page.waitForTimeout(300);
  expect(space.requests.filter((request) => request.ids.includes(ids[0]!))).toHaveLength(10);
  expect(space.stored.size).toBe(0);
});

test('gives up once the time limit has passed, however few attempts that took', async ({
  beacons,
  page,
}) => {
  const { space } = beacons;
  space.script = () => ({ status: 503, retryAfter: '1' });
  await beacons.open(page, { beacons: { maxRetryAgeMs: 2500 } });
  const ids = await beacons.track(page, 20);
  await expect
    .poll(async () => (await beacons.errors(page)).map((error) => error.code), { timeout: 10_000 })
    .toContain('retry_exhausted');
  const attempts = space.requests.filter((request) => request.ids.includes(ids[0]!));
  expect(attempts.length).toBeGreaterThanOrEqual(3);
  expect(attempts.length).toBeLessThan(10);
  expect(attempts.every((request) => request.retryCount === null)).toBe(true);
});

test('resends the same ids when the response is lost after the receiver committed', async ({
  beacons,
  page,
  context,
}) => {
  let lost = 0;
  await context.route('**/v1/batch', async (route) => {
    if (lost++ > 0) return route.continue();
    await route.fetch(); // the receiver stores the batch…
    await route.abort('connectionreset'); // …and the answer never arrives
  });
  await beacons.open(page);
  const ids = await beacons.track(page, 20);
  await beacons.expectDelivered();
  const copies = () => beacons.space.requests.filter((request) => request.ids.includes(ids[0]!));
  await expect.poll(() => copies().length).toBe(2);
  const [first, second] = copies();
  expect(second!.ids).toEqual(first!.ids);
  expect(second!.retryCount).toBe('1');
  expect(beacons.duplicates()).toBe(20); // stored once: the receiver's dedupe did its job
});
