#!/usr/bin/env node
// `pnpm demo`: the Kanri example app with Tebiki embedded, wired to the reference collector.
//
//  1. starts the collector (packages/collector/src/main.ts) as a child process and waits until
//     its read API answers;
//  2. serves examples/saas-demo/ on http://HOST:DEMO_PORT, with /tebiki/* from
//     packages/tebiki/dist/ and /t/* proxied to the collector's /v1/* (same-origin beacons).
//
// Configured by environment only (no TTY needed, so Playwright can use it as its webServer):
//   DEMO_PORT           port of the example app                    (default 5173)
//   PORT                port of the collector                      (default 8787)
//   HOST                interface both listen on                   (default 127.0.0.1)
//   TEBIKI_DB           collector database file                    (default .tebiki-demo/demo.db)
//   TEBIKI_ADMIN_TOKEN  dashboard and read API token               (default demo-admin-token)
//   TEBIKI_WRITE_KEYS   write keys the collector accepts           (default pk_demo)
//   DEMO_CSP            "off" drops the strict Content-Security-Policy sent with the pages
//   DEMO_SEED           "off" keeps an empty database empty (no synthetic history)
//
// On first start (an empty database) it seeds a synthetic onboarding history first
// (packages/collector/src/seed.ts), so that the dashboard has something to show at once;
// the app's live events add on top.
//
// Built-ins only: this runs before anything else in the repo is known to work.

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_ROOT = path.join(ROOT, 'examples', 'saas-demo');
const DIST_ROOT = path.join(ROOT, 'packages', 'tebiki', 'dist');
const COLLECTOR_ENTRY = path.join('packages', 'collector', 'src', 'main.ts');
const SEED_ENTRY = path.join('packages', 'collector', 'src', 'seed.ts');

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const SELF_STOP_GRACE_MS = 1_000;
const PROXY_TIMEOUT_MS = 30_000;
const MAX_PROXY_BODY = 10 * 1024 * 1024;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// Pages are served under a strict policy: no inline scripts or styles, nothing off-origin.
// This is what the queue stub being its own file is for; Tebiki's UI must work under it too.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Hop-by-hop headers are about one connection and are not forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// ------------------------------------------------------------------ configuration

function fail(message) {
  console.error(`[demo] ${message}`);
  process.exit(1);
}

function readPort(name, fallback, { allowZero }) {
  const text = (process.env[name] ?? '').trim();
  if (!text) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535 || (port === 0 && !allowZero)) {
    fail(`${name}: expected a port number from ${allowZero ? 0 : 1} to 65535, got "${text}"`);
  }
  return port;
}

const HOST = (process.env.HOST ?? '').trim() || '127.0.0.1';
const DEMO_PORT = readPort('DEMO_PORT', 5173, { allowZero: true });
// The collector's port must be known in advance: the proxy and the printed URLs need it.
const PORT = readPort('PORT', 8787, { allowZero: false });
const ADMIN_TOKEN = (process.env.TEBIKI_ADMIN_TOKEN ?? '').trim() || 'demo-admin-token';
const WRITE_KEYS = process.env.TEBIKI_WRITE_KEYS ?? 'pk_demo';
const DB_SETTING = (process.env.TEBIKI_DB ?? '').trim();
const DB_PATH = DB_SETTING
  ? path.resolve(process.cwd(), DB_SETTING)
  : path.join(ROOT, '.tebiki-demo', 'demo.db');
const CSP_ENABLED = (process.env.DEMO_CSP ?? '').trim().toLowerCase() !== 'off';
const SEED_ENABLED = (process.env.DEMO_SEED ?? '').trim().toLowerCase() !== 'off';

// Where to connect and what to print: a wildcard listen address is reached via loopback.
const CONNECT_HOST = HOST === '0.0.0.0' ? '127.0.0.1' : HOST === '::' ? '::1' : HOST;

