import { loggablePath } from './access-log';

describe('access log paths', () => {
  it('never writes a calendar feed token to the log', () => {
    expect(loggablePath('/api/calendar/3q2-7wEhDk_secret-token-value-aaaaaaaaaaaaaaa.ics')).toBe(
      '/api/calendar/[token].ics',
    );
  });

  it('keeps every other path as it is', () => {
    expect(loggablePath('/api/appointments/2f1c8b9e-6a4d-4c3b-9f2e-1a2b3c4d5e6f')).toBe(
      '/api/appointments/2f1c8b9e-6a4d-4c3b-9f2e-1a2b3c4d5e6f',
    );
  });
});
