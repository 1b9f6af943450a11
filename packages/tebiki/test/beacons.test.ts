import type { SegmentEvent } from '@tebiki/core';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { createBrowserBeacons } from '../src/beacons.ts';

let fetchMock: Mock<typeof fetch>;
let sendBeacon: Mock<(url: string, body: string) => boolean>;

const event = (n: number): SegmentEvent => ({
  messageId: `m${n}`,
  type: 'track',
  event: 'clicked',
  timestamp: new Date().toISOString(),
  anonymousId: 'a',
  userId: null,
  properties: {},
  context: {
    sessionId: 's',
    page: { path: '/', url: 'http://localhost/', title: '', referrer: '', search: '' },
    locale: 'en',
    library: { name: 'tebiki', version: '0' },
  },
});

const setVisibility = (state: 'hidden' | 'visible') =>
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(null, { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
  sendBeacon = vi.fn(() => true);
  Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  setVisibility('visible');
});

describe('createBrowserBeacons', () => {
  it('keeps events in memory where IndexedDB is missing, and sends them', async () => {
    const debug = vi.fn();
    const beacons = await createBrowserBeacons({ endpoint: '/t/batch', debug });
    expect(debug).toHaveBeenCalledWith(expect.stringContaining('events kept in memory'));
    beacons.enqueue(event(1));
    await beacons.flush();
    expect(fetchMock).toHaveBeenCalledWith('/t/batch', expect.objectContaining({ method: 'POST' }));
    beacons.destroy();
  });

  it('beacons what is queued on pagehide and when the page is hidden', async () => {
    const beacons = await createBrowserBeacons({ endpoint: '/t/batch' });
    beacons.enqueue(event(1));
    dispatchEvent(new Event('pagehide'));
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    beacons.enqueue(event(2));
    setVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(sendBeacon).toHaveBeenCalledTimes(1);
    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(sendBeacon).toHaveBeenCalledTimes(2);
    expect(sendBeacon.mock.calls[1]![1]).toContain('"m2"');
    beacons.destroy();
  });

  it('sends at once when the browser comes back online', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const beacons = await createBrowserBeacons({ endpoint: '/t/batch' });
    beacons.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).not.toHaveBeenCalled();
    dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    beacons.destroy();
  });

  it('takes the pipeline tuning from the `beacons` option', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const beacons = await createBrowserBeacons({
      endpoint: '/t/batch',
      beacons: { flushIntervalMs: 50 },
    });
    beacons.enqueue(event(1));
    await vi.advanceTimersByTimeAsync(50);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    beacons.destroy();
  });

  it('removes its listeners and timers on destroy', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const beacons = await createBrowserBeacons({ endpoint: '/t/batch' });
    beacons.enqueue(event(1));
    beacons.destroy();
    expect(vi.getTimerCount()).toBe(0);
    dispatchEvent(new Event('pagehide'));
    dispatchEvent(new Event('online'));
    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sendBeacon).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
