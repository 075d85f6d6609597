// Screenshots of the pages the design system touched, at desktop, tablet and phone widths, for
// docs/design-system.md and for looking at before calling a change done.
//
//   node dist/api/api/src/main.js            (with PORT, and a fresh CAIRN_DATA_DIR)
//   BASE_URL=http://localhost:PORT OUT=/tmp/shots node client/e2e/screenshots.mjs
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const base = process.env.BASE_URL ?? 'http://localhost:4311';
const out = process.env.OUT ?? 'screenshots';
const widths = (process.env.WIDTHS ?? '1366,768,390').split(',').map(Number);
const password = 'cairn-demo-2026';
mkdirSync(out, { recursive: true });

async function signIn(page, email) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  // Until every skeleton has given way to its data.
  await page
    .waitForFunction(() => !document.querySelector('cairn-skeleton'), undefined, { timeout: 15000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

const only = process.env.ONLY?.split(',');
const journeys = [
  {
    who: 'therapist@demo.clinic',
    pages: [
      ['today', async (page) => page.goto(`${base}/therapist`)],
      ['caseload', async (page) => page.goto(`${base}/therapist/caseload`)],
      [
        'chart',
        async (page) => {
          await page.goto(`${base}/therapist/caseload`);
          await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
        },
      ],
      [
        'progress',
        async (page) => {
          await page.goto(`${base}/therapist/caseload`);
          await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
          await page.getByRole('link', { name: 'Progress and reports' }).click();
        },
      ],
      [
        'note-editor',
        async (page) => {
          await page.goto(`${base}/therapist/caseload`);
          await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
          await page
            .getByRole('region', { name: 'Session notes' })
            .getByRole('listitem')
            .filter({ hasText: 'Draft' })
            .getByRole('link')
            .first()
            .click();
        },
      ],
      ['schedule', async (page) => page.goto(`${base}/therapist/schedule`)],
      [
        'schedule-book-series',
        async (page) => {
          await page.goto(`${base}/therapist/schedule`);
          await page.getByRole('button', { name: 'Book appointment' }).click();
          const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
          await dialog.getByLabel('Repeats', { exact: true }).click();
          await page.getByRole('option', { name: 'Every 3 weeks', exact: true }).click();
          await dialog.getByLabel('Sessions in all').fill('8');
        },
      ],
    ],
  },
  {
    who: 'client@demo.clinic',
    pages: [
      ['portal-home', async (page) => page.goto(`${base}/portal/home`)],
      ['portal-questionnaires', async (page) => page.goto(`${base}/portal/questionnaires`)],
    ],
  },
  {
    who: 'admin@demo.clinic',
    pages: [
      ['audit', async (page) => page.goto(`${base}/admin/audit`)],
      ['messages', async (page) => page.goto(`${base}/admin/messages`)],
      ['staff-security', async (page) => page.goto(`${base}/admin/staff-security`)],
      ['clinic-settings', async (page) => page.goto(`${base}/admin/settings`)],
      ['account-security', async (page) => page.goto(`${base}/account/security`)],
    ],
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
for (const journey of journeys) {
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, journey.who);
    for (const [name, open] of journey.pages) {
      if (only && !only.includes(name)) continue;
      await open(page);
      await settle(page);
      const file = path.join(out, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
