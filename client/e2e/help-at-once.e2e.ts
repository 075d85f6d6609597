import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from './demo-accounts';

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const login = await request.post('/api/auth/login', {
    data: { email, password: DEMO_PASSWORD },
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a client answers PHQ-9 item 9 above 0 on a phone and sees, at once, where to find help', async ({
  page,
  request,
}) => {
  // The therapist sends a PHQ-9 to Jordan's portal.
  const therapist = await tokenOf(request, DEMO.therapist);
  const auth = { authorization: `Bearer ${therapist}` };
  const found = await request.get('/api/clients?q=Jordan', { headers: auth });
  const jordan = (
    (await found.json()) as { items: { id: string; legalName: string }[] }
  ).items.find((client) => client.legalName === 'Jordan Rivera');
  const sent = await request.post(`/api/clients/${jordan?.id ?? ''}/assessments`, {
    headers: auth,
    data: { instrumentCode: 'PHQ-9', mode: 'portal' },
  });
  expect(sent.status()).toBe(201);
  const { id } = (await sent.json()) as { id: string };

  // On her phone, one question at a time.
  await signIn(page, DEMO.client);
  await page.goto(`/portal/questionnaires/${id}`);
  await expect(page.getByText('Question 1 of 10')).toBeVisible();
  // The form says whose it is while it is being answered.
  await expect(page.getByText(/Developed by Drs\. Robert L\. Spitzer/)).toBeVisible();
  for (let item = 1; item <= 8; item++) {
    await page.getByRole('radio', { name: 'Not at all' }).click();
    await expect(page.getByText(`Question ${item + 1} of 10`)).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'You are not alone with this' })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Several days' }).click();

  // The moment the answer is saved: calm words, the numbers to call or text, and the truth
  // about when the therapist will see it. Before the questionnaire is finished.
  const help = page.getByRole('region', { name: 'You are not alone with this' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('you do not have to face them alone');
  await expect(help.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', 'tel:988');
  await expect(help.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
  await expect(help.getByRole('link', { name: 'Call 911' })).toBeVisible();
  await expect(help).toContainText('next time they open Cairn');
  await expect(help).not.toContainText(/flag/i);
  await page.screenshot({ path: 'test-results/screens/portal-item9-phone.png', fullPage: true });

  // Finishing keeps the help on the page: never only "thank you".
  await expect(page.getByText('Question 10 of 10')).toBeVisible();
  await page.getByRole('button', { name: 'Send to my therapist' }).click();
  await expect(page.getByText('Thank you. Your answers are with your therapist.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'You are not alone with this' })).toBeVisible();

  // "If you need help now" is one tap away from any portal page.
  await page.goto('/portal/home');
  await page.getByRole('link', { name: 'Help now' }).click();
  await expect(page.getByRole('region', { name: 'If you need help now' })).toContainText(
    '988 Suicide & Crisis Lifeline',
  );
  await page.screenshot({ path: 'test-results/screens/portal-help-now-phone.png', fullPage: true });
});
