import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const strongSecret = 'a9F3kQ7xL2mZ8pR4tV6wY1bN5cH0jD3s';

describe('loadConfig', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'cairn-config-'));
  });

  it('in development, uses the embedded database and generates a secret once, kept private', () => {
    const first = loadConfig({}, cwd);
    const second = loadConfig({}, cwd);
    expect(first.databaseUrl).toBeNull();
    expect(first.jwtSecret).toHaveLength(64);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    const secretsFile = path.join(cwd, '.data', 'local-secrets.json');
    expect(statSync(secretsFile).mode & 0o077).toBe(0);
    expect(readFileSync(secretsFile, 'utf8')).toContain(first.jwtSecret);
    expect(first.seedDemoData).toBe(true);
    expect(first.port).toBe(3000);
  });

  it('in production, refuses to start without a database URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: strongSecret }, cwd)).toThrow(
      new ConfigError(
        'DATABASE_URL is required in production (the embedded database is for development).',
      ),
    );
  });

  it.each([undefined, 'short', 'change-me-change-me-change-me-change-me'])(
    'in production, refuses a missing, short or placeholder JWT secret (%s)',
    (secret) => {
      const env = {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/cairn',
        ...(secret ? { JWT_SECRET: secret } : {}),
      };
      expect(() => loadConfig(env, cwd)).toThrow(/JWT_SECRET must be set/);
    },
  );

  it('in production, never seeds demo data and marks cookies Secure', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/cairn',
        JWT_SECRET: strongSecret,
        SEED_DEMO_DATA: 'true',
      },
      cwd,
    );
    expect(config.seedDemoData).toBe(false);
    expect(config.cookieSecure).toBe(true);
  });

  it('reads the port and CORS origins, and rejects a nonsense port', () => {
    const config = loadConfig(
      { PORT: '4100', CORS_ORIGINS: 'https://a.example, https://b.example ,' },
      cwd,
    );
    expect(config.port).toBe(4100);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(() => loadConfig({ PORT: 'eighty' }, cwd)).toThrow(
      'PORT must be a whole number, not "eighty".',
    );
  });
});
