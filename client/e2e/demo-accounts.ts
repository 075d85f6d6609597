import { expect, type Page } from '@playwright/test';

/** The demo clinic's sign-ins, as the README lists them. */
export const DEMO_PASSWORD = 'cairn-demo-2026';
export const DEMO = {
  admin: 'admin@demo.clinic',
  therapist: 'therapist@demo.clinic',
  therapist2: 'therapist2@demo.clinic',
  client: 'client@demo.clinic',
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

/** The therapist's home is Today; the caseload is one click away in the navigation. */
export async function openCaseload(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Caseload' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
}

/** The account button is named by what it shows: the person's name, or "Account" in the portal
 *  (whose light frame opens a plain list rather than a menu). */
export async function signOut(page: Page, accountLabel: string): Promise<void> {
  await page.getByRole('button', { name: accountLabel, exact: true }).click();
  await page
    .getByRole('menuitem', { name: 'Sign out' })
    .or(page.locator('#portal-account').getByRole('button', { name: 'Sign out', exact: true }))
    .click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}
