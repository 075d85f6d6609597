import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { DEMO, openCaseload, DEMO_PASSWORD, signIn } from './demo-accounts';
import { expectFocusVisible, pressUntilFocused } from './keyboard';

test('a therapist writes a note with autosave, meets a conflict from a second tab, signs it, cannot change it, adds an addendum and downloads the PDF', async ({
  page,
  context,
}) => {
  // The longest journey in the suite; on a loaded machine it needs more than the default.
  test.slow();
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Priya Nair' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByRole('menuitem', { name: 'SOAP' }).click();
  await expect(page).toHaveURL(/\/therapist\/notes\//);
  // The save state in the bar at the top (the panel beside the draft has its own loading states).
  const status = page.getByRole('region', { name: 'Saving and signing' }).getByRole('status');

  // Autosave: the text reaches the server without pressing anything.
  await page
    .getByLabel('What the client reported')
    .fill('Slept better; one spike of alarm after a late text.');
  await expect(status).toHaveText('All changes saved');

  // A second tab edits the same draft; this tab's next save is refused, not silently lost.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByLabel('What the therapist observed').fill('Calmer posture, steady voice.');
  await expect(
    other.getByRole('region', { name: 'Saving and signing' }).getByRole('status'),
  ).toHaveText('All changes saved');
  await page.getByLabel('Clinical assessment').fill('Alarm settling.');
  await expect(status).toHaveText('Changed elsewhere');
  await page.getByRole('button', { name: /Load the newer version/ }).click();
  await expect(page.getByLabel('What the therapist observed')).toHaveValue(
    'Calmer posture, steady voice.',
  );
  await other.close();

  // Signing needs a risk level and a plan, then the password.
  await expect(page.getByRole('button', { name: 'Sign…' })).toBeDisabled();
  await page.getByRole('radio', { name: 'Low' }).check();
  await page
    .getByRole('textbox', { name: 'Plan', exact: true })
    .fill('Weekly sessions; body check-in twice a day.');
  await expect(status).toHaveText('All changes saved');
  await page.getByRole('button', { name: 'Sign…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign this note' });
  await dialog.getByLabel('Your password').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Sign note' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('That password is not correct.');
  await dialog.getByLabel('Your password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign note' }).click();
  await expect(page.getByRole('heading', { name: 'Signature' })).toBeVisible();
  await expect(page.getByText('The stored note matches its signature.')).toBeVisible();
  // The Sign button has gone with the dialog: focus lands on the page heading, not the bare page.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Signed means read-only: no field to type in, and the API refuses a change.
  await expect(page.getByLabel('What the client reported')).toHaveCount(0);
  const noteId = page.url().split('/').pop() ?? '';
  const login = await page.request.post('/api/auth/login', {
    data: { email: DEMO.therapist, password: DEMO_PASSWORD },
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const edit = await page.request.put(`/api/notes/${noteId}`, {
    headers: { authorization: `Bearer ${accessToken}` },
    data: {
      version: 99,
      sessionAt: new Date().toISOString(),
      durationMinutes: 50,
      serviceType: 'individual_45',
      content: { subjective: 'Rewritten later.' },
    },
  });
  expect(edit.status()).toBe(409);
  expect(((await edit.json()) as { message: string }).message).toContain('signed');

  // Corrections are addenda, signed with the password.
  await page.getByLabel('Add an addendum').fill('Correction: the late text was on Tuesday.');
  await page.getByLabel('Your password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign and add' }).click();
  await expect(page.getByRole('article')).toContainText(
    'Correction: the late text was on Tuesday.',
  );
  // After success the form is clean: empty, and no field flagged as missing.
  await expect(
    page.getByRole('status').filter({ hasText: 'Addendum signed and added.' }),
  ).toBeVisible();
  await expect(page.getByLabel('Add an addendum')).toHaveValue('');
  await expect(page.getByLabel('Add an addendum')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Your password')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.mat-form-field-invalid')).toHaveCount(0);
  await expect(page.locator('mat-error')).toHaveCount(0);

  // The PDF for a records request.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^session-note-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // Back on the chart the note is listed as signed.
  await page.getByRole('link', { name: '← Priya Nair' }).click();
  const notes = page.getByRole('region', { name: 'Session notes' });
  await expect(notes.getByRole('listitem').first()).toContainText('Signed');
});

