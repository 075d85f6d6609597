import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, openCaseload, signIn } from './demo-accounts';
import { mailTo } from './mailbox';

/** Serious and critical accessibility problems on the page as it stands. */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' | ')}`,
    );
}

test('a client asks for a copy of their file in the portal, the therapist releases it, the client downloads it', async ({
  page,
  browser,
}) => {
  // Two people and a job that builds a zip with a PDF: more than the default on a loaded machine.
  test.slow();
  const context = await browser.newContext();
  const portal = await context.newPage();
  await signIn(portal, DEMO.client);
  const copy = portal.getByRole('region', { name: 'A copy of your file' });
  await copy.getByRole('button', { name: 'Ask for a copy' }).click();
  await expect(copy).toContainText('You asked for a copy.');
  expect(await seriousAxeViolations(portal)).toEqual([]);

  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
  const card = page.getByRole('region', { name: 'Record export' });
  await expect(card).toContainText('waiting for your release');
  await card.getByRole('button', { name: 'Release to the client' }).click();
  // The card follows the job until the copy is built.
  await expect(card.getByRole('button', { name: 'Download' })).toBeVisible({ timeout: 60_000 });
  expect(await seriousAxeViolations(page)).toEqual([]);

  // The email says only that a document is waiting.
  await expect
    .poll(async () => (await mailTo(DEMO.client)).map((mail) => mail.subject), {
      timeout: 30_000,
    })
    .toContain('A document is ready in your portal');

  await portal.reload();
  const [download] = await Promise.all([
    portal.waitForEvent('download'),
    copy.getByRole('button', { name: 'Download your copy' }).click(),
  ]);
  // Nothing in the file name says what it is: the device may be shared.
  expect(download.suggestedFilename()).toMatch(/^document-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await readFile(await download.path());
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  await context.close();
});
