import { afterEach, describe, expect, it } from 'vitest';
import {
  checklistView,
  cleanup,
  click,
  focused,
  HOSTILE,
  key,
  nameOf,
  part,
  parts,
  setup,
  shadow,
} from './helpers.ts';

afterEach(cleanup);

describe('checklist: launcher', () => {
  it('is a collapsed button showing the title and "1/3", named with the progress', async () => {
    const { checklist } = setup();
    await checklist(checklistView());
    const launcher = part('launcher')!;
    expect(launcher.localName).toBe('button');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.getAttribute('popover')).toBe('manual');
    expect(launcher.textContent).toBe('Getting started1/3, 1 of 3 done');
    // What a screen reader reads: the visible "1/3" is hidden in favour of the words.
    const spoken = [...launcher.childNodes]
      .filter((node) => !(node as Element).hasAttribute?.('aria-hidden'))
      .map((node) => node.textContent)
      .join('');
    expect(spoken).toBe('Getting started, 1 of 3 done');
    expect(part('checklist')).toBeNull();
  });

  it('opens the panel and calls checklistOpenChange(flowId, true)', async () => {
    const { checklist, handlers } = setup();
    await checklist(checklistView());
    await click(part('launcher')!);
    const panel = part('checklist')!;
    expect(part('launcher')!.getAttribute('aria-expanded')).toBe('true');
    expect(part('launcher')!.getAttribute('aria-controls')).toBe(panel.id);
    expect(handlers.checklistOpenChange).toHaveBeenCalledExactlyOnceWith('getting-started', true);
    expect(focused()).toBe('checklist');
  });

  it('falls back to "Checklist" (チェックリスト) without a title', async () => {
    const { checklist } = setup();
    await checklist(checklistView({ title: '', locale: 'ja', open: true }));
    expect(part('launcher')!.textContent).toContain('チェックリスト');
    expect(part('launcher')!.textContent).toContain('3 件中 1 件完了');
    expect(nameOf(part('checklist')!)).toBe('チェックリスト');
  });
});

describe('checklist: panel', () => {
  it('is a dialog named by its title, with a progressbar and a list of items', async () => {
    const { checklist } = setup();
    await checklist(checklistView({ open: true }));
    const panel = part('checklist')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(nameOf(panel)).toBe('Getting started');
    const bar = panel.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('3');
    expect(bar.getAttribute('aria-valuenow')).toBe('1');
    expect(bar.getAttribute('aria-valuetext')).toBe('1 of 3 done');
    expect(nameOf(bar)).toBe('Getting started');
    expect((bar.firstElementChild as HTMLElement).style.width).toMatch(/^33\.3+\d*%$/);
    const items = parts('checklist-item');
    expect(items.map((item) => item.localName)).toEqual(['li', 'li', 'li']);
    expect(items[0]!.parentElement!.localName).toBe('ul');
    expect(items.map((item) => item.dataset.tebikiItem)).toEqual(['project', 'invite', 'report']);
  });

  it('marks done items in text and shape, not colour alone', async () => {
    const { checklist } = setup();
    await checklist(checklistView({ open: true }));
    const [done, todo] = parts('checklist-item');
    expect(done!.hasAttribute('data-tebiki-done')).toBe(true);
    expect(done!.querySelector('.tebiki-sr')!.textContent).toBe('Done: ');
    expect(done!.querySelector('.tebiki-check')!.textContent).toBe('✓');
    expect(todo!.hasAttribute('data-tebiki-done')).toBe(false);
    expect(todo!.querySelector('.tebiki-sr')!.textContent).toBe('To do: ');
    expect(todo!.querySelector('.tebiki-check')!.textContent).toBe('');
  });

  it('offers "Show me" only for open items that a tour teaches', async () => {
    const { checklist } = setup();
    await checklist(checklistView({ open: true }));
    const buttons = parts('checklist-item').map((item) => item.querySelector('button'));
    expect(buttons[0]).toBeNull();
    expect(buttons[1]!.textContent).toBe('Show me');
    expect(buttons[1]!.getAttribute('aria-label')).toBe('Show me: Invite a teammate');
    expect(buttons[2]).toBeNull();
  });

  it('starts the teaching tour from "Show me", closing the panel onto the launcher', async () => {
    const { checklist, handlers } = setup();
    await checklist(checklistView({ open: true }));
    await click(parts('checklist-item')[1]!.querySelector('button')!);
    expect(handlers.checklistStart).toHaveBeenCalledExactlyOnceWith('invite-tour');
    expect(handlers.checklistOpenChange).toHaveBeenCalledWith('getting-started', false);
    expect(part('checklist')).toBeNull();
    expect(focused()).toBe('launcher');
  });

  it('closes on Escape and from its close button, returning focus to the launcher', async () => {
    const { checklist, handlers } = setup();
    await checklist(checklistView());
    await click(part('launcher')!);
    await key(part('checklist')!, 'Escape');
    expect(part('checklist')).toBeNull();
    expect(focused()).toBe('launcher');
    await click(part('launcher')!);
    await click(part('close', part('checklist')!)!);
    expect(part('checklist')).toBeNull();
    expect(focused()).toBe('launcher');
    expect(handlers.checklistOpenChange.mock.calls).toEqual([
      ['getting-started', true],
      ['getting-started', false],
      ['getting-started', true],
      ['getting-started', false],
    ]);
  });

  it('is hidden at once by "Hide checklist", which calls checklistDismiss', async () => {
    const { checklist, handlers } = setup();
    await checklist(checklistView({ open: true }));
    const hide = [...part('checklist')!.querySelectorAll('button')].find(
      (button) => button.textContent === 'Hide checklist',
    )!;
    await click(hide);
    expect(handlers.checklistDismiss).toHaveBeenCalledExactlyOnceWith('getting-started');
    expect(part('launcher')).toBeNull();
    expect(part('checklist')).toBeNull();
  });

  it('follows the open state the engine renders', async () => {
    const { checklist } = setup();
    await checklist(checklistView({ open: true }));
    expect(part('checklist')).not.toBeNull();
    await checklist(checklistView({ open: false }));
    expect(part('checklist')).toBeNull();
  });

  it('updates progress as items complete, and says when all are done', async () => {
    const { checklist } = setup();
    await checklist(checklistView({ open: true }));
    const items = checklistView().items.map((item) => ({ ...item, done: true }));
    await checklist(checklistView({ open: true, items, done: 3 }));
    expect(part('launcher')!.textContent).toContain('3/3');
    expect(part('checklist')!.textContent).toContain('All done!');
    expect(
      part('checklist')!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow'),
    ).toBe('3');
    expect(parts('checklist-item').every((item) => item.hasAttribute('data-tebiki-done'))).toBe(
      true,
    );
  });

  it('shows hostile item titles as text', async () => {
    const { checklist } = setup();
    await checklist(
      checklistView({
        open: true,
        title: HOSTILE,
        items: [{ itemId: 'x', title: HOSTILE, done: false, flowId: 'x' }],
      }),
    );
    expect(shadow().querySelector('img, script')).toBeNull();
    expect(part('title')!.textContent).toBe(HOSTILE);
    expect(parts('checklist-item')[0]!.textContent).toContain(HOSTILE);
  });
});
