import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from './demo-accounts';

test('a therapist sees the open risk flag in the note editor and acknowledges it before signing', async ({
  page,
  request,
}) => {
  // Zoë answered PHQ-9 item 9 above 0 in session; a draft note says "None identified".
  const login = await request.post('/api/auth/login', {
    data: { email: DEMO.therapist, password: DEMO_PASSWORD },
  });
  const auth = {
    authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`,
  };
  const found = await request.get('/api/clients?q=Lambert', { headers: auth });
  const zoe = ((await found.json()) as { items: { id: string }[] }).items[0];
  const clientId = zoe?.id ?? '';
  const created = await request.post(`/api/clients/${clientId}/assessments`, {
    headers: auth,
    data: { instrumentCode: 'PHQ-9', mode: 'in_session' },
  });
  const { id: assessmentId } = (await created.json()) as { id: string };
  await request.put(`/api/assessments/${assessmentId}/answers`, {
    headers: auth,
    data: { answers: { 'phq9-9': 1 } },
  });
  const draft = await request.post(`/api/clients/${clientId}/notes`, {
    headers: auth,
    data: {
      templateCode: 'dap',
      sessionAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationMinutes: 50,
      serviceType: 'individual_45',
      content: {
        data: 'Talked through a hard week.',
        risk: { level: 'none' },
        plan: 'Weekly sessions.',
      },
    },
  });
  const { id: noteId } = (await draft.json()) as { id: string };

  await signIn(page, DEMO.therapist);
  await page.goto(`/therapist/notes/${noteId}`);
  const banner = page.getByRole('alert').filter({ hasText: 'Open risk flag' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('PHQ-9 item 9');
  await expect(banner).toContainText('cannot be signed with risk “None identified”');
  // "None identified" over an open flag cannot be signed.
  await expect(
    page.getByText('Acknowledge the open risk flag, or record the risk you assessed.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign…' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/note-open-flag.png', fullPage: true });

  // The API says why, too.
  const refused = await request.post(`/api/notes/${noteId}/sign`, {
    headers: auth,
    data: { version: 1, password: DEMO_PASSWORD },
  });
  expect(refused.status()).toBe(409);

  // Acknowledged from the note (what was done), the note can be signed.
  await banner
    .getByLabel('What you did')
    .fill('Asked directly in session: passing thoughts, no plan; safety plan agreed.');
  await banner.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Open risk flag' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign this note' });
  await dialog.getByLabel('Your password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign note' }).click();
  await expect(page.getByRole('heading', { name: 'Signature' })).toBeVisible();
});
