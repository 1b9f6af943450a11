// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDashboardAssets } from '../src/dashboard/assets.ts';
import { type CollectedEvent, createEventStore, type Metrics } from '../src/index.ts';
import { knownDataset, WINDOW } from './support/known-dataset.ts';

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

/** The known history's real metrics, with hostile strings in the ids a CS team authors. */
let metrics: Metrics;
beforeAll(() => {
  const store = createEventStore(':memory:');
  const hostile = knownDataset().map((event) => {
    const copy = structuredClone(event) as CollectedEvent & {
      traits?: Record<string, unknown>;
      properties?: Record<string, unknown>;
    };
    if (copy.type === 'group' && copy.groupId === 'initech') copy.traits!.name = HOSTILE;
    if (copy.properties?.milestoneId === 'teammate_invited') copy.properties.milestoneId = HOSTILE;
    if (copy.properties?.stepId === 'done') copy.properties.stepId = HOSTILE;
    return copy;
  });
  store.insertBatch(hostile, '2024-06-02T12:00:00Z');
  metrics = JSON.parse(JSON.stringify(store.metrics(WINDOW)));
  store.close();
});

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const answerWith =
  (body: () => unknown = () => metrics) =>
  (path: string) =>
    path.startsWith('/api/metrics') ? json(body()) : json({ events });

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

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const bars = (selector: string) =>
  [...document.querySelectorAll(`${selector} rect.bar`)].map((bar) =>
    Number(bar.getAttribute('data-value')),
  );

