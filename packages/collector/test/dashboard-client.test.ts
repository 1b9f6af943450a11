// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDashboardAssets } from '../src/dashboard/assets.ts';

const SCRIPT_PATH = '../src/dashboard/dashboard.js';
const HOSTILE = '<img src=x onerror="globalThis.hacked=true">';

const events = [
  {
    messageId: 'm2',
    type: 'track',
    event: HOSTILE,
    timestamp: '2024-05-01T10:00:02Z',
    receivedAt: '2024-05-01T10:00:03Z',
    anonymousId: 'anon-123456789abcdef',
    userId: null,
    properties: { note: HOSTILE, count: 3 },
    context: { groupId: 'acme' },
  },
  {
    messageId: 'm1',
    type: 'identify',
    timestamp: '2024-05-01T10:00:01Z',
    receivedAt: '2024-05-01T10:00:03Z',
    userId: 'user-1',
    traits: { plan: 'trial' },
  },
];

const metrics = {
  events: 2,
  users: 1,
  anonymousIds: 1,
  accounts: 1,
  byType: { track: 1, identify: 1 },
  byEvent: { [HOSTILE]: 1 },
  lastReceivedAt: '2024-05-01T10:00:03Z',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

async function openDashboard(answer: (path: string, init?: RequestInit) => Response) {
  const assets = loadDashboardAssets();
  history.replaceState(null, '', '/?token=secret');
  // Only the body: happy-dom would try to fetch the stylesheet and script from <head>.
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(assets.page('en'))?.[1] ?? '';
  document.documentElement.lang = 'en';
  document.documentElement.dataset.langSource = 'header';
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    if (path === '/dashboard-messages.json') return new Response(assets.messages);
    return answer(path, init);
  });
  vi.stubGlobal('fetch', fetchMock);
  // A fresh copy of the module for every case: the script runs once, on import.
  vi.resetModules();
  await import(/* @vite-ignore */ SCRIPT_PATH);
  await vi.waitFor(() =>
    expect(document.getElementById('status')?.textContent).not.toBe('Loading…'),
  );
  return fetchMock;
}

describe('dashboard script', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('lists events and totals as text, never as markup', async () => {
    const fetchMock = await openDashboard((path) =>
      path.startsWith('/api/metrics') ? json(metrics) : json({ events }),
    );

    const rows = [...document.querySelectorAll('#events tr')];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.children[2]?.textContent).toBe(HOSTILE);
    expect(rows[0]?.children[4]?.textContent).toBe('acme');
    expect(rows[0]?.children[5]?.textContent).toBe(`note: ${HOSTILE}, count: 3`);
    expect(rows[1]?.children[3]?.textContent).toBe('user-1');
    expect(document.querySelector('#events img, #top-events img')).toBeNull();
    expect(document.getElementById('top-events')?.textContent).toContain(HOSTILE);
    expect(document.getElementById('total-events')?.textContent).toBe('2');
    expect(fetchMock).toHaveBeenCalledWith('/api/metrics', {
      headers: { Authorization: 'Bearer secret' },
      cache: 'no-store',
    });
  });

  it('switches between English and Japanese with the toggle', async () => {
    await openDashboard((path) =>
      path.startsWith('/api/metrics') ? json(metrics) : json({ events }),
    );
    const toggle = document.getElementById('lang-toggle') as HTMLButtonElement;
    expect(toggle.hidden).toBe(false);

    toggle.click();
    expect(document.documentElement.lang).toBe('ja');
    expect(document.getElementById('recent-heading')?.textContent).toBe('最近のイベント');
    toggle.click();
    expect(document.getElementById('recent-heading')?.textContent).toBe('Recent events');
  });

  it('says so when the token is refused', async () => {
    await openDashboard(() => json({ error: 'missing or wrong admin token' }, 401));
    expect(document.getElementById('status')?.textContent).toMatch(
      /admin token is missing or wrong/,
    );
  });
});
