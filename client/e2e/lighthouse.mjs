// Lighthouse scores and layout shift of the pages a clinic lives in: staff pages with the desktop
// preset, portal pages with the mobile preset (the client is usually on a phone). Measures, not
// tests: scores move with the machine's load, so they are written into the README by hand.
//
//   node dist/api/api/src/main.js            (with PORT, and a fresh CAIRN_DATA_DIR)
//   BASE_URL=http://localhost:PORT node client/e2e/lighthouse.mjs
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const base = process.env.BASE_URL ?? 'http://localhost:4311';
const port = Number(process.env.DEBUG_PORT ?? 9333);
const password = 'cairn-demo-2026';
const only = process.env.ONLY?.split(',');
const out = process.env.OUT;

// One browser profile per role: Lighthouse opens its own tab in the default context, which then
// carries the session cookie the sign-in below left.
async function withSignedIn(email, work) {
  const profile = mkdtempSync(path.join(tmpdir(), 'cairn-lh-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--remote-debugging-port=${port}`,
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    if (email) {
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    }
    await work(page);
  } finally {
    await context.close();
  }
}

async function firstHref(page, from, selector) {
  await page.goto(`${base}${from}`);
  const link = page.locator(selector).first();
  await link.waitFor();
  return new URL((await link.getAttribute('href')) ?? '', base).pathname;
}

const rows = [];
async function measure(name, pathname, mobile) {
  if (only && !only.includes(name)) return;
  const result = await lighthouse(
    `${base}${pathname}`,
    {
      port,
      output: 'json',
      logLevel: 'error',
      disableStorageReset: true,
      // Its check navigates away while the page may be refreshing its session, and the lost answer
      // ends the session (a spent refresh token is presumed stolen). Cairn refuses the
      // back-forward cache on purpose anyway: portal pages must not come back after quick exit.
      skipAudits: ['bf-cache'],
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    },
    mobile ? undefined : desktopConfig,
  );
  const lhr = result.lhr;
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const row = {
    page: name,
    preset: mobile ? 'mobile' : 'desktop',
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
    finalPath: new URL(lhr.finalDisplayedUrl).pathname,
  };
  // The timings behind the performance score, to see which one a low score comes from.
  const ms = (id) => Math.round(lhr.audits[id]?.numericValue ?? 0);
  row.timings = {
    fcp: ms('first-contentful-paint'),
    lcp: ms('largest-contentful-paint'),
    tbt: ms('total-blocking-time'),
    si: ms('speed-index'),
  };
  // How fast this machine's CPU is, by Lighthouse's own yardstick (its throttling multiplies it).
  row.benchmarkIndex = Math.round(lhr.environment?.benchmarkIndex ?? 0);
  rows.push(row);
  console.log(JSON.stringify(row));
  const failing = Object.values(lhr.audits).filter(
    (audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary',
  );
  for (const audit of failing) console.log(`    ${name}: ${audit.id} — ${audit.title}`);
  // What moved, so a layout shift can be traced to its element.
  if (process.env.SHOW_SHIFTS) {
    for (const item of lhr.audits['layout-shifts']?.details?.items ?? []) {
      console.log(`    shift ${item.score?.toFixed(3)}: ${item.node?.snippet ?? ''}`);
    }
  }
  if (process.env.SHOW_AUDIT) {
    console.log(JSON.stringify(lhr.audits[process.env.SHOW_AUDIT]?.details?.items ?? [], null, 1));
  }
}

await withSignedIn(null, async () => {
  await measure('sign-in', '/sign-in', false);
});
await withSignedIn('therapist@demo.clinic', async (page) => {
  const chart = await firstHref(page, '/therapist/caseload', 'a[href^="/therapist/clients/"]');
  // A draft note of the demo's first client, started as a therapist would.
  await page.goto(`${base}${chart}`);
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByRole('menuitem', { name: 'SOAP' }).click();
  await page.waitForURL(/\/therapist\/notes\//);
  const note = new URL(page.url()).pathname;
  await measure('today', '/therapist', false);
  await measure('caseload', '/therapist/caseload', false);
  await measure('chart', chart, false);
  await measure('note-editor', note, false);
  await measure('progress', `${chart}/progress`, false);
  await measure('schedule', '/therapist/schedule', false);
});
await withSignedIn('admin@demo.clinic', async () => {
  await measure('audit-trail', '/admin/audit', false);
});
await withSignedIn('client@demo.clinic', async () => {
  await measure('portal-home', '/portal/home', true);
  await measure('portal-questionnaires', '/portal/questionnaires', true);
  await measure('portal-help', '/portal/help', true);
  await measure('portal-appointments', '/portal/appointments', true);
});

console.log('\n| page | preset | performance | accessibility | best practices | CLS |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.page} | ${row.preset} | ${row.performance} | ${row.accessibility} | ${row.bestPractices} | ${row.cls} |`,
  );
}
if (out) writeFileSync(out, JSON.stringify(rows, null, 2));
