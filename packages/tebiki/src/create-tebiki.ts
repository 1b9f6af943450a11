import type { BeaconQueue } from '@tebiki/beacon';
import {
  type ActiveTimeTracker,
  createActiveTimeTracker,
  createEmitter,
  createEngine,
  createEnvelope,
  createJourney,
  DEFAULT_WAIT_MS,
  type Engine,
  type EventInput,
  type FlowStates,
  type Identity,
  type Journey,
  type KeyValueStorage,
  type LifecycleEventName,
  type LifecycleEvents,
  type PageContext,
  type SegmentEvent,
  type TebikiErrorDetail,
  uuidv7,
} from '@tebiki/core';
import { findTarget, waitForTarget } from '@tebiki/dom';
import { type FlowsDocument, validateDocument } from '@tebiki/schema';
import type { HintView, UI } from '@tebiki/ui';
import { watchActivity, watchClicks, withLock } from './dom-signals.ts';
import { watchNavigation } from './navigation.ts';
import type { ConsentState, TebikiOptions } from './options.ts';
import { openStorage, resilient } from './storage.ts';
import {
  carryOver,
  keysOf,
  loadFlows,
  type Profile,
  parseSignedUpAt,
  saveFlows,
} from './user-state.ts';
import { VERSION } from './version.ts';
import { activeViews, checklistView, hintView, type ViewContext } from './views.ts';

type UIModule = typeof import('@tebiki/ui');
/** What a tab tells the user's other tabs: the flows it has just ended. */
type FlowsEnded = { user: string; states: FlowStates };
type BeaconsModule = typeof import('./beacons.ts');

export interface TebikiConfig {
  /** Loads the UI chunk; called the first time something is shown. */
  loadUI: () => Promise<UIModule>;
  /**
   * Loads the delivery pipeline (persisted queue, batching, retry, transport);
   * called by `init()` only when an `endpoint` is set, so a page without
   * analytics never downloads it.
   */
  loadBeacons: () => Promise<BeaconsModule>;
  /** IndexedDB database name, so several instances can keep apart. @default 'tebiki' */
  storageName?: string;
  /** Storage for the user's state, in place of IndexedDB (tests, custom environments). */
  storage?: KeyValueStorage;
}

export interface Progress {
  milestones: Record<string, { reachedAt: string; msSinceStart: number }>;
  aha: { reached: boolean; ttvMs?: number; activeTtvMs?: number };
  checklists: Record<string, { done: number; total: number }>;
}

export interface Tebiki {
  init(options?: TebikiOptions): Promise<void>;
  identify(userId: string, traits?: Record<string, unknown>): void;
  group(accountId: string, traits?: Record<string, unknown>): void;
  track(event: string, properties?: Record<string, unknown>): void;
  page(): void;
  start(flowId: string): void;
  next(): void;
  back(): void;
  dismiss(): void;
  milestone(milestoneId: string): void;
  progress(): Progress;
  on<K extends LifecycleEventName>(
    name: K,
    fn: (properties: LifecycleEvents[K]) => void,
  ): () => void;
  flush(): Promise<void>;
  consent(state: ConsentState): void;
  reset(): void;
  destroy(): void;
}

/** Everything one `init()` sets up; `destroy()` tears it down. */
interface Session {
  options: TebikiOptions;
  storage: KeyValueStorage;
  identity: Identity;
  sessionId: string;
  locale: string;
  document: FlowsDocument;
  engine: Engine;
  queue: BeaconQueue | null;
  /**
   * With an endpoint whose delivery pipeline could not load: the events captured
   * since, in order, handed to it once a later attempt loads it. Null otherwise.
   */
  waiting: SegmentEvent[] | null;
  /** The attempt in flight to load the pipeline again, and when the next may start. */
  retrying: Promise<unknown> | null;
  retryAt: number;
  /** The current user's clock start and active time. */
  profile: Profile;
  activity: ActiveTimeTracker;
  journey: Journey;
  /** User traits (from identify) and account traits (from group), for audience rules. */
  traits: Record<string, unknown>;
  account: Record<string, unknown>;
  /** State changes that read or write storage run one after another, in call order. */
  serial: Promise<unknown>;
  ui: Promise<UI> | null;
  /** Target waits of the hints on this page; aborted when the page changes. */
  hintWaits: AbortController;
  /** Where this tab tells the user's other tabs which flows it ended. */
  channel?: BroadcastChannel;
  /** Whether the user has the checklist panel open. */
  checklistOpen: boolean;
  abort: AbortController;
  cleanups: (() => void)[];
  /** Problems found while starting, reported once the session is live. */
  problems: TebikiErrorDetail[];
}

