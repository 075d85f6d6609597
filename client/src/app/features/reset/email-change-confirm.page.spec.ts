import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { EmailChangeConfirmPage } from './email-change-confirm.page';

describe('EmailChangeConfirmPage', () => {
  function open(hash: string) {
    history.replaceState(null, '', `/email-change${hash}`);
    TestBed.configureTestingModule({
      imports: [EmailChangeConfirmPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(EmailChangeConfirmPage);
    fixture.detectChanges();
    return { fixture, backend: TestBed.inject(HttpTestingController) };
  }

  it('confirms with the secret from the link and wipes it from the address bar', async () => {
    const { fixture, backend } = open('#token=abcDEF123_-abcDEF123');
    expect(location.hash).toBe('');
    const request = backend.expectOne('/api/auth/email-change/confirm');
    expect(request.request.body).toEqual({ token: 'abcDEF123_-abcDEF123' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'Your account now signs in with this address.',
    );
  });

  it('says why a used link is refused', async () => {
    const { fixture, backend } = open('#token=abcDEF123_-abcDEF123');
    backend
      .expectOne('/api/auth/email-change/confirm')
      .flush(
        { statusCode: 400, message: 'This confirmation link has expired or was already used.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'This confirmation link has expired or was already used.',
    );
  });
});
