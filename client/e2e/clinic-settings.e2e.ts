import { expect, test } from '@playwright/test';
import { DEMO, signIn, signOut } from './demo-accounts';

test('an admin edits the clinic settings, sees them saved, and clients see the crisis resources', async ({
  page,
}) => {
  // One journey across two accounts with screenshots: longer than the default 30 seconds.
  test.slow();
  await signIn(page, DEMO.admin);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clinic settings' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic settings' })).toBeVisible();

  // A clinic in a US time zone starts on US Letter with the 988 Lifeline and 911.
  await expect(page.getByLabel('Clinic name')).toHaveValue('Demo Clinic');
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/Chicago');
  await expect(page.getByRole('radio', { name: /US Letter/ })).toBeChecked();
  await expect(page.getByLabel('Sender name')).toHaveValue('Demo Clinic');
  const crisis = page.getByRole('textbox', { name: 'Crisis resources', exact: true });
  await expect(crisis).toHaveValue(/988 Suicide & Crisis Lifeline/);
  await expect(page.getByRole('link', { name: 'Call 988' })).toBeVisible();
  const original = await crisis.inputValue();

  await page.getByLabel('Address').fill('12 Elm Street\nSpringfield, IL 62701');
  await page.getByLabel('Phone').fill('217-555-0142');
  await page.getByRole('radio', { name: /A4/ }).check();
  await page.getByLabel('Sender name').fill('Demo front desk');
  const idle = page.getByLabel('Sign out after (minutes without activity)');
  await idle.fill('40');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('From 5 to 30 minutes.', { exact: true })).toBeVisible();
  await idle.fill('20');
  await crisis.fill(`${original}\n\nOur front desk\nCall 217-555-0100\nWeekdays 9 to 5.`);
  // The preview shows the new resource as clients will see it, with a button to call.
  await expect(page.getByRole('link', { name: 'Call 217-555-0100' })).toBeVisible();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // Tall enough for the whole page: the page scrolls inside the frame, not the window.
  for (const [width, height] of [
    [1366, 2000],
    [390, 3400],
  ] as const) {
    await page.setViewportSize({ width, height });
    if (width < 840) await expect(page.locator('mat-sidenav')).toBeHidden();
    await page.locator('mat-sidenav-content').evaluate((frame) => frame.scrollTo(0, 0));
    await page.screenshot({ path: test.info().outputPath(`clinic-settings-${width}.png`) });
    if (width < 840)
      for (const [part, y] of [
        ['top', 0],
        ['bottom', 1300],
      ] as const)
        await page.screenshot({
          path: test.info().outputPath(`clinic-settings-${width}-${part}.png`),
          clip: { x: 0, y, width, height: 1300 },
        });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.reload();
  await expect(page.getByLabel('Address')).toHaveValue('12 Elm Street\nSpringfield, IL 62701');
  await expect(page.getByLabel('Phone')).toHaveValue('217-555-0142');
  await expect(page.getByRole('radio', { name: /A4/ })).toBeChecked();
  await expect(page.getByLabel('Sender name')).toHaveValue('Demo front desk');
  await expect(idle).toHaveValue('20');
  await expect(crisis).toHaveValue(/Our front desk/);

  // Without crisis resources the page and the admin's home warn.
  await crisis.fill('');
  await expect(page.getByText('No crisis resources yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Schedule' })
    .click();
  const notice = page.getByText('Your clients have no crisis resources from the clinic yet.');
  await expect(notice).toBeVisible();
  await page.getByRole('link', { name: 'Add crisis resources' }).click();
  await crisis.fill(`${original}\n\nOur front desk\nCall 217-555-0100\nWeekdays 9 to 5.`);
  await expect(page.getByText('No crisis resources yet.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await signOut(page, 'Dana Whitfield');

  // The portal's "If you need help now" shows the clinic's text.
  await signIn(page, DEMO.client);
  await page.getByRole('link', { name: 'Help now', exact: true }).click();
  await expect(page.getByText('Our front desk')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Call 217-555-0100' })).toHaveAttribute(
    'href',
    'tel:2175550100',
  );
  await expect(page.getByRole('link', { name: 'Call 988' })).toBeVisible();
});
