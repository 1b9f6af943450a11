import type { KeyValueStorage, SegmentEvent } from '@tebiki/core';
import { createMemoryStorage } from '@tebiki/core';
import type { FlowsDocument } from '@tebiki/schema';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { createTebiki, type Tebiki } from '../src/create-tebiki.ts';
import { chunks } from './chunks.ts';

const document_: FlowsDocument = {
  version: 1,
  milestones: [
    { id: 'created', when: { event: 'project_created' } },
    { id: 'report', aha: true, when: { event: 'report_viewed' } },
  ],
  flows: [
    {
      id: 'welcome',
      type: 'tour',
      trigger: { url: '/dashboard*' },
      steps: [{ id: 'hello', title: 'Hello' }],
    },
  ],
};

let fetchMock: Mock<typeof fetch>;
let instances: Tebiki[] = [];

function setup(storage: KeyValueStorage = createMemoryStorage()): Tebiki {
  const tebiki = createTebiki({ ...chunks, storage });
  instances.push(tebiki);
  return tebiki;
}

const delivered = (): SegmentEvent[] =>
  fetchMock.mock.calls.flatMap(
    ([, init]) => (JSON.parse(String(init?.body)) as { batch: SegmentEvent[] }).batch,
  );

const init = (tebiki: Tebiki) =>
  tebiki.init({ endpoint: 'https://c.test/v1/batch', flows: document_, locale: 'en' });

beforeEach(() => {
  history.replaceState(null, '', '/settings');
  fetchMock = vi.fn<typeof fetch>(async () => new Response('{}', { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
});

afterEach(() => {
  for (const tebiki of instances) tebiki.destroy();
  instances = [];
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('bad input never throws into the host', () => {
  it('takes identify() with odd ids and traits: numbers, nulls, huge strings, dates as strings', async () => {
    const tebiki = setup();
    const errors: unknown[] = [];
    tebiki.on('error', (detail) => errors.push(detail));
    await init(tebiki);
    expect(() => {
      tebiki.identify(42 as never, {
        plan: null,
        note: 'x'.repeat(100_000),
        signedUpAt: '2026-11-01',
      });
      tebiki.identify(null as never, { plan: 'pro' });
      tebiki.identify('', {});
      tebiki.identify('u-1', 'not an object' as never);
      tebiki.identify('u-2', { signedUpAt: 'yesterday' });
      tebiki.group(undefined as never, { seats: '5' });
    }).not.toThrow();
    await tebiki.flush();
    // The first identify carries a 100 KB trait: its event is refused, the user still set.
    expect(errors.map((e) => (e as { code: string }).code)).toEqual([
      'event_too_large',
      'invalid_argument',
      'invalid_argument',
      'invalid_argument',
      'invalid_argument',
    ]);
    const identifies = delivered().filter((e) => e.type === 'identify');
    expect(identifies.map((e) => e.userId)).toEqual(['u-1', 'u-2']);
    expect(identifies[0]!.traits).toEqual({});
  });

  it('sends events whose properties are cyclic or not serialisable, made safe', async () => {
    const tebiki = setup();
    await init(tebiki);
    const cyclic: Record<string, unknown> = { name: 'loop', when: new Date(0), big: 10n };
    cyclic.self = cyclic;
    cyclic.fn = () => {};
    tebiki.track('odd', cyclic);
    await tebiki.flush();
    const odd = delivered().find((e) => e.event === 'odd')!;
    expect(odd.properties).toEqual({
      name: 'loop',
      when: '1970-01-01T00:00:00.000Z',
      big: '10',
      self: '[Circular]',
    });
  });

  it('ignores calls after destroy() without throwing or sending', async () => {
    const tebiki = setup();
    await init(tebiki);
    tebiki.destroy();
    fetchMock.mockClear();
    expect(() => {
      tebiki.track('late');
      tebiki.identify('u');
      tebiki.start('welcome');
      tebiki.next();
      tebiki.milestone('created');
    }).not.toThrow();
    await tebiki.flush();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(tebiki.progress()).toEqual({ milestones: {}, aha: { reached: false }, checklists: {} });
  });

  it('keeps guiding and counting when storage throws on every read and write (quota, blocked)', async () => {
    const failing: KeyValueStorage = {
      get: async () => {
        throw new Error('blocked');
      },
      set: async () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      del: async () => {
        throw new Error('blocked');
      },
      update: async () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const tebiki = setup(failing);
    const reached = vi.fn();
    tebiki.on('milestone_reached', reached);
    history.replaceState(null, '', '/dashboard');
    await init(tebiki);
    tebiki.track('project_created');
    tebiki.track('project_created');
    await tebiki.flush();
    expect(reached).toHaveBeenCalledTimes(1);
    expect(tebiki.progress().milestones.created).toBeDefined();
    await vi.waitFor(() => expect(document.querySelector('tebiki-root')).not.toBeNull());
  });

  it('falls back to memory with one warning when IndexedDB throws on open', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const tebiki = createTebiki(chunks);
    instances.push(tebiki);
    await tebiki.init({ flows: document_, debug: true });
    const info = vi.mocked(console.info).mock.calls.flat().join('\n');
    expect(info).toMatch(/storage unavailable, progress is kept in memory only/);
    tebiki.milestone('created');
    await tebiki.flush();
    expect(tebiki.progress().milestones.created).toBeDefined();
  });
});

describe('time-to-value', () => {
  it('counts ttvMs from traits.signedUpAt, and activeTtvMs never above it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-10T00:00:00Z'));
    const tebiki = setup();
    const aha = vi.fn();
    tebiki.on('aha_reached', aha);
    await init(tebiki);
    tebiki.identify('u-ttv', { signedUpAt: '2026-11-09T00:00:00Z' });
    vi.setSystemTime(new Date('2026-11-10T00:30:00Z'));
    tebiki.track('report_viewed');
    await tebiki.flush();
    vi.useRealTimers();
    expect(aha).toHaveBeenCalledTimes(1);
    const { ttvMs, activeTtvMs } = aha.mock.calls[0]![0];
    expect(ttvMs).toBe(24.5 * 3600_000);
    expect(activeTtvMs).toBeGreaterThanOrEqual(0);
    expect(activeTtvMs).toBeLessThanOrEqual(ttvMs);
    expect(tebiki.progress().aha).toEqual({ reached: true, ttvMs, activeTtvMs });
  });

  it('counts from the first visit when no signedUpAt is given, and never negative when the clock goes back', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-10T12:00:00Z'));
    const tebiki = setup();
    const reached = vi.fn();
    tebiki.on('milestone_reached', reached);
    await init(tebiki);
    vi.setSystemTime(new Date('2026-11-09T12:00:00Z'));
    tebiki.track('project_created');
    await tebiki.flush();
    vi.useRealTimers();
    expect(reached).toHaveBeenCalledWith({ milestoneId: 'created', msSinceStart: 0 });
  });

  it('carries a visitor’s milestones over to the user they sign in as', async () => {
    const storage = createMemoryStorage();
    const tebiki = setup(storage);
    const reached = vi.fn();
    tebiki.on('milestone_reached', reached);
    await init(tebiki);
    tebiki.track('project_created');
    tebiki.identify('u-carry');
    tebiki.track('project_created');
    await tebiki.flush();
    expect(reached).toHaveBeenCalledTimes(1);
    expect(tebiki.progress().milestones.created).toBeDefined();
    tebiki.destroy();
    const again = setup(storage);
    await init(again);
    await again.flush();
    expect(again.progress().milestones.created).toBeDefined();
  });
});