function origin(host, port) {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const COLLECTOR_ORIGIN = origin(CONNECT_HOST, PORT);

// ------------------------------------------------------------------ preflight

if (!existsSync(path.join(DIST_ROOT, 'tebiki.js'))) {
  fail(
    `${path.relative(ROOT, path.join(DIST_ROOT, 'tebiki.js'))} is missing. ` +
      'Run `pnpm build` first (or use `pnpm demo`, which builds before starting).',
  );
}
if (!existsSync(path.join(ROOT, COLLECTOR_ENTRY))) {
  fail(`${COLLECTOR_ENTRY} is missing: the reference collector is needed to receive beacons.`);
}
const keys = WRITE_KEYS.split(',').map((key) => key.trim());
if (WRITE_KEYS.trim() && !keys.includes('pk_demo')) {
  console.warn(
    `[demo] warning: TEBIKI_WRITE_KEYS does not include pk_demo, the key the example app ` +
      'sends; the collector will reject its beacons.',
  );
}
try {
  mkdirSync(path.dirname(DB_PATH), { recursive: true });
} catch (error) {
  fail(`cannot create the folder for TEBIKI_DB (${DB_PATH}): ${error.message}`);
}

// ------------------------------------------------------------------ first-run seed

if (SEED_ENABLED && existsSync(path.join(ROOT, SEED_ENTRY))) {
  // `--if-empty`: a database that already holds events (a second run) is left as it is.
  const seed = spawnSync(
    process.execPath,
    ['--import', 'tsx', SEED_ENTRY, '--if-empty', '--flows', path.join(APP_ROOT, 'tebiki.json')],
    {
      cwd: ROOT,
      env: { ...process.env, TEBIKI_DB: DB_PATH },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (seed.status !== 0) {
    console.warn('[demo] warning: could not seed the demo database; the dashboard starts empty.');
  }
}

// ------------------------------------------------------------------ collector process

let shuttingDown = false;
let collectorExited = false;

const collector = spawn(process.execPath, ['--import', 'tsx', COLLECTOR_ENTRY], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(PORT),
    HOST,
    TEBIKI_DB: DB_PATH,
    TEBIKI_WRITE_KEYS: WRITE_KEYS,
    TEBIKI_ADMIN_TOKEN: ADMIN_TOKEN,
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});

function prefixLines(stream, out) {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    out.write(`[collector] ${line}\n`);
  });
}
prefixLines(collector.stdout, process.stdout);
prefixLines(collector.stderr, process.stderr);

collector.once('exit', () => {
  collectorExited = true;
});
// 'close' comes after 'exit' once its output is drained, so its last log lines get printed.
const collectorExit = new Promise((resolve) => {
  collector.once('close', (code, signal) => {
    collectorExited = true;
    resolve({ code, signal });
  });
});

collector.once('error', (error) => {
  // spawn itself failed (e.g. the node binary vanished): there is nothing to wait for.
  collectorExited = true;
  console.error(`[demo] could not start the collector: ${error.message}`);
  stopStaticServer();
  process.exit(1);
});

collectorExit.then(({ code, signal }) => {
  if (shuttingDown) return;
  // A Ctrl+C reaches the whole process group; give our own signal handler a moment to run
  // first, so an ordinary stop is not reported as a crash.
  setTimeout(() => {
    if (shuttingDown) return;
    const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    console.error(`[demo] the collector ${why} (see the [collector] lines above); stopping.`);
    stopStaticServer();
    process.exit(code && code !== 0 ? code : 1);
  }, 150);
});

// Last resort if this process exits some other way: never leave the collector behind.
process.on('exit', () => {
  if (!collectorExited) collector.kill('SIGKILL');
});

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function probeCollector() {
  return new Promise((resolve) => {
    const request = http.get(
      `${COLLECTOR_ORIGIN}/api/metrics`,
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, timeout: 2000 },
      (response) => {
        response.resume();
        resolve(response.statusCode);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(0));
  });
}

async function waitForCollector() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastStatus = 0;
  while (Date.now() < deadline) {
    if (collectorExited) return false;
    lastStatus = await probeCollector();
    if (lastStatus === 200) return true;
    if (lastStatus === 401) {
      fail(
        `${COLLECTOR_ORIGIN} rejects TEBIKI_ADMIN_TOKEN: is another collector already ` +
          `listening on port ${PORT}?`,
      );
    }
    await sleep(200);
  }
  const seen = lastStatus ? `last answer: HTTP ${lastStatus}` : 'no answer';
  fail(
    `the collector did not answer GET ${COLLECTOR_ORIGIN}/api/metrics within ` +
      `${READY_TIMEOUT_MS / 1000} s (${seen}).`,
  );
}

// ------------------------------------------------------------------ static files

