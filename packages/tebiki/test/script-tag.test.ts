import type { SegmentEvent } from '@tebiki/core';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import type { Tebiki } from '../src/create-tebiki.ts';
import { chunks } from './chunks.ts';

// The bundle imports its chunks by URL from beside tebiki.js; here they come from source.
vi.mock('../src/script-chunks.ts', () => ({ chunksBeside: () => chunks }));

type StubCall = [string, ...unknown[]];

const METHODS = [
  'init',
  'identify',
  'group',
  'track',
  'page',
  'start',
  'next',
  'back',
  'dismiss',
  'milestone',
  'progress',
  'on',
  'flush',
  'consent',
  'reset',
  'destroy',
] as const;

type Stub = StubCall[] & Record<(typeof METHODS)[number], (...args: unknown[]) => unknown>;

/** The queue stub from docs/getting-started.md: each method pushes `[method, ...args]`. */
function installStub(): Stub {
  const stub = [] as unknown as Stub;
  for (const method of METHODS) {
    stub[method] = (...args: unknown[]) => {
      stub.push([method, ...args]);
      return stub;
    };
  }
  (window as { tebiki?: unknown }).tebiki = stub;
  return stub;
}

const loadBundle = async () => {
  vi.resetModules();
  await import('../src/script-tag.ts');
};

const live = () => window.tebiki as Tebiki;
const emptyFlows = { version: 1 as const, flows: [] };

let fetchMock: Mock<typeof fetch>;
let warn: Mock<typeof console.warn>;

const delivered = (): SegmentEvent[] =>
  fetchMock.mock.calls
    .filter(([url]) => String(url).endsWith('/v1/batch'))
    .flatMap(([, init]) => (JSON.parse(String(init?.body)) as { batch: SegmentEvent[] }).batch);

beforeEach(() => {
  history.replaceState(null, '', '/settings');
  fetchMock = vi.fn(async () => new Response(null, { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  const current = window.tebiki;
  if (current && !Array.isArray(current)) current.destroy();
  delete (window as { tebiki?: unknown }).tebiki;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('script-tag entry', () => {
  it('replaces the queue stub with the running instance', async () => {
    const stub = installStub();
    stub.init({ flows: emptyFlows });
    await loadBundle();
    expect(Array.isArray(window.tebiki)).toBe(false);
    expect(live()).not.toBe(stub);
    expect(typeof live().track).toBe('function');
    expect(typeof live().on).toBe('function');
  });

  it('replays the recorded calls in order, before and after init', async () => {
    const stub = installStub();
    const errors: string[] = [];
    stub.on('error', (detail: { message: string }) => errors.push(detail.message));
    stub.identify('');
    stub.track('first');
    stub.init({ endpoint: 'https://collector.test/v1/batch', flows: emptyFlows });
    stub.track('');
    stub.identify('user-9');
    stub.track('second', { n: 2 });
    await loadBundle();
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    await live().flush();
    expect(errors[0]).toContain('identify()');
    expect(errors[1]).toContain('track()');
    // The two bad calls are beaconed as error events, in their place in the sequence.
    const events = delivered();
    expect(events.map((event) => event.event ?? event.type)).toEqual([
      'error',
      'first',
      'error',
      'identify',
      'second',
    ]);
    expect(events[0]!.properties).toMatchObject({ code: 'invalid_argument' });
    expect(events[1]!.userId).toBeNull();
    expect(events[4]).toMatchObject({ userId: 'user-9', properties: { n: 2 } });
  });

  it('skips an unknown method in the stub with a warning and replays the rest', async () => {
    const stub = installStub();
    stub.push(['teleport', 'somewhere']);
    stub.init({ endpoint: 'https://collector.test/v1/batch', flows: emptyFlows });
    stub.track('kept');
    await loadBundle();
    await vi.waitFor(async () => {
      await live().flush();
      expect(delivered().map((event) => event.event)).toEqual(['kept']);
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"teleport"'));
  });

  it('sends calls made after it loaded straight to the instance', async () => {
    const stub = installStub();
    stub.init({ endpoint: 'https://collector.test/v1/batch', flows: emptyFlows });
    await loadBundle();
    await vi.waitFor(async () => {
      live().track('later');
      await live().flush();
      expect(delivered().map((event) => event.event)).toContain('later');
    });
    expect(stub).toHaveLength(1);
  });

  it('creates an instance even when no stub was installed', async () => {
    await loadBundle();
    expect(Array.isArray(window.tebiki)).toBe(false);
    expect(typeof live().init).toBe('function');
  });

  it('leaves an instance that is already running alone', async () => {
    installStub();
    await loadBundle();
    const first = live();
    await loadBundle();
    expect(live()).toBe(first);
  });

  it('initialises itself from the data attributes of its script tag', async () => {
    const flows = {
      version: 1,
      flows: [{ id: 'x', type: 'tour', trigger: { url: '/nowhere' }, steps: [{ id: 's' }] }],
    };
    fetchMock.mockImplementation(async (url) =>
      String(url).endsWith('/tebiki.json')
        ? Response.json(flows)
        : new Response(null, { status: 200 }),
    );
    const script = document.createElement('script');
    script.src = 'http://localhost:3000/assets/tebiki.js';
    script.dataset.endpoint = 'https://collector.test/v1/batch';
    script.dataset.flows = '/tebiki.json';
    script.dataset.writeKey = 'pk_tag';
    Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
    try {
      await loadBundle();
    } finally {
      Reflect.deleteProperty(document, 'currentScript');
    }
    await vi.waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith('/tebiki.json', expect.anything()),
    );
    await vi.waitFor(async () => {
      live().track('from_tag');
      await live().flush();
      expect(delivered().length).toBeGreaterThan(0);
    });
    const batchCall = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/v1/batch'))!;
    expect(JSON.parse(String(batchCall[1]!.body)).writeKey).toBe('pk_tag');
  });
});
