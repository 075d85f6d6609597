import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, signIn } from './demo-accounts';

const TZ = 'America/Chicago';

/** The clinic's calendar day now, as YYYY-MM-DD, and its weekday (Monday 1). */
function clinicNow(): { date: string; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
    })
      .formatToParts(new Date())
      .map((part) => [part.type, part.value]),
  );
  const weekday =
    ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts['weekday'] ?? '') + 1;
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    weekday,
  };
}

const addDays = (date: string, days: number) => {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
};

/** A calendar day as the client words it: "Dec 6, 2026". */
const inWords = (date: string) =>
  new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

/**
 * One week back or ahead on the schedule, waiting for the new week's range and its appointments:
 * reading the blocks while the last week is still on screen would name another week's.
 */
async function moveWeek(page: Page, direction: 'Previous' | 'Next'): Promise<void> {
  const range = page.locator('.range');
  const before = (await range.textContent()) ?? '';
  await page.getByRole('button', { name: `${direction} week` }).click();
  await expect(range).not.toHaveText(before);
  await expect(page.locator('.loading')).toHaveCount(0);
}

async function choose(dialog: Locator, page: Page, label: string, option: string): Promise<void> {
  await dialog.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Two days ahead at 21:00: outside everyone's working hours and after every demo booking, so the
 * consultation needs the admin's override, whatever the time of day the test runs.
 */
const CONSULTATION_TIME = '21:00';

async function bookConsultation(page: Page, date: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
  await choose(dialog, page, 'Therapist', 'Sam Lindqvist');
  await choose(dialog, page, 'Kind', 'Initial consultation');
  await dialog.getByLabel('Date').fill(date);
  await dialog.getByLabel('Name').fill('Robin Achebe');
  await dialog.getByLabel('Email').fill('robin.achebe@example.net');
  await dialog.getByLabel('Phone').fill('+1 312 555 0142');
  await dialog
    .getByLabel('Reason for contact (short, non-clinical)')
    .fill('Asked about individual work');
  await dialog.getByLabel('Start time').fill(CONSULTATION_TIME);
  await dialog.getByLabel('Location (room or telehealth link)').fill('Room 3');
  await dialog.getByText('Book outside working hours').click();
  await dialog.getByLabel('Reason for booking outside working hours').fill('Only free after work');
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  return dialog;
}

test('the admin books a consultation, cannot double-book it, completes a held one, opens a client file, books a series every 2 weeks and cancels this and following', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const inTwoDays = addDays(clinicNow().date, 2);
  await signIn(page, DEMO.admin);
  await expect(page.getByRole('heading', { name: 'Clinic schedule' })).toBeVisible();

  // A consultation for someone new, in two days' evening, outside Sam Lindqvist's hours.
  const first = await bookConsultation(page, inTwoDays);
  await expect(first).toBeHidden();
  await page.getByText('Clinic day').click();
  await page.getByRole('button', { name: 'Next day' }).click();
  await page.getByRole('button', { name: 'Next day' }).click();
  const block = page.getByRole('button', { name: /^Robin Achebe .* Initial consultation/ });
  await expect(block).toBeVisible();

  // The same time again is refused, and the clash is named.
  const second = await bookConsultation(page, inTwoDays);
  await expect(second.getByRole('alert')).toContainText('Sam Lindqvist is already booked then');
  await second.getByRole('button', { name: 'Close' }).click();
  await expect(
    page.getByRole('button', { name: /^Robin Achebe .* Initial consultation/ }),
  ).toHaveCount(1);

  // A consultation on a later day cannot be closed yet.
  await block.click();
  const upcoming = page.getByRole('region', { name: 'Initial consultation' });
  await expect(upcoming).toContainText('Only free after work');
  await expect(upcoming.getByRole('button', { name: 'Mark completed' })).toHaveCount(0);

  // The consultation Sam held last week is marked completed and becomes a client file.
  await page.getByText('Therapist week').click();
  await page.getByLabel('Therapist', { exact: true }).click();
  await page.getByRole('option', { name: 'Sam Lindqvist' }).click();
  // The day view above left the grid on the week of the day after tomorrow, which on a Saturday
  // or a Sunday is already next week: back to last week from there.
  const weeksBack = clinicNow().weekday >= 6 ? 2 : 1;
  for (let week = 0; week < weeksBack; week++) await moveWeek(page, 'Previous');
  await page.getByRole('button', { name: /^Riley Chen .* Initial consultation/ }).click();
  const panel = page.getByRole('region', { name: 'Initial consultation' });
  await expect(panel).toContainText('Referred by a friend');
  await panel.getByRole('button', { name: 'Mark completed' }).click();
  await expect(panel).toContainText('Completed');
  await panel.getByRole('button', { name: 'Open a client file for Riley Chen' }).click();
  await panel.getByRole('link', { name: "open Riley Chen's file" }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Riley Chen' })).toBeVisible();
  await expect(page.getByText('Sam Lindqvist').first()).toBeVisible();

  // A series of three sessions every 2 weeks from the Monday after next, at the first free time.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Schedule' })
    .click();
  const now = clinicNow();
  const mondayAfterNext = addDays(now.date, 15 - now.weekday);
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
  await choose(dialog, page, 'Therapist', 'Sam Lindqvist');
  await choose(dialog, page, 'Client', 'Riley Chen');
  await dialog.getByLabel('Date').fill(mondayAfterNext);
  const firstFree = dialog.getByRole('listbox', { name: 'Free times' }).getByRole('option').first();
  await expect(firstFree).toHaveText('10:00');
  await firstFree.click();
  await expect(dialog.getByLabel('Start time')).toHaveValue('10:00');
  await choose(dialog, page, 'Repeats', 'Every 2 weeks');
  await dialog.getByLabel('Sessions in all').fill('3');
  await expect(dialog).toContainText(`Last on ${inWords(addDays(mondayAfterNext, 28))}`);
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(dialog).toBeHidden();

  // Sam's weeks show the session every other week, three times, then no more.
  await page.getByLabel('Therapist', { exact: true }).click();
  await page.getByRole('option', { name: 'Sam Lindqvist' }).click();
  await page.getByRole('button', { name: 'Next week' }).click();
  await page.getByRole('button', { name: 'Next week' }).click();
  const session = page.getByRole('button', { name: /^Riley Chen 10:00–/ });
  for (let week = 0; week < 6; week++) {
    await expect(session).toHaveCount(week % 2 === 0 ? 1 : 0);
    await page.getByRole('button', { name: 'Next week' }).click();
  }
  await expect(page.getByRole('button', { name: /^Riley Chen .* Session/ })).toHaveCount(0);

  // The second and third are cancelled together ("this and following"); the first stays.
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await session.click();
  const occurrence = page.getByRole('region', { name: 'Session' });
  await expect(occurrence).toContainText('Every 2 weeks, 3 in all');
  await occurrence.getByRole('button', { name: 'Cancel this and following' }).click();
  await occurrence.getByLabel('Reason for cancelling these').fill('Moving away');
  await occurrence.getByRole('button', { name: 'Cancel this and all later ones' }).click();
  await expect(occurrence).toContainText('Every 2 weeks (this one cancelled)');
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await session.click();
  await expect(page.getByRole('region', { name: 'Session' })).toContainText('Scheduled');
});

test('every block of the week grid is named by the text it shows, whatever its kind and status', async ({
  page,
}) => {
  await signIn(page, DEMO.therapist);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Schedule' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'My schedule' })).toBeVisible();
  // Three weeks back to one ahead: held, missed, cancelled and booked sessions, a couples session
  // and a consultation with a prospect.
  for (let week = 0; week < 3; week++) await moveWeek(page, 'Previous');
  const names: string[] = [];
  for (let week = 0; week < 5; week++) {
    const blocks = page.locator('cairn-calendar-grid button.event');
    await expect(blocks.first()).toBeVisible();
    // A voice-control user says what they see: the name begins with the block's text, read as
    // axe reads it (the text of its parts, nothing added between them).
    for (const block of await blocks.all()) {
      const name = (await block.getAttribute('aria-label')) ?? '';
      const text = ((await block.textContent()) ?? '').replace(/\s+/g, ' ').trim();
      expect(name.startsWith(text), `"${name}" begins with "${text}"`).toBe(true);
      names.push(name);
    }
    // axe's own check (experimental, so only run when asked for): WCAG 2.5.3, label in name.
    const results = await new AxeBuilder({ page })
      .include('cairn-calendar-grid')
      .withRules(['label-content-name-mismatch'])
      .analyze();
    expect(
      results.violations.flatMap((violation) => violation.nodes.map((node) => node.html)),
    ).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(0);
    await moveWeek(page, 'Next');
  }
  for (const shown of [
    /, Completed$/,
    /, Did not attend$/,
    /, Cancelled$/,
    /, Scheduled$/,
    /Couples session/,
    /\(prospect\) .* Initial consultation/,
  ]) {
    expect(
      names.some((name) => shown.test(name)),
      `a block named like ${shown}`,
    ).toBe(true);
  }
});

test('the client sees their own appointments in plain words', async ({ page }) => {
  await signIn(page, DEMO.client);
  await page.getByRole('link', { name: 'My appointments' }).click();
  await expect(page.getByRole('heading', { name: 'My appointments' })).toBeVisible();
  const upcoming = page.getByRole('list', { name: 'Upcoming appointments' });
  await expect(upcoming.getByRole('listitem').first()).toContainText('with Dr. Maya Okafor');
  await expect(page.getByText('Robin Achebe')).toHaveCount(0);
  await expect(page.getByText('Riley Chen')).toHaveCount(0);
});
