import { afterEach, describe, expect, it } from 'vitest';
import { labelsFor } from '../src/index.ts';
import {
  announcementView,
  checklistView,
  cleanup,
  click,
  flush,
  hintView,
  host,
  part,
  setup,
  shadow,
  stepView,
} from './helpers.ts';

afterEach(cleanup);

describe('createUI: regions together', () => {
  it('shows a step, a banner, hints and the checklist at once in one <tebiki-root>', async () => {
    const { step, announcement, hints, checklist } = setup();
    await announcement(announcementView({ display: 'banner' }));
    await hints([hintView()]);
    await checklist(checklistView({ open: true }));
    await step(stepView());
    expect(document.querySelectorAll('tebiki-root')).toHaveLength(1);
    for (const name of ['banner', 'hotspot', 'launcher', 'checklist', 'popover']) {
      expect(part(name), name).not.toBeNull();
    }
    // Nothing leaks into the light DOM.
    expect(document.body.querySelector('[data-tebiki-part]')).toBeNull();
  });

  it('orders parts so that a step is above hints and the checklist, and a modal above all', async () => {
    const { step, announcement, hints, checklist } = setup();
    await step(stepView());
    await announcement(announcementView());
    await checklist(checklistView({ open: true }));
    await hints([hintView({ open: true })]);
    const order = [...shadow().querySelectorAll('[popover], dialog')].map((element) =>
      element.getAttribute('data-tebiki-part'),
    );
    expect(order).toEqual(['hotspot', 'popover', 'launcher', 'checklist', 'popover', 'modal']);
  });

  it('marks every part with the language of its text, for screen readers to voice it', async () => {
    const { step, announcement, hints, checklist } = setup();
    await announcement(announcementView({ display: 'banner', locale: 'ja' }));
    await hints([hintView({ locale: 'ja', open: true })]);
    await checklist(checklistView({ locale: 'ja', open: true }));
    await step(stepView({ locale: 'ja' }));
    const parts = shadow().querySelectorAll('[popover], dialog');
    expect(parts).toHaveLength(6);
    for (const element of parts) {
      expect(element.getAttribute('lang'), element.getAttribute('data-tebiki-part')!).toBe('ja');
    }
    await flush(150);
    expect(shadow().querySelector('[role="status"]')!.getAttribute('lang')).toBe('ja');
    await announcement(announcementView({ locale: 'en' }));
    expect(part('modal')!.getAttribute('lang')).toBe('en');
  });

  it('renders each region without disturbing the others', async () => {
    const { step, hints, checklist } = setup();
    await checklist(checklistView());
    const launcher = part('launcher');
    await hints([hintView()]);
    await step(stepView());
    await step(null);
    await hints([]);
    expect(part('launcher')).toBe(launcher);
  });

  it('creates nothing until something is rendered, and nothing for empty renders', async () => {
    const { hints, checklist, announcement } = setup();
    await hints([]);
    await checklist(null);
    await announcement(null);
    expect(host()).toBeNull();
  });

  it('removes every part and <tebiki-root> on destroy', async () => {
    const { ui, step, hints, checklist } = setup();
    await step(stepView());
    await hints([hintView()]);
    await checklist(checklistView());
    ui.destroy();
    expect(host()).toBeNull();
  });

  it('returns focus to the page when the step closes, even with other parts open', async () => {
    document.body.innerHTML = '<button id="before">Before</button>';
    document.getElementById('before')!.focus();
    const { step, checklist } = setup();
    await checklist(checklistView());
    await step(stepView());
    await step(null);
    expect(document.activeElement!.id).toBe('before');
  });

  it('returns focus to the launcher after a tour started from "Show me"', async () => {
    const { step, checklist, handlers } = setup();
    handlers.checklistStart.mockImplementation(() => undefined);
    await checklist(checklistView({ open: true }));
    await click(part('checklist')!.querySelector<HTMLElement>('[aria-label^="Show me"]')!);
    await step(stepView({ flowId: 'invite-tour' }));
    await step(null);
    expect(shadow().activeElement).toBe(part('launcher'));
  });
});

describe('createUI: theme and isolation', () => {
  it('sets a theme as --tebiki-* custom properties on <tebiki-root>', async () => {
    const { step } = setup({
      theme: { accent: '#6b21a8', accentFg: '#fff', radius: 4, font: 'Georgia, serif' },
    });
    await step(stepView());
    const style = (host() as HTMLElement).style;
    expect(style.getPropertyValue('--tebiki-accent')).toBe('#6b21a8');
    expect(style.getPropertyValue('--tebiki-accent-fg')).toBe('#fff');
    expect(style.getPropertyValue('--tebiki-radius')).toBe('4px');
    expect(style.getPropertyValue('--tebiki-font')).toBe('Georgia, serif');
  });

  it('pins <tebiki-root> out of layout with inline !important styles', async () => {
    const { step } = setup();
    await step(stepView());
    const style = (host() as HTMLElement).style;
    for (const property of ['position', 'width', 'height', 'display', 'z-index']) {
      expect(style.getPropertyPriority(property), property).toBe('important');
    }
    expect(style.position).toBe('fixed');
  });
});

describe('labels', () => {
  it('has every built-in label in English and Japanese', () => {
    const en = labelsFor('en');
    const ja = labelsFor('ja');
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [name, value] of Object.entries(ja)) {
      const text = typeof value === 'function' ? value(1, 3, 'x') : value;
      expect(text, name).not.toBe('');
      if (typeof value !== 'function') expect(text, name).not.toBe(en[name as keyof typeof en]);
    }
  });

  it('falls back from a regional tag to its language, then to English', () => {
    expect(labelsFor('ja-JP').next).toBe('次へ');
    expect(labelsFor('en-GB').next).toBe('Next');
    expect(labelsFor('sw').next).toBe('Next');
  });
});