test('an admin sees that notes exist and which are late, but cannot open them', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin/clients');
  await page.getByRole('link', { name: 'Jordan Rivera' }).click();
  const notes = page.getByRole('region', { name: 'Session notes' });
  await expect(notes.getByRole('listitem').first()).toBeVisible();
  await expect(notes).toContainText('Late');
  await expect(notes.getByRole('link')).toHaveCount(0);
  await expect(notes).not.toContainText('Psychotherapy');
  // The file also shows the next appointments and which reports exist, never their content.
  await expect(
    page.getByRole('region', { name: 'Upcoming appointments' }).getByRole('listitem').first(),
  ).toContainText('with Dr. Maya Okafor');
  await expect(page.getByRole('region', { name: 'Progress reports' })).toBeVisible();
});

test('a therapist writes and signs a note with the keyboard alone, seeing where focus is at every step', async ({
  page,
}) => {
  test.slow();
  await signIn(page, DEMO.therapist);
  // From here on, only the keyboard: Tab, Shift+Tab, arrows, Enter and typing.
  const main = page.getByRole('navigation', { name: 'Main' });
  const caseload = main.getByRole('link', { name: 'Caseload' });
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await pressUntilFocused(page, caseload, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeFocused();

  const jordan = page.getByRole('link', { name: 'Jordan Rivera', exact: true });
  await pressUntilFocused(page, jordan);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Jordan Rivera/ })).toBeFocused();

  const newNote = page.getByRole('button', { name: 'New note' });
  await pressUntilFocused(page, newNote);
  await page.keyboard.press('Enter');
  const soap = page.getByRole('menuitem', { name: 'SOAP' });
  await pressUntilFocused(page, soap, 'ArrowDown', 10);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/therapist\/notes\//);
  await expect(page.getByRole('heading', { level: 1, name: /Session note/ })).toBeFocused();

  // Beside the draft: the last signed note's plan, the homework open now, the latest scores.
  const context = page.getByRole('complementary', { name: 'Before this session' });
  await expect(context.getByRole('region', { name: "Last note's plan" })).toContainText('Plan');
  await expect(context.getByRole('region', { name: 'Homework open now' })).toContainText(
    'Daily repair check-in',
  );
  await expect(context.getByRole('region', { name: 'Latest scores' })).toContainText(
    'Patient Health Questionnaire (PHQ-9)',
  );

  const reported = page.getByRole('textbox', { name: 'What the client reported' });
  await pressUntilFocused(page, reported);
  await page.keyboard.type('Named the alarm before it took over; slept six hours.');
  const low = page.getByRole('radio', { name: 'Low' });
  await pressUntilFocused(page, page.getByRole('radio', { name: 'None identified' }));
  await page.keyboard.press('ArrowDown');
  await expect(low).toBeFocused();
  await expect(low).toBeChecked();
  await expectFocusVisible(page);
  const plan = page.getByRole('textbox', { name: 'Plan', exact: true });
  await pressUntilFocused(page, plan);
  await page.keyboard.type('Weekly; keep the evening body check-in.');
  await expect(
    page.getByRole('region', { name: 'Saving and signing' }).getByRole('status'),
  ).toHaveText('All changes saved');

  // The Sign button sits in the bar at the top: back up to it.
  const sign = page.getByRole('button', { name: 'Sign…' });
  await pressUntilFocused(page, sign, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Sign this note' });
  const password = dialog.getByRole('textbox', { name: 'Your password' });
  await expect(password).toBeFocused();
  await expectFocusVisible(page);
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  // Checking the password is deliberately slow work (a memory-hard hash): give it time.
  await expect(dialog).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('The stored note matches its signature.')).toBeVisible();

  // Signed, focus is on the page heading, not lost to the page; the next Tab reaches a control.
  await expect(page.getByRole('heading', { level: 1, name: /Session note/ })).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  await expectFocusVisible(page);
  await expectNoSeriousAxeViolations(page);
});
