import type { CollectedEvent } from './types.ts';

/** The milestones, tours and checklists a synthetic history walks through. */
export interface Catalog {
  /** In the order users reach them. */
  milestones: { id: string; aha: boolean; event?: string; path?: string }[];
  /** `afterMilestone`: the tour starts when the user reaches it (a `trigger.event` of it). */
  tours: { id: string; steps: string[]; afterMilestone?: string }[];
  checklists: { id: string; items: string[] }[];
}

/** Mirrors examples/saas-demo/tebiki.json, the document `pnpm demo` runs. */
export const DEMO_CATALOG: Catalog = {
  milestones: [
    { id: 'project_created', aha: false, event: 'project_created' },
    { id: 'teammate_invited', aha: false, event: 'teammate_invited' },
    { id: 'first_report', aha: true, path: '/reports/weekly' },
  ],
  tours: [{ id: 'welcome', steps: ['new-project', 'done'] }],
  checklists: [
    { id: 'getting-started', items: ['project_created', 'teammate_invited', 'first_report'] },
  ],
};

export interface HistoryOptions {
  /** Seed of the pseudo-random generator: the same seed and `now` give the same events. */
  seed?: number;
  /** @default 240 */
  accounts?: number;
  /** Length of the history, ending at `now`. @default 60 */
  days?: number;
  /** Epoch ms the history ends at. @default Date.now() */
  now?: number;
  /** @default DEMO_CATALOG */
  catalog?: Catalog;
  /** Numbers accounts from this offset (`acct-0241` …), to add a history to another. @default 0 */
  accountOffset?: number;
}

export const DEFAULT_SEED = 20240601;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Plan = 'trial' | 'starter' | 'business' | 'enterprise';
type Fate = 'healthy' | 'struggling' | 'quiet';

const PLANS: readonly [Plan, number][] = [
  ['trial', 0.3],
  ['starter', 0.35],
  ['business', 0.25],
  ['enterprise', 0.1],
];
const SEATS: Record<Plan, [number, number]> = {
  trial: [2, 8],
  starter: [3, 15],
  business: [10, 60],
  enterprise: [50, 250],
};
/** Most users of a big account never log in during onboarding; this bounds the volume too. */
const MAX_USERS: Record<Plan, number> = { trial: 8, starter: 15, business: 40, enterprise: 70 };
const NAMES_A = [
  'Sakura',
  'Fuji',
  'Kita',
  'Minato',
  'Aozora',
  'Hikari',
  'Midori',
  'Tsubasa',
  'Yamato',
  'Kaze',
  'Umi',
  'Hoshi',
  'Nagare',
  'Asahi',
  'Kumo',
  'Shiro',
  'Ginga',
  'Komorebi',
  'Nordwind',
  'Bluefield',
  'Harbor',
  'Cedar',
  'Lumen',
  'Northstar',
];
const NAMES_B = [
  'Logistics',
  'Foods',
  'Design',
  'Clinic',
  'Works',
  'Labs',
  'Trading',
  'Studio',
  'Partners',
  'Systems',
  'Realty',
  'Robotics',
  'Consulting',
  'Printing',
  'Farms',
  'Travel',
];
const PAGES = [
  '/dashboard.html',
  '/dashboard.html',
  '/projects.html',
  '/projects.html',
  '/reports/weekly',
  '/settings.html',
];

/**
 * Realistic onboarding histories for the demo and the benchmark: accounts with plans,
 * seats and touch tiers; their users signing up over `days` days, taking the tours,
 * reaching milestones (or not) with plausible delays and drop-offs; some accounts going
 * quiet. Yields one account's events at a time, in time order within each user.
 */
