// In-page half of tests/bench/ui-compare.ts, the same for every library.
// The library's adapter (window.benchLib) says how to start, advance and
// finish the tour and where its popovers are; this file times them.
// Plain browser JavaScript, served to the page as a script.
(() => {
  /** Frames after the first that must show the same box before a popover counts as positioned. */
  const STABLE_FRAMES = 3;
  const TIMEOUT_MS = 5000;
  const lib = () => window.benchLib;

  /** The visible popover titled `title` and its box, or null. */
  function placed(title) {
    for (const element of lib().popovers()) {
      if (!element.isConnected || lib().title(element)?.trim() !== title) continue;
      if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      if (Number.parseFloat(getComputedStyle(element).opacity) < 1) continue;
      const r = element.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      return { element, box: `${r.x},${r.y},${r.width},${r.height}` };
    }
    return null;
  }

  /** Resolves in a task just after a frame, so every action starts at the same point of the frame cycle. */
  const afterFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
    );

  /**
   * Calls the adapter's `action` ('start' or 'next'), then looks at every frame
   * until the popover titled `title` is visible and keeps the same box for
   * STABLE_FRAMES more frames. `ms` is from the call to the first frame that
   * showed the final box; `watched` is how many frames the loop ran.
   */
  async function show(action, title) {
    await afterFrame();
    let error = null;
    const t0 = performance.now();
    try {
      const result = lib()[action]();
      if (result && typeof result.then === 'function')
        result.catch((e) => {
          error = String(e);
        });
    } catch (e) {
      error = String(e);
    }
    // Registered after the action, so in each frame this runs after the
    // animation-frame callbacks the library registered.
    return new Promise((resolve) => {
      let frames = 0;
      let box = null;
      let since = 0;
      let sinceFrame = 0;
      let same = 0;
      const tick = () => {
        frames++;
        const now = performance.now();
        const found = placed(title);
        if (found && found.box === box) same++;
        else {
          box = found ? found.box : null;
          since = now;
          sinceFrame = frames;
          same = 0;
        }
        if (found && same >= STABLE_FRAMES)
          return resolve({ ms: since - t0, frames: sinceFrame, watched: frames });
        if (error || now - t0 > TIMEOUT_MS)
          return resolve({
            ms: null,
            watched: frames,
            error: error ?? `no popover "${title}" positioned within ${TIMEOUT_MS} ms`,
          });
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  /** The same frame loop as show(), with no action: what watching alone costs. */
  async function idle(frames) {
    await afterFrame();
    return new Promise((resolve) => {
      let n = 0;
      const tick = () => {
        placed('');
        if (++n === frames) return resolve(n);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  /**
   * Where the popover titled `title` sits against its target: `attached` when
   * it is within 40 px above or below the target and overlaps it horizontally.
   */
  function attachment(selector, title) {
    const found = placed(title);
    if (!found) return { state: 'hidden' };
    const t = document.querySelector(selector).getBoundingClientRect();
    const p = found.element.getBoundingClientRect();
    const below = p.top - t.bottom;
    const above = t.top - p.bottom;
    const gap = Math.abs(below) <= Math.abs(above) ? below : above;
    const overlapX = Math.min(p.right, t.right) - Math.max(p.left, t.left);
    return {
      state: gap >= -2 && gap <= 40 && overlapX > 0 ? 'attached' : 'detached',
      side: Math.abs(below) <= Math.abs(above) ? 'bottom' : 'top',
      gap: Math.round(gap),
    };
  }

  /** Scrolls `selector` by `px` in each of `frames` animation frames. */
  async function scroll(selector, px, frames) {
    const container = document.querySelector(selector);
    await afterFrame();
    return new Promise((resolve) => {
      let n = 0;
      const tick = () => {
        if (n++ === frames) return resolve(container.scrollTop);
        container.scrollTop += px;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  /** Elements in the document, open shadow roots included. */
  function elements(root = document) {
    let n = 0;
    for (const element of root.querySelectorAll('*')) {
      n++;
      if (element.shadowRoot) n += elements(element.shadowRoot);
    }
    return n;
  }

  /** `n` times: start, wait until the first popover is positioned, finish. */
  async function cycles(n, title) {
    const ms = [];
    for (let i = 0; i < n; i++) {
      const result = await show('start', title);
      if (result.ms === null) return { ms, error: result.error };
      ms.push(result.ms);
      lib().finish();
    }
    await afterFrame();
    return { ms };
  }

  window.bench = { show, idle, attachment, scroll, elements, cycles };
})();
