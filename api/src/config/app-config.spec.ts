import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, requireMailTransport } from './app-config';

const strongSecret = 'a9F3kQ7xL2mZ8pR4tV6wY1bN5cH0jD3s';
const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

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

  it('keeps its data in CAIRN_DATA_DIR, and in .data when the variable is empty', () => {
    expect(loadConfig({ CAIRN_DATA_DIR: 'elsewhere' }, cwd).dataDir).toBe(
      path.join(cwd, 'elsewhere'),
    );
    expect(loadConfig({ CAIRN_DATA_DIR: '' }, cwd).dataDir).toBe(path.join(cwd, '.data'));
    expect(loadConfig({ CAIRN_DATA_DIR: '  ' }, cwd).dataDir).toBe(path.join(cwd, '.data'));
  });

  it('runs workers in the app by default, none with WORKERS=off, and refuses anything else', () => {
    expect(loadConfig({}, cwd).jobs.workers).toBe(true);
    expect(loadConfig({ WORKERS: 'off' }, cwd).jobs.workers).toBe(false);
    // Tests start many apps: workers only where a test asks.
    expect(loadConfig({ NODE_ENV: 'test' }, cwd).jobs.workers).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', WORKERS: 'on' }, cwd).jobs.workers).toBe(true);
    expect(() => loadConfig({ WORKERS: 'maybe' }, cwd)).toThrow(ConfigError);
    expect(() => loadConfig({ MESSAGE_RETRY_BACKOFF_S: '60,soon' }, cwd)).toThrow(
      /MESSAGE_RETRY_BACKOFF_S/,
    );
    expect(loadConfig({}, cwd).jobs.retryBackoffSeconds).toEqual([60, 600, 3600]);
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

  it('in development, generates an encryption key once and keeps it beside the other secrets', () => {
    const first = loadConfig({}, cwd);
    const second = loadConfig({}, cwd);
    expect(first.encryption.activeKeyId).toBe('dev-1');
    expect(first.encryption.keys.get('dev-1')).toHaveLength(32);
    expect(second.encryption.keys.get('dev-1')).toEqual(first.encryption.keys.get('dev-1'));
  });

  it('in production, refuses to start without encryption keys', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/cairn',
      JWT_SECRET: strongSecret,
    };
    expect(() => loadConfig(env, cwd)).toThrow(/ENCRYPTION_KEYS is required in production/);
  });

  it('reads several keys, newest first, and refuses a key of the wrong size or a repeated id', () => {
    const config = loadConfig({ ENCRYPTION_KEYS: `k2:${key(2)}, k1:${key(1)}` }, cwd);
    expect(config.encryption.activeKeyId).toBe('k2');
    expect([...config.encryption.keys.keys()]).toEqual(['k2', 'k1']);
    expect(() => loadConfig({ ENCRYPTION_KEYS: 'k1:c2hvcnQ=' }, cwd)).toThrow(/must be 32 bytes/);
    expect(() => loadConfig({ ENCRYPTION_KEYS: `k1:${key(1)},k1:${key(2)}` }, cwd)).toThrow(
      /appears twice/,
    );
    expect(() => loadConfig({ ENCRYPTION_KEYS: key(1) }, cwd)).toThrow(/keyId:base64key/);
  });

  it('in production, never seeds demo data and marks cookies Secure', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/cairn',
        JWT_SECRET: strongSecret,
        ENCRYPTION_KEYS: `k1:${key(1)}`,
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

  it('sends mail through SMTP_URL in any mode, and production refuses to serve without it', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/cairn',
      JWT_SECRET: strongSecret,
      ENCRYPTION_KEYS: `k1:${key(1)}`,
    };
    expect(() => requireMailTransport(loadConfig(production, cwd))).toThrow(
      /SMTP_URL is required in production/,
    );
    expect(() =>
      requireMailTransport(loadConfig({ ...production, SMTP_URL: 'smtps://u:p@mail:465' }, cwd)),
    ).toThrow(/MAIL_FROM is required in production/);
    const ready = loadConfig(
      { ...production, SMTP_URL: 'smtps://u:p@mail:465', MAIL_FROM: 'no-reply@clinic.example' },
      cwd,
    );
    expect(() => requireMailTransport(ready)).not.toThrow();
    expect(ready.mail).toMatchObject({
      smtpUrl: 'smtps://u:p@mail:465',
      from: 'no-reply@clinic.example',
    });

    const development = loadConfig({ SMTP_URL: 'smtp://mail:587?requireTLS=true' }, cwd);
    expect(development.mail.smtpUrl).toBe('smtp://mail:587?requireTLS=true');
    const files = loadConfig({}, cwd);
    expect(files.mail.smtpUrl).toBeNull();
    expect(files.mail.fileDir).toBe(path.join(cwd, '.data', 'mail'));
    expect(() => requireMailTransport(files)).not.toThrow();
    expect(() => loadConfig({ SMTP_URL: 'http://mail' }, cwd)).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_FROM: 'Clinic <x@y.z>' }, cwd)).toThrow(/MAIL_FROM/);
  });
});