const EMPTY_DOCUMENT: FlowsDocument = { version: 1, flows: [] };
/** Least time between the end of one auto-started tour and the start of the next. */
const DEFAULT_AUTO_START_GAP_MS = 30_000;
/** Events kept in memory while the delivery pipeline cannot load; older ones are dropped. */
const MAX_WAITING_EVENTS = 1000;
/** Least time between two attempts to load the delivery pipeline again, unless flush() asks. */
const PIPELINE_RETRY_MS = 30_000;
const VOID = Promise.resolve();

const userKey = (s: Session) => s.identity.userId ?? s.identity.anonymousId;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const MAX_PENDING_CALLS = 1000;

/**
 * Creates an isolated Tebiki instance: its own state, storage keys,
 * listeners and UI root. No call ever throws into the host page.
 */
export function createTebiki(config: TebikiConfig): Tebiki {
  const warned = new Set<string>();
  let debug = false;
  const log = (message: string) => {
    if (debug) console.info(`[tebiki] ${message}`);
  };
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(`[tebiki] ${message}`);
  };

  const emitter = createEmitter<LifecycleEvents>((error, name) =>
    warn(`an on('${String(name)}') listener threw: ${String(error)}`),
  );
  let session: Session | null = null;
  let starting: Promise<Session | null> | null = null;
  let pending: ((s: Session) => void)[] = [];
  let consentState: ConsentState = 'granted';
  /** Bumped by destroy(), so an init() still loading knows it was cancelled. */
  let generation = 0;

  /** Runs `fn` against the live session, after `init()` when called before it. */
  function withSession(method: string, fn: (s: Session) => void): void {
    const guarded = (s: Session) => attempt(method, () => fn(s));
    if (session) guarded(session);
    else if (pending.length < MAX_PENDING_CALLS) {
      pending.push(guarded);
      if (!starting) log(`${method}() called before init(); it runs once init() does`);
    } else warn(`too many calls before init(); ${method}() dropped`);
  }

  function attempt(method: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      report({ code: 'internal_error', message: `${method}() failed: ${String(error)}` });
    }
  }

  function report(detail: TebikiErrorDetail): void {
    log(`error ${detail.code}: ${detail.message}`);
    emit('error', detail);
  }

  function pageContext(): PageContext {
    return {
      path: location.pathname,
      url: location.href,
      title: document.title,
      referrer: document.referrer,
      search: location.search,
    };
  }

  function capture(s: Session, input: EventInput): void {
    if (consentState === 'denied' || (!s.queue && !s.waiting)) return;
    const context = {
      sessionId: s.sessionId,
      page: pageContext(),
      locale: s.locale,
      library: { name: 'tebiki', version: VERSION } as const,
    };
    let event: ReturnType<typeof createEnvelope> | null = createEnvelope(
      input,
      s.identity,
      context,
      Date.now(),
    );
    if (s.options.beforeSend) {
      try {
        event = s.options.beforeSend(event);
      } catch (error) {
        warn(`beforeSend threw; the event is dropped: ${String(error)}`);
        event = null;
      }
    }
    if (!event) return;
    // The pipeline holds (or drops) events itself while consent is pending, within its caps.
    if (s.queue) s.queue.enqueue(event);
    else if (s.waiting) {
      s.waiting.push(event);
      if (s.waiting.length > MAX_WAITING_EVENTS) s.waiting.shift();
      void retryPipeline(s, false);
    }
  }

  function openQueue(options: TebikiOptions, module: BeaconsModule): Promise<BeaconQueue> {
    return module.createBrowserBeacons({
      ...options, // writeKey, and the advanced `beacons` tuning
      endpoint: options.endpoint!,
      consent: consentState,
      storageName: config.storageName,
      onError: report,
      debug: log,
    });
  }

  /**
   * Tries again to load a delivery pipeline that failed at `init()`: at once on
   * flush() or when the browser comes back online, otherwise at most once every
   * PIPELINE_RETRY_MS as events arrive. Once loaded, the events kept meanwhile go
   * to it in order.
   */
  function retryPipeline(s: Session, now: boolean): Promise<unknown> {
    if (s.retrying || !s.waiting || (!now && Date.now() < s.retryAt)) return s.retrying ?? VOID;
    s.retryAt = Date.now() + PIPELINE_RETRY_MS;
    s.retrying = loadPipeline()
      .then(async (loaded) => {
        if (!('module' in loaded)) return;
        const queue = await openQueue(s.options, loaded.module);
        if (session !== s) return queue.destroy();
        await queue.restore();
        for (const event of s.waiting!) queue.enqueue(event);
        s.queue = queue;
        s.waiting = null;
      })
      .catch(log)
      .finally(() => {
        s.retrying = null;
      });
    return s.retrying;
  }

  function emit<K extends LifecycleEventName>(name: K, properties: LifecycleEvents[K]): void {
    emitter.emit(name, properties);
    if (session && name === 'checklist_item_completed') renderChecklist(session);
    if (session) capture(session, { type: 'track', event: name, properties: { ...properties } });
  }

  /** Loads and validates the flows document; problems are returned, not thrown. */
  async function loadDocument(
    flows: TebikiOptions['flows'],
  ): Promise<{ document: FlowsDocument; problems: TebikiErrorDetail[] }> {
    if (flows === undefined) return { document: EMPTY_DOCUMENT, problems: [] };
    let input: unknown = flows;
    if (typeof flows === 'string') {
      try {
        const response = await fetch(flows, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        input = await response.json();
      } catch (error) {
        const message = `could not load flows from ${flows}: ${String(error)}`;
        return { document: EMPTY_DOCUMENT, problems: [{ code: 'flows_fetch_failed', message }] };
      }
    }
    const { document: valid, issues } = validateDocument(input);
    // Warnings (unknown keys, missing translations) inform authors; errors dropped a flow.
    for (const issue of issues) if (issue.severity === 'warning') log(issue.message);
    const problems = issues
      .filter((issue) => issue.severity === 'error')
      .map(({ code, message, path }) => ({ code, message, path }));
    return { document: valid ?? EMPTY_DOCUMENT, problems };
  }

  /** A page view: the Segment `page` event, then the tours that start on this path. */
  function trackPage(s: Session): void {
    capture(s, { type: 'page', name: document.title, properties: { ...pageContext() } });
    const path = location.pathname;
    serially(s, () => {
      s.journey.page(path);
      return s.engine.page(path);
    });
  }

  /**
   * Queues work that reads or writes the user's stored state, so that
   * `identify()` then `track()` reach milestones for the identified user.
   */
  function serially(s: Session, task: () => unknown): void {
    s.serial = s.serial
      .then(() => (session === s ? task() : undefined))
      .catch((error) => report({ code: 'internal_error', message: String(error) }));
  }

  function saveProfile(s: Session, user = userKey(s)): Promise<void> {
    s.profile = { ...s.profile, activeMs: s.activity.total(Date.now()) };
    return s.storage
      .set(keysOf(user).profile, s.profile)
      .catch((error) => log(`could not save progress: ${String(error)}`));
  }

  /**
   * Tabs of the same user share the flows they end: a tour completed or
   * dismissed in one tab leaves the screen in the others, instead of being
   * walked, and counted, again there, and a later write from a tab that did not
   * know would not undo it in storage.
   */
  function hearOtherTabs(s: Session): void {
    if (typeof BroadcastChannel !== 'function') return;
    s.channel = new BroadcastChannel(`tebiki:${config.storageName ?? 'tebiki'}`);
    s.channel.onmessage = ({ data }: MessageEvent<FlowsEnded>) => {
      if (session !== s || data?.user !== userKey(s)) return;
      for (const [flowId, state] of Object.entries(data.states ?? {})) {
        if (state?.endedAt) s.engine.endedElsewhere(flowId, state);
      }
    };
    s.cleanups.push(() => s.channel?.close());
  }

  /** Loads the state of the user now identified (after `identify()` or `reset()`). */
  async function loadUser(s: Session): Promise<void> {
    const keys = keysOf(userKey(s));
    const [flows, profile] = await Promise.all([
      loadFlows(s.storage, userKey(s)),
      s.storage.get<Profile>(keys.profile),
    ]);
    s.profile = profile ?? { startedAt: Date.now(), activeMs: 0 };
    s.activity = createActiveTimeTracker({
      initial: { activeMs: s.profile.activeMs },
      visible: document.visibilityState !== 'hidden',
      now: Date.now(),
    });
    if (!s.engine.$active.get()) s.engine.reset(flows);
    await s.journey.load();
    s.engine.refreshPassive();
    renderChecklist(s); // the same checklist, with this user's progress
  }

  function reachStepMilestone(s: Session, detail: LifecycleEvents['step_completed']): void {
    const flow = s.document.flows.find((candidate) => candidate.id === detail.flowId);
    const milestoneId = flow?.type === 'tour' ? flow.steps[detail.stepIndex]?.milestone : undefined;
    if (milestoneId) serially(s, () => s.journey.reach(milestoneId));
  }

  function teardown(s: Session): void {
    s.abort.abort();
    for (const cleanup of s.cleanups) cleanup();
    s.engine.destroy();
    s.queue?.destroy();
    void s.ui?.then((ui) => ui.destroy());
  }

  const viewContext = (s: Session): ViewContext => ({
    document: s.document,
    locale: s.locale,
    dir: s.options.dir ?? (document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr'),
  });

  let uiModule: Promise<UIModule> | null = null;
  /** The UI chunk's module, fetched once; a failed fetch is tried again next time. */
  function loadModule(): Promise<UIModule> {
    uiModule ??= config.loadUI().catch((error) => {
      uiModule = null;
      throw error;
    });
    return uiModule;
  }

  /** The UI, created the first time something is to be shown; tried again if it could not load. */
  function ui(s: Session): Promise<UI> {
    if (s.ui) return s.ui;
    const created = loadModule().then((module) =>
      module.createUI(
        document,
        {
          next: () => void s.engine.next(),
          back: () => void s.engine.back(),
          dismiss: () => s.engine.dismiss(),
          dismissAnnouncement: () => s.engine.dismiss(),
          acknowledgeAnnouncement: () => void s.engine.next(),
          hintOpened: (flowId) => s.engine.viewed(flowId),
          hintDismissed: (flowId) => s.engine.close(flowId),
          checklistOpenChange: (flowId, open) => {
            s.checklistOpen = open;
            if (open) s.engine.viewed(flowId);
          },
          checklistStart: (flowId) => void s.engine.start(flowId),
          checklistDismiss: (flowId) => {
            s.engine.close(flowId);
            serially(s, () => s.journey.setChecklistDismissed(flowId, true));
          },
          // Re-rendered or removed by the page: looked for again by selector.
          stepTargetLost: () => void s.engine.targetLost(),
          hintTargetLost: () => renderPassive(s),
        },
        { theme: s.options.theme },
      ),
    );
    created.catch(() => {
      if (s.ui === created) s.ui = null;
    });
    s.ui = created;
    return created;
  }

  function draw(s: Session, paint: (ui: UI) => void): void {
    ui(s)
      .then((loaded) => session === s && paint(loaded))
      .catch((error) =>
        report({ code: 'ui_load_failed', message: `the UI could not load: ${String(error)}` }),
      );
  }

  function renderActive(s: Session): void {
    if (!s.engine.$active.get() && !s.ui) return;
    draw(s, (loaded) => {
      const { step, announcement } = activeViews(s.engine.$active.get(), viewContext(s));
      loaded.renderStep(step);
      loaded.renderAnnouncement(announcement);
    });
  }

  /** Hints whose targets are on the page, and the first checklist for it. */
  function renderPassive(s: Session): void {
    const { hints } = s.engine.$passive.get();
    s.hintWaits.abort();
    s.hintWaits = new AbortController();
    const { signal } = s.hintWaits;
    const found: HintView[] = [];
    const paintHints = () => draw(s, (loaded) => loaded.renderHints([...found]));
    for (const flow of hints) {
      void waitForTarget(flow.target, DEFAULT_WAIT_MS, signal).then((target) => {
        if (!target || signal.aborted) return;
        found.push(hintView(flow, target, viewContext(s)));
        paintHints();
      });
    }
    if (hints.length === 0 && s.ui) paintHints();
    renderChecklist(s);
  }

  function renderChecklist(s: Session): void {
    const checklist = s.engine.$passive.get().checklists[0];
    const dismissed = checklist && s.journey.checklist(checklist.id)?.dismissed;
    const view =
      checklist && !dismissed
        ? checklistView(checklist, s.journey, viewContext(s), s.checklistOpen)
        : null;
    if (view || s.ui) draw(s, (loaded) => loaded.renderChecklist(view));
  }

  async function start(options: TebikiOptions): Promise<Session | null> {
    debug = options.debug === true;
    if (options.consent) consentState = options.consent;
    // The pipeline's code and the flows document download while storage opens.
    const pipeline = options.endpoint ? loadPipeline() : null;
    const documentLoad = loadDocument(options.flows);
    documentLoad.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    const storage = resilient(
      config.storage ?? (await openStorage(config.storageName ?? 'tebiki', log)),
      log,
    );
    const stored = {
      anonymousId: await storage.get<string>('anonymousId'),
      userId: await storage.get<string>('userId'),
    };
    const anonymousId = stored.anonymousId ?? uuidv7(Date.now());
    if (!stored.anonymousId) await storage.set('anonymousId', anonymousId);
    const { document: flowsDocument, problems } = await documentLoad;
    const keys = keysOf(stored.userId ?? anonymousId);
    const flowStates = await loadFlows(storage, stored.userId ?? anonymousId);
    const profile = (await storage.get<Profile>(keys.profile)) ?? {
      startedAt: Date.now(),
      activeMs: 0,
    };
    if (!stored.userId) await storage.set(keys.profile, profile);

    const abort = new AbortController();
    const loaded = await pipeline;
    if (loaded && 'error' in loaded) {
      problems.push({
        code: 'beacons_load_failed',
        message: `the delivery pipeline could not load (${String(loaded.error)}); events wait in memory`,
      });
    }
    const queue = loaded && 'module' in loaded ? await openQueue(options, loaded.module) : null;

    const engine = createEngine({
      document: flowsDocument,
      flowStates,
      emit: (name, detail) => {
        // Fetch the UI while the tour's first target is looked for; a failure is reported on drawing.
        if (name === 'flow_started') ui(s).catch(() => {});
        emit(name, detail);
        if (name === 'step_completed')
          reachStepMilestone(s, detail as LifecycleEvents['step_completed']);
      },
      resolveTarget: (selector, timeoutMs, signal) =>
        waitForTarget(selector, timeoutMs, signal).then(
          (element) => element ?? findTarget(selector),
        ),
      subject: () => ({ traits: s.traits, account: s.account }),
      minAutoGapMs: options.autoStartGapMs ?? DEFAULT_AUTO_START_GAP_MS,
    });
    const journey = createJourney({
      document: flowsDocument,
      storage,
      withLock,
      emit,
      now: Date.now,
      startedAt: () => s.profile.startedAt,
      activeMs: () => s.activity.total(Date.now()),
      key: () => keysOf(userKey(s)).journey,
    });
    const s: Session = {
      options,
      storage,
      identity: { anonymousId, userId: stored.userId ?? null },
      sessionId: uuidv7(Date.now()),
      locale: options.locale ?? navigator.language ?? 'en',
      document: flowsDocument,
      engine,
      queue,
      waiting: loaded && 'error' in loaded ? [] : null,
      retrying: null,
      retryAt: Date.now() + PIPELINE_RETRY_MS,
      profile,
      activity: createActiveTimeTracker({
        initial: { activeMs: profile.activeMs },
        visible: document.visibilityState !== 'hidden',
        now: Date.now(),
      }),
      journey,
      traits: {},
      account: {},
      serial: Promise.resolve(),
      ui: null,
      hintWaits: new AbortController(),
      checklistOpen: false,
      abort,
      cleanups: [],
      problems,
    };
    s.cleanups.push(
      engine.$active.listen(() => renderActive(s)),
      engine.$passive.listen(() => renderPassive(s)),
      () => s.hintWaits.abort(),
      engine.$flowStates.listen((states, before) => {
        saveFlows(storage, userKey(s), states).catch((error) =>
          log(`could not save progress: ${String(error)}`),
        );
        // Only what just ended: an old ending must not stop a tour started again since.
        const ended = Object.entries(states).filter(
          ([flowId, state]) => state.endedAt && state !== before?.[flowId],
        );
        if (ended.length === 0) return;
        const message: FlowsEnded = { user: userKey(s), states: Object.fromEntries(ended) };
        s.channel?.postMessage(message);
      }),
    );
    hearOtherTabs(s);
    const { signal } = abort;
    const exit = () => {
      void saveProfile(s);
    };
    addEventListener('pagehide', exit, { signal });
    document.addEventListener(
      'visibilitychange',
      () => document.visibilityState === 'hidden' && exit(),
      {
        signal,
      },
    );
    watchNavigation(() => {
      if (session === s) trackPage(s);
    }, signal);
    watchActivity(() => s.activity, signal);
    watchClicks(
      () => [...s.engine.clickSelectors(), ...s.journey.clickSelectors().map((c) => c.selector)],
      (selector) => {
        void s.engine.clicked(selector);
        for (const click of s.journey.clickSelectors()) {
          if (click.selector === selector) serially(s, () => s.journey.reach(click.milestoneId));
        }
      },
      signal,
    );
    if (s.waiting) addEventListener('online', () => void retryPipeline(s, true), { signal });
    await journey.load();
    await queue?.restore();
    if (options.preload) preloadWhenIdle(s, signal);
    return s;
  }

  /** The delivery pipeline's module, or why it could not load (tried twice). */
  function loadPipeline(): Promise<{ module: BeaconsModule } | { error: unknown }> {
    return config
      .loadBeacons()
      .catch(() => config.loadBeacons())
      .then(
        (module) => ({ module }),
        (error: unknown) => ({ error }),
      );
  }

  /**
   * Fetches the UI chunk once the main thread has nothing else to do
   * (`preload: true`), and builds the UI's root and stylesheet, outside the
   * page, so the first guide costs only its own rendering.
   */
  function preloadWhenIdle(s: Session, signal: AbortSignal): void {
    const load = () =>
      ui(s).then(
        (loaded) => session === s && loaded.prepare(),
        (error) => log(`could not preload the UI: ${String(error)}`),
      );
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(load, { timeout: 2000 });
      signal.addEventListener('abort', () => cancelIdleCallback(handle));
    } else {
      const handle = setTimeout(load, 200);
      signal.addEventListener('abort', () => clearTimeout(handle));
    }
  }

  const api: Tebiki = {
    async init(options = {}) {
      if (session || starting) {
        warn('init() was called again and ignored; call destroy() first to start afresh');
        return;
      }
      const current = ++generation;
      starting = start(options).catch((error) => {
        report({ code: 'init_failed', message: `init() failed: ${String(error)}` });
        return null;
      });
      const s = await starting;
      starting = null;
      if (!s) return;
      if (current !== generation) {
        teardown(s); // destroy() was called while init() was loading
        return;
      }
      session = s;
      for (const problem of s.problems) report(problem);
      const calls = pending;
      pending = [];
      for (const call of calls) call(s);
      // Not awaited: a step's target may take seconds to appear.
      const path = location.pathname;
      serially(s, () => {
        s.journey.page(path);
        void s.engine.page(path);
      });
      // Resolve once the replayed calls (identify's state switch included) are applied.
      await s.serial;
    },
    identify(userId, traits = {}) {
      withSession('identify', (s) => {
        if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId) === '') {
          report({
            code: 'invalid_argument',
            message: `identify() needs a non-empty user id, got ${String(userId)}`,
          });
          return;
        }
        const previous = userKey(s);
        const wasAnonymous = s.identity.userId === null;
        s.identity = { ...s.identity, userId: String(userId) };
        s.traits = isPlainObject(traits) ? { ...traits } : {};
        capture(s, { type: 'identify', traits: s.traits });
        s.engine.refreshPassive();
        const signedUpAt = parseSignedUpAt(s.traits.signedUpAt);
        if (s.traits.signedUpAt !== undefined && signedUpAt === null) {
          report({
            code: 'invalid_argument',
            message: `identify(): traits.signedUpAt must be an ISO 8601 date or epoch ms, got ${String(s.traits.signedUpAt)}`,
          });
        }
        const next = userKey(s);
        serially(s, async () => {
          await s.storage.set('userId', next);
          if (previous !== next) {
            await saveProfile(s, previous);
            // What the visitor did before signing in counts for the user.
            if (wasAnonymous) await carryOver(s.storage, previous, next);
            await loadUser(s);
          }
          if (signedUpAt !== null && signedUpAt !== s.profile.startedAt) {
            s.profile = { ...s.profile, startedAt: signedUpAt };
            await saveProfile(s);
          }
        });
      });
    },
    group(accountId, traits = {}) {
      withSession('group', (s) => {
        if ((typeof accountId !== 'string' && typeof accountId !== 'number') || accountId === '') {
          report({
            code: 'invalid_argument',
            message: `group() needs a non-empty account id, got ${String(accountId)}`,
          });
          return;
        }
        s.identity = { ...s.identity, groupId: String(accountId) };
        s.account = isPlainObject(traits) ? { ...traits } : {};
        capture(s, { type: 'group', groupId: String(accountId), traits: s.account });
        s.engine.refreshPassive();
      });
    },
    track(event, properties = {}) {
      withSession('track', (s) => {
        if (typeof event !== 'string' || event === '') {
          report({
            code: 'invalid_argument',
            message: `track() needs an event name, got ${String(event)}`,
          });
          return;
        }
        capture(s, { type: 'track', event, properties });
        serially(s, () => {
          s.journey.track(event);
          return s.engine.track(event);
        });
      });
    },
    page() {
      withSession('page', trackPage);
    },
    start: (flowId) =>
      withSession('start', (s) => {
        if (s.journey.checklist(flowId)) {
          // A checklist: reopen it (after "Hide checklist") with its panel open.
          s.checklistOpen = true;
          serially(s, async () => {
            await s.journey.setChecklistDismissed(flowId, false);
            s.engine.reopen(flowId);
            renderChecklist(s);
          });
          return;
        }
        void s.engine.start(flowId).then((started) => {
          if (!started)
            report({
              code: 'unknown_flow',
              message: `start("${flowId}"): no such tour, or another is on screen`,
            });
        });
      }),
    next: () => withSession('next', (s) => void s.engine.next()),
    back: () => withSession('back', (s) => void s.engine.back()),
    dismiss: () => withSession('dismiss', (s) => s.engine.dismiss()),
    milestone(milestoneId) {
      withSession('milestone', (s) => serially(s, () => s.journey.reach(String(milestoneId))));
    },
    progress() {
      const progress: Progress = { milestones: {}, aha: { reached: false }, checklists: {} };
      if (!session) return progress;
      const state = session.journey.state();
      for (const [id, { reachedAt, msSinceStart }] of Object.entries(state.milestones)) {
        progress.milestones[id] = { reachedAt: new Date(reachedAt).toISOString(), msSinceStart };
      }
      if (state.aha) {
        const { ttvMs, activeTtvMs } = state.aha;
        progress.aha = { reached: true, ttvMs, activeTtvMs };
      }
      for (const flow of session.document.flows) {
        const checklist = session.journey.checklist(flow.id);
        if (checklist)
          progress.checklists[flow.id] = { done: checklist.done, total: checklist.total };
      }
      return progress;
    },
    on(name, fn) {
      return emitter.on(name, fn);
    },
    async flush() {
      // Called while init() is still loading: flush what it queues once it has.
      if (starting) await starting;
      await session?.serial;
      if (session?.waiting) await retryPipeline(session, true);
      await session?.queue?.flush();
    },
    consent(state) {
      if (state !== 'granted' && state !== 'denied' && state !== 'pending') {
        report({
          code: 'invalid_argument',
          message: `consent() takes 'granted', 'denied' or 'pending', got ${String(state)}`,
        });
        return;
      }
      consentState = state;
      if (!session) return;
      const s = session;
      // The pipeline sends what it held once granted, and purges everything when denied.
      s.queue?.consent(state);
      if (state === 'denied' && s.waiting) s.waiting = [];
    },
    reset() {
      withSession('reset', (s) => {
        void saveProfile(s);
        s.engine.reset();
        s.identity = { anonymousId: uuidv7(Date.now()), userId: null };
        s.traits = {};
        s.account = {};
        const { anonymousId } = s.identity;
        serially(s, async () => {
          await Promise.all([s.storage.set('anonymousId', anonymousId), s.storage.del('userId')]);
          await loadUser(s);
          await saveProfile(s);
        });
      });
    },
    destroy() {
      generation++;
      const s = session;
      session = null;
      pending = [];
      emitter.clear();
      if (!s) return;
      void saveProfile(s);
      teardown(s);
    },
  };
  return api;
}
