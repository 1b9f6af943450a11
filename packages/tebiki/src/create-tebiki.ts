import { type BeaconQueue, createBeaconQueue, createFetchTransport } from '@tebiki/beacon';
import {
  createEmitter,
  createEngine,
  createEnvelope,
  type Engine,
  type EventInput,
  type FlowStates,
  type Identity,
  type KeyValueStorage,
  type LifecycleEventName,
  type LifecycleEvents,
  type PageContext,
  type TebikiErrorDetail,
  uuidv7,
} from '@tebiki/core';
import { findTarget, waitForTarget } from '@tebiki/dom';
import { type FlowsDocument, resolveText, validateDocument } from '@tebiki/schema';
import type { UI } from '@tebiki/ui';
import { watchNavigation } from './navigation.ts';
import type { ConsentState, TebikiOptions } from './options.ts';
import { openStorage } from './storage.ts';
import { VERSION } from './version.ts';

type UIModule = typeof import('@tebiki/ui');

export interface TebikiConfig {
  /** Loads the UI chunk; called the first time something is shown. */
  loadUI: () => Promise<UIModule>;
  /** IndexedDB database name, so several instances can keep apart. @default 'tebiki' */
  storageName?: string;
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
  /** Events held while consent is pending. */
  held: ReturnType<typeof createEnvelope>[];
  milestones: Progress['milestones'];
  startedAt: number;
  ui: Promise<UI> | null;
  abort: AbortController;
  cleanups: (() => void)[];
  /** Problems found while starting, reported once the session is live. */
  problems: TebikiErrorDetail[];
}

const EMPTY_DOCUMENT: FlowsDocument = { version: 1, flows: [] };
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
    if (consentState === 'denied' || !s.queue) return;
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
    if (consentState === 'pending') s.held.push(event);
    else s.queue.enqueue(event);
  }

  function emit<K extends LifecycleEventName>(name: K, properties: LifecycleEvents[K]): void {
    emitter.emit(name, properties);
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
    void s.engine.page(location.pathname);
  }

  function teardown(s: Session): void {
    s.abort.abort();
    for (const cleanup of s.cleanups) cleanup();
    s.engine.destroy();
    s.queue?.destroy();
    void s.ui?.then((ui) => ui.destroy());
  }

  function renderActive(s: Session): void {
    const active = s.engine.$active.get();
    if (!active && !s.ui) return;
    s.ui ??= config.loadUI().then((module) =>
      module.createUI(document, {
        next: () => void s.engine.next(),
        back: () => void s.engine.back(),
        dismiss: () => s.engine.dismiss(),
      }),
    );
    s.ui
      .then((ui) => {
        if (session !== s) return;
        const current = s.engine.$active.get();
        if (!current) return ui.renderStep(null);
        const { flow, step, stepIndex, target } = current;
        const dir = s.options.dir ?? (document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr');
        ui.renderStep({
          flowId: flow.id,
          stepId: step.id,
          stepIndex,
          total: flow.steps.length,
          title: resolveText(step.title, s.locale, s.document.defaultLocale),
          body: resolveText(step.body, s.locale, s.document.defaultLocale),
          target: target as Element | null,
          placement: step.placement ?? 'bottom',
          dir,
          locale: s.locale,
        });
      })
      .catch((error) =>
        report({ code: 'ui_load_failed', message: `the UI could not load: ${String(error)}` }),
      );
  }

  async function start(options: TebikiOptions): Promise<Session | null> {
    debug = options.debug === true;
    if (options.consent) consentState = options.consent;
    const storage = await openStorage(config.storageName ?? 'tebiki', log);
    const stored = {
      anonymousId: await storage.get<string>('anonymousId'),
      userId: await storage.get<string>('userId'),
      startedAt: await storage.get<number>('startedAt'),
    };
    const anonymousId = stored.anonymousId ?? uuidv7(Date.now());
    const startedAt = stored.startedAt ?? Date.now();
    if (!stored.anonymousId) await storage.set('anonymousId', anonymousId);
    if (!stored.startedAt) await storage.set('startedAt', startedAt);
    const { document: flowsDocument, problems } = await loadDocument(options.flows);
    const userKey = () => s.identity.userId ?? s.identity.anonymousId;
    const flowStates = await storage.get<FlowStates>(`flows:${stored.userId ?? anonymousId}`);

    const abort = new AbortController();
    const queue = options.endpoint
      ? createBeaconQueue({
          endpoint: options.endpoint,
          writeKey: options.writeKey,
          transport: createFetchTransport(),
          sendBeacon: (url, body) => navigator.sendBeacon?.(url, body) ?? false,
          schedule: (fn, ms) => {
            const id = setTimeout(fn, ms);
            return () => clearTimeout(id);
          },
          clock: { now: () => Date.now() },
          storage,
          onError: report,
          debug: log,
        })
      : null;

    const engine = createEngine({
      document: flowsDocument,
      flowStates,
      emit,
      resolveTarget: (selector, timeoutMs, signal) =>
        waitForTarget(selector, timeoutMs, signal).then(
          (element) => element ?? findTarget(selector),
        ),
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
      held: [],
      milestones: {},
      startedAt,
      ui: null,
      abort,
      cleanups: [],
      problems,
    };
    s.cleanups.push(
      engine.$active.listen(() => renderActive(s)),
      engine.$flowStates.listen((states) => {
        storage
          .set(`flows:${userKey()}`, states)
          .catch((error) => log(`could not save progress: ${String(error)}`));
      }),
    );
    const { signal } = abort;
    const exit = () => queue?.flushOnExit();
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
    await queue?.restore();
    return s;
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
      void s.engine.page(location.pathname);
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
        s.identity = { ...s.identity, userId: String(userId) };
        void s.storage.set('userId', s.identity.userId);
        capture(s, { type: 'identify', traits });
      });
    },
    group(accountId, traits = {}) {
      withSession('group', (s) => {
        s.identity = { ...s.identity, groupId: String(accountId) };
        capture(s, { type: 'group', groupId: String(accountId), traits });
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
      });
    },
    page() {
      withSession('page', trackPage);
    },
    start: (flowId) =>
      withSession('start', (s) => {
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
      withSession('milestone', (s) => {
        if (s.milestones[milestoneId]) return;
        const now = Date.now();
        const msSinceStart = Math.max(0, now - s.startedAt);
        s.milestones[milestoneId] = { reachedAt: new Date(now).toISOString(), msSinceStart };
        emit('milestone_reached', { milestoneId, msSinceStart });
      });
    },
    progress() {
      const milestones = session ? { ...session.milestones } : {};
      return { milestones, aha: { reached: false }, checklists: {} };
    },
    on(name, fn) {
      return emitter.on(name, fn);
    },
    async flush() {
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
      if (state === 'granted') for (const event of s.held.splice(0)) s.queue?.enqueue(event);
      if (state === 'denied') {
        s.held.length = 0;
        s.queue?.purge();
      }
    },
    reset() {
      withSession('reset', (s) => {
        s.engine.reset();
        s.identity = { anonymousId: uuidv7(Date.now()), userId: null };
        s.milestones = {};
        s.startedAt = Date.now();
        void s.storage.set('startedAt', s.startedAt);
        void s.storage.set('anonymousId', s.identity.anonymousId);
        void s.storage.del('userId');
      });
    },
    destroy() {
      generation++;
      const s = session;
      session = null;
      pending = [];
      emitter.clear();
      if (s) teardown(s);
    },
  };
  return api;
}
