import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Chromium: TEBIKI_CHROMIUM when set, else a system Chromium when installed
 * (Debian's `chromium` on CI), else Playwright's own download
 * (`pnpm exec playwright install chromium` on a laptop).
 */
const systemChromium =
  process.env.TEBIKI_CHROMIUM ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export const launchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {};

export const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 5183);
export const COLLECTOR_PORT = Number(process.env.E2E_COLLECTOR_PORT ?? 8797);
export const ADMIN_TOKEN = 'e2e-admin-token';
/** The collector's database for one run; removed by tests/global-teardown.ts. */
export const E2E_DB = join(tmpdir(), `tebiki-e2e-${process.pid}.db`);

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  globalTeardown: './tests/global-teardown.ts',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${DEMO_PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    command: 'node scripts/demo.mjs',
    url: `http://127.0.0.1:${DEMO_PORT}/dashboard.html`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      DEMO_PORT: String(DEMO_PORT),
      PORT: String(COLLECTOR_PORT),
      TEBIKI_DB: E2E_DB,
      TEBIKI_ADMIN_TOKEN: ADMIN_TOKEN,
      TEBIKI_WRITE_KEYS: 'pk_demo',
    },
  },
});
