import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findTarget, waitForTarget } from '../src/index.ts';

beforeEach(() => {
  document.body.innerHTML = '<main><button id="new-project">New</button></main>';
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const add = (html: string) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  const element = template.content.firstElementChild!;
  document.body.append(element);
  return element;
};

describe('findTarget', () => {
  it('returns the element matching the selector', () => {
    expect(findTarget('#new-project')).toBe(document.getElementById('new-project'));
  });

  it('returns null when nothing matches', () => {
    expect(findTarget('#export')).toBeNull();
  });

  it('returns null for an invalid selector instead of throwing', () => {
    for (const selector of ['', '##', 'div[', ':nope(', '>>>']) {
      expect(() => findTarget(selector)).not.toThrow();
      expect(findTarget(selector)).toBeNull();
    }
  });

  it('returns null for an element that is not rendered', () => {
    const hidden = add('<div id="hidden">x</div>');
    vi.spyOn(hidden, 'getClientRects').mockReturnValue([] as unknown as DOMRectList);
    expect(findTarget('#hidden')).toBeNull();
  });

  it('searches inside the given root only', () => {
    const section = add('<section><span class="x">in</span></section>');
    add('<span class="y">out</span>');
    expect(findTarget('.x', section)).toBe(section.firstElementChild);
    expect(findTarget('.y', section)).toBeNull();
  });
});

describe('waitForTarget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('resolves at once with an element already on the page', async () => {
    const signal = new AbortController().signal;
    await expect(waitForTarget('#new-project', 3000, signal)).resolves.toBe(
      document.getElementById('new-project'),
    );
  });

  it('resolves with an element added later, before the timeout', async () => {
    const found = vi.fn();
    void waitForTarget('#export', 3000, new AbortController().signal).then(found);
    await vi.advanceTimersByTimeAsync(500);
    expect(found).not.toHaveBeenCalled();
    const element = add('<button id="export">Export</button>');
    await vi.advanceTimersByTimeAsync(50);
    expect(found).toHaveBeenCalledWith(element);
  });

  it('resolves with an element that gains the matching class later', async () => {
    const element = add('<button>Export</button>');
    const waiting = waitForTarget('.ready', 3000, new AbortController().signal);
    element.classList.add('ready');
    await vi.advanceTimersByTimeAsync(50);
    await expect(waiting).resolves.toBe(element);
  });

  it('resolves null after the timeout when the element never appears', async () => {
    const found = vi.fn();
    void waitForTarget('#export', 3000, new AbortController().signal).then(found);
    add('<p>unrelated</p>');
    await vi.advanceTimersByTimeAsync(2999);
    expect(found).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(found).toHaveBeenCalledWith(null);
  });

  it('resolves null without waiting when the timeout is 0 or the signal already aborted', async () => {
    await expect(waitForTarget('#export', 0, new AbortController().signal)).resolves.toBeNull();
    const controller = new AbortController();
    controller.abort();
    await expect(waitForTarget('#export', 3000, controller.signal)).resolves.toBeNull();
  });

  it('stops watching the page when aborted', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const controller = new AbortController();
    const found = vi.fn();
    void waitForTarget('#export', 3000, controller.signal).then(found);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(found).toHaveBeenCalledWith(null);
    expect(disconnect).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    add('<button id="export">Export</button>');
    await vi.advanceTimersByTimeAsync(5000);
    expect(found).toHaveBeenCalledTimes(1);
  });

  it('stops watching the page once the element is found', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const waiting = waitForTarget('#export', 3000, new AbortController().signal);
    add('<button id="export">Export</button>');
    await vi.advanceTimersByTimeAsync(50);
    await waiting;
    expect(disconnect).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
