import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { DEMO, DEMO_PASSWORD, openCaseload, signIn } from './demo-accounts';

test('a therapist sends a PHQ-9 to the portal; the client answers item 9 above 0; the therapist sees the score and the risk flag and acknowledges it', async ({
  page,
  browser,
}) => {
  // Two people's journey with an accessibility check; on a loaded machine it needs more time.
  test.slow();
  // The therapist sends a PHQ-9 to Jordan's portal from the chart.
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Jordan Rivera' }).click();
  await page.getByRole('button', { name: 'Give a questionnaire' }).click();
  await page.getByRole('combobox', { name: 'Instrument' }).click();
  await page.getByRole('option', { name: 'Patient Health Questionnaire (PHQ-9)' }).click();
  await page.getByRole('combobox', { name: 'How' }).click();
  await page.getByRole('option', { name: "Send to the client's portal" }).click();
  await page.getByRole('button', { name: 'Send to the portal' }).click();
  const administrations = page.getByRole('table', { name: 'Administrations' });
  await expect(
    administrations
      .getByRole('row')
      .filter({ hasText: 'PHQ-9' })
      .filter({ hasText: 'In progress' }),
  ).toBeVisible();

  // Jordan answers it in the portal, "several days" throughout and item 9 included.
  const client = await browser.newContext();
  const portal = await client.newPage();
  await signIn(portal, DEMO.client);
  await portal.getByRole('link', { name: 'Questionnaires' }).click();
  // The client sees a plain title, not the clinical name.
  await portal.getByRole('link', { name: 'How you have been feeling' }).click();
  for (let item = 0; item < 9; item++) {
    await portal
      .getByRole('radiogroup')
      .nth(item)
      .getByRole('radio', { name: 'Several days' })
      .check();
  }
  await portal.getByRole('button', { name: 'Send to my therapist' }).click();
  // The completion screen: its heading takes focus, and there is a way home.
  await expect(
    portal.getByRole('heading', {
      level: 1,
      name: 'Thank you. Your answers are with your therapist.',
    }),
  ).toBeFocused();
  await expectNoSeriousAxeViolations(portal);
  // The client sees no score: the therapist has not shared it.
  await expect(portal.getByText('of 27')).toHaveCount(0);
  await portal.getByRole('link', { name: 'Back to home' }).click();
  await expect(portal).toHaveURL(/\/portal\/home/);
  await client.close();

  // The therapist's Today shows the flag; the result shows the score; acknowledging clears it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  const attention = page.getByRole('region', { name: 'Needs your attention' });
  await expect(attention).toContainText('Jordan Rivera');
  await expect(attention).toContainText('PHQ-9 item 9');
  await attention.getByRole('link', { name: 'Review' }).first().click();
  await expect(page.getByText('9', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Mild')).toBeVisible();
  const flag = page.getByRole('alert').filter({ hasText: 'Risk flag' });
  await expect(flag).toBeVisible();
  await flag.getByLabel('What you did (optional)').fill('Phoned Jordan; safety plan reviewed.');
  await flag.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByText(/Risk flag acknowledged by Dr. Maya Okafor/)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  // Jordan's late demo note still asks for attention; her risk flag no longer does (another
  // client's open flag in the demo still does).
  await expect(
    page
      .getByRole('region', { name: 'Needs your attention' })
      .getByRole('listitem')
      .filter({ hasText: 'Jordan Rivera' })
      .filter({ hasText: 'PHQ-9 item 9' }),
  ).toHaveCount(0);
});

test('a therapist gives a questionnaire in session with a live score', async ({ page }) => {
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Priya Nair' }).click();
  await page.getByRole('button', { name: 'Give a questionnaire' }).click();
  await page.getByRole('combobox', { name: 'Instrument' }).click();
  await page.getByRole('option', { name: 'Generalized Anxiety Disorder scale (GAD-7)' }).click();
  await page.getByRole('button', { name: 'Start now' }).click();
  for (let item = 0; item < 7; item++) {
    await page
      .getByRole('radiogroup')
      .nth(item)
      .getByRole('radio', { name: 'More than half the days' })
      .check();
  }
  const preview = page.getByRole('complementary', { name: 'Score so far' });
  await expect(preview).toContainText('14');
  await expect(preview).toContainText('Moderate');
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByRole('heading', { name: 'Result' })).toBeVisible();
  await expect(
    page.getByText('At or above 10, the screening cut-off for generalized anxiety disorder'),
  ).toBeVisible();
});

test('on a phone, one question at a time keeps its place: answering the last does not jump back, and the count agrees', async ({
  browser,
  request,
}) => {
  // The therapist sends a GAD-7 to Jordan's portal: seven questions and the unscored eighth.
  const login = await request.post('/api/auth/login', {
    data: { email: DEMO.therapist, password: DEMO_PASSWORD },
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  const found = await request.get('/api/clients?q=Jordan', { headers: auth });
  const jordan = (
    (await found.json()) as { items: { id: string; legalName: string }[] }
  ).items.find((client) => client.legalName === 'Jordan Rivera');
  const sent = await request.post(`/api/clients/${jordan?.id ?? ''}/assessments`, {
    headers: auth,
    data: { instrumentCode: 'GAD-7', mode: 'portal' },
  });
  expect(sent.status()).toBe(201);
  const { id } = (await sent.json()) as { id: string };

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const portal = await phone.newPage();
  await signIn(portal, DEMO.client);
  await portal.goto(`/portal/questionnaires/${id}`);
  for (let item = 1; item <= 8; item++) {
    await expect(portal.getByText(`Question ${item} of 8`)).toBeVisible();
    await expect(portal.getByText(`${item - 1} of 8 answered`)).toBeVisible();
    await portal
      .getByRole('radio', { name: item < 8 ? 'Not at all' : 'Not difficult at all' })
      .click();
  }
  // All answered: still on the last, never "Question 2 of 8" under "8 of 8 answered".
  await expect(portal.getByText('8 of 8 answered')).toBeVisible();
  await expect(portal.getByText('Question 8 of 8')).toBeVisible();
  // Going back to change one keeps the place too.
  await portal.getByRole('button', { name: 'Back' }).click();
  await expect(portal.getByText('Question 7 of 8')).toBeVisible();
  await portal.getByRole('radio', { name: 'Several days' }).click();
  await expect(portal.getByText('Question 8 of 8')).toBeVisible();
  await expect(portal.getByText('8 of 8 answered')).toBeVisible();

  await portal.getByRole('button', { name: 'Send to my therapist' }).click();
  const done = portal.getByRole('heading', {
    level: 1,
    name: 'Thank you. Your answers are with your therapist.',
  });
  await expect(done).toBeFocused();
  await expect(portal.getByRole('link', { name: 'Back to home' })).toBeVisible();
  await portal.screenshot({ path: 'test-results/screens/portal-questionnaire-done-390.png' });
  await phone.close();
});
