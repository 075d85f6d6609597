import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, openCaseload, signIn } from './demo-accounts';

/** Serious and critical accessibility problems on the page as it stands. */
async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`,
    );
  expect(serious).toEqual([]);
}

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const login = await request.post('/api/auth/login', {
    data: { email, password: DEMO_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** The demo clinic's zone (the seed's). */
const CLINIC_ZONE = 'America/Chicago';

/** Today (in the zone) at the given hour, as an instant. */
function clinicTodayAt(hour: number, timeZone: string): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const guess = Date.UTC(year, month - 1, date, hour);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(new Date(guess))
      .map((part) => [part.type, Number(part.value)]),
  );
  const shown = Date.UTC(
    parts['year'] ?? 0,
    (parts['month'] ?? 1) - 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
  );
  return new Date(guess - (shown - guess));
}

interface Found {
  items: { id: string; displayName: string; primaryTherapist: { id: string } | null }[];
}

/**
 * Books a session today, late in the clinic's evening (outside hours, with a reason), or in a
 * few minutes when the evening has begun.
 */
async function bookToday(
  request: APIRequestContext,
  clientQuery: string,
): Promise<{ name: string; start: Date }> {
  const admin = { authorization: `Bearer ${await tokenOf(request, DEMO.admin)}` };
  const found = (await (
    await request.get(`/api/clients?q=${encodeURIComponent(clientQuery)}`, { headers: admin })
  ).json()) as Found;
  const client = found.items[0];
  expect(client?.primaryTherapist).toBeTruthy();
  // On a whole minute, as the API requires.
  const soon = Math.ceil((Date.now() + 2 * 60_000) / 60_000) * 60_000;
  const start = new Date(Math.max(clinicTodayAt(21, CLINIC_ZONE).getTime(), soon));
  const booked = await request.post('/api/appointments', {
    headers: admin,
    data: {
      therapistId: client?.primaryTherapist?.id,
      kind: 'session',
      start: start.toISOString(),
      end: new Date(start.getTime() + 50 * 60_000).toISOString(),
      clientIds: [client?.id],
      overrideReason: 'Evening session for the end-to-end test',
    },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  return { name: client?.displayName ?? '', start };
}

/**
 * The session must start today in the clinic's zone, and the API books nothing in the past: in
 * the last minutes of the clinic's day, wait for the next one rather than fail.
 */
async function awayFromMidnight(): Promise<void> {
  const midnight = clinicTodayAt(24, CLINIC_ZONE).getTime();
  const left = midnight - Date.now();
  if (left < 5 * 60_000) {
    test.setTimeout(left + 120_000);
    await new Promise((resolve) => setTimeout(resolve, left + 5_000));
  }
}

/** How the clinic's clock shows a time, e.g. "9:00" or "11:07" (without AM/PM). */
function clockTime(at: Date): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: CLINIC_ZONE,
    hour: 'numeric',
    minute: '2-digit',
  })
    .format(at)
    .replace(/\s?[AP]M$/, '');
}

test('Today lists today’s sessions with Write note, and what needs attention grouped by client', async ({
  page,
  request,
}) => {
  // A client no other journey writes notes for (the note written here would be theirs first).
  await awayFromMidnight();
  const { name, start } = await bookToday(request, 'Nguy');
  await signIn(page, DEMO.therapist);
  await expect(page).toHaveURL(/\/therapist$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();

  const today = page.getByRole('region', { name: /^Today ·/ });
  const session = today
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(session).toContainText(clockTime(start));
  await expect(session.getByRole('button', { name: /^Write note/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Tomorrow ·/ })).toBeVisible();

  // Attention: one group per client, each item with one action.
  const attention = page.getByRole('region', { name: 'Needs your attention' });
  const groups = attention.locator('li.group');
  await expect(groups.first()).toBeVisible();
  const names = await groups.locator('h3').allTextContents();
  expect(new Set(names).size).toBe(names.length);
  for (const item of await attention.locator('li.item').all()) {
    await expect(item.getByRole('link')).toHaveCount(1);
  }
  // An open risk flag leads when there is one (the demo has one).
  await expect(groups.first().locator('.chip').first()).toHaveText('Open risk');
  await expectNoSeriousAxeViolations(page);

  // Writing the note opens it; back on Today the session offers to open it instead.
  await session.getByRole('button', { name: /^Write note/ }).click();
  await expect(page).toHaveURL(/\/therapist\/notes\//);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(session.getByRole('link', { name: /^Open note/ })).toBeVisible();
  await expect(session.getByRole('button', { name: /^Write note/ })).toHaveCount(0);

  // The caseload is one click away.
  await openCaseload(page);
  await expectNoSeriousAxeViolations(page);
});

test('loading is never shown as empty: a slow answer shows a skeleton, then the data', async ({
  page,
}) => {
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  // Hold the chart's appointments for a while, as a slow network would.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/appointments?*', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
  const card = page.getByRole('region', { name: 'Upcoming appointments' });
  await expect(card.getByRole('status')).toContainText('Loading appointments');
  await expect(card).not.toContainText('Nothing booked');
  release();
  await expect(card.getByRole('status')).toHaveCount(0);
  await expect(card.getByRole('listitem').first()).toBeVisible();
  await expect(card).not.toContainText('Nothing booked');
});

test('focus moves to the page heading after a route change; the account button is named by its text', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const refreshes: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/api/auth/refresh')) refreshes.push(response.status());
  });
  // A first visit without a session asks nothing that can only fail.
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(refreshes).toEqual([]);
  expect(errors).toEqual([]);
  await expectNoSeriousAxeViolations(page);

  await signIn(page, DEMO.therapist);
  await expect(page.getByRole('button', { name: 'Dr. Maya Okafor', exact: true })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Schedule' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Keyboard focus is visible: a ring of at least 2 px around the focused control.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
  });
  expect(outline.style).toBe('solid');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test('the chart keeps its header in view and moves between its sections', async ({ page }) => {
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Jordan Rivera' });
  await expect(heading).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Chart sections' }).getByRole('button');
  await expect(sections).toHaveText([
    'Overview',
    'Notes',
    'Measures',
    'Homework',
    'Intake & history',
    'Schedule',
  ]);
  await expect(page.getByText('Next appointment')).toBeVisible();
  await expect(page.getByText('Open risk')).toBeVisible();

  await sections.filter({ hasText: 'Homework' }).click();
  const homework = page.getByRole('heading', { level: 2, name: 'Homework', exact: true });
  await expect(homework).toBeFocused();
  await expect(homework).toBeInViewport();
  await expect(sections.filter({ hasText: 'Homework' })).toHaveAttribute('aria-current', 'true');
  // The header stayed: the client's name is still on screen far down the chart.
  await expect(heading).toBeInViewport();

  // Forms open on request: the questionnaire form is one button until it is wanted.
  await sections.filter({ hasText: 'Measures' }).click();
  await expect(page.getByRole('combobox', { name: 'Instrument' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Give a questionnaire' }).click();
  await expect(page.getByRole('combobox', { name: 'Instrument' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test('after a quick exit, Back shows no portal page', async ({ page }) => {
  // The neutral page, served locally: the test never leaves the machine.
  await page.route('https://www.bbc.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }),
  );
  await signIn(page, DEMO.client);
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Jordan' })).toBeVisible();
  await expect(page.getByRole('banner')).not.toContainText('Jordan');
  // The portal's own light frame, never the staff one (its toolbar names the clinic and the
  // person), on the portal's pages and on the account pages it shares with staff alike.
  await expect(page.locator('cairn-portal-shell')).toHaveCount(1);
  await expect(page.locator('cairn-shell, mat-toolbar')).toHaveCount(0);
  await page.goto('/account/security');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('cairn-portal-shell')).toHaveCount(1);
  await expect(page.locator('cairn-shell, mat-toolbar')).toHaveCount(0);
  await expect(page.getByRole('banner')).not.toContainText('Jordan');
  await page.goto('/portal/home');
  // The reminder choice is a native switch, kept by the server: it survives a reload, and is
  // put back as it was so the demo client keeps receiving reminders.
  const reminders = page.getByRole('switch', { name: /Email me before appointments/ });
  const before = await reminders.isChecked();
  const saved = () =>
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('reminder'));
  const first = saved();
  await reminders.press('Space');
  expect((await first).status()).toBe(200);
  await expect(reminders).toBeChecked({ checked: !before });
  await page.reload();
  await expect(reminders).toBeChecked({ checked: !before });
  const second = saved();
  await reminders.click();
  expect((await second).status()).toBe(200);
  await expect(reminders).toBeChecked({ checked: before });
  await expectNoSeriousAxeViolations(page);
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('link', { name: 'Questionnaires' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await main.getByRole('link', { name: 'My appointments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My appointments' })).toBeVisible();

  await page.getByRole('button', { name: 'Leave quickly' }).click();
  await expect(page).toHaveURL(/bbc\.com/);
  await page.goBack();
  await expect(page).not.toHaveURL(/\/portal/);
  await expect(page.getByText('Hello, Jordan')).toHaveCount(0);

  // A portal address without a session lands on the plain sign-in page, saying nothing more.
  await page.goto('/portal/home');
  await expect(page).toHaveURL(/\/sign-in$/);
});

// One page per test: each signs in and scans with axe, which takes seconds on a slow machine.
test('no serious accessibility problem on the schedule', async ({ page }) => {
  await signIn(page, DEMO.therapist);
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('link', { name: 'Schedule' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My schedule' })).toBeVisible();
  await expect(page.locator('cairn-skeleton')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
});

test('no serious accessibility problem on progress, whose charts stay out of the reading order', async ({
  page,
}) => {
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
  await page.getByRole('link', { name: 'Progress and reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Progress · / })).toBeVisible();
  await expect(page.locator('cairn-skeleton')).toHaveCount(0);
  // The charts are pictures of the tables beside them: hidden from screen readers, no tab stops.
  for (const figure of await page.locator('.chart-figure').all()) {
    await expect(figure).toHaveAttribute('aria-hidden', 'true');
    await expect(figure).toHaveAttribute('inert', '');
  }
  await expect(page.locator('.chart-summary').first()).toContainText('scores');
  await expectNoSeriousAxeViolations(page);
});

test('no serious accessibility problem on the audit trail', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});
