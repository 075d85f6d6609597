import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { E2E_MAIL_DIR } from './mailbox';

const chromium = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((candidate): candidate is string => !!candidate && existsSync(candidate));
if (!chromium) {
  throw new Error(
    'The end-to-end tests drive Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH.',
  );
}

const port = Number(process.env['E2E_PORT'] ?? 4311);
const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, '.data/e2e');

/**
 * End-to-end journeys in Debian's Chromium (never a downloaded browser) against the built app,
 * started fresh on its own embedded PostgreSQL with the demo clinic.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // CI has two cores and runs the journeys about twice as slowly as a workstation; a journey that
  // takes 27 s there must not fail on the clock. Each step still waits at most its expect timeout.
  timeout: 60_000,
  reporter: process.env['CI']
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: path.join(root, 'playwright-report') }]],
  outputDir: path.join(root, 'test-results'),
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `rm -rf "${dataDir}" && node dist/api/api/src/main.js`,
    cwd: root,
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      CAIRN_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: process.env['E2E_PG_PORT'] ?? '54339',
      DATABASE_URL: '',
      // No SMTP_URL: mail is written as .eml files here, where the reset journey reads it.
      MAIL_DIR: E2E_MAIL_DIR,
      LOG_LEVEL: 'warn',
      // Every journey signs in from the same address; the per-address sign-in limit is for attackers.
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
  },
});