describe('dashboard script', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('shows the headline numbers a CS team reads first', async () => {
    await openDashboard(answerWith());
    expect(text('#kpi-ttv-median')).toBe('2 d');
    expect(text('#kpi-ttv-p90')).toBe('7.9 d');
    expect(text('#kpi-aha14')).toBe('80%');
    expect(text('#kpi-new-users')).toBe('7');
    expect(text('#kpi-red')).toBe('1');
    expect(text('#window-note')).toContain('Apr 1, 2024');
    expect(text('#window-note')).toContain('Jun 2, 2024');
  });

  it('draws the TTV histogram and trend as SVG from the metrics', async () => {
    await openDashboard(answerWith());
    expect(bars('#ttv-histogram')).toEqual([0, 1, 0, 1, 1, 0, 1, 0, 0]);
    expect(text('#ttv-histogram')).toContain('1–2 d');
    const lines = document.querySelectorAll('#ttv-trend polyline');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect(document.querySelector('#ttv-histogram svg')?.getAttribute('aria-label')).toBe(
      'Histogram of time to value; median 2 d, p90 7.9 d',
    );
  });

  it('draws the Aha! rate, milestone funnel, step funnel and checklist', async () => {
    await openDashboard(answerWith());
    expect(bars('#aha-within')).toEqual([0.6, 0.8, 1]);
    expect(text('#aha-within')).toContain('80%');
    // Started, then each milestone, most reached first.
    expect(bars('#milestone-funnel')).toEqual([7, 5, 4, 3]);
    expect(text('#milestone-funnel')).toContain('first_report ★ Aha!');
    const flow = document.querySelector('#flow-funnels [data-chart="flow"]');
    expect(flow?.querySelector('h3')?.textContent).toBe('welcome');
    expect(flow?.textContent).toContain('5 started · 2 completed · 2 dismissed');
    // Step 1: viewed, completed, dismissed, target missing; step 2 has no missing target.
    expect(bars('#flow-funnels')).toEqual([4, 2, 1, 1, 3, 2, 1]);
    expect(text('#checklist-charts')).toContain('2 of 7 new users completed it (29%)');
  });

  it('lists red accounts first with their touch tier and the reasons they are at risk', async () => {
    await openDashboard(answerWith());
    const rows = [...document.querySelectorAll('#account-rows tr')];
    expect(rows.map((row) => row.getAttribute('data-band'))).toEqual([
      'red',
      'yellow',
      'yellow',
      'green',
    ]);
    const first = rows[0]!;
    expect(first.querySelector('.score')?.textContent).toBe('34');
    expect(first.children[2]?.textContent).toBe('Low touch');
    expect([...first.querySelectorAll('.chip')].map((chip) => chip.textContent)).toEqual([
      'No activity for 18 days',
      'Active 0 of the last 14 days',
    ]);
    expect(rows[3]?.querySelector('.reasons')?.textContent).toBe('—');
    expect(bars('#touch-bands')).toEqual([1, 1, 1, 1]);
  });

  it('filters the accounts by touch tier', async () => {
    await openDashboard(answerWith());
    const filter = document.getElementById('touch-filter') as HTMLSelectElement;
    filter.value = 'tech';
    filter.dispatchEvent(new Event('change'));
    const rows = [...document.querySelectorAll('#account-rows tr .name')];
    expect(rows.map((row) => row.textContent)).toEqual(['Globex']);
  });

  it('writes event, account, milestone and step strings as text, never as markup', async () => {
    const fetchMock = await openDashboard(answerWith());

    const rows = [...document.querySelectorAll('#events tr')];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.children[2]?.textContent).toBe(HOSTILE);
    expect(rows[0]?.children[4]?.textContent).toBe('acme');
    expect(rows[0]?.children[5]?.textContent).toBe(`note: ${HOSTILE}, count: 3`);
    expect(rows[1]?.children[3]?.textContent).toBe('user-1');
    expect(text('#account-rows')).toContain(HOSTILE);
    expect(text('#milestone-funnel')).toContain('<img src=x onerror=');
    expect(text('#flow-funnels')).toContain('<img');
    expect(document.querySelector('main img, main [onerror]')).toBeNull();
    expect((globalThis as { hacked?: boolean }).hacked).toBeUndefined();
    expect(fetchMock).toHaveBeenCalledWith('/api/metrics?days=90', {
      headers: { Authorization: 'Bearer secret' },
      cache: 'no-store',
    });
  });

  it('switches between English and Japanese with the toggle, charts included', async () => {
    await openDashboard(answerWith());
    const toggle = document.getElementById('lang-toggle') as HTMLButtonElement;
    expect(toggle.hidden).toBe(false);

    toggle.click();
    expect(document.documentElement.lang).toBe('ja');
    expect(text('#recent-heading')).toBe('最近のイベント');
    expect(text('#ttv-heading')).toBe('価値実感までの時間（TTV）');
    expect(text('#ttv-histogram')).toContain('1〜2日');
    expect(text('#kpi-ttv-median')).toBe('2 日');
    expect(text('#account-rows')).toContain('18 日間利用なし');
    toggle.click();
    expect(text('#recent-heading')).toBe('Recent events');
    expect(text('#ttv-histogram')).toContain('1–2 d');
  });

  it('asks for another period when the range changes, and remembers it', async () => {
    const fetchMock = await openDashboard(answerWith());
    const range = document.getElementById('range') as HTMLSelectElement;
    range.value = '30';
    range.dispatchEvent(new Event('change'));
    await vi.waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith('/api/metrics?days=30', expect.anything()),
    );
    expect(localStorage.getItem('tebiki-dashboard-days')).toBe('30');
  });

  it('says when a period has no data instead of drawing empty charts', async () => {
    const empty = {
      ...metrics,
      ttv: { ...metrics.ttv, users: 0, buckets: [], weekly: [] },
      aha: { ...metrics.aha, newUsers: 0 },
      milestones: { started: 0, milestones: [] },
      flows: [],
      checklists: [],
      health: { ...metrics.health, accounts: [] },
    };
    await openDashboard(answerWith(() => empty));
    expect(text('#ttv-histogram')).toBe('No data in this period yet.');
    expect(text('#milestone-funnel')).toBe('No data in this period yet.');
    expect(document.getElementById('accounts-empty')?.hidden).toBe(false);
  });

  it('says so when the token is refused', async () => {
    await openDashboard(() => json({ error: 'missing or wrong admin token' }, 401));
    expect(text('#status')).toMatch(/admin token is missing or wrong/);
  });
});
