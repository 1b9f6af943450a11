/**
 * "Active time to value": only time during which the app was visible and in use
 * counts. A pure accumulator: the caller feeds it visibility changes and input
 * with timestamps from its clock, and it never reads a clock or sets a timer.
 */

/** What is persisted per user between page loads. */
export interface ActiveTimeState {
  activeMs: number;
}

export interface ActiveTimeTracker {
  /** The page became visible/hidden. */
  visibility(visible: boolean, now: number): void;
  /** User input (pointer, key, scroll, touch) happened. */
  input(now: number): void;
  /** Active ms so far, including the current open interval up to `now`. */
  total(now: number): number;
  /** The state to persist. */
  snapshot(now: number): ActiveTimeState;
}

export interface ActiveTimeOptions {
  /** Active time persisted by an earlier page load, to continue from. */
  initial?: ActiveTimeState;
  /**
   * How long after the last input (or after the page starts or becomes visible)
   * the user still counts as active.
   * @default 60_000
   */
  idleMs?: number;
  /** Whether the page is visible now. */
  visible: boolean;
  /** The clock's current time in milliseconds. */
  now: number;
}

const DEFAULT_IDLE_MS = 60_000;

/**
 * Accumulates active time. Time counts while the page is visible and within
 * `idleMs` of the last input, of becoming visible, or of the start (someone who
 * just arrived is reading). Hiding stops the count at once. The total never
 * decreases: a clock that jumps backwards adds nothing, and a jump forward adds
 * at most what is left of the idle allowance.
 *
 * @example
 * const tracker = createActiveTimeTracker({ visible: true, now: clock.now(), initial: saved });
 * onVisibilityChange((visible) => tracker.visibility(visible, clock.now()));
 * onInput(() => tracker.input(clock.now()));
 * save(tracker.snapshot(clock.now()));
 */
/* @__NO_SIDE_EFFECTS__ */
export function createActiveTimeTracker(options: ActiveTimeOptions): ActiveTimeTracker {
  const idleMs =
    typeof options.idleMs === 'number' && options.idleMs >= 0 ? options.idleMs : DEFAULT_IDLE_MS;
  const saved = options.initial?.activeMs;
  let activeMs = typeof saved === 'number' && Number.isFinite(saved) && saved > 0 ? saved : 0;
  let visible = options.visible === true;
  // The moment up to which time has been accounted for, and until which the user counts
  // as active; both undefined until the clock gives a usable reading.
  let accountedTo: number | undefined;
  let activeUntil = 0;

  /** Accounts for the time up to `now` and returns the reading to use. */
  const advance = (now: number): number | undefined => {
    if (!Number.isFinite(now)) return accountedTo;
    if (accountedTo === undefined) {
      accountedTo = now;
      activeUntil = now + idleMs;
      return now;
    }
    if (now < accountedTo) {
      // The clock went back: count nothing, keep what was left of the idle allowance.
      activeUntil = now + Math.max(0, activeUntil - accountedTo);
    } else if (visible) {
      activeMs += Math.max(0, Math.min(now, activeUntil) - accountedTo);
    }
    accountedTo = now;
    return now;
  };

  advance(options.now);

  return {
    visibility(nextVisible, now) {
      const at = advance(now);
      const arriving = nextVisible === true && !visible;
      visible = nextVisible === true;
      if (arriving && at !== undefined) activeUntil = at + idleMs;
    },
    input(now) {
      const at = advance(now);
      if (at !== undefined) activeUntil = Math.max(activeUntil, at + idleMs);
    },
    total(now) {
      advance(now);
      return activeMs;
    },
    snapshot(now) {
      advance(now);
      return { activeMs };
    },
  };
}