export function* generateHistory(options: HistoryOptions = {}): Generator<CollectedEvent[]> {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const now = options.now ?? Date.now();
  // Nothing lands in the last minute, so live events always come after the history.
  const end = now - MINUTE;
  const days = options.days ?? 60;
  const start = end - days * DAY;
  const catalog = options.catalog ?? DEMO_CATALOG;
  const accounts = options.accounts ?? 240;

  for (let a = 0; a < accounts; a++) {
    const events: CollectedEvent[] = [];
    const account = makeAccount(random, a + (options.accountOffset ?? 0), start, end);
    const emit = (person: Person, at: number, body: Partial<CollectedEvent>) => {
      events.push(envelope(random, person, account.id, at, body));
    };
    const userCount = Math.max(
      1,
      Math.round(Math.min(account.seats, MAX_USERS[account.plan]) * account.adoption),
    );
    for (let u = 0; u < userCount; u++) {
      // The admin signs up with the account; colleagues follow over the next days.
      const joined = account.startedAt + (u === 0 ? 0 : random.exponential(5 * DAY));
      if (joined >= end - HOUR) continue;
      const person: Person = {
        userId: `${account.id}-u${u + 1}`,
        anonymousId: random.uuid(joined),
        locale: random.chance(0.8) ? 'ja' : 'en',
        sessionId: random.uuid(joined),
      };
      walkUser(random, catalog, account, person, joined, end, emit);
    }
    yield events;
  }
}

interface Account {
  id: string;
  name: string;
  plan: Plan;
  seats: number;
  touch: 'high' | 'low' | 'tech';
  fate: Fate;
  startedAt: number;
  /** When the account stops using the product (quiet accounts). */
  quietFrom: number;
  adoption: number;
}

interface Person {
  userId: string;
  anonymousId: string;
  locale: string;
  sessionId?: string;
}

type Emit = (person: Person, at: number, body: Partial<CollectedEvent>) => void;

function makeAccount(random: Random, index: number, start: number, end: number): Account {
  const plan = random.weighted(PLANS);
  const [low, high] = SEATS[plan];
  const seats = random.int(low, high);
  const touch =
    plan === 'enterprise'
      ? 'high'
      : plan === 'business'
        ? random.chance(0.3)
          ? 'high'
          : 'low'
        : plan === 'starter' && random.chance(0.2)
          ? 'low'
          : 'tech';
  // High-touch accounts have a CS manager: fewer of them struggle or go quiet.
  const healthyOdds = touch === 'high' ? 0.72 : 0.55;
  let fate: Fate = random.chance(healthyOdds)
    ? 'healthy'
    : random.chance(0.6)
      ? 'struggling'
      : 'quiet';
  const startedAt = start + random.next() * (end - start - DAY);
  let quietFrom = end;
  if (fate === 'quiet') {
    // Quiet accounts tried the product for a while, then stopped at least two weeks ago.
    const latest = end - 15 * DAY;
    if (latest - startedAt > 4 * DAY) {
      quietFrom = startedAt + 3 * DAY + random.next() * (latest - startedAt - 3 * DAY);
    } else {
      fate = 'struggling';
    }
  }
  const adoption =
    fate === 'healthy'
      ? random.between(0.5, 0.95)
      : fate === 'struggling'
        ? random.between(0.12, 0.4)
        : random.between(0.3, 0.7);
  const name = `${random.pick(NAMES_A)} ${random.pick(NAMES_B)}`;
  return {
    id: `acct-${String(index + 1).padStart(4, '0')}`,
    name,
    plan,
    seats,
    touch,
    fate,
    startedAt,
    quietFrom,
    adoption,
  };
}

