import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './demo-accounts';

test('an admin sets the retention period and sees which closed files are past it', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Retention' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Records retention' })).toBeVisible();
  await expect(page.getByText('nothing is deleted here')).toBeVisible();
  const years = page.getByLabel('Keep closed files for (years)');
  await expect(years).toHaveValue('7');
  // The demo clinic's files are all recent: nothing is past seven years.
  await expect(page.getByText('No closed file is past the period.')).toBeVisible();

  await years.fill('5');
  await page.getByRole('button', { name: 'Save period' }).click();
  await expect(page.getByText('From 6 to 100 years.')).toBeVisible();
  await years.fill('8');
  await page.getByRole('button', { name: 'Save period' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByText(/\(8 years\): 0 files\./)).toBeVisible();
  await page.reload();
  await expect(years).toHaveValue('8');
  await years.fill('7');
  await page.getByRole('button', { name: 'Save period' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
});

test('a therapist has no retention page', async ({ page }) => {
  await signIn(page, DEMO.therapist);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }),
  ).toHaveCount(0);
  await page.goto('/admin/retention');
  await expect(page.getByRole('heading', { name: 'Records retention' })).toHaveCount(0);
});
