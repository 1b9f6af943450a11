// The page and the tour every library is measured on: a SaaS dashboard with a
// sticky header, a sidebar, stats, a chart, an invoice table, a settings form
// and an activity feed in its own scroll container (about 250 elements).

export interface BenchStep {
  id: string;
  target: string;
  title: string;
  body: string;
}

/** Ten steps, each anchored to an element: six in the first viewport, one deep in the feed, two below the fold, one in the sticky header. */
export const STEPS: BenchStep[] = [
  ['nav-projects', 'Your projects', 'Every project your team works on lives here.'],
  ['search', 'Search anything', 'Find projects, invoices and people from one box.'],
  ['side-reports', 'Reports', 'Weekly and monthly reports, ready to share.'],
  ['new-project', 'Create a project', 'Start here: a project holds tasks, files and people.'],
  ['stat-revenue', 'Revenue at a glance', 'This month so far, compared with last month.'],
  ['feed-item-5', 'Team activity', 'What your teammates did today, newest first.'],
  ['feed-item-20', 'Older activity', 'Scroll the feed to look further back.'],
  ['invoice-9-action', 'Invoice actions', 'Download, resend or void an invoice from here.'],
  ['settings-save', 'Save your settings', 'Changes apply to the whole workspace.'],
  ['help', 'Help is one click away', 'Guides, shortcuts and a way to reach us.'],
].map(([id, title, body]) => ({ id: id!, target: `#${id}`, title: title!, body: body! }));

