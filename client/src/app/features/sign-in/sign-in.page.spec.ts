import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SignInPage } from './sign-in.page';

describe('SignInPage', () => {
  async function setUp(returnUrl?: string) {
    TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(SignInPage);
    if (returnUrl) fixture.componentRef.setInput('returnUrl', returnUrl);
    await fixture.whenStable();
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const element = fixture.nativeElement as HTMLElement;
    const type = (label: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`input[formcontrolname="${label}"]`);
      if (!input) throw new Error(`no ${label} field`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, element, navigate, type, backend: TestBed.inject(HttpTestingController) };
  }

  const signedIn = { accessToken: 't', expiresIn: 900, user: { role: 'therapist' } };

  it('sends a therapist to Today after sign-in', async () => {
    const { element, navigate, type, backend, fixture } = await setUp();
    type('email', 'therapist@demo.clinic');
    type('password', 'cairn-demo-2026');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    backend.expectOne('/api/auth/login').flush(signedIn);
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/therapist', { replaceUrl: true });
  });

  it('asks for the code from the app when the account has MFA, then signs in with it', async () => {
    const { element, navigate, type, backend, fixture } = await setUp();
    type('email', 'therapist@demo.clinic');
    type('password', 'cairn-demo-2026');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    backend
      .expectOne('/api/auth/login')
      .flush({ mfa: 'verify', challengeToken: 'challenge-token-123456789', expiresIn: 300 });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain('Enter your code');
    expect(navigate).not.toHaveBeenCalled();

    type('code', '123 456');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const verify = backend.expectOne('/api/auth/mfa/verify');
    expect(verify.request.body).toEqual({
      challengeToken: 'challenge-token-123456789',
      code: '123456',
    });
    verify.flush(signedIn);
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/therapist', { replaceUrl: true });
  });

  it('ignores a return address that would leave the app', async () => {
    const { element, navigate, type, backend, fixture } = await setUp('//evil.example/phish');
    type('email', 'therapist@demo.clinic');
    type('password', 'cairn-demo-2026');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    backend.expectOne('/api/auth/login').flush(signedIn);
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/therapist', { replaceUrl: true });
  });

  it('shows the server message when sign-in is refused, and clears the password', async () => {
    const { element, type, backend, fixture } = await setUp();
    type('email', 'therapist@demo.clinic');
    type('password', 'wrong-password');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, message: 'Email or password is incorrect.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Email or password is incorrect.',
    );
    expect(
      element.querySelector<HTMLInputElement>('input[formcontrolname="password"]')?.value,
    ).toBe('');
  });

  it('does not send the form while a field is empty', async () => {
    const { element, backend, fixture } = await setUp();
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    backend.expectNone('/api/auth/login');
    expect(element.textContent).toContain('Enter your email.');
  });
});
