import { attachSealedFields } from '../src/crypto/crypto.module';
import { FieldCipher } from '../src/crypto/field-cipher';
import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp, createHttpAdapter } from '../src/app.setup';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  /**
   * The owner of the tables, for fixtures and for reading what the app wrote: it passes
   * row-level security. The app itself runs as the runtime role (`runtimeDataSource`).
   */
  dataSource: DataSource;
  runtimeDataSource: DataSource;
  database: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Test-only routes, e.g. to exercise a mechanism no production route uses yet. */
  controllers?: Type[];
}

/**
 * The whole API, configured exactly as `main.ts` does, on a fresh database of its own. Use one per
 * test file (beforeAll) and close it in afterAll.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  return startTestApp(await createTestDatabase(), env, options);
}

/**
 * The whole API on a database made elsewhere (a restored one, or one on a server a test stops
 * and starts); closing the app calls the database's `drop`.
 */
export async function startTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEYS: `test-1:${randomBytes(32).toString('base64')}`,
      DATABASE_URL: database.runtimeUrl,
      MIGRATIONS_DATABASE_URL: database.ownerUrl,
      CLIENT_DIR: path.join(__dirname, 'no-client-build'),
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // Without SMTP_URL mail is written as files: keep a test's out of the working copy.
      MAIL_DIR: path.join(tmpdir(), 'cairn-test-mail'),
      MAIL_RETRY_DELAYS_MS: '50,200',
      ...env,
    },
    path.resolve(__dirname, '../..'),
  );
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, database.runtimeUrl)],
    controllers: options.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), {
    logger: false,
    bodyParser: false,
  });
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const owner = await new DataSource(dataSourceOptions(database.ownerUrl, 4)).initialize();
  // Fixtures read through the owner see sealed fields opened, as the app's services do.
  attachSealedFields(owner, app.get(FieldCipher));
  return {
    app,
    http: supertest(app.getHttpServer()),
    dataSource: owner,
    runtimeDataSource: app.get(DataSource),
    database,
    config,
    close: async () => {
      await app.close();
      await owner.destroy();
      await database.drop();
    },
  };
}
