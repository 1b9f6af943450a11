// Kanri demo app: a small multi-page project tool with Tebiki embedded.
// Plain browser script (no build step). Loaded with `defer`, after tebiki-stub.js has defined
// window.tebiki as a queue; the Tebiki bundle (loaded `async`) replays the queue in order.
(() => {
  const LANG_KEY = 'kanri.lang';
  const USER_KEY = 'kanri.user';
  const SIGNED_UP_KEY = 'kanri.signedUpAt';
  const PROFILE_KEY = 'kanri.profile';
  const PROJECTS_KEY = 'kanri.projects';
  const MEMBERS_KEY = 'kanri.members';
  const ACTIVITY_KEY = 'kanri.activity';
  const SEATS = 5;
  const TRIAL_DAYS = 14;
  const DAY_MS = 24 * 60 * 60 * 1000;

  // ------------------------------------------------------------------ storage
  // localStorage can be missing or throw (private windows, blocked storage): fall back to memory.
  const memory = new Map();
  function getRaw(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return memory.has(key) ? memory.get(key) : null;
    }
  }
  function setRaw(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  }
  function getJSON(key, fallback) {
    const raw = getRaw(key);
    if (raw === null) return fallback;
    try {
      return JSON.parse(raw);
    } catch {
      return fallback;
    }
  }
  function setJSON(key, value) {
    setRaw(key, JSON.stringify(value));
  }

  // ------------------------------------------------------------------ Tebiki
  // Always look window.tebiki up at call time: the bundle replaces the stub when it loads.
  function tebiki(method, ...args) {
    const api = window.tebiki;
    if (!api || typeof api[method] !== 'function') return undefined;
    try {
      const result = api[method](...args);
      if (result && typeof result.then === 'function') {
        result.then(undefined, (error) => console.warn(`[kanri] tebiki.${method}() failed`, error));
      }
      return result;
    } catch (error) {
      console.warn(`[kanri] tebiki.${method}() threw`, error);
      return undefined;
    }
  }

  function detectLang() {
    const saved = getRaw(LANG_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
    const nav = (navigator.language || '').toLowerCase();
    return nav.startsWith('ja') ? 'ja' : 'en';
  }

  const lang = detectLang();

  // First thing: initialise Tebiki (queued by the stub until the bundle arrives).
  tebiki('init', {
    endpoint: '/t/batch',
    writeKey: 'pk_demo',
    flows: '/tebiki.json',
    locale: lang,
    debug: true,
    // A short pause between guides, so the demo's second tour follows soon after the first.
    autoStartGapMs: 3000,
    // Kanri's brand, from the custom properties at the top of app.css. Kanri has a light look
    // only, so surfaces and text are set along with the accent: Tebiki's parts then stay light
    // like the app when the system is in dark mode. Contrast on white: text 15.7:1, muted text
    // 5.7:1, links 5.7:1; white on the accent 5.7:1 (WCAG AA asks for 4.5:1).
    theme: {
      accent: '#3b5bdb', // --primary
      accentFg: '#ffffff',
      bg: '#ffffff', // --surface
      fg: '#1d2330', // --text
      muted: '#5d6778', // --text-muted
      radius: 10, // --radius
      font: 'system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Yu Gothic UI", Meiryo, Roboto, sans-serif',
      shadow: '0 10px 30px rgb(16 24 40 / 16%)', // --shadow-lg
    },
  });

  document.documentElement.lang = lang;
  const intlLocale = lang === 'ja' ? 'ja-JP' : 'en-US';

  // ------------------------------------------------------------------ i18n
  const messages = window.KANRI_I18N || {};
  function t(key, params) {
    const entry = messages[key];
    let text = entry ? (entry[lang] ?? entry.en) : undefined;
    if (typeof text !== 'string') {
      console.warn(`[kanri] missing translation: ${key}`);
      text = key;
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name) =>
      Object.hasOwn(params, name) ? String(params[name]) : match,
    );
  }

  function applyTranslations(root) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
      el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
    }
    for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
      el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
    }
  }

  const dateFormat = new Intl.DateTimeFormat(intlLocale, { month: 'short', day: 'numeric' });
  const fullDateFormat = new Intl.DateTimeFormat(intlLocale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const weekdayFormat = new Intl.DateTimeFormat(intlLocale, { weekday: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(intlLocale, { numeric: 'auto' });
  const numberFormat = new Intl.NumberFormat(intlLocale);

  function formatDate(value, full) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    return (full ? fullDateFormat : dateFormat).format(date);
  }

  function formatRelative(value) {
    const diff = new Date(value).getTime() - Date.now();
    const abs = Math.abs(diff);
    if (abs < 60 * 1000) return t('just_now');
    if (abs < 60 * 60 * 1000) return relativeFormat.format(Math.round(diff / 60000), 'minute');
    if (abs < DAY_MS) return relativeFormat.format(Math.round(diff / 3600000), 'hour');
    return relativeFormat.format(Math.round(diff / DAY_MS), 'day');
  }

  // ------------------------------------------------------------------ demo user and data
  function randomId(prefix) {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return `${prefix}_${window.crypto.randomUUID()}`;
    }
    // randomUUID needs a secure context; getRandomValues does not.
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return `${prefix}_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  }

  function ensure(key, create) {
    let value = getRaw(key);
    if (!value) {
      value = create();
      setRaw(key, value);
    }
    return value;
  }

  const userId = ensure(USER_KEY, () => randomId('u'));
  const signedUpAt = ensure(SIGNED_UP_KEY, () => new Date().toISOString());
  const signedUpMs = Date.parse(signedUpAt) || Date.now();

  let profile = getJSON(PROFILE_KEY, null);
  if (!profile || typeof profile.name !== 'string' || !profile.name) {
    profile = { name: t('default_user_name'), email: 'yamada@acme.example' };
    setJSON(PROFILE_KEY, profile);
  }

  // A trial workspace comes with one sample project, set up by the teammate who invited you.
  function seedProjects() {
    return [
      {
        id: 'p_sample',
        sample: true,
        name: '',
        status: 'on_track',
        tasks: 12,
        done: 5,
        due: new Date(signedUpMs + 21 * DAY_MS).toISOString().slice(0, 10),
        createdAt: new Date(signedUpMs - 3 * DAY_MS).toISOString(),
      },
    ];
  }
  function seedMembers() {
    return [
      { id: 'm_sato', nameKey: 'member_sato', email: 'sato@acme.example', role: 'owner' },
      { id: 'm_suzuki', nameKey: 'member_suzuki', email: 'suzuki@acme.example', role: 'member' },
      { id: 'm_me', you: true, role: 'admin' },
    ];
  }
  function seedActivity() {
    return [
      { type: 'member_joined', actor: 'me', at: signedUpAt },
      {
        type: 'task_done',
        actor: 'm_suzuki',
        at: new Date(signedUpMs - 1 * DAY_MS).toISOString(),
        params: { taskKey: 'task_wireframes' },
      },
      {
        type: 'member_joined',
        actor: 'm_suzuki',
        at: new Date(signedUpMs - 2 * DAY_MS).toISOString(),
      },
      {
        type: 'project_created',
        actor: 'm_sato',
        at: new Date(signedUpMs - 3 * DAY_MS).toISOString(),
        params: { sample: true },
      },
      {
        type: 'workspace_created',
        actor: 'm_sato',
        at: new Date(signedUpMs - 3 * DAY_MS - 600000).toISOString(),
      },
    ];
  }

  function loadList(key, seed) {
    const list = getJSON(key, null);
    if (Array.isArray(list)) return list;
    const seeded = seed();
    setJSON(key, seeded);
    return seeded;
  }

  const projects = loadList(PROJECTS_KEY, seedProjects);
  const members = loadList(MEMBERS_KEY, seedMembers);
  const activity = loadList(ACTIVITY_KEY, seedActivity);

  // The user's traits, for the flows' audience rules. projectsCreated counts the projects this
  // user made (not the sample): the trial banner waits for the first one, so a new user meets the
  // product before its terms.
  function userTraits() {
    return {
      name: profile.name,
      plan: 'trial',
      signedUpAt,
      projectsCreated: projects.filter((p) => !p.sample).length,
    };
  }

  tebiki('identify', userId, userTraits());
  tebiki('group', 'acme-inc', { name: 'Acme Inc.', plan: 'trial', seats: SEATS, touch: 'tech' });

  function projectName(project) {
    return project.sample ? t('sample_project_name') : project.name;
  }
  function memberName(member) {
    if (member.you) return profile.name;
    if (member.nameKey) return t(member.nameKey);
    return member.email;
  }
  function actorName(actorId) {
    if (actorId === 'me') return t('you');
    const member = members.find((m) => m.id === actorId);
    return member ? t('honorific', { name: memberName(member) }) : '';
  }
  function initials(name) {
    const trimmed = String(name || '').trim();
    if (!trimmed) return '?';
    // Japanese names: the first character of the family name, as is usual for avatars.
    if (/[\u3040-\u30ff\u3400-\u9fff]/.test(trimmed[0])) return trimmed[0];
    const words = trimmed.split(/\s+/);
    return words
      .slice(0, 2)
      .map((w) => w[0].toUpperCase())
      .join('');
  }

  function addActivity(type, params) {
    activity.unshift({ type, actor: 'me', at: new Date().toISOString(), params });
    activity.length = Math.min(activity.length, 30);
    setJSON(ACTIVITY_KEY, activity);
  }
  function activityText(item) {
    const params = Object.assign({}, item.params, { actor: actorName(item.actor) });
    if (params.sample) params.project = t('sample_project_name');
    if (params.taskKey) params.task = t(params.taskKey);
    return t(`activity_${item.type}`, params);
  }

  function createProject(name, due) {
    const project = {
      id: randomId('p'),
      name,
      status: 'planning',
      tasks: 0,
      done: 0,
      due: due || '',
      createdAt: new Date().toISOString(),
    };
    projects.unshift(project);
    setJSON(PROJECTS_KEY, projects);
    addActivity('project_created', { project: name });
    tebiki('identify', userId, userTraits());
    tebiki('track', 'project_created', { name });
    toast(t('toast_project_created', { name }));
    return project;
  }

  function validateProjectName(name) {
    if (!name) return 'error_name_required';
    if (name.length > 80) return 'error_name_too_long';
    const lower = name.toLowerCase();
    if (projects.some((p) => projectName(p).toLowerCase() === lower)) return 'error_name_taken';
    return null;
  }

  const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  // ------------------------------------------------------------------ DOM helpers
  function $(selector) {
    return document.querySelector(selector);
  }
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name === 'class') el.className = value;
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }
  function setText(selector, text) {
    const el = $(selector);
    if (el) el.textContent = text;
  }

  function showFieldError(input, key, params) {
    const error = document.getElementById(`${input.id}-error`);
    input.setAttribute('aria-invalid', 'true');
    if (error) {
      error.textContent = t(key, params);
      error.hidden = false;
    }
    input.focus();
  }
  function clearFieldError(input) {
    const error = document.getElementById(`${input.id}-error`);
    input.removeAttribute('aria-invalid');
    if (error) {
      error.textContent = '';
      error.hidden = true;
    }
  }

  let toastTimer = 0;
  function toast(message) {
    const region = $('#toast');
    if (!region) return;
    region.replaceChildren(h('div', { class: 'toast' }, message));
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => region.replaceChildren(), 4000);
  }

  function statusBadge(status) {
    return h('span', { class: `status status-${status}` }, t(`status_${status}`));
  }

  function progressBar(project) {
    const total = project.tasks || 0;
    const done = Math.min(project.done || 0, total);
    const label = t('progress_value', { done, total });
    return h(
      'div',
      { class: 'progress' },
      h('progress', { max: Math.max(total, 1), value: done, 'aria-label': label }),
      h('span', { class: 'progress-label' }, label),
    );
  }

  function setLang(next) {
    if (next !== 'ja' && next !== 'en') return;
    setRaw(LANG_KEY, next);
    // Tebiki picks its locale at init, so the simplest correct switch is a reload.
    if (next !== lang) window.location.reload();
  }

  // ------------------------------------------------------------------ shell (every page)
  function setupShell() {
    applyTranslations(document);

    const select = $('#lang-switch');
    if (select) {
      select.value = lang;
      select.addEventListener('change', () => setLang(select.value));
    }

    const badge = $('#trial-badge');
    if (badge) {
      const daysLeft = TRIAL_DAYS - Math.floor((Date.now() - signedUpMs) / DAY_MS);
      badge.textContent =
        daysLeft > 0 ? t('trial_badge', { days: daysLeft }) : t('trial_badge_ended');
    }

    renderAvatar();

    // Works even when a <base> element changes what "#main" resolves to.
    const skip = $('.skip-link');
    const main = $('#main');
    if (skip && main) {
      skip.addEventListener('click', (event) => {
        event.preventDefault();
        main.focus();
      });
    }
  }

  function renderAvatar() {
    const avatar = $('#avatar');
    if (!avatar) return;
    avatar.textContent = initials(profile.name);
    avatar.setAttribute('aria-label', t('account_settings', { name: profile.name }));
  }

  // ------------------------------------------------------------------ dashboard
  function setupDashboard() {
    setText('#greeting', t('dashboard_greeting', { name: profile.name }));
    renderDashboard();

    const button = $('#new-project');
    const panel = $('#quick-create');
    const form = $('#quick-create-form');
    const input = $('#quick-project-name');

    function closePanel() {
      panel.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      form.reset();
      clearFieldError(input);
    }

    button.addEventListener('click', () => {
      panel.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      input.focus();
    });
    $('#quick-create-cancel').addEventListener('click', () => {
      closePanel();
      button.focus();
    });
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        closePanel();
        button.focus();
      }
    });
    input.addEventListener('input', () => clearFieldError(input));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      const error = validateProjectName(name);
      if (error) {
        showFieldError(input, error);
        return;
      }
      createProject(name);
      closePanel();
      renderDashboard();
      button.focus();
    });

    $('#export').addEventListener('click', exportProjects);
  }

  function renderDashboard() {
    const active = projects.filter((p) => p.status !== 'done');
    const open = projects.reduce((sum, p) => sum + Math.max((p.tasks || 0) - (p.done || 0), 0), 0);
    const done = projects.reduce((sum, p) => sum + (p.done || 0), 0);
    const invited = members.filter((m) => m.status === 'invited').length;

    setText('#stat-projects', numberFormat.format(active.length));
    setText('#stat-projects-note', t('stat_projects_note', { count: projects.length }));
    setText('#stat-open-tasks', numberFormat.format(open));
    setText('#stat-done-tasks', numberFormat.format(done));
    setText('#stat-seats', t('stat_seats_value', { used: members.length, total: SEATS }));
    setText('#stat-seats-note', t('stat_seats_note', { count: invited }));

    const list = $('#project-list');
    list.replaceChildren(
      ...projects
        .slice(0, 5)
        .map((p) =>
          h(
            'li',
            { class: 'project-item' },
            h(
              'div',
              { class: 'project-item-main' },
              h(
                'a',
                { class: 'project-item-name', href: 'projects.html' },
                projectName(p),
                p.sample ? h('span', { class: 'tag' }, t('sample_tag')) : null,
              ),
              statusBadge(p.status),
            ),
            progressBar(p),
          ),
        ),
    );
    $('#projects-empty').hidden = projects.length > 0;

    $('#activity-list').replaceChildren(
      ...activity
        .slice(0, 6)
        .map((item) =>
          h(
            'li',
            { class: 'activity-item' },
            h('span', { class: 'activity-dot', 'aria-hidden': 'true' }),
            h(
              'div',
              {},
              h('p', { class: 'activity-text' }, activityText(item)),
              h('time', { class: 'activity-time', datetime: item.at }, formatRelative(item.at)),
            ),
          ),
        ),
    );
  }

  function csvCell(value) {
    const text = String(value ?? '');
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  function exportProjects() {
    const header = ['col_project', 'col_status', 'col_done', 'col_open', 'col_due', 'col_created'];
    const rows = projects.map((p) => [
      projectName(p),
      t(`status_${p.status}`),
      p.done || 0,
      Math.max((p.tasks || 0) - (p.done || 0), 0),
      p.due || '',
      (p.createdAt || '').slice(0, 10),
    ]);
    const csv = [header.map((key) => t(key)), ...rows]
      .map((row) => row.map(csvCell).join(','))
      .join('\r\n');
    // The BOM lets spreadsheet apps read the Japanese text as UTF-8.
    const blob = new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = h('a', {
      href: url,
      download: `kanri-projects-${new Date().toISOString().slice(0, 10)}.csv`,
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);

    tebiki('track', 'projects_exported', { count: projects.length });
    addActivity('exported', { count: projects.length });
    toast(t('toast_exported', { count: projects.length }));
    renderDashboard();
  }

  // ------------------------------------------------------------------ projects
  function setupProjects() {
    renderProjects();
    const form = $('#project-form');
    const input = $('#project-name');
    const due = $('#project-due');
    input.addEventListener('input', () => clearFieldError(input));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      const error = validateProjectName(name);
      if (error) {
        showFieldError(input, error);
        return;
      }
      createProject(name, due.value);
      form.reset();
      renderProjects();
      input.focus();
    });
    if (window.location.hash === '#new') input.focus();
  }

  function renderProjects() {
    const count = projects.length;
    setText(
      '#projects-count',
      count === 1 ? t('projects_count_one') : t('projects_count', { count }),
    );
    $('#projects-body').replaceChildren(
      ...projects.map((p) =>
        h(
          'tr',
          { 'data-project-id': p.id },
          h(
            'th',
            { scope: 'row' },
            h(
              'span',
              { class: 'project-cell' },
              projectName(p),
              p.sample ? h('span', { class: 'tag' }, t('sample_tag')) : null,
            ),
          ),
          h('td', { 'data-col': 'status' }, statusBadge(p.status)),
          h('td', { 'data-col': 'progress' }, progressBar(p)),
          h(
            'td',
            { class: 'nowrap', 'data-col': 'due', 'data-label': t('col_due') },
            p.due ? formatDate(`${p.due}T00:00:00`, true) : t('no_due'),
          ),
          h(
            'td',
            { class: 'nowrap muted', 'data-col': 'created', 'data-label': t('col_created') },
            formatDate(p.createdAt, true),
          ),
        ),
      ),
    );
    $('#projects-empty').hidden = count > 0;
  }

  // ------------------------------------------------------------------ reports
  // Spread a total over the seven days from `start`, in a plausible pattern by weekday
  // (Sunday first: weekends are quiet, midweek is busy).
  function spreadOverWeek(total, start) {
    const byWeekday = [0, 3, 4, 2, 5, 3, 1];
    const days = Array.from({ length: 7 }, (_, i) => new Date(start.getTime() + i * DAY_MS));
    const weights = days.map((day) => byWeekday[day.getDay()]);
    const sum = weights.reduce((a, b) => a + b, 0);
    const values = weights.map((w) => Math.floor((total * w) / sum));
    const busiestFirst = weights
      .map((w, i) => [w, i])
      .sort((a, b) => b[0] - a[0])
      .map(([, i]) => i);
    const rest = total - values.reduce((a, b) => a + b, 0);
    for (let i = 0; i < rest; i += 1) values[busiestFirst[i % busiestFirst.length]] += 1;
    return values;
  }

  function setupReports() {
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    const start = new Date(today.getTime() - 6 * DAY_MS);
    setText(
      '#report-range',
      t('reports_range', { from: formatDate(start, true), to: formatDate(today, true) }),
    );

    const done = projects.reduce((sum, p) => sum + (p.done || 0), 0);
    const open = projects.reduce((sum, p) => sum + Math.max((p.tasks || 0) - (p.done || 0), 0), 0);
    const onTrack = projects.filter((p) => p.status === 'on_track' || p.status === 'done').length;
    const active = members.filter((m) => m.status !== 'invited').length;
    setText('#report-done', numberFormat.format(done));
    setText('#report-open', numberFormat.format(open));
    setText(
      '#report-on-track',
      t('report_on_track_value', { count: onTrack, total: projects.length }),
    );
    setText('#report-members', numberFormat.format(active));

    const values = spreadOverWeek(done, start);
    const max = Math.max(...values, 1);
    $('#report-chart').replaceChildren(
      ...values.map((value, i) => {
        const bar = h('span', { class: 'chart-bar' });
        // CSSOM, not a style attribute, so a strict CSP (style-src 'self') allows it.
        bar.style.setProperty('--value', String(value / max));
        return h(
          'div',
          { class: 'chart-col' },
          h('span', { class: 'chart-value' }, numberFormat.format(value)),
          h('div', { class: 'chart-track' }, bar),
          h(
            'span',
            { class: 'chart-day' },
            weekdayFormat.format(new Date(start.getTime() + i * DAY_MS)),
          ),
        );
      }),
    );

    $('#report-body').replaceChildren(
      ...projects.map((p) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, projectName(p)),
          h('td', { class: 'num' }, numberFormat.format(p.done || 0)),
          h(
            'td',
            { class: 'num' },
            numberFormat.format(Math.max((p.tasks || 0) - (p.done || 0), 0)),
          ),
          h('td', { class: 'optional-col' }, statusBadge(p.status)),
        ),
      ),
    );
  }

  // ------------------------------------------------------------------ settings
  function setupSettings() {
    const profileForm = $('#profile-form');
    const nameInput = $('#profile-name');
    const emailInput = $('#profile-email');
    nameInput.value = profile.name;
    emailInput.value = profile.email || '';
    nameInput.addEventListener('input', () => clearFieldError(nameInput));
    emailInput.addEventListener('input', () => clearFieldError(emailInput));
    profileForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = nameInput.value.trim();
      const email = emailInput.value.trim();
      if (!name) {
        showFieldError(nameInput, 'error_profile_name');
        return;
      }
      if (email && !EMAIL_RE.test(email)) {
        showFieldError(emailInput, 'error_email_invalid');
        return;
      }
      profile = { name, email };
      setJSON(PROFILE_KEY, profile);
      tebiki('identify', userId, userTraits());
      renderAvatar();
      renderMembers();
      toast(t('toast_saved'));
    });

    for (const radio of document.querySelectorAll('input[name="settings-lang"]')) {
      radio.checked = radio.value === lang;
      radio.addEventListener('change', () => {
        if (radio.checked) setLang(radio.value);
      });
    }

    renderMembers();
    const inviteForm = $('#invite-form');
    const inviteEmail = $('#invite-email');
    const inviteRole = $('#invite-role');
    inviteEmail.addEventListener('input', () => clearFieldError(inviteEmail));
    inviteForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const email = inviteEmail.value.trim().toLowerCase();
      if (!EMAIL_RE.test(email)) {
        showFieldError(inviteEmail, 'error_email_invalid');
        return;
      }
      const taken = members.some((m) => (m.you ? profile.email : m.email)?.toLowerCase() === email);
      if (taken) {
        showFieldError(inviteEmail, 'error_email_taken');
        return;
      }
      if (members.length >= SEATS) {
        showFieldError(inviteEmail, 'error_seats_full', { total: SEATS });
        return;
      }
      members.push({
        id: randomId('m'),
        email,
        role: inviteRole.value === 'admin' ? 'admin' : 'member',
        status: 'invited',
        invitedAt: new Date().toISOString(),
      });
      setJSON(MEMBERS_KEY, members);
      addActivity('teammate_invited', { email });
      tebiki('track', 'teammate_invited');
      toast(t('toast_invited', { email }));
      inviteForm.reset();
      inviteEmail.value = '';
      renderMembers();
    });

    $('#reset-demo').addEventListener('click', resetDemo);
  }

  function renderMembers() {
    setText('#team-seats', t('team_seats', { used: members.length, total: SEATS }));
    $('#member-list').replaceChildren(
      ...members.map((m) => {
        const name = memberName(m);
        const invited = m.status === 'invited';
        return h(
          'li',
          { class: 'member' },
          h(
            'span',
            { class: `avatar avatar-sm${invited ? ' avatar-pending' : ''}` },
            initials(name),
          ),
          h(
            'div',
            { class: 'member-main' },
            h(
              'p',
              { class: 'member-name' },
              name,
              // Full-width brackets in Japanese carry their own spacing.
              m.you
                ? h('span', { class: 'muted' }, `${lang === 'ja' ? '' : ' '}${t('member_you')}`)
                : null,
            ),
            h('p', { class: 'member-email muted' }, m.you ? profile.email : m.email),
          ),
          h('span', { class: 'role' }, t(`role_${m.role}`)),
          h(
            'span',
            { class: `status ${invited ? 'status-invited' : 'status-active'}` },
            t(invited ? 'member_invited' : 'member_active'),
          ),
        );
      }),
    );
  }

  async function resetDemo() {
    // Forget the Tebiki user and progress, then this app's own demo data (the language stays).
    const result = tebiki('reset');
    if (result && typeof result.then === 'function') {
      await Promise.race([result.catch(() => {}), new Promise((r) => setTimeout(r, 1000))]);
    }
    for (const key of [
      USER_KEY,
      SIGNED_UP_KEY,
      PROFILE_KEY,
      PROJECTS_KEY,
      MEMBERS_KEY,
      ACTIVITY_KEY,
    ]) {
      try {
        window.localStorage.removeItem(key);
      } catch {
        memory.delete(key);
      }
    }
    window.location.href = 'dashboard.html';
  }

  // ------------------------------------------------------------------ start
  function start() {
    setupShell();
    const setup = {
      dashboard: setupDashboard,
      projects: setupProjects,
      reports: setupReports,
      settings: setupSettings,
    }[document.body.dataset.page];
    if (setup) setup();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start, { once: true });
  } else {
    start();
  }
})();