function walkUser(
  random: Random,
  catalog: Catalog,
  account: Account,
  person: Person,
  joined: number,
  historyEnd: number,
  emit: Emit,
): void {
  const engagement =
    account.fate === 'struggling' ? random.between(0.05, 0.45) : random.between(0.45, 1);
  const end = Math.min(historyEnd, account.quietFrom + random.between(-2, 2) * DAY);
  if (joined >= end) return;
  const activeDays = new Set<number>();
  const dayOf = (at: number) => Math.floor(at / DAY);

  // Day one: sign-up, the account's traits, the welcome tour.
  emit(person, joined, {
    type: 'identify',
    traits: { plan: account.plan, signedUpAt: new Date(joined).toISOString() },
  });
  emit(person, joined + 1000, {
    type: 'group',
    groupId: account.id,
    traits: { name: account.name, plan: account.plan, seats: account.seats, touch: account.touch },
  });
  emit(person, joined + 2000, page('/dashboard.html'));
  activeDays.add(dayOf(joined));
  let clock = joined + 5000;
  catalog.tours.forEach((tour, index) => {
    if (tour.afterMilestone) return;
    // The first tour greets every newcomer; later ones show on a later visit, for some.
    const at = index === 0 ? clock : joined + random.between(1, 7) * DAY;
    if (index > 0 && (at >= end || !random.chance(0.7))) return;
    clock = walkTour(random, tour, person, at, engagement, emit);
    activeDays.add(dayOf(at));
  });

  // Milestones in order; each one only after the previous, each less likely.
  let reachedAt = joined;
  const reached = new Set<string>();
  for (const [index, milestone] of catalog.milestones.entries()) {
    const base = [0.93, 0.74, 0.86, 0.65, 0.6][index] ?? 0.55;
    if (!random.chance(Math.min(0.98, base * (0.45 + 0.6 * engagement)))) break;
    const median =
      ([12 * MINUTE, 20 * HOUR, 1.5 * DAY, 3 * DAY][index] ?? 3 * DAY) * (1.6 - engagement);
    reachedAt += random.logNormal(median, 1.1);
    if (reachedAt >= end) break;
    reached.add(milestone.id);
    activeDays.add(dayOf(reachedAt));
    const msSinceStart = Math.round(reachedAt - joined);
    if (milestone.event) emit(person, reachedAt - 500, track(milestone.event, {}));
    if (milestone.path) emit(person, reachedAt - 500, page(milestone.path));
    emit(
      person,
      reachedAt,
      track('milestone_reached', { milestoneId: milestone.id, msSinceStart }),
    );
    if (milestone.aha) {
      const active = Math.min(
        msSinceStart,
        10 * MINUTE + msSinceStart * random.between(0.01, 0.06),
      );
      emit(
        person,
        reachedAt,
        track('aha_reached', {
          milestoneId: milestone.id,
          ttvMs: msSinceStart,
          activeTtvMs: Math.round(active),
        }),
      );
    }
    for (const tour of catalog.tours) {
      if (tour.afterMilestone === milestone.id && random.chance(0.85)) {
        walkTour(random, tour, person, reachedAt + 2000, engagement, emit);
      }
    }
    for (const checklist of catalog.checklists) {
      if (!checklist.items.includes(milestone.id)) continue;
      emit(
        person,
        reachedAt + 200,
        track('checklist_item_completed', { flowId: checklist.id, itemId: milestone.id }),
      );
      if (checklist.items.every((item) => reached.has(item))) {
        emit(person, reachedAt + 300, track('flow_completed', { flowId: checklist.id }));
      }
    }
  }

  // Everyday use: weekdays mostly, more for engaged users, fading for struggling ones.
  for (let day = dayOf(joined) + 1; day * DAY < end; day++) {
    const weekday = new Date(day * DAY).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const fade = account.fate === 'struggling' ? Math.max(0.2, 1 - (day - dayOf(joined)) / 40) : 1;
    const odds = (weekend ? 0.08 * engagement : 0.12 + 0.7 * engagement) * fade;
    if (!activeDays.has(day) && !random.chance(odds)) continue;
    // Office hours in Japan: 09:00–19:00 JST is 00:00–10:00 UTC.
    const dayStart = day * DAY + random.between(0, 9) * HOUR;
    person.sessionId = random.uuid(dayStart);
    const views = 1 + Math.floor(random.next() * (1 + 2.5 * engagement));
    for (let v = 0; v < views; v++) {
      const at = dayStart + v * random.between(1, 20) * MINUTE;
      if (at < end) emit(person, at, page(random.pick(PAGES)));
    }
  }
}

function walkTour(
  random: Random,
  tour: Catalog['tours'][number],
  person: Person,
  at: number,
  engagement: number,
  emit: Emit,
): number {
  let clock = at;
  emit(person, clock, track('flow_started', { flowId: tour.id }));
  for (const [stepIndex, stepId] of tour.steps.entries()) {
    clock += random.between(1, 4) * 1000;
    const detail = { flowId: tour.id, stepId, stepIndex };
    if (random.chance(0.03)) {
      // The step's target never appeared: reported and skipped.
      emit(person, clock, track('target_missing', { ...detail, target: `#${stepId}` }));
      continue;
    }
    emit(person, clock, track('step_viewed', detail));
    clock += random.between(8, 90) * 1000;
    const completes = 0.62 + 0.33 * engagement - 0.05 * stepIndex;
    if (random.chance(completes)) {
      emit(person, clock, track('step_completed', detail));
      continue;
    }
    // Most who stop close the tour; the others just leave it on screen and go.
    if (random.chance(0.65)) emit(person, clock, track('flow_dismissed', detail));
    return clock;
  }
  emit(person, clock + 500, track('flow_completed', { flowId: tour.id }));
  return clock + 500;
}

