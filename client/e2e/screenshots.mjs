// Screenshots of every page of every role, at desktop, tablet and phone widths, for
// docs/design-system.md and for looking at before calling a change done.
//
//   node dist/api/api/src/main.js            (with PORT, and a fresh CAIRN_DATA_DIR)
//   BASE_URL=http://localhost:PORT OUT=/tmp/shots node client/e2e/screenshots.mjs
//
// ONLY=today,chart-notes takes only those shots; WIDTHS=390 only that width; FULL=1 the whole
// page instead of the first screen. The pages only read, except the one setup step (sending
// Jordan a safety screen to the portal, skipped when one is already open), so journeys may run
// in any order and as often as you like.
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
  await page
    .locator('main h1, h1')
    .first()
    .waitFor({ timeout: 15000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle');
  // Until every skeleton has given way to its data.
  await page
    .waitForFunction(() => !document.querySelector('cairn-skeleton'), undefined, { timeout: 15000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

const openChart = async (page, name = 'Jordan Rivera') => {
  await page.goto(`${base}/therapist/caseload`);
  await page.getByRole('link', { name, exact: true }).click();
  await page.locator('main h1').filter({ hasText: name }).waitFor();
};

/** The chart's section bar scrolls to a section; the shot is of that section at the top. */
const chartSection = (label) => async (page) => {
  await openChart(page);
  await settle(page);
  await page
    .getByRole('navigation', { name: 'Chart sections' })
    .getByRole('button', { name: label, exact: true })
    .click();
  await page.waitForTimeout(600);
};

const signedIn = (url) => async (page) => {
  // A new document each time: from /reset, going to /reset#token=… only changes the hash.
  if (url.includes('#')) await page.goto('about:blank');
  await page.goto(`${base}${url}`);
};

/** Opens the first link on `from` whose address starts with `prefix`. */
const firstLink = (from, prefix) => async (page) => {
  await page.goto(`${base}${from}`);
  const link = page.locator(`main a[href^="${prefix}"]`).first();
  await link.waitFor();
  await link.click();
};

const only = process.env.ONLY?.split(',');
const journeys = [
  {
    who: null,
    pages: [
      ['sign-in', signedIn('/sign-in')],
      [
        'sign-in-wrong-password',
        async (page) => {
          await page.goto(`${base}/sign-in`);
          await page.getByLabel('Email').fill('nobody@demo.clinic');
          // An unknown address: the per-address throttle never locks a demo account.
          await page.getByLabel('Password').fill('not-the-password');
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('alert').first().waitFor();
        },
      ],
      ['reset', signedIn('/reset')],
      ['reset-bad-token', signedIn('/reset#token=not-a-real-token')],
      ['welcome', signedIn('/welcome')],
      ['email-change', signedIn('/email-change')],
      ['not-found', signedIn('/no/such/page')],
      ['portal-signed-out', signedIn('/portal/home')],
    ],
  },
  {
    who: 'therapist@demo.clinic',
    pages: [
      ['today', signedIn('/therapist')],
      ['caseload', signedIn('/therapist/caseload')],
      [
        'chart',
        async (page) => {
          await openChart(page);
        },
      ],
      ['chart-notes', chartSection('Notes')],
      ['chart-measures', chartSection('Measures')],
      ['chart-homework', chartSection('Homework')],
      ['chart-history', chartSection('Intake & history')],
      ['chart-schedule', chartSection('Schedule')],
      [
        'chart-open-flag',
        async (page) => {
          await openChart(page, 'Priya Nair');
        },
      ],
      [
        'assessment',
        async (page) => {
          await openChart(page);
          await settle(page);
          const link = page.locator('main a[href*="/assessments/"]').first();
          await link.click();
        },
      ],
      [
        'assessment-completed',
        async (page) => {
          await openChart(page);
          await settle(page);
          await page
            .locator('main tr')
            .filter({ hasText: 'Completed' })
            .filter({ hasText: 'PHQ-9' })
            .locator('a[href*="/assessments/"]')
            .first()
            .click();
        },
      ],
      [
        'progress',
        async (page) => {
          await openChart(page);
          await page.getByRole('link', { name: 'Progress and reports' }).click();
        },
      ],
      [
        'note-editor',
        async (page) => {
          await openChart(page);
          await page
            .getByRole('region', { name: 'Session notes' })
            .getByRole('listitem')
            .filter({ hasText: 'Draft' })
            .getByRole('link')
            .first()
            .click();
        },
      ],
      [
        'note-signed',
        async (page) => {
          await openChart(page);
          await page
            .getByRole('region', { name: 'Session notes' })
            .getByRole('listitem')
            .filter({ hasText: 'Signed' })
            .getByRole('link')
            .first()
            .click();
        },
      ],
      ['schedule', signedIn('/therapist/schedule')],
      [
        'schedule-event',
        async (page) => {
          await page.goto(`${base}/therapist/schedule`);
          await settle(page);
          await page.locator('button.event').first().click();
        },
      ],
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
      ['therapist-account-security', signedIn('/account/security')],
    ],
  },
  {
    who: 'admin@demo.clinic',
    pages: [
      ['admin-schedule', signedIn('/admin/schedule')],
      ['directory', signedIn('/admin/clients')],
      ['new-client', signedIn('/admin/clients/new')],
      ['import', signedIn('/admin/clients/import')],
      [
        'admin-client-file',
        async (page) => {
          await page.goto(`${base}/admin/clients`);
          await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
          await page.locator('main h1').filter({ hasText: 'Jordan Rivera' }).waitFor();
        },
      ],
      ['staff', signedIn('/admin/staff')],
      ['staff-security', signedIn('/admin/staff-security')],
      ['audit', signedIn('/admin/audit')],
      ['clinic-settings', signedIn('/admin/settings')],
      ['messages', signedIn('/admin/messages')],
      ['retention', signedIn('/admin/retention')],
      ['account-security', signedIn('/account/security')],
      ['account-password', signedIn('/account/password')],
      ['account-email', signedIn('/account/email')],
    ],
  },
  {
    who: 'client@demo.clinic',
    setupAs: 'therapist@demo.clinic',
    setup: async (page) => {
      // A screen waiting in Jordan's portal, so the client journey has one to show.
      await openChart(page);
      const send = page.getByRole('button', { name: "Send to the client's portal" });
      await settle(page);
      if (await send.isVisible()) {
        await send.click();
        await page.waitForLoadState('networkidle');
      }
    },
    pages: [
      ['portal-home', signedIn('/portal/home')],
      ['portal-homework', firstLink('/portal/home', '/portal/homework/')],
      ['portal-questionnaires', signedIn('/portal/questionnaires')],
      ['portal-questionnaire', firstLink('/portal/questionnaires', '/portal/questionnaires/')],
      ['portal-help', signedIn('/portal/help')],
      ['portal-readings', signedIn('/portal/readings')],
      ['portal-reading', firstLink('/portal/readings', '/portal/readings/')],
      ['portal-safety', firstLink('/portal/questionnaires', '/portal/safety/')],
      ['portal-appointments', signedIn('/portal/appointments')],
      ['portal-account-security', signedIn('/account/security')],
    ],
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
for (const journey of journeys) {
  const names = journey.pages.map(([name]) => name);
  if (only && !names.some((name) => only.includes(name))) continue;
  if (journey.setup) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, journey.setupAs);
    await journey.setup(page);
    await context.close();
  }
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    if (journey.who) await signIn(page, journey.who);
    for (const [name, open] of journey.pages) {
      if (only && !only.includes(name)) continue;
      const file = path.join(out, `${name}-${width}.png`);
      try {
        await open(page);
        await settle(page);
        await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
        console.log(file);
      } catch (error) {
        // One page that cannot be reached does not cost the rest of the run.
        console.error(`${file}: ${error.message.split('\n')[0]}`);
        process.exitCode = 1;
      }
    }
    await context.close();
  }
}
await browser.close();
