import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface EncryptionKeys {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export type AppEnvironment = 'development' | 'production' | 'test';

export interface AppConfig {
  env: AppEnvironment;
  port: number;
  /** `null` means: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | null;
  /** The owner role, when a DBA gives the runtime role in `databaseUrl` (see database-roles.ts). */
  migrationsDatabaseUrl: string | null;
  dataDir: string;
  embeddedPostgresPort: number;
  clientDir: string;
  /** Where people reach Cairn; invitation links point here. */
  publicUrl: string;
  inviteTtlHours: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshIdleMinutes: number;
  refreshAbsoluteHours: number;
  /** How long a just-exchanged refresh token may come back once (a reload racing its refresh). */
  refreshGraceSeconds: number;
  cookieSecure: boolean;
  corsOrigins: string[];
  trustProxy: boolean;
  loginRateLimitPerMinute: number;
  lockout: { maxFailures: number; windowMinutes: number; lockMinutes: number };
  /** The second sign-in step's own limit: wrong codes per account, counted apart from passwords. */
  mfaLockout: { maxFailures: number; windowMinutes: number; lockMinutes: number };
  /** Keys for application-level encryption of clinical text (notes); the active one encrypts. */
  encryption: EncryptionKeys;
  seedDemoData: boolean;
  mail: MailConfig;
  passwordReset: PasswordResetConfig;
  jobs: JobsConfig;
  logLevel: 'debug' | 'log' | 'warn' | 'error';
  /**
   * On SIGTERM, how long health answers 503 before the server stops taking connections, so a
   * load balancer takes this replica out of rotation first (a rolling restart loses nothing).
   */
  shutdownDrainMs: number;
}

/**
 * Where mail goes. With `smtpUrl` (any mode) through that server: `smtps://` for TLS from the
 * start, `smtp://` upgrading with STARTTLS when the server offers it, `?requireTLS=true` to refuse
 * a server that does not; credentials in the URL. Without it (development and tests only), each
 * message is written as an `.eml` file into `fileDir`.
 */
export interface MailConfig {
  smtpUrl: string | null;
  /** The sender's address (`MAIL_FROM`); the sender's name is the clinic's. */
  from: string | null;
  fileDir: string;
  /** Delays before each retry of a temporary failure; one attempt more than entries. */
  retryDelaysMs: number[];
}

export interface PasswordResetConfig {
  /** How long an emailed reset link works. */
  ttlMinutes: number;
  /** Requests per address typed, and per IP address, within an hour. */
  perAddressPerHour: number;
  perIpPerHour: number;
  /**
   * Every request is answered no sooner than this, so a known address (a link is made) and an
   * unknown one (nothing is) take the same time.
   */
  answerFloorMs: number;
}

/** The job queue (pg-boss) and the messages its dispatcher sends (docs/jobs.md). */
export interface JobsConfig {
  /** Whether this process runs the workers (`WORKERS=off` for an API-only process). */
  workers: boolean;
  /** How often a worker looks for due messages even when nothing woke it (`JOBS_TICK_MS`). */
  tickMs: number;
  /** Tries per message before it is marked failed and dead-lettered (`MESSAGE_MAX_ATTEMPTS`). */
  maxAttempts: number;
  /** Waits before each retry of a message, in seconds (`MESSAGE_RETRY_BACKOFF_S`). */
  retryBackoffSeconds: number[];
}

type Env = Record<string, string | undefined>;

/** A problem in the environment that must stop the app before it serves anyone. */
export class ConfigError extends Error {}

/**
 * Reads the configuration from the environment. Development gets safe defaults (its secrets are
 * generated once and kept in the git-ignored data folder); production refuses to start without
 * real secrets and a real database.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = parseEnvironment(env['NODE_ENV']);
  const production = nodeEnv === 'production';
  // An empty value (`CAIRN_DATA_DIR=` in a shell or a compose file) is no value: resolved as a
  // path it would be the working directory, and the secrets and database would land there.
  const dataDir = path.resolve(cwd, nonEmpty(env['CAIRN_DATA_DIR']) ?? '.data');
  const databaseUrl = nonEmpty(env['DATABASE_URL']);

  if (production && !databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is required in production (the embedded database is for development).',
    );
  }
  const jwtSecret = production
    ? requireSecret(env, 'JWT_SECRET')
    : (nonEmpty(env['JWT_SECRET']) ?? localSecrets(dataDir).jwtSecret);

  const rawKeys = nonEmpty(env['ENCRYPTION_KEYS']);
  if (production && !rawKeys) {
    throw new ConfigError(
      'ENCRYPTION_KEYS is required in production: "keyId:base64-of-32-random-bytes", newest first.',
    );
  }
  const encryption = parseEncryptionKeys(rawKeys ?? `dev-1:${localSecrets(dataDir).encryptionKey}`);

  const port = parseInteger(env, 'PORT', 3000);
  const mail = mailConfig(env, dataDir, cwd);
  return {
    env: nodeEnv,
    port,
    databaseUrl,
    migrationsDatabaseUrl: nonEmpty(env['MIGRATIONS_DATABASE_URL']),
    dataDir,
    embeddedPostgresPort: parseInteger(env, 'EMBEDDED_PG_PORT', 54329),
    clientDir: path.resolve(cwd, env['CLIENT_DIR'] ?? 'dist/client/browser'),
    publicUrl: (nonEmpty(env['PUBLIC_URL']) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    inviteTtlHours: 72,
    jwtSecret,
    accessTokenTtlSeconds: 15 * 60,
    refreshIdleMinutes: 30,
    refreshAbsoluteHours: 12,
    refreshGraceSeconds: 10,
    cookieSecure: parseBoolean(env['COOKIE_SECURE'], production),
    corsOrigins: (env['CORS_ORIGINS'] ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
    trustProxy: parseBoolean(env['TRUST_PROXY'], false),
    loginRateLimitPerMinute: parseInteger(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 20),
    lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
    mfaLockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
    encryption,
    seedDemoData: !production && parseBoolean(env['SEED_DEMO_DATA'], true),
    mail,
    passwordReset: {
      ttlMinutes: 30,
      perAddressPerHour: parseInteger(env, 'PASSWORD_RESET_PER_ADDRESS_PER_HOUR', 3),
      perIpPerHour: parseInteger(env, 'PASSWORD_RESET_PER_IP_PER_HOUR', 30),
      answerFloorMs: 400,
    },
    jobs: jobsConfig(env, nodeEnv),
    logLevel: parseLogLevel(env['LOG_LEVEL'], 'log'),
    shutdownDrainMs: parseInteger(env, 'SHUTDOWN_DRAIN_MS', production ? 5_000 : 0),
  };
}

const EMAIL_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$|^[^\s@<>"]+@localhost$/;

function jobsConfig(env: Env, nodeEnv: AppConfig['env']): JobsConfig {
  const workers = nonEmpty(env['WORKERS'])?.toLowerCase();
  if (workers && !['on', 'off'].includes(workers)) {
    throw new ConfigError(`WORKERS must be on or off, not "${workers}".`);
  }
  const backoff = (nonEmpty(env['MESSAGE_RETRY_BACKOFF_S']) ?? '60,600,3600')
    .split(',')
    .map((part) => Number(part.trim()));
  if (backoff.some((seconds) => !Number.isFinite(seconds) || seconds < 0)) {
    throw new ConfigError('MESSAGE_RETRY_BACKOFF_S must be seconds separated by commas.');
  }
  return {
    // Tests start many apps: each one runs workers only when it asks to.
    workers: workers ? workers === 'on' : nodeEnv !== 'test',
    tickMs: parseInteger(env, 'JOBS_TICK_MS', 10_000),
    maxAttempts: Math.max(1, parseInteger(env, 'MESSAGE_MAX_ATTEMPTS', 4)),
    retryBackoffSeconds: backoff,
  };
}

function mailConfig(env: Env, dataDir: string, cwd: string): MailConfig {
  const smtpUrl = nonEmpty(env['SMTP_URL']);
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://.');
  }
  const from = nonEmpty(env['MAIL_FROM']);
  if (from && !EMAIL_ADDRESS.test(from)) {
    throw new ConfigError(`MAIL_FROM must be a plain email address, not "${from}".`);
  }
  return {
    smtpUrl,
    from: from ?? null,
    fileDir: path.resolve(cwd, env['MAIL_DIR'] ?? path.join(dataDir, 'mail')),
    retryDelaysMs: (nonEmpty(env['MAIL_RETRY_DELAYS_MS']) ?? '2000,10000,60000')
      .split(',')
      .map((part) => Number(part.trim()))
      .filter((delay) => Number.isFinite(delay) && delay >= 0),
  };
}

/**
 * Production sends every account email (invitations, resets) through a real server: without one
 * nobody could ever be invited. Checked where Cairn serves or sends, not by every command (a
 * backup needs no mail).
 */
export function requireMailTransport(config: AppConfig): void {
  if (config.env !== 'production') return;
  if (!config.mail.smtpUrl) {
    throw new ConfigError(
      'SMTP_URL is required in production (invitations and password resets are sent by email), ' +
        'e.g. smtps://user:password@smtp.example.org:465 (see docs/email.md).',
    );
  }
  if (!config.mail.from) {
    throw new ConfigError(
      'MAIL_FROM is required in production: the address mail is sent from, e.g. no-reply@clinic.example.',
    );
  }
}

function parseEnvironment(value: string | undefined): AppEnvironment {
  if (value === undefined || value === '' || value === 'development') return 'development';
  if (value === 'production' || value === 'test') return value;
  throw new ConfigError(`NODE_ENV must be development, production or test, not "${value}".`);
}

function requireSecret(env: Env, name: string): string {
  const value = nonEmpty(env[name]);
  if (!value || value.length < 32 || /change|secret|example|default/i.test(value)) {
    throw new ConfigError(
      `${name} must be set to a random value of at least 32 characters in production.`,
    );
  }
  return value;
}

function parseInteger(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${name} must be a whole number, not "${raw}".`);
  }
  return value;
}

function parseBoolean(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  return raw === 'true' || raw === '1';
}

function parseLogLevel(
  raw: string | undefined,
  fallback: AppConfig['logLevel'],
): AppConfig['logLevel'] {
  if (raw === 'debug' || raw === 'log' || raw === 'warn' || raw === 'error') return raw;
  return fallback;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/**
 * `ENCRYPTION_KEYS="k2:<base64>,k1:<base64>"`: each key is 32 random bytes (AES-256). The first
 * encrypts new data; the others stay to read rows written before a rotation.
 */
export function parseEncryptionKeys(raw: string, variable = 'ENCRYPTION_KEYS'): EncryptionKeys {
  const keys = new Map<string, Buffer>();
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new ConfigError(
        `${variable} entries look like "keyId:base64key" (id: letters, digits, - or _).`,
      );
    }
    if (key.length !== 32) {
      throw new ConfigError(`Encryption key "${id}" must be 32 bytes (base64 of 32 random bytes).`);
    }
    if (keys.has(id)) throw new ConfigError(`Encryption key id "${id}" appears twice.`);
    keys.set(id, key);
  }
  const activeKeyId = keys.keys().next().value;
  if (activeKeyId === undefined) throw new ConfigError(`${variable} holds no key.`);
  return { activeKeyId, keys };
}

interface LocalSecrets {
  jwtSecret: string;
  databasePassword: string;
  encryptionKey: string;
}

/**
 * Development secrets, generated on first start and kept beside the embedded database so that a
 * restart keeps sessions and the database password stable. Never used in production.
 */
export function localSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'local-secrets.json');
  const existing = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>)
    : {};
  // A data folder from before notes were encrypted gains its key; the other secrets stay.
  const secrets: LocalSecrets = {
    jwtSecret: existing.jwtSecret ?? randomBytes(48).toString('base64url'),
    databasePassword: existing.databasePassword ?? randomBytes(24).toString('base64url'),
    encryptionKey: existing.encryptionKey ?? randomBytes(32).toString('base64'),
  };
  if (Object.keys(existing).length < Object.keys(secrets).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
