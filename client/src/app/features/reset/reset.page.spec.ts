import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { PASSWORD_RESET_ACCEPTED } from '@cairn/contracts';
import { ResetPage } from './reset.page';

describe('ResetPage', () => {
  async function setUp(hash: string) {
    history.replaceState(null, '', `/reset${hash}`);
    TestBed.configureTestingModule({
      imports: [ResetPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(ResetPage);
    await fixture.whenStable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const element = fixture.nativeElement as HTMLElement;
    const type = (name: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`);
      if (!input) throw new Error(`no ${name} field`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, element, navigate, type, backend: TestBed.inject(HttpTestingController) };
  }

  it('asks for a link and shows the answer, the same for every address', async () => {
    const { element, type, backend, fixture } = await setUp('');
    type('email', 'therapist@demo.clinic');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = backend.expectOne('/api/auth/password-reset');
    expect(request.request.body).toEqual({ email: 'therapist@demo.clinic' });
    request.flush(PASSWORD_RESET_ACCEPTED, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(element.textContent).toContain(PASSWORD_RESET_ACCEPTED.message);
    expect(element.querySelector('form')).toBeNull();
  });

  it('sets the password from the link, wipes the secret from the address bar and goes to sign-in', async () => {
    const { element, type, backend, fixture, navigate } = await setUp(
      '#token=abcDEF123_-abcDEF123',
    );
    expect(location.hash).toBe('');
    type('password', 'a long new passphrase');
    type('confirm', 'a long new passphrase');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    const request = backend.expectOne('/api/auth/password-reset/confirm');
    expect(request.request.body).toEqual({
      token: 'abcDEF123_-abcDEF123',
      password: 'a long new passphrase',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], {
      queryParams: { reason: 'password-reset' },
      replaceUrl: true,
    });
  });

  it('shows why a used or expired link is refused', async () => {
    const { element, type, backend, fixture } = await setUp('#token=abcDEF123_-abcDEF123');
    type('password', 'a long new passphrase');
    type('confirm', 'a long new passphrase');
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    backend
      .expectOne('/api/auth/password-reset/confirm')
      .flush(
        { statusCode: 400, message: 'This reset link has expired or was already used.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(element.textContent).toContain('This reset link has expired or was already used.');
  });
});
