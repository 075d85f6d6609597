import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn, signOut } from './demo-accounts';
import { mailTo } from './mailbox';

const THERAPIST2_NAME = 'Sam Lindqvist';

/**
 * Asks for a reset link on /reset and answers the link from the newest reset mail that arrived
 * after the request (mail is sent after the request's transaction commits, so it is awaited).
 */
async function requestResetLink(page: Page, email: string): Promise<string> {
  const before = (await mailTo(email)).length;
  await page.goto('/reset');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect.poll(async () => (await mailTo(email)).length, { timeout: 15_000 }).toBe(before + 1);
  const [newest] = await mailTo(email);
  expect(newest.subject).toBe('Reset your password');
  const link = /https?:\/\/\S+\/reset#token=[A-Za-z0-9_-]+/.exec(newest.text)?.[0];
  expect(link).toBeDefined();
  return link ?? '';
}

async function choosePassword(page: Page, link: string, password: string): Promise<void> {
  // As from a mail program: a fresh page load (from /reset itself only the fragment would change).
  await page.goto('about:blank');
  const url = new URL(link);
  await page.goto(`${url.pathname}${url.hash}`);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('The same password again').fill(password);
  await page.getByRole('button', { name: 'Set new password' }).click();
}

test('a therapist who forgot the password resets it from the email and signs in with the new one', async ({
  page,
}) => {
  const newPassword = 'quiet-harbour-lantern-42';
  const link = await requestResetLink(page, DEMO.therapist2);
  await choosePassword(page, link, newPassword);
  await expect(page).not.toHaveURL(/\/reset/);

  // The old password no longer opens the account; the new one does.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(DEMO.therapist2);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await signIn(page, DEMO.therapist2, newPassword);
  await signOut(page, THERAPIST2_NAME);

  // The link was for one use only.
  const used = new URL(link);
  await page.goto('about:blank');
  await page.goto(`${used.pathname}${used.hash}`);
  await page.getByLabel('New password').fill('another-password-entirely');
  await page.getByLabel('The same password again').fill('another-password-entirely');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toBeVisible();

  // Put the demo password back through the same flow, for the journeys that use this account.
  await choosePassword(page, await requestResetLink(page, DEMO.therapist2), DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/reset/);
  await signIn(page, DEMO.therapist2);
});
