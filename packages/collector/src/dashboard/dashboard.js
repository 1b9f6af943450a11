// The CS dashboard's script, served as /dashboard.js so that the page runs under
// `script-src 'self'`. Every value that comes from an event is written with textContent.

const REFRESH_MS = 5000;
const EVENTS_SHOWN = 100;
const SUMMARY_LENGTH = 120;
const LANG_STORAGE_KEY = 'tebiki-dashboard-lang';
const LANGS = ['ja', 'en'];

// One table for the server-rendered text and this script: /dashboard-messages.json.
const MESSAGES = await loadMessages();

const token = new URLSearchParams(location.search).get('token') ?? '';
const state = {
  lang: initialLang(),
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
  const saved = readSavedLang();
  if (saved) return saved;
  const root = document.documentElement;
  if (root.dataset.langSource === 'header' && LANGS.includes(root.lang)) return root.lang;
  const browser = (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase();
  return browser.startsWith('ja') ? 'ja' : 'en';
}

function readSavedLang() {
  try {
    const saved = localStorage.getItem(LANG_STORAGE_KEY);
    return LANGS.includes(saved) ? saved : null;
  } catch {
    return null; // storage blocked: fall back to the detected language
  }
}

function t(key, values = {}) {
  const text = MESSAGES?.[state.lang]?.[key] ?? MESSAGES?.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

function byId(id) {
  return document.getElementById(id);
}

function renderStatic() {
  if (!MESSAGES) return;
  document.documentElement.lang = state.lang;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  const toggle = byId('lang-toggle');
  toggle.textContent = t('switchTo');
  toggle.setAttribute('aria-label', t('switchLabel'));
  toggle.lang = state.lang === 'ja' ? 'en' : 'ja';
  toggle.hidden = false;
}

function renderStatus() {
  const { key, values, error } = state.status;
  const status = byId('status');
  status.textContent = t(key, values);
  status.classList.toggle('error', Boolean(error));
}

function renderMetrics() {
  const metrics = state.metrics;
  if (!metrics) return;
  const number = new Intl.NumberFormat(state.lang);
  byId('total-events').textContent = number.format(metrics.events);
  byId('total-users').textContent = number.format(metrics.users);
  byId('total-accounts').textContent = number.format(metrics.accounts ?? 0);
  byId('total-anonymous').textContent = number.format(metrics.anonymousIds ?? 0);

  const entries = Object.entries(metrics.byEvent ?? {}).slice(0, 10);
  const items = entries.map(([name, count]) => {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.className = 'name';
    label.textContent = name;
    const value = document.createElement('span');
    value.className = 'count';
    value.textContent = number.format(count);
    item.append(label, value);
    return item;
  });
  if (items.length === 0) {
    const item = document.createElement('li');
    item.className = 'muted';
    item.textContent = t('noTopEvents');
    items.push(item);
  }
  byId('top-events').replaceChildren(...items);
}

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
  const element = document.createElement('td');
  element.textContent = text;
  if (className) element.className = className;
  if (title) element.title = title;
  return element;
}

function userCell(event) {
  if (typeof event.userId === 'string' && event.userId !== '') {
    return cell(event.userId, {
      className: 'id',
      title: `anonymousId ${event.anonymousId ?? '—'}`,
    });
  }
  const element = cell(`${t('anonymousUser')} · `, { className: 'id muted' });
  const id = document.createElement('span');
  id.textContent = shorten(String(event.anonymousId ?? '—'), 13);
  element.title = `anonymousId ${event.anonymousId ?? '—'}`;
  element.append(id);
  return element;
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
      getJson('/api/metrics'),
      getJson(`/api/events?limit=${EVENTS_SHOWN}`),
    ]);
    state.metrics = metrics;
    state.events = page.events;
    const now = new Intl.DateTimeFormat(state.lang, { timeStyle: 'medium' }).format(new Date());
    state.status = { key: 'updated', values: { time: now } };
    renderMetrics();
    renderEvents();
  } catch (error) {
    stop = Boolean(error.unauthorized);
    state.status = stop
      ? { key: 'unauthorized', error: true }
      : { key: 'failed', values: { reason: error.message }, error: true };
  }
  renderStatus();
  if (!stop && !document.hidden) state.timer = setTimeout(refresh, REFRESH_MS);
}

function switchLanguage() {
  state.lang = state.lang === 'ja' ? 'en' : 'ja';
  try {
    localStorage.setItem(LANG_STORAGE_KEY, state.lang);
  } catch {
    // storage blocked: the choice lasts until the page is reloaded
  }
  renderStatic();
  renderStatus();
  renderMetrics();
  renderEvents();
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

renderStatic();
renderStatus();
refresh();
