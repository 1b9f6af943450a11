import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanup,
  click,
  descriptionOf,
  flush,
  focused,
  HOSTILE,
  hintView,
  key,
  nameOf,
  part,
  parts,
  setup,
  shadow,
} from './helpers.ts';

afterEach(cleanup);

describe('hint: hotspot', () => {
  it('is a button named by the hint title, collapsed, in the top layer', async () => {
    const { hints } = setup();
    await hints([hintView()]);
    const hotspot = part('hotspot')!;
    expect(hotspot.localName).toBe('button');
    expect(hotspot.getAttribute('type')).toBe('button');
    expect(hotspot.getAttribute('aria-label')).toBe('Export');
    expect(hotspot.getAttribute('aria-expanded')).toBe('false');
    expect(hotspot.hasAttribute('aria-controls')).toBe(false);
    expect(hotspot.getAttribute('popover')).toBe('manual');
    expect(part('popover')).toBeNull();
  });

  it('is named "Show tip" (ヒントを表示 in Japanese) when the hint has no title', async () => {
    const { hints } = setup();
    await hints([hintView({ title: '' })]);
    expect(part('hotspot')!.getAttribute('aria-label')).toBe('Show tip');
    await hints([hintView({ title: '', locale: 'ja' })]);
    expect(part('hotspot')!.getAttribute('aria-label')).toBe('ヒントを表示');
  });

  it('stays attached to its target', async () => {
    const { hints } = setup();
    await hints([hintView()]);
    await flush();
    expect(part('hotspot')!.style.transform).toMatch(/^translate\(.+px, .+px\)$/);
  });

  it('shows one hotspot per hint, and drops those no longer rendered', async () => {
    document.body.innerHTML = '<button id="a">A</button><button id="b">B</button>';
    const { hints } = setup();
    const a = hintView({ flowId: 'a', target: document.getElementById('a')! });
    const b = hintView({ flowId: 'b', target: document.getElementById('b')! });
    await hints([a, b]);
    expect(parts('hotspot').map((element) => element.dataset.tebikiFlow)).toEqual(['a', 'b']);
    await hints([b]);
    expect(parts('hotspot').map((element) => element.dataset.tebikiFlow)).toEqual(['b']);
    await hints([]);
    expect(parts('hotspot')).toHaveLength(0);
  });
});

describe('hint: tooltip', () => {
  it('opens from the hotspot as a dialog named by the title, and calls hintOpened', async () => {
    const { hints, handlers } = setup();
    await hints([hintView()]);
    await click(part('hotspot')!);
    const tip = part('popover')!;
    expect(tip.getAttribute('role')).toBe('dialog');
    expect(nameOf(tip)).toBe('Export');
    expect(descriptionOf(tip)).toBe('Download a CSV of this table');
    expect(part('hotspot')!.getAttribute('aria-expanded')).toBe('true');
    expect(part('hotspot')!.getAttribute('aria-controls')).toBe(tip.id);
    expect(handlers.hintOpened).toHaveBeenCalledExactlyOnceWith('export-hint');
    expect(focused()).toBe('popover');
  });

  it('closes on Escape, returns focus to the hotspot and calls hintDismissed', async () => {
    const { hints, handlers } = setup();
    await hints([hintView()]);
    await click(part('hotspot')!);
    await key(part('popover')!, 'Escape');
    expect(part('popover')).toBeNull();
    expect(focused()).toBe('hotspot');
    expect(part('hotspot')!.getAttribute('aria-expanded')).toBe('false');
    expect(handlers.hintDismissed).toHaveBeenCalledExactlyOnceWith('export-hint');
  });

  it('closes from its close button and from the hotspot again', async () => {
    const { hints, handlers } = setup();
    await hints([hintView()]);
    await click(part('hotspot')!);
    await click(part('close')!);
    expect(part('popover')).toBeNull();
    await click(part('hotspot')!);
    await click(part('hotspot')!);
    expect(part('popover')).toBeNull();
    expect(handlers.hintOpened).toHaveBeenCalledTimes(2);
    expect(handlers.hintDismissed).toHaveBeenCalledTimes(2);
  });

  it('opens when the view says so, without taking focus', async () => {
    document.body.innerHTML = '<input id="search">';
    document.getElementById('search')!.focus();
    const { hints, handlers } = setup();
    await hints([hintView({ open: true })]);
    expect(part('popover')).not.toBeNull();
    expect(document.activeElement!.id).toBe('search');
    expect(handlers.hintOpened).not.toHaveBeenCalled();
    await hints([hintView({ open: false })]);
    expect(part('popover')).toBeNull();
  });

  it('is named "Tip" when the hint has no title', async () => {
    const { hints } = setup();
    await hints([hintView({ title: '', open: true })]);
    expect(part('popover')!.getAttribute('aria-label')).toBe('Tip');
  });

  it('shows hostile title and body as text', async () => {
    const { hints } = setup();
    await hints([hintView({ title: HOSTILE, body: HOSTILE, open: true })]);
    expect(shadow().querySelector('img, script')).toBeNull();
    expect(part('hotspot')!.getAttribute('aria-label')).toBe(HOSTILE);
    expect(part('title')!.textContent).toBe(HOSTILE);
    expect(part('body')!.textContent).toBe(HOSTILE);
  });
});
