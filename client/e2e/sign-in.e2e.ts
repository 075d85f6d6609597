import { expect, test } from '@playwright/test';
import { DEMO, signIn, signOut } from './demo-accounts';

const JOURNEYS = [
  {
    role: 'therapist',
    who: 'a therapist',
    email: DEMO.therapist,
    name: 'Dr. Maya Okafor',
    home: /\/therapist$/,
    heading: 'Today',
    navigation: ['Today', 'Caseload', 'Schedule'],
  },
  {
    role: 'admin',
    who: 'an admin',
    email: DEMO.admin,
    name: 'Dana Whitfield',
    home: /\/admin\/schedule$/,
    heading: 'Clinic schedule',
    navigation: [
      'Schedule',
      'Clients',
      'Staff',
      'Staff security',
      'Audit trail',
      'Messages',
      'Retention',
      'Clinic settings',
    ],
  },
  {
    role: 'client',
    who: 'a client',
    email: DEMO.client,
    // The portal's toolbar never shows the client's name.
    name: 'Account',
    home: /\/portal\/home$/,
    heading: 'Hello, Jordan',
    navigation: ['Home', 'Questionnaires', 'Readings', 'My appointments', 'If you need help now'],
  },
] as const;

for (const journey of JOURNEYS) {
  test(`${journey.who} signs in, sees their own navigation, and signs out`, async ({ page }) => {
    await signIn(page, journey.email);
    await expect(page).toHaveURL(journey.home);
    await expect(page.getByRole('heading', { level: 1, name: journey.heading })).toBeVisible();
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    await expect(links).toHaveText([...journey.navigation]);

    await signOut(page, journey.name);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test('a wrong password is refused with a message that does not say whether the email exists', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(DEMO.therapist2);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await expect(page).toHaveURL(/\/sign-in/);
  // One message, not a second "Enter your password." under the cleared field.
  await expect(page.locator('mat-error')).toHaveCount(0);
  await expect(page.getByLabel('Password')).toHaveValue('');
});

test('a reload keeps the session, without the token ever touching web storage', async ({
  page,
}) => {
  await signIn(page, DEMO.therapist);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const stored = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(stored).not.toMatch(/eyJ/);
});

test("a client who types an admin address lands on their own home, not the admin's page", async ({
  page,
}) => {
  await signIn(page, DEMO.client);
  await page.goto('/admin/audit');
  await expect(page).toHaveURL(/\/portal\/home$/);
  await expect(page.getByText('Audit trail')).toHaveCount(0);
});

test('the admin reads the audit trail, including their own sign-in', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Audit events' }).getByRole('row');
  await expect(
    rows.filter({ hasText: 'Dana Whitfield' }).filter({ hasText: 'Signed in' }).first(),
  ).toBeVisible();
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
