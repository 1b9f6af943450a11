import { afterEach, describe, expect, it } from 'vitest';
import {
  announcementView,
  cleanup,
  click,
  descriptionOf,
  focused,
  HOSTILE,
  key,
  nameOf,
  part,
  setup,
  shadow,
} from './helpers.ts';

afterEach(cleanup);

describe('announcement: modal', () => {
  it('is a modal <dialog> named by its title and described by its body', async () => {
    const { announcement } = setup();
    await announcement(announcementView());
    const modal = part('modal')!;
    expect(modal.localName).toBe('dialog');
    expect((modal as HTMLDialogElement).open).toBe(true);
    expect(modal.getAttribute('aria-modal')).toBe('true');
    expect(nameOf(modal)).toBe('Reports are here');
    expect(descriptionOf(modal)).toBe('Open Reports to see your numbers');
    expect(part('body', modal)!.querySelector('strong')!.textContent).toBe('Reports');
    expect(part('close', modal)!.getAttribute('aria-label')).toBe('Close');
    expect(part('next', modal)!.textContent).toBe('Got it');
    expect(modal.dataset.tebikiFlow).toBe('news');
  });

  it('takes focus when it opens', async () => {
    const { announcement } = setup();
    await announcement(announcementView());
    expect(focused()).toBe('modal');
  });

  it('is named "Announcement" (お知らせ in Japanese) when it has no title', async () => {
    const { announcement } = setup();
    await announcement(announcementView({ title: '' }));
    expect(part('modal')!.getAttribute('aria-label')).toBe('Announcement');
    expect(part('title')).toBeNull();
    await announcement(null);
    await announcement(announcementView({ title: '', locale: 'ja' }));
    expect(part('modal')!.getAttribute('aria-label')).toBe('お知らせ');
    expect(part('next')!.textContent).toBe('OK');
    expect(part('close')!.getAttribute('aria-label')).toBe('閉じる');
  });

  for (const [how, act] of [
    ['Escape', () => key(part('modal')!, 'Escape')],
    ['the close button', () => click(part('close')!)],
    ['Got it', () => click(part('next')!)],
  ] as const) {
    it(`dismisses on ${how}: calls dismissAnnouncement and hides at once`, async () => {
      const { announcement, handlers } = setup();
      await announcement(announcementView());
      await act();
      expect(handlers.dismissAnnouncement).toHaveBeenCalledExactlyOnceWith('news');
      expect(part('modal')).toBeNull();
    });
  }

  it('keeps Escape from reaching the host page', async () => {
    const { announcement } = setup();
    let seen = 0;
    const listener = () => seen++;
    document.addEventListener('keydown', listener);
    await announcement(announcementView());
    await key(part('modal')!, 'Escape');
    document.removeEventListener('keydown', listener);
    expect(seen).toBe(0);
  });

  it('cycles Tab and Shift+Tab between its controls', async () => {
    const { announcement } = setup();
    await announcement(announcementView());
    const modal = part('modal')!;
    await key(modal, 'Tab');
    expect(focused()).toBe('close');
    part('next')!.focus();
    await key(modal, 'Tab');
    expect(focused()).toBe('close');
    await key(modal, 'Tab', { shiftKey: true });
    expect(focused()).toBe('next');
  });

  it('gives focus back to where it was when it closes', async () => {
    document.body.innerHTML = '<button id="before">Before</button>';
    const before = document.getElementById('before')!;
    before.focus();
    const { announcement } = setup();
    await announcement(announcementView());
    expect(document.activeElement).not.toBe(before);
    await click(part('close')!);
    expect(document.activeElement).toBe(before);
  });

  it('shows hostile title and body as text', async () => {
    const { announcement } = setup();
    await announcement(announcementView({ title: HOSTILE, body: HOSTILE }));
    expect(shadow().querySelector('img, script')).toBeNull();
    expect(part('title')!.textContent).toBe(HOSTILE);
    expect(part('body')!.textContent).toBe(HOSTILE);
  });
});

describe('announcement: banner', () => {
  it('is a labelled region at the top by default, with a close button, and takes no focus', async () => {
    document.body.innerHTML = '<input id="search">';
    document.getElementById('search')!.focus();
    const { announcement } = setup();
    await announcement(announcementView({ display: 'banner' }));
    const banner = part('banner')!;
    // A <section> with a name is a region landmark.
    expect(banner.localName).toBe('section');
    expect(nameOf(banner)).toBe('Reports are here');
    expect(banner.dataset.tebikiPosition).toBe('top');
    expect(banner.getAttribute('popover')).toBe('manual');
    expect(part('close', banner)!.getAttribute('aria-label')).toBe('Close');
    expect(part('modal')).toBeNull();
    expect(document.activeElement!.id).toBe('search');
  });

  it('sits at the bottom when asked, and is named "Announcement" without a title', async () => {
    const { announcement } = setup();
    await announcement(announcementView({ display: 'banner', position: 'bottom', title: '' }));
    expect(part('banner')!.dataset.tebikiPosition).toBe('bottom');
    expect(part('banner')!.getAttribute('aria-label')).toBe('Announcement');
  });

  it('dismisses from its close button, hiding at once', async () => {
    const { announcement, handlers } = setup();
    await announcement(announcementView({ display: 'banner' }));
    await click(part('close')!);
    expect(handlers.dismissAnnouncement).toHaveBeenCalledExactlyOnceWith('news');
    expect(part('banner')).toBeNull();
  });

  it('switches between banner and modal for the same region', async () => {
    const { announcement } = setup();
    await announcement(announcementView({ display: 'banner' }));
    await announcement(announcementView({ display: 'modal' }));
    expect(part('banner')).toBeNull();
    expect(part('modal')).not.toBeNull();
  });

  it('shows hostile text as text', async () => {
    const { announcement } = setup();
    await announcement(announcementView({ display: 'banner', title: HOSTILE, body: HOSTILE }));
    expect(shadow().querySelector('img, script')).toBeNull();
    expect(part('banner')!.textContent).toContain(HOSTILE);
  });
});
