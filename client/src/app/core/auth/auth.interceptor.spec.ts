import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let token: string | null;
  const auth = {
    accessToken: () => token,
    refresh: jest.fn<Promise<boolean>, []>(),
    signOut: jest.fn().mockResolvedValue(undefined),
  };

  beforeEach(() => {
    token = 'old-token';
    auth.refresh.mockReset();
    auth.signOut.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: auth },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends the bearer token to the API only', async () => {
    const api = firstValueFrom(http.get('/api/auth/me'));
    backend.expectOne('/api/auth/me').flush({});
    await api;
    const other = firstValueFrom(http.get('/assets/x.json'));
    const request = backend.expectOne('/assets/x.json');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await other;
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    auth.refresh.mockImplementation(() => {
      token = 'new-token';
      return Promise.resolve(true);
    });
    const result = firstValueFrom(http.get<{ ok: boolean }>('/api/auth/me'));
    const first = backend.expectOne('/api/auth/me');
    expect(first.request.headers.get('Authorization')).toBe('Bearer old-token');
    first.flush({ message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    const retry = backend.expectOne('/api/auth/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new-token');
    retry.flush({ ok: true });
    await expect(result).resolves.toEqual({ ok: true });
    expect(auth.refresh).toHaveBeenCalledTimes(1);
  });

  it('sends the user to sign-in when the refresh fails', async () => {
    auth.refresh.mockResolvedValue(false);
    const result = firstValueFrom(http.get('/api/audit-events'));
    backend.expectOne('/api/audit-events').flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(auth.signOut).toHaveBeenCalledWith('expired');
  });

  it('passes other errors through without refreshing', async () => {
    const result = firstValueFrom(http.get('/api/audit-events'));
    backend.expectOne('/api/audit-events').flush({}, { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
    expect(auth.refresh).not.toHaveBeenCalled();
  });
});
