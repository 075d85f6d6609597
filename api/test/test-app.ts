import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The whole API, configured exactly as `main.ts` does, on a fresh database of its own. Use one per
 * test file (beforeAll) and close it in afterAll.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  extra: { controllers?: Type[]; databaseUrl?: string } = {},
): Promise<TestApp> {
  // A test that runs its own PostgreSQL (to stop and start it) passes its database; it keeps it.
  const database: TestDatabase = extra.databaseUrl
    ? { url: extra.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEYS: `test-1:${randomBytes(32).toString('base64')}`,
      DATABASE_URL: database.url,
      CLIENT_DIR: path.join(__dirname, 'no-client-build'),
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      ...env,
    },
    path.resolve(__dirname, '../..'),
  );
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, database.url)],
    // Test-only routes, e.g. to exercise a mechanism no production route uses yet.
    controllers: extra.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureApp(app, config);
  await app.init();
  return {
    app,
    http: supertest(app.getHttpServer()),
    dataSource: app.get(DataSource),
    config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
