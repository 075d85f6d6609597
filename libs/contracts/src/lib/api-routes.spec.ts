import { apiUrl } from './api-routes';

describe('apiUrl', () => {
  it('prefixes a plain route with /api', () => {
    expect(apiUrl('auth/login')).toBe('/api/auth/login');
  });

  it('fills and encodes route parameters', () => {
    expect(apiUrl('clients/:id/notes', { id: 'a b/c' })).toBe('/api/clients/a%20b%2Fc/notes');
  });

  it('refuses a template whose parameter was not given', () => {
    expect(() => apiUrl('clients/:id')).toThrow('Missing route parameter "id"');
  });
});