/** Resolves a URL path inside root, or returns null when it would escape it. */
function resolveInside(root, urlPath) {
  const file = path.resolve(root, `.${path.posix.normalize(`/${urlPath}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** The file to serve for a request path, or null: directories → index.html, /name → name.html. */
async function findFile(root, urlPath) {
  const file = resolveInside(root, urlPath);
  if (!file) return null;
  const candidates = [file];
  if (urlPath.endsWith('/')) candidates.unshift(path.join(file, 'index.html'));
  else if (!path.extname(file)) candidates.push(`${file}.html`, path.join(file, 'index.html'));
  for (const candidate of candidates) {
    try {
      const info = await stat(candidate);
      if (!info.isFile()) continue;
      // Symbolic links must not lead outside the root either.
      const [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
      return { file: real, size: info.size };
    } catch {
      // Not there: try the next candidate.
    }
  }
  return null;
}

function sendText(response, status, text, headers = {}) {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(`${text}\n`);
}

async function serveStatic(request, response, root, urlPath) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    return;
  }
  const found = await findFile(root, urlPath);
  if (!found) {
    sendText(response, 404, 'Not Found');
    return;
  }
  const type = MIME[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    'content-type': type,
    'content-length': found.size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  if (type.startsWith('text/html') && CSP_ENABLED) headers['content-security-policy'] = CSP;
  response.writeHead(200, headers);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

// ------------------------------------------------------------------ beacon proxy

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_PROXY_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function describeBatch(body) {
  try {
    const batch = JSON.parse(body.toString('utf8'))?.batch;
    return Array.isArray(batch) ? ` (${batch.length} event${batch.length === 1 ? '' : 's'})` : '';
  } catch {
    return '';
  }
}

async function proxyToCollector(request, response, rest, search) {
  let body;
  try {
    body = await readBody(request);
  } catch (error) {
    if (!response.headersSent) sendText(response, error.status ?? 400, 'Bad Request');
    return;
  }

  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.has(name) && name !== 'host' && name !== 'content-length') {
      headers[name] = value;
    }
  }
  headers.host = new URL(COLLECTOR_ORIGIN).host;
  headers['content-length'] = String(body.length);
  const forwardedFor = request.headers['x-forwarded-for'];
  const client = request.socket.remoteAddress ?? '';
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${client}` : client;
  headers['x-forwarded-host'] = request.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';

  const target = `/v1/${rest}${search}`;
  const upstream = http.request(
    `${COLLECTOR_ORIGIN}${target}`,
    { method: request.method, headers, timeout: PROXY_TIMEOUT_MS },
    (upstreamResponse) => {
      const outHeaders = {};
      for (const [name, value] of Object.entries(upstreamResponse.headers)) {
        if (!HOP_BY_HOP.has(name)) outHeaders[name] = value;
      }
      response.writeHead(upstreamResponse.statusCode ?? 502, outHeaders);
      upstreamResponse.pipe(response);
      if (request.method === 'POST') {
        console.log(
          `[demo] beacon ${request.method} ${request.url} → collector ${target}: ` +
            `${upstreamResponse.statusCode}${describeBatch(body)}`,
        );
      }
    },
  );
  upstream.on('timeout', () =>
    upstream.destroy(Object.assign(new Error('timeout'), { status: 504 })),
  );
  upstream.on('error', (error) => {
    console.error(`[demo] proxy ${request.method} ${target} failed: ${error.message}`);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const status = error.status ?? 502;
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(
      JSON.stringify({
        error: status === 504 ? 'collector_timeout' : 'collector_unreachable',
        message: error.message,
      }),
    );
  });
  upstream.end(body);
}

// ------------------------------------------------------------------ app server

async function handle(request, response) {
  const url = new URL(request.url ?? '/', 'http://demo.invalid');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    sendText(response, 400, 'Bad Request');
    return;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    sendText(response, 400, 'Bad Request');
    return;
  }

  if (pathname.startsWith('/t/')) {
    // Forward the raw (still encoded) path so the collector sees exactly what was asked.
    await proxyToCollector(request, response, url.pathname.slice('/t/'.length), url.search);
    return;
  }
  if (pathname.startsWith('/tebiki/')) {
    await serveStatic(request, response, DIST_ROOT, pathname.slice('/tebiki/'.length));
    return;
  }
  await serveStatic(request, response, APP_ROOT, pathname === '/' ? 'index.html' : pathname);
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error) => {
    console.error(`[demo] ${request.method} ${request.url} failed:`, error);
    if (!response.headersSent) sendText(response, 500, 'Internal Server Error');
    else response.destroy();
  });
});

function stopStaticServer() {
  if (!server.listening) return;
  server.close();
  server.closeAllConnections();
}

function listen() {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(DEMO_PORT, HOST, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

// ------------------------------------------------------------------ shutdown

async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`[demo] ${signal}: stopping`);
  stopStaticServer();
  if (!collectorExited) {
    // A Ctrl+C in a terminal (or a signal to the process group, as Playwright sends) has already
    // reached the collector, and the collector treats a second signal as "exit without
    // cleaning up". So give it a moment to stop by itself before sending SIGTERM.
    await Promise.race([collectorExit, sleep(SELF_STOP_GRACE_MS)]);
  }
  if (!collectorExited) {
    collector.kill('SIGTERM');
    const timer = setTimeout(() => {
      console.error(
        `[demo] the collector did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`,
      );
      collector.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await collectorExit;
    clearTimeout(timer);
  }
  process.exit(0);
}

process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

// ------------------------------------------------------------------ main

const ready = await waitForCollector();
if (ready && !shuttingDown) {
  let appPort;
  try {
    appPort = await listen();
  } catch (error) {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${DEMO_PORT} is already in use (set DEMO_PORT)`
        : error.message;
    console.error(`[demo] cannot serve the app on ${HOST}:${DEMO_PORT}: ${reason}`);
    shuttingDown = true;
    collector.kill('SIGTERM');
    await Promise.race([collectorExit, sleep(STOP_TIMEOUT_MS)]);
    process.exit(1);
  }
  const app = origin(CONNECT_HOST, appPort);
  console.log(
    [
      '',
      'Tebiki demo is running',
      `  App:        ${app}/dashboard.html`,
      `  Dashboard:  ${COLLECTOR_ORIGIN}/?token=${encodeURIComponent(ADMIN_TOKEN)}`,
      `  Beacons:    POST ${app}/t/batch → collector /v1/batch`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}
