import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn, signOut } from './demo-accounts';

const THERAPIST2_NAME = 'Sam Lindqvist';

async function openSecurity(page: Page): Promise<void> {
  await page.getByRole('button', { name: THERAPIST2_NAME, exact: true }).click();
  await page.getByRole('menuitem', { name: 'Sign-in and security' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-in and security' })).toBeVisible();
}

test('a therapist adds a passkey, signs in with it as the second step, and removes it', async ({
  page,
}) => {
  // Chromium's virtual authenticator stands in for the laptop's: it makes and signs with real
  // keys, and "touches" itself (automatic presence).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await signIn(page, DEMO.therapist2);
  await openSecurity(page);
  await page.getByLabel('Name for a new passkey').fill('This laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByTestId('passkey-list')).toContainText('This laptop');
  await expect(page.getByTestId('passkey-list')).toContainText('not used yet');
  await signOut(page, THERAPIST2_NAME);

  // The password alone no longer opens the account: the passkey answers the second step.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(DEMO.therapist2);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page).not.toHaveURL(/sign-in/);

  await openSecurity(page);
  await expect(page.getByTestId('passkey-list')).toContainText('last used');
  await page.getByRole('button', { name: 'Remove' }).click();
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('passkey-list')).toHaveCount(0);
  await signOut(page, THERAPIST2_NAME);

  // Removed: the password is enough again, for the journeys that sign in as this therapist.
  await signIn(page, DEMO.therapist2);
});
