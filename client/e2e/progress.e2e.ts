import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { DEMO, DEMO_PASSWORD, openCaseload, signIn } from './demo-accounts';

test('a therapist opens the progress dashboard, creates a report, finalizes it and downloads the PDF; the client gets it once shared', async ({
  page,
  browser,
  request,
}) => {
  // A long journey (two people, a PDF); on a loaded machine it needs more than the default.
  test.slow();
  await signIn(page, DEMO.therapist);
  await openCaseload(page);
  await page.getByRole('link', { name: 'Jordan Rivera', exact: true }).click();
  await expect(page).toHaveURL(/\/therapist\/clients\/[0-9a-f-]+$/);
  // An event a week ago, inside the weeks of Jordan's homework (the demo's are months earlier).
  const jordanId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const login = await request.post('/api/auth/login', {
    data: { email: DEMO.therapist, password: DEMO_PASSWORD },
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const weekAgo = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(
    Date.now() - 7 * 24 * 3_600_000,
  );
  const added = await request.post(`/api/clients/${jordanId}/timeline`, {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { kind: 'other', label: 'Family holiday', occurredOn: weekAgo },
  });
  expect(added.status()).toBe(201);
  await page.getByRole('link', { name: 'Progress and reports' }).click();
  await expect(page.getByRole('heading', { name: 'Progress · Jordan Rivera' })).toBeVisible();

  // Every chart has its figures beside it.
  const phq = page.getByRole('table', { name: 'Patient Health Questionnaire (PHQ-9) scores' });
  // Other journeys may add scores to Jordan's file; the demo's course is there whatever they do.
  await expect(phq).toContainText('17 / 27');
  await expect(phq).toContainText('first score');
  await expect(phq).toContainText('reliable improvement');
  await expect(
    page
      .getByRole('article', { name: 'Patient Health Questionnaire (PHQ-9)' })
      .locator('svg')
      .first(),
  ).toBeVisible();
  // The client's timeline events are drawn on the charts too, labelled, inside a figure that
  // screen readers skip (the events are listed in words above, the scores in the table).
  const phqFigure = page
    .getByRole('article', { name: 'Patient Health Questionnaire (PHQ-9)' })
    .locator('.chart-figure');
  await expect(phqFigure).toHaveAttribute('aria-hidden', 'true');
  await expect(phqFigure).toHaveAttribute('inert', '');
  await expect(phqFigure.getByText('Couples work started')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Events in this period' }).getByRole('listitem'),
  ).toContainText(['Couples work started']);
  // Each chart on its own time axis: three weeks of check-ins are not stretched back to the
  // first score of treatment, so October's event is not on that chart.
  const checkInFigure = page
    .getByRole('article', { name: 'Daily repair check-in' })
    .locator('.chart-figure');
  await expect(checkInFigure.locator('svg').first()).toBeVisible();
  await expect(checkInFigure.getByText('Couples work started')).toHaveCount(0);
  await expect(checkInFigure.getByText('Jordan Rivera')).toBeVisible();
  // The weekly homework bars carry the events of their weeks as well, drawn over the bars.
  const homeworkFigure = page
    .getByRole('article', { name: 'Homework', exact: true })
    .locator('.chart-figure');
  await expect(homeworkFigure.getByText('Family holiday')).toBeVisible();
  await expect(homeworkFigure.getByText('Couples work started')).toHaveCount(0);
  const bars = await homeworkFigure
    .locator('path.bar')
    .evaluateAll((paths) => paths.map((bar) => bar.getBoundingClientRect()));
  expect(bars.length).toBeGreaterThan(1);
  const line = await homeworkFigure.locator('.marker').first().boundingBox();
  expect(line?.x).toBeGreaterThan(Math.min(...bars.map((bar) => bar.left)));
  expect(line?.x).toBeLessThan(Math.max(...bars.map((bar) => bar.right)));
  await expectNoSeriousAxeViolations(page);
  await expect(page.getByRole('table', { name: /Homework: \d+ of \d+ done/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Check-ins in this period' })).toContainText(
    'Alex (partner)',
  );

  // A report for the period on screen: written, finalized, downloaded.
  await page.getByRole('button', { name: /Create report for/ }).click();
  await page
    .getByLabel('Summary')
    .fill('Jordan’s alarm has settled: sleep is back and checking has eased.');
  await page.getByLabel('Plan').fill('Continue weekly; prepare for the disclosure session.');
  await page.getByRole('button', { name: 'Finalize…' }).click();
  await page.getByRole('button', { name: 'Finalize report' }).click();
  await expect(page.getByRole('status')).toHaveText('The report is final.');
  await expect(page.getByLabel('Summary')).not.toBeEditable();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^progress-report-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);

  // Shared, it reaches Jordan's portal as a download, and only then.
  await page.getByRole('checkbox', { name: 'Share with the client in their portal' }).check();
  await expect(page.getByRole('status')).toContainText('can now download it');
  const context = await browser.newContext();
  const portal = await context.newPage();
  await signIn(portal, DEMO.client);
  const documents = portal.getByRole('region', { name: 'Documents from the clinic' });
  await expect(documents.getByRole('listitem')).toHaveCount(1);
  const [summary] = await Promise.all([
    portal.waitForEvent('download'),
    documents.getByRole('button', { name: 'Download' }).click(),
  ]);
  // Nothing in the file name says what it is about: the device may be shared.
  expect(summary.suggestedFilename()).toMatch(/^summary-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect((await readFile(await summary.path())).subarray(0, 5).toString()).toBe('%PDF-');
  await context.close();
});