/** The step left open while the feed scrolls, and how it scrolls. */
export const SCROLL = {
  stepIndex: 5,
  container: '#feed',
  /** Pixels per frame, and frames: the target moves 240 px up and stays inside the feed. */
  pxPerFrame: 2,
  frames: 120,
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#1f2430;background:#f5f6f8}
.top{position:sticky;top:0;z-index:20;display:flex;align-items:center;gap:16px;height:56px;padding:0 20px;background:#fff;border-bottom:1px solid #e3e5ea}
.top nav a{margin-right:14px;color:inherit;text-decoration:none}
.top input{width:260px;padding:6px 10px;border:1px solid #cfd3da;border-radius:6px}
.top .spacer{flex:1}
.layout{display:grid;grid-template-columns:200px 1fr 320px;gap:20px;padding:20px;align-items:start}
.side ul{list-style:none;margin:0;padding:0}
.side a{display:block;padding:6px 8px;border-radius:6px;color:inherit;text-decoration:none}
.toolbar{display:flex;align-items:center;gap:8px;margin-bottom:16px}
.toolbar h1{font-size:20px;margin:0 auto 0 0}
button{font:inherit;padding:6px 12px;border:1px solid #cfd3da;border-radius:6px;background:#fff}
.primary{background:#2f5bea;border-color:#2f5bea;color:#fff}
.stats{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-bottom:16px}
.card{background:#fff;border:1px solid #e3e5ea;border-radius:8px;padding:12px;margin-bottom:16px}
.card h2,.card h3{margin:0 0 6px;font-size:14px}
.stats .card strong{display:block;font-size:22px}
.chart{height:200px;display:flex;align-items:flex-end;gap:8px}
.chart span{flex:1;background:#9db3f6;border-radius:4px 4px 0 0}
table{width:100%;border-collapse:collapse}
td,th{padding:10px;border-bottom:1px solid #eef0f3;text-align:left}
.settings label{display:flex;justify-content:space-between;padding:10px 0;border-bottom:1px solid #eef0f3}
.rail h2{margin:0 0 8px;font-size:16px}
.feed{height:540px;overflow:auto;margin:0;padding:0;list-style:none;background:#fff;border:1px solid #e3e5ea;border-radius:8px}
.feed li{display:flex;gap:10px;align-items:center;height:52px;padding:0 12px;border-bottom:1px solid #f0f1f4}
.feed .avatar{width:28px;height:28px;border-radius:50%;background:#dfe5f7;flex:none}
.feed p{margin:0;flex:1}
.feed time{color:#6b7280;font-size:12px}
.page-footer{padding:20px 240px 200px;color:#6b7280}
`;

const people = ['Aiko', 'Ben', 'Chen', 'Dana', 'Emeka', 'Fatima'];
const repeat = (n: number, row: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => row(i)).join('');

const header = `<header class="top">
<strong>Acme</strong>
<nav><a href="#">Dashboard</a><a id="nav-projects" href="#">Projects</a><a href="#">Reports</a><a href="#">Team</a><a href="#">Billing</a></nav>
<input id="search" type="search" placeholder="Search" aria-label="Search">
<span class="spacer"></span>
<button type="button" aria-label="Notifications">🔔</button>
<button id="help" type="button">Help</button>
<button type="button" aria-label="Account">AK</button>
</header>`;

const sidebar = `<aside class="side"><ul>${repeat(12, (i) => {
  const names = ['Home', 'Inbox', 'Projects', 'Tasks', 'Calendar', 'Reports', 'Invoices'];
  const name = names[i] ?? `Space ${i - names.length + 1}`;
  return `<li><a${name === 'Reports' ? ' id="side-reports"' : ''} href="#">${name}</a></li>`;
})}</ul></aside>`;

const stats = `<section class="stats">${[
  ['stat-revenue', 'Revenue', '¥1,284,000', '+12% on last month'],
  ['stat-users', 'Active users', '3,412', '+4%'],
  ['stat-trials', 'Trials', '128', '−3%'],
  ['stat-churn', 'Churn', '1.8%', 'flat'],
]
  .map(
    ([id, name, value, delta]) =>
      `<div class="card" id="${id}"><h3>${name}</h3><strong>${value}</strong><small>${delta}</small></div>`,
  )
  .join('')}</section>`;

const chart = `<section class="card"><h2>Sign-ups</h2><div class="chart">${repeat(
  12,
  (i) => `<span style="height:${30 + ((i * 37) % 65)}%"></span>`,
)}</div></section>`;

const invoices = `<section class="card"><h2>Recent invoices</h2><table><thead><tr><th>Invoice</th><th>Customer</th><th>Amount</th><th></th></tr></thead><tbody>${repeat(
  12,
  (i) =>
    `<tr><td>INV-${1040 + i}</td><td>${people[i % people.length]} Ltd</td><td>¥${(i + 3) * 12_000}</td><td><button id="invoice-${i}-action" type="button">Actions</button></td></tr>`,
)}</tbody></table></section>`;

const settings = `<section class="card settings"><h2>Workspace settings</h2>${repeat(
  6,
  (i) => `<label>Setting ${i + 1}<input type="checkbox"${i % 2 ? ' checked' : ''}></label>`,
)}<p><button id="settings-save" class="primary" type="button">Save</button></p></section>`;

const feed = `<aside class="rail"><h2>Activity</h2><ul id="feed" class="feed">${repeat(
  24,
  (i) =>
    `<li id="feed-item-${i}"><span class="avatar"></span><p>${people[i % people.length]} updated project ${i + 1}</p><time>${i + 1}h</time></li>`,
)}</ul></aside>`;

/** The page's `<style>` and `<body>` content, the same for every library. */
export const APP_PAGE = `<style>${STYLE}</style>
${header}
<div class="layout">
${sidebar}
<main>
<div class="toolbar"><h1>Dashboard</h1><button type="button">Filter</button><button type="button">Export</button><button id="new-project" class="primary" type="button">New project</button></div>
${stats}
${chart}
${invoices}
${settings}
</main>
${feed}
</div>
<footer class="page-footer">Acme Inc. · <a href="#">Terms</a> · <a href="#">Privacy</a></footer>`;

/**
 * The whole page: `head` loads the library, then the steps, the probe and the
 * library's adapter (`/bench/<adapter>`) run after the body.
 */
export const benchPage = (
  head: string,
  adapter: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Dashboard · Acme</title>
${head}
</head><body>
${APP_PAGE}
<script src="/bench/steps.js"></script>
<script src="/bench/probe.js"></script>
<script src="/bench/${adapter}"></script>
</body></html>`;
