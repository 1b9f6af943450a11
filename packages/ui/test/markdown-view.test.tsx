import { type MdBlock, parseMarkdown } from '@tebiki/schema';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUI, type StepView, type UI } from '../src/index.ts';
import { MarkdownView } from '../src/markdown-view.tsx';

let container: HTMLElement | null = null;

function show(source: string | MdBlock[]) {
  container = document.createElement('div');
  document.body.append(container);
  const blocks = typeof source === 'string' ? parseMarkdown(source) : source;
  render(<MarkdownView blocks={blocks} />, container);
  return container;
}

/** Every element the view created, by tag name. */
const tags = (root: Element) => [...root.querySelectorAll('*')].map((element) => element.localName);

let ui: UI | null = null;

afterEach(() => {
  if (container) render(null, container);
  container = null;
  ui?.destroy();
  ui = null;
  document.body.innerHTML = '';
});

describe('MarkdownView', () => {
  it('renders bold as a strong element holding the text', () => {
    const root = show('Press **New project**');
    const strong = root.querySelector('p > strong')!;
    expect(strong.textContent).toBe('New project');
    expect(strong.childNodes).toHaveLength(1);
    expect(strong.firstChild!.nodeType).toBe(Node.TEXT_NODE);
    expect(root.textContent).toBe('Press New project');
  });

  it('renders paragraphs, lists, emphasis, code and line breaks', () => {
    const root = show('One *em*\n`code`\n\n- a\n- **b**\n\n3. c\n4. d');
    expect(tags(root)).toEqual([
      'p',
      'em',
      'br',
      'code',
      'ul',
      'li',
      'li',
      'strong',
      'ol',
      'li',
      'li',
    ]);
    expect(root.querySelector('code')!.textContent).toBe('code');
    expect(root.querySelector('ol')!.getAttribute('start')).toBe('3');
    expect(root.querySelector('ul')!.hasAttribute('start')).toBe(false);
  });

  it('never creates elements from author HTML', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '<svg onload=alert(1)>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '`<img src=x onerror=alert(1)>`',
      '**<img src=x onerror=alert(1)>**',
      '![x](https://example.com/x.png)',
      '[<img src=x>](/ok)',
    ].join('\n\n');
    const root = show(hostile);
    for (const tag of ['img', 'script', 'svg', 'iframe']) {
      expect(root.querySelector(tag)).toBeNull();
    }
    expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  it('links only to allowed hrefs, and shows refused links as their source', () => {
    const root = show(
      '[a](/settings) [b](https://example.com) [c](javascript:alert(1)) [d](JaVaScRiPt:x) [e](data:text/html,x) [f](mailto:help@example.com)',
    );
    const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['/settings', 'https://example.com', 'mailto:help@example.com']);
    expect(root.textContent).toContain('[c](javascript:alert(1))');
    expect(root.textContent).toContain('[e](data:text/html,x)');
  });

  it('opens absolute http(s) links in a new tab without an opener, and others in place', () => {
    const root = show('[out](https://example.com) [in](/billing) [mail](mailto:a@b.c)');
    const [out, inside, mail] = [...root.querySelectorAll('a')];
    expect(out!.getAttribute('target')).toBe('_blank');
    expect(out!.getAttribute('rel')).toBe('noopener noreferrer');
    for (const link of [inside!, mail!]) {
      expect(link.hasAttribute('target')).toBe(false);
      expect(link.hasAttribute('rel')).toBe(false);
    }
  });

  it('checks hrefs again when given a tree it did not parse', () => {
    const root = show([
      {
        type: 'paragraph',
        children: [
          { type: 'link', href: ' javascript:alert(1)', children: [{ type: 'text', value: 'x' }] },
          { type: 'link', href: '/ok', children: [{ type: 'text', value: 'y' }] },
        ],
      },
    ]);
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/ok']);
    expect(root.textContent).toBe('xy');
  });

  it('renders text that looks like markup, and unknown nodes, as nothing but text', () => {
    const root = show([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: '<b>x</b>' },
          { type: 'html', value: '<img src=x onerror=alert(1)>' } as never,
        ],
      },
      { type: 'table' } as never,
    ]);
    expect(tags(root)).toEqual(['p']);
    expect(root.textContent).toBe('<b>x</b>');
  });
});

describe('StepPopover body', () => {
  const view = (body: string): StepView => ({
    flowId: 'welcome',
    stepId: 'new',
    stepIndex: 0,
    total: 2,
    title: 'Start here',
    body,
    target: null,
    placement: 'bottom',
    dir: 'ltr',
    locale: 'en',
  });

  async function showStep(body: string) {
    const current = createUI(document, { next: vi.fn(), back: vi.fn(), dismiss: vi.fn() });
    ui = current;
    await act(() => current.renderStep(view(body)));
    const shadow = document.querySelector('tebiki-root')!.shadowRoot!;
    return {
      shadow,
      body: shadow.querySelector<HTMLElement>('[data-tebiki-part="body"]')!,
      update: (next: string) => act(() => current.renderStep(view(next))),
    };
  }

  it('shows Markdown in the body: "Press New project" with New project in strong', async () => {
    const { shadow, body } = await showStep('Press **New project**');
    expect(body.textContent).toBe('Press New project');
    expect(body.querySelector('strong')!.textContent).toBe('New project');
    const popover = shadow.querySelector('[data-tebiki-part="popover"]')!;
    expect(shadow.getElementById(popover.getAttribute('aria-describedby')!)).toBe(body);
  });

  it('keeps hostile markup out of the shadow root and the page', async () => {
    const { shadow, body } = await showStep(
      '<img src=x onerror=alert(1)> [go](javascript:alert(1)) <script>alert(1)</script>',
    );
    expect(shadow.querySelector('img, script, a')).toBeNull();
    expect(document.querySelector('img, script')).toBeNull();
    expect(body.textContent).toBe(
      '<img src=x onerror=alert(1)> [go](javascript:alert(1)) <script>alert(1)</script>',
    );
  });

  it('renders a new body when the step changes', async () => {
    const { shadow, update } = await showStep('**One**');
    await update('- *Two*');
    const body = shadow.querySelector('[data-tebiki-part="body"]')!;
    expect(body.querySelector('li > em')!.textContent).toBe('Two');
    expect(body.querySelector('strong')).toBeNull();
  });
});