function track(event: string, properties: Record<string, unknown>): Partial<CollectedEvent> {
  return { type: 'track', event, properties };
}

function page(path: string): Partial<CollectedEvent> {
  return { type: 'page', properties: { path } };
}

function envelope(
  random: Random,
  person: Person,
  accountId: string,
  at: number,
  body: Partial<CollectedEvent>,
): CollectedEvent {
  const timestamp = Math.round(at);
  const path = (body.properties?.path as string | undefined) ?? '/dashboard.html';
  return {
    messageId: random.uuid(timestamp),
    timestamp: new Date(timestamp).toISOString(),
    anonymousId: person.anonymousId,
    userId: person.userId,
    ...body,
    type: body.type ?? 'track',
    context: {
      groupId: accountId,
      sessionId: person.sessionId ?? person.anonymousId,
      page: {
        path,
        url: `https://app.kanri.example${path}`,
        title: 'Kanri',
        referrer: '',
        search: '',
      },
      locale: person.locale,
      library: { name: 'tebiki', version: '0.1.0' },
    },
  } as CollectedEvent;
}

/**
 * The milestones, tours and checklists of a flows document (examples/saas-demo/tebiki.json),
 * read leniently: whatever cannot be used is left out, and an unusable document gives
 * `DEMO_CATALOG`.
 */
export function catalogFromDocument(document: unknown): Catalog {
  const doc = record(document);
  const milestones = array(doc.milestones).flatMap((value) => {
    const milestone = record(value);
    const when = record(milestone.when);
    if (typeof milestone.id !== 'string') return [];
    return [
      {
        id: milestone.id,
        aha: milestone.aha === true,
        ...(typeof when.event === 'string' ? { event: when.event } : {}),
        ...(typeof when.url === 'string'
          ? { path: when.url.replace(/\*\*/g, 'a/b').replace(/\*/g, 'weekly') }
          : {}),
      },
    ];
  });
  const flows = array(doc.flows).map(record);
  const tours = flows.flatMap((flow) => {
    if (flow.type !== 'tour' || typeof flow.id !== 'string') return [];
    const steps = array(flow.steps).flatMap((step, index) => {
      const id = record(step).id;
      return [typeof id === 'string' ? id : `step-${index + 1}`];
    });
    const event = record(flow.trigger).event;
    const after = milestones.find((milestone) => milestone.event && milestone.event === event);
    if (steps.length === 0) return [];
    return [{ id: flow.id, steps, ...(after ? { afterMilestone: after.id } : {}) }];
  });
  const checklists = flows.flatMap((flow) => {
    if (flow.type !== 'checklist' || typeof flow.id !== 'string') return [];
    const items = array(flow.items).flatMap((item) => {
      const milestone = record(item).milestone;
      return typeof milestone === 'string' ? [milestone] : [];
    });
    return items.length > 0 ? [{ id: flow.id, items }] : [];
  });
  if (milestones.length === 0 && tours.length === 0) return DEMO_CATALOG;
  return { milestones, tours, checklists };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

interface Random {
  next(): number;
  between(low: number, high: number): number;
  int(low: number, high: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  exponential(mean: number): number;
  logNormal(median: number, sigma: number): number;
  /** A UUIDv7 for `at`, its random bits from this generator. */
  uuid(at: number): string;
}

/** mulberry32: small, fast and good enough for synthetic data. */
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (digits: number) => {
    let out = '';
    while (out.length < digits)
      out += Math.floor(next() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return out.slice(0, digits);
  };
  const random: Random = {
    next,
    between: (low, high) => low + next() * (high - low),
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items) {
      let roll = next() * items.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    logNormal(median, sigma) {
      // Box–Muller: one standard normal from two uniforms.
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * normal);
    },
    uuid(at) {
      const time = Math.max(0, Math.floor(at)).toString(16).padStart(12, '0').slice(-12);
      const variant = (8 + Math.floor(next() * 4)).toString(16);
      return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
  };
  return random;
}
