import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { DEMO, openCaseload, signIn, signOut } from './demo-accounts';

const NEUTRAL = 'https://www.bbc.com/weather';
const PRIVATE_TEXT = 'The phone buzzed during dinner and my chest went tight.';

async function assign(
  page: Page,
  exercise: string,
  options: { frequency?: string; partner?: string } = {},
): Promise<void> {
  await page.getByRole('combobox', { name: 'Exercise' }).click();
  await page.getByRole('option', { name: exercise }).click();
  if (options.frequency) {
    await page.getByRole('combobox', { name: 'How often' }).click();
    await page.getByRole('option', { name: options.frequency }).click();
  }
  if (options.partner) {
    await page.getByRole('checkbox', { name: `Also assign to ${options.partner}` }).check();
  }
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
}

test('a therapist assigns the daily check-in and a journal; the client does both, one privately; the therapist sees adherence and the check-in, never the private text', async ({
  page,
  browser,
}) => {
  // Two people's whole journey; on a loaded machine it needs more than the default.
  test.slow();
  // The therapist closes the check-in block from the demo and assigns a new one and a journal.
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Jordan Rivera' }).click();
  const assigned = page.getByRole('list', { name: 'Assigned homework' });
  const checkIns = assigned.getByRole('listitem', { name: 'Daily repair check-in', exact: true });
  await checkIns.getByRole('button', { name: 'Close' }).click();
  // The couple's twin check-ins: closing one asks about the partner's.
  const ask = checkIns.getByRole('group', { name: 'Close for the partner too?' });
  await expect(ask).toContainText('theirs is still open');
  await ask.getByRole('button', { name: 'Close for both partners' }).click();
  await expect(checkIns.getByRole('button', { name: 'Close' })).toHaveCount(0);
  await assign(page, 'Daily repair check-in (Check-in)', { partner: 'Alex' });
  await assign(page, 'Notice when things go well (Journal)', { frequency: 'Every day' });
  const newCheckIn = checkIns.filter({ has: page.getByRole('button', { name: 'Close' }) });
  await expect(newCheckIn).toContainText('Nothing due yet');
  const journal = assigned.getByRole('listitem', { name: 'Notice when things go well' });
  await expect(journal).toBeVisible();

  // Jordan does today's check-in and writes a private journal entry, on a phone-sized screen.
  const clientContext = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const portal = await clientContext.newPage();
  await signIn(portal, DEMO.client);
  await expect(portal).toHaveTitle('Cairn');
  await portal.getByRole('link', { name: 'Start: Daily repair check-in' }).click();
  await portal
    .getByRole('radiogroup', { name: 'How safe did you feel with your partner today?' })
    .getByRole('radio', { name: '7', exact: true })
    .check();
  await portal
    .getByRole('radiogroup', { name: 'Were the small promises made today kept?' })
    .getByRole('radio', { name: 'Yes, all of them' })
    .check();
  await portal
    .getByRole('textbox', { name: 'One honest moment from today' })
    .fill('He told me about the call before I asked.');
  await portal
    .getByRole('radiogroup', { name: 'What is your gut telling you today?' })
    .getByRole('radio', { name: 'Calm and settled' })
    .check();
  await portal.getByRole('button', { name: 'Save' }).click();
  // A completion screen where she is looking: its heading has focus, with the way home.
  const done = portal.getByRole('heading', {
    level: 1,
    name: 'Saved. Thank you for taking the time.',
  });
  await expect(done).toBeFocused();
  await expect(portal.getByText(/You can change it until/)).toBeVisible();
  await expect(portal).toHaveTitle('Cairn');
  await expectNoSeriousAxeViolations(portal);
  await portal.screenshot({ path: 'test-results/screens/portal-homework-done-375.png' });
  // Changing it goes back to the entry as she left it, focus on its title.
  await portal.getByRole('button', { name: 'Change my entry' }).click();
  await expect(
    portal.getByRole('heading', { level: 1, name: 'Daily repair check-in' }),
  ).toBeFocused();
  await expect(portal.getByRole('textbox', { name: 'One honest moment from today' })).toHaveValue(
    'He told me about the call before I asked.',
  );
  await portal.getByRole('button', { name: 'Save changes' }).click();
  await expect(done).toBeFocused();

  await portal.getByRole('link', { name: 'Back to home' }).click();
  await portal.getByRole('link', { name: 'Start: Notice when things go well' }).click();
  await portal.getByRole('textbox', { name: 'Your reflection' }).fill(PRIVATE_TEXT);
  await portal.getByRole('checkbox', { name: 'Keep this to myself' }).check();
  await portal.getByRole('button', { name: 'Save' }).click();
  await expect(portal.getByRole('heading', { level: 1 })).toHaveText(
    'Saved. Thank you for taking the time.',
  );
  await portal.getByRole('link', { name: 'Back to home' }).click();
  const doneToday = portal.getByRole('list', { name: 'Done today' });
  await expect(doneToday).toContainText('Daily repair check-in');
  await expect(doneToday).toContainText('Notice when things go well');

  // Signing out leaves nothing readable behind: no web storage, no session cookie.
  await signOut(portal, 'Account');
  expect(await portal.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  expect((await clientContext.cookies()).filter((cookie) => cookie.value !== '')).toEqual([]);
  await clientContext.close();

  // The therapist sees today's check-in and adherence; of the journal, only that it was done.
  await page.reload();
  await expect(newCheckIn).toContainText('1 of 1 done (100%)');
  await newCheckIn.getByRole('button', { name: 'Read entries' }).click();
  const checkInEntries = newCheckIn.getByRole('list', {
    name: 'Entries for Daily repair check-in',
  });
  await expect(checkInEntries).toContainText('Felt safety');
  await expect(checkInEntries).toContainText('7 of 10');
  await expect(checkInEntries).toContainText('He told me about the call before I asked.');
  // Couple work: the two partners' felt safety side by side (Alex has not checked in yet).
  const sideBySide = newCheckIn.getByRole('table', { name: 'Felt safety, side by side (0–10)' });
  await expect(sideBySide.getByRole('columnheader')).toHaveText(['Day', 'Jordan Rivera', 'Alex']);
  await expect(sideBySide.getByRole('row').nth(1).getByRole('cell')).toHaveText(['7', '—']);
  await expect(journal).toContainText('1 of 1 done (100%)');
  await journal.getByRole('button', { name: 'Read entries' }).click();
  await expect(journal).toContainText('Done; kept private by the client.');
  await expect(page.getByText(PRIVATE_TEXT)).toHaveCount(0);
});

test('the quick exit leaves for a neutral page, by button or Esc twice, and Back does not return to the portal', async ({
  page,
  context,
}) => {
  await context.route(`${NEUTRAL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }),
  );
  await signIn(page, DEMO.client);
  await expect(page.getByRole('heading', { name: 'Hello, Jordan' })).toBeVisible();
  await page.getByRole('button', { name: 'Leave quickly' }).click();
  await expect(page).toHaveURL(NEUTRAL);
  await expect(page).toHaveTitle('Weather');

  // The portal page was replaced in the history, so Back does not return to it.
  await page.goBack();
  await expect(page).not.toHaveURL(/\/portal/);
  await expect(page.getByText('Hello, Jordan')).toHaveCount(0);
  // And the session ended with it: opening the portal again asks for the password.
  await page.goto('/portal/home');
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, DEMO.client);
  await expect(page.getByRole('heading', { name: 'Hello, Jordan' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(NEUTRAL);
});
