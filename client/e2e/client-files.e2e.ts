import { expect, test } from '@playwright/test';
import { DEMO, openCaseload, signIn } from './demo-accounts';

test('the admin opens a file and invites the client; the therapist finds them; the client sets a password and signs in', async ({
  page,
  browser,
}) => {
  // The admin opens a client file, assigned to Dr. Maya Okafor, and makes a portal invitation.
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByRole('link', { name: 'New client' }).click();
  await page.getByLabel('Legal name').fill('Amara Okoye-Ferreira');
  await page.getByLabel('Preferred name').fill('Amara');
  await page.getByLabel('Date of birth').fill('1989-05-17');
  await page.getByLabel('Email', { exact: true }).fill('amara.okoye@example.net');
  await page.getByLabel('Status').click();
  await page.getByRole('option', { name: 'Active' }).click();
  await page.getByLabel('Primary therapist').click();
  await page.getByRole('option', { name: 'Dr. Maya Okafor' }).click();
  await page.getByRole('button', { name: 'Open file' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Amara' })).toBeVisible();
  await page.getByRole('button', { name: 'Invite to the portal' }).click();
  const inviteUrl = await page.getByLabel('Invitation link').inputValue();
  expect(inviteUrl).toMatch(/\/welcome#invite=/);
  // The admin never sees clinical content.
  await expect(page.getByRole('heading', { name: 'Intake' })).toHaveCount(0);

  // The therapist finds the new client on the caseload and opens the chart.
  const therapist = await browser.newContext();
  const therapistPage = await therapist.newPage();
  await signIn(therapistPage, DEMO.therapist);
  await openCaseload(therapistPage);
  await therapistPage.getByLabel('Search by name').fill('amara');
  await therapistPage.getByRole('link', { name: 'Amara' }).click();
  await expect(therapistPage.getByRole('heading', { level: 1, name: 'Amara' })).toBeVisible();
  await expect(therapistPage.getByRole('heading', { name: 'Intake' })).toBeVisible();
  await therapist.close();

  // The client opens the link, chooses a password, and lands in the portal, signed in.
  const client = await browser.newContext();
  const clientPage = await client.newPage();
  await clientPage.goto(inviteUrl.replace(/^https?:\/\/[^/]+/, ''));
  await expect(clientPage).not.toHaveURL(/invite=/);
  await clientPage.getByLabel('New password', { exact: true }).fill('a walk by the river');
  await clientPage.getByLabel('The same password again').fill('a walk by the river');
  await clientPage.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(clientPage).toHaveURL(/\/portal\/home$/);
  // The portal is discreet: no name in the toolbar for someone looking over a shoulder.
  await expect(clientPage.getByRole('button', { name: 'Account', exact: true })).toBeVisible();
  await expect(clientPage.getByRole('banner')).not.toContainText('Amara');
  await client.close();

  // Back with the admin, the portal account shows as active.
  await page.reload();
  await expect(page.getByText('The client has set a password and can sign in.')).toBeVisible();
});

test('a name with markup in it is shown as text, never run', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await signIn(page, DEMO.admin);
  await page.goto('/admin/clients/new');
  await page.getByLabel('Legal name').fill('<img src=x onerror=alert(1)>');
  await page.getByRole('button', { name: 'Open file' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: '<img src=x onerror=alert(1)>' }),
  ).toBeVisible();
  await page.goto('/admin/clients');
  await expect(page.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeVisible();
  expect(dialogs).toBe(0);
});

test("the therapist records the intake and the betrayal timeline on a client's chart", async ({
  page,
}) => {
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Priya Nair' }).click();
  await page.getByRole('button', { name: 'Edit intake' }).click();
  await page
    .getByLabel('Presenting concerns')
    .fill('Trust shaken after a friend shared private messages.');
  await page.getByRole('combobox', { name: 'Relationship' }).click();
  await page.getByRole('option', { name: 'Single' }).click();
  await page.getByRole('button', { name: 'Save intake' }).click();
  await expect(
    page.getByText('Trust shaken after a friend shared private messages.'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Add event' }).click();
  await page.getByLabel('What happened').click();
  await page.getByRole('option', { name: 'Other' }).click();
  await page.getByLabel('Date').fill('2026-06-30');
  await page.getByLabel('Label (required)').fill('Friend shared messages');
  await page.getByRole('button', { name: 'Add to timeline' }).click();
  await expect(page.getByRole('region', { name: 'Betrayal timeline' })).toContainText(
    'Friend shared messages',
  );
});
