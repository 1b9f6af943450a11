import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startCollector } from './support/collector-harness.ts';

describe('dashboard', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startCollector();
  });
  afterAll(() => harness.dispose());

  it('answers 401 with a token form when the token is missing', async () => {
    const response = await fetch(`${harness.origin}/`);
    const html = await response.text();
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/<form method="get" action="\/"/);
    expect(html).toContain('name="token"');
  });

  it('answers 401 and says so when the token is wrong', async () => {
    const response = await fetch(`${harness.origin}/?token=wrong`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('That token is wrong.');
  });

  it('serves the page for the right token, with no inline script, handler or style', async () => {
    const response = await fetch(`${harness.origin}/?token=${harness.adminToken}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
    expect(scripts).toEqual(['<script type="module" src="/dashboard.js"></script>']);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('renders in Japanese when Accept-Language prefers it', async () => {
    const response = await fetch(`${harness.origin}/?token=${harness.adminToken}`, {
      headers: { 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.8' },
    });
    const html = await response.text();
    expect(html).toContain('<html lang="ja" data-lang-source="header">');
    expect(html).toContain('最近のイベント');
  });

  it('serves its script, stylesheet and strings from the same origin', async () => {
    const get = (path: string) => fetch(`${harness.origin}${path}`);
    const script = await get('/dashboard.js');
    const charts = await get('/dashboard-charts.js');
    const stylesheet = await get('/dashboard.css');
    const messages = await get('/dashboard-messages.json');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).not.toContain('innerHTML');
    expect(charts.headers.get('content-type')).toMatch(/^text\/javascript/);
    const chartCode = await charts.text();
    expect(chartCode).not.toMatch(/innerHTML|insertAdjacentHTML|\.style\b/);
    expect(chartCode).toContain('createElementNS');
    expect(stylesheet.headers.get('content-type')).toMatch(/^text\/css/);
    const table = await messages.json();
    expect(Object.keys(table.ja).sort()).toEqual(Object.keys(table.en).sort());
  });
});
