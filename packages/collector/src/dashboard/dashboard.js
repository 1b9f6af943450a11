// The CS dashboard's script, served as /dashboard.js so that the page runs under
// `script-src 'self'`. Every value that comes from an event is written with textContent,
// and the charts are SVG built with DOM APIs (dashboard-charts.js).

import {
  barList,
  columnChart,
  emptyChart,
  legend,
  lineChart,
  stackedBars,
} from './dashboard-charts.js';

const REFRESH_MS = 10_000;
const EVENTS_SHOWN = 100;
const ACCOUNTS_SHOWN = 30;
const SUMMARY_LENGTH = 120;
const LANG_STORAGE_KEY = 'tebiki-dashboard-lang';
const RANGE_STORAGE_KEY = 'tebiki-dashboard-days';
const LANGS = ['ja', 'en'];
const RANGES = ['30', '60', '90', '180', '365'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BANDS = ['red', 'yellow', 'green'];
const TIERS = ['high', 'low', 'tech', 'unknown'];

// One table for the server-rendered text and this script: /dashboard-messages.json.
const MESSAGES = await loadMessages();

const token = new URLSearchParams(location.search).get('token') ?? '';
const state = {
  lang: initialLang(),
  days: readSaved(RANGE_STORAGE_KEY, RANGES) ?? '90',
  touch: '',
  showAllAccounts: false,
  metrics: null,
  events: null,
  status: { key: 'loading' },
  timer: 0,
};

async function loadMessages() {
  try {
    const response = await fetch('/dashboard-messages.json', { cache: 'no-cache' });
    if (response.ok) return await response.json();
  } catch {
    // Offline or blocked: keep the server-rendered text; dynamic text falls back to keys.
  }
  return null;
}

function initialLang() {
  const saved = readSaved(LANG_STORAGE_KEY, LANGS);
  if (saved) return saved;
  const root = document.documentElement;
  if (root.dataset.langSource === 'header' && LANGS.includes(root.lang)) return root.lang;
  const browser = (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase();
  return browser.startsWith('ja') ? 'ja' : 'en';
}

function readSaved(key, allowed) {
  try {
    const saved = localStorage.getItem(key);
    return allowed.includes(saved) ? saved : null;
  } catch {
    return null; // storage blocked: fall back to the default
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked: the choice lasts until the page is reloaded
  }
}

function t(key, values = {}) {
  const text = MESSAGES?.[state.lang]?.[key] ?? MESSAGES?.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

function byId(id) {
  return document.getElementById(id);
}

function element(tag, { className, text, title } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  if (title) node.title = title;
  return node;
}

// ------------------------------------------------------------------ formatting

function formatNumber(value) {
  return new Intl.NumberFormat(state.lang).format(value ?? 0);
}

function formatPercent(value) {
  if (value === null || value === undefined) return t('none');
  return new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 0 }).format(
    value,
  );
}

/** A duration the way a CS team reads it: minutes, hours, then days. */
function formatDuration(ms) {
  if (ms === null || ms === undefined) return t('none');
  const number = (value) =>
    new Intl.NumberFormat(state.lang, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  if (ms < HOUR) return t('durationMinutes', { n: number(Math.round(ms / 60_000)) });
  if (ms < 2 * DAY) return t('durationHours', { n: number(ms / HOUR) });
  return t('durationDays', { n: number(ms / DAY) });
}

function formatWeek(isoDate) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return new Intl.DateTimeFormat(state.lang, {
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

function formatDate(iso) {
  return new Intl.DateTimeFormat(state.lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

// ------------------------------------------------------------------ static text

function renderStatic() {
  if (!MESSAGES) return;
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  const toggle = byId('lang-toggle');
  toggle.textContent = t('switchTo');
  toggle.setAttribute('aria-label', t('switchLabel'));
  toggle.lang = state.lang === 'ja' ? 'en' : 'ja';
  toggle.hidden = false;
  byId('range').value = state.days;
  byId('touch-filter').value = state.touch;
}

function renderStatus() {
  const { key, values, error } = state.status;
  const status = byId('status');
  status.textContent = t(key, values);
  status.classList.toggle('error', Boolean(error));
}

// ------------------------------------------------------------------ metrics

function renderMetrics() {
  const metrics = state.metrics;
  if (!metrics) return;
  renderWindow(metrics);
  renderKpis(metrics);
  renderTtv(metrics.ttv);
  renderAha(metrics.aha);
  renderMilestones(metrics.milestones);
  renderChecklists(metrics.checklists ?? []);
  renderFlows(metrics.flows ?? []);
  renderAccounts(metrics.health);
  renderTotals(metrics);
}

function renderWindow(metrics) {
  if (!metrics.window) return;
  // `to` is exclusive: the last day shown is the one before it.
  const last = new Date(Date.parse(metrics.window.to) - 1).toISOString();
  byId('window-note').textContent = t('windowNote', {
    from: formatDate(metrics.window.from),
    to: formatDate(last),
  });
}

function renderKpis(metrics) {
  byId('kpi-ttv-median').textContent = formatDuration(metrics.ttv?.medianMs);
  byId('kpi-ttv-p90').textContent = formatDuration(metrics.ttv?.p90Ms);
  const within14 = metrics.aha?.within?.find((entry) => entry.days === 14);
  byId('kpi-aha14').textContent = formatPercent(within14?.rate);
  byId('kpi-new-users').textContent = formatNumber(metrics.aha?.newUsers);
  byId('kpi-red').textContent = formatNumber(metrics.health?.bands?.red);
}

function place(id, ...nodes) {
  byId(id).replaceChildren(...nodes);
}

function renderTtv(ttv) {
  if (!ttv || ttv.users === 0) {
    place('ttv-histogram', emptyChart(t('noData')));
    place('ttv-trend');
    return;
  }
  place(
    'ttv-histogram',
    columnChart({
      label: t('ttvChartLabel', {
        median: formatDuration(ttv.medianMs),
        p90: formatDuration(ttv.p90Ms),
      }),
      columns: ttv.buckets.map((bucket) => ({
        label: t(`bucket_${bucket.key}`),
        value: bucket.users,
        valueText: formatNumber(bucket.users),
        title: t('bucketTitle', { bucket: t(`bucket_${bucket.key}`), users: bucket.users }),
      })),
    }),
  );
  const weeks = ttv.weekly ?? [];
  place(
    'ttv-trend',
    legend([
      { label: t('legendMedian'), className: 'median' },
      { label: t('legendP90'), className: 'p90' },
    ]),
    lineChart({
      label: t('ttvTrendLabel'),
      labels: weeks.map((week) => formatWeek(week.week)),
      series: [
        { name: t('legendMedian'), className: 'median', values: weeks.map((w) => w.medianMs) },
        { name: t('legendP90'), className: 'p90', values: weeks.map((w) => w.p90Ms) },
      ],
      format: formatDuration,
    }),
  );
}

function renderAha(aha) {
  if (!aha || aha.newUsers === 0) {
    place('aha-within', emptyChart(t('noData')));
    place('aha-trend');
    return;
  }
  place(
    'aha-within',
    columnChart({
      label: t('ahaChartLabel'),
      height: 180,
      max: 1,
      columns: aha.within.map((entry) => ({
        label: t('withinDays', { days: entry.days }),
        value: entry.rate ?? 0,
        valueText: formatPercent(entry.rate),
        title: t('withinTitle', entry),
        className: entry.rate === null ? 'muted' : '',
      })),
    }),
  );
  const weeks = aha.weekly ?? [];
  place(
    'aha-trend',
    columnChart({
      label: t('ahaTrendLabel'),
      height: 180,
      max: 1,
      columns: weeks.map((week) => {
        const within14 = week.within.find((entry) => entry.days === 14) ?? {};
        return {
          label: formatWeek(week.week),
          value: within14.rate ?? 0,
          valueText: formatPercent(within14.rate),
          title: t('weekTitle', {
            week: formatWeek(week.week),
            reached: within14.reached ?? 0,
            eligible: within14.eligible ?? 0,
          }),
          className: within14.rate === null ? 'muted' : '',
        };
      }),
    }),
  );
}

function renderMilestones(funnel) {
  if (!funnel || funnel.started === 0) {
    place('milestone-funnel', emptyChart(t('noData')));
    return;
  }
  const groups = [
    {
      label: t('started'),
      rows: [
        {
          value: funnel.started,
          valueText: formatNumber(funnel.started),
          title: t('startedTitle', { users: funnel.started }),
          className: 'started',
        },
      ],
    },
    ...funnel.milestones.map((stage) => ({
      label: stage.aha ? t('ahaMark', { milestone: stage.milestoneId }) : stage.milestoneId,
      title: stage.milestoneId,
      rows: [
        {
          value: stage.users,
          valueText: t('milestoneValue', {
            users: formatNumber(stage.users),
            share: formatPercent(stage.share),
          }),
          title: t('milestoneTitle', {
            milestone: stage.milestoneId,
            users: stage.users,
            share: formatPercent(stage.share),
            median: formatDuration(stage.medianMsSinceStart),
          }),
          className: stage.aha ? 'aha' : '',
        },
      ],
    })),
  ];
  place('milestone-funnel', barList({ label: t('funnelLabel'), groups, max: funnel.started }));
}

function renderChecklists(checklists) {
  if (checklists.length === 0) {
    place('checklist-charts', emptyChart(t('noData')));
    return;
  }
  const nodes = checklists.flatMap((checklist) => {
    const heading = element('h3', { text: checklist.flowId });
    const summary = element('p', {
      className: 'summary',
      text: t('checklistSummary', {
        completed: formatNumber(checklist.usersCompleted),
        users: formatNumber(checklist.users),
        rate: formatPercent(checklist.completionRate),
        started: formatNumber(checklist.usersStarted),
      }),
    });
    const share = (users) => (checklist.users > 0 ? users / checklist.users : null);
    const chart = barList({
      label: t('checklistLabel', { flow: checklist.flowId }),
      max: Math.max(checklist.users, 1),
      groups: checklist.items.map((item) => ({
        label: item.itemId,
        rows: [
          {
            value: item.users,
            valueText: `${formatNumber(item.users)} · ${formatPercent(share(item.users))}`,
            title: t('itemTitle', {
              item: item.itemId,
              users: item.users,
              share: formatPercent(share(item.users)),
            }),
            className: 'completed',
          },
        ],
      })),
    });
    const wrap = element('div', { className: 'chart' });
    wrap.dataset.chart = 'checklist';
    wrap.append(chart);
    return [heading, summary, wrap];
  });
  place('checklist-charts', ...nodes);
}

function renderFlows(flows) {
  if (flows.length === 0) {
    place('flow-funnels', emptyChart(t('noData')));
    return;
  }
  const kinds = [
    ['viewed', 'legendViewed', 'viewed'],
    ['completed', 'legendCompleted', 'completed'],
    ['dismissed', 'legendDismissed', 'dismissed'],
    ['targetMissing', 'legendMissing', 'missing'],
  ];
  const nodes = [legend(kinds.map(([, key, className]) => ({ label: t(key), className })))];
  for (const flow of flows) {
    const max = Math.max(flow.started, ...flow.steps.map((step) => step.viewed), 1);
    const wrap = element('div', { className: 'chart flow' });
    wrap.dataset.chart = 'flow';
    wrap.append(
      element('h3', { text: flow.flowId }),
      element('p', {
        className: 'summary',
        text: t('flowSummary', {
          started: formatNumber(flow.started),
          completed: formatNumber(flow.completed),
          dismissed: formatNumber(flow.dismissed),
        }),
      }),
      barList({
        label: t('flowLabel', { flow: flow.flowId }),
        max,
        groups: flow.steps.map((step, position) => {
          const name = step.stepId ?? `#${position + 1}`;
          return {
            label: t('stepLabel', {
              index: step.stepIndex === null ? '?' : step.stepIndex + 1,
              step: name,
            }),
            title: name,
            rows: kinds
              .filter(([field]) => field !== 'targetMissing' || step.targetMissing > 0)
              .map(([field, key, className]) => ({
                value: step[field],
                valueText: `${formatNumber(step[field])} · ${formatPercent(step[field] / max)}`,
                title: t('stepTitle', { step: name, kind: t(key), users: step[field] }),
                className,
              })),
          };
        }),
      }),
    );
    nodes.push(wrap);
  }
  place('flow-funnels', ...nodes);
}

function renderAccounts(report) {
  const accounts = report?.accounts ?? [];
  const byTouch = report?.byTouch;
  if (byTouch && accounts.length > 0) {
    place(
      'touch-bands',
      legend(BANDS.map((band) => ({ label: t(`band_${band}`), className: `band-${band}` }))),
      stackedBars({
        label: t('bandsLabel'),
        rows: TIERS.filter((tier) => BANDS.some((band) => byTouch[tier]?.[band] > 0)).map(
          (tier) => ({
            label: t(`touch_${tier}`),
            total: BANDS.reduce((sum, band) => sum + (byTouch[tier]?.[band] ?? 0), 0),
            segments: BANDS.map((band) => ({
              value: byTouch[tier]?.[band] ?? 0,
              className: `band-${band}`,
              title: t('bandTitle', {
                tier: t(`touch_${tier}`),
                band: t(`band_${band}`),
                count: byTouch[tier]?.[band] ?? 0,
              }),
            })),
          }),
        ),
      }),
    );
  } else {
    place('touch-bands');
  }

  const filtered = state.touch
    ? accounts.filter((account) => account.touch === state.touch)
    : accounts;
  const shown = state.showAllAccounts ? filtered : filtered.slice(0, ACCOUNTS_SHOWN);
  byId('account-rows').replaceChildren(...shown.map(accountRow));
  byId('accounts-empty').hidden = filtered.length > 0;
  const more = byId('accounts-more');
  more.hidden = filtered.length <= ACCOUNTS_SHOWN;
  more.textContent = state.showAllAccounts
    ? t('showFewer')
    : t('showAll', { count: formatNumber(filtered.length) });
}

function accountRow(account) {
  const row = document.createElement('tr');
  row.className = `band-row ${account.band}`;
  row.dataset.band = account.band;

  const health = element('td', { className: 'health', title: t('scoreTitle', account.components) });
  health.append(
    element('span', { className: `health-dot band-${account.band}` }),
    element('span', { className: `score band-${account.band}`, text: String(account.score) }),
    element('span', { className: 'band', text: t(`band_${account.band}`) }),
  );

  const name = element('td', { className: 'account' });
  name.append(element('span', { className: 'name', text: account.name ?? account.accountId }));
  const details = [account.name ? account.accountId : null, account.plan].filter(Boolean);
  if (details.length > 0)
    name.append(element('span', { className: 'id', text: details.join(' · ') }));

  const seats = account.seats ?? '?';
  const reasons = element('td', { className: 'reasons' });
  if (account.reasons.length === 0) {
    reasons.textContent = t('none');
  } else {
    const list = element('ul', { className: 'chips' });
    for (const reason of account.reasons) {
      list.append(element('li', { className: `chip ${reason.code}`, text: reasonText(reason) }));
    }
    reasons.append(list);
  }

  row.append(
    health,
    name,
    element('td', { text: t(`touch_${account.touch ?? 'unknown'}`) }),
    element('td', { className: 'num', text: `${account.activeUsers28} / ${seats}` }),
    element('td', { className: 'num', text: `${account.activeDays14} / ${account.activeDays28}` }),
    element('td', {
      className: 'num',
      text: `${account.milestonesReached} / ${account.milestonesTotal}`,
    }),
    element('td', { text: lastActiveText(account.daysSinceActive) }),
    reasons,
  );
  return row;
}

function reasonText(reason) {
  if (reason.code === 'quiet' && reason.days === null) return t('reason_quiet_never');
  return t(`reason_${reason.code}`, reason);
}

function lastActiveText(days) {
  if (days === null || days === undefined) return t('never');
  return days === 0 ? t('today') : t('daysAgo', { days });
}

function renderTotals(metrics) {
  byId('total-events').textContent = formatNumber(metrics.events);
  byId('total-users').textContent = formatNumber(metrics.users);
  byId('total-accounts').textContent = formatNumber(metrics.accounts ?? 0);
  byId('total-anonymous').textContent = formatNumber(metrics.anonymousIds ?? 0);

  const entries = Object.entries(metrics.byEvent ?? {}).slice(0, 10);
  const items = entries.map(([name, count]) => {
    const item = document.createElement('li');
    item.append(
      element('span', { className: 'name', text: name }),
      element('span', { className: 'count', text: formatNumber(count) }),
    );
    return item;
  });
  if (items.length === 0) items.push(element('li', { className: 'muted', text: t('noTopEvents') }));
  byId('top-events').replaceChildren(...items);
}

// ------------------------------------------------------------------ recent events

function renderEvents() {
  const events = state.events;
  if (!events) return;
  const time = new Intl.DateTimeFormat(state.lang, { dateStyle: 'short', timeStyle: 'medium' });
  const rows = events.map((event) => {
    const row = document.createElement('tr');
    const when = new Date(event.timestamp ?? event.receivedAt);
    row.append(
      cell(Number.isNaN(when.getTime()) ? String(event.timestamp) : time.format(when), {
        title: `receivedAt ${event.receivedAt}`,
      }),
      cell(event.type, { className: `type type-${event.type}` }),
      cell(eventName(event)),
      userCell(event),
      cell(accountOf(event) ?? '—', { className: 'id' }),
      propertiesCell(event),
    );
    return row;
  });
  byId('events').replaceChildren(...rows);
  byId('empty').hidden = events.length > 0;
}

function cell(text, { className, title } = {}) {
  return element('td', { className, text, title });
}

function userCell(event) {
  if (typeof event.userId === 'string' && event.userId !== '') {
    return cell(event.userId, {
      className: 'id',
      title: `anonymousId ${event.anonymousId ?? '—'}`,
    });
  }
  const node = cell(`${t('anonymousUser')} · `, { className: 'id muted' });
  node.title = `anonymousId ${event.anonymousId ?? '—'}`;
  node.append(element('span', { text: shorten(String(event.anonymousId ?? '—'), 13) }));
  return node;
}

function propertiesCell(event) {
  const data =
    event.type === 'identify' || event.type === 'group' ? event.traits : event.properties;
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0) {
    return cell('', { className: 'props' });
  }
  const summary = Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return cell(shorten(summary, SUMMARY_LENGTH), {
    className: 'props',
    title: shorten(JSON.stringify(data, null, 2), 2000),
  });
}

function eventName(event) {
  if (event.type === 'track') return String(event.event ?? '');
  if (event.type === 'page' || event.type === 'screen') {
    return String(event.name ?? event.context?.page?.path ?? event.properties?.path ?? '');
  }
  if (event.type === 'group') return String(event.groupId ?? '');
  return '—';
}

function accountOf(event) {
  const account = event.groupId ?? event.context?.groupId;
  return typeof account === 'string' && account !== '' ? account : null;
}

function shorten(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

// ------------------------------------------------------------------ loading

async function getJson(path) {
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${token}` },
    cache: 'no-store',
  });
  if (response.status === 401) {
    const error = new Error('unauthorized');
    error.unauthorized = true;
    throw error;
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function refresh() {
  clearTimeout(state.timer);
  let stop = false;
  try {
    const [metrics, page] = await Promise.all([
      getJson(`/api/metrics?days=${state.days}`),
      getJson(`/api/events?limit=${EVENTS_SHOWN}`),
    ]);
    state.metrics = metrics;
    state.events = page.events;
    const now = new Intl.DateTimeFormat(state.lang, { timeStyle: 'medium' }).format(new Date());
    state.status = { key: 'updated', values: { time: now } };
    renderAll();
  } catch (error) {
    stop = Boolean(error.unauthorized);
    state.status = stop
      ? { key: 'unauthorized', error: true }
      : { key: 'failed', values: { reason: error.message }, error: true };
  }
  renderStatus();
  if (!stop && !document.hidden) state.timer = setTimeout(refresh, REFRESH_MS);
}

function renderAll() {
  try {
    renderMetrics();
  } catch (error) {
    // A section that cannot draw must not take the event list down with it.
    console.error('[tebiki-dashboard] could not draw the metrics', error);
  }
  renderEvents();
}

function switchLanguage() {
  state.lang = state.lang === 'ja' ? 'en' : 'ja';
  save(LANG_STORAGE_KEY, state.lang);
  renderStatic();
  renderStatus();
  renderAll();
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) {
    clearTimeout(state.timer);
    state.status = { key: 'paused' };
    renderStatus();
  } else {
    refresh();
  }
});
byId('lang-toggle').addEventListener('click', switchLanguage);
byId('range').addEventListener('change', (event) => {
  state.days = RANGES.includes(event.target.value) ? event.target.value : '90';
  save(RANGE_STORAGE_KEY, state.days);
  refresh();
});
byId('touch-filter').addEventListener('change', (event) => {
  state.touch = event.target.value;
  renderAccounts(state.metrics?.health);
});
byId('accounts-more').addEventListener('click', () => {
  state.showAllAccounts = !state.showAllAccounts;
  renderAccounts(state.metrics?.health);
});

renderStatic();
renderStatus();
refresh();
