/**
 * Integration tests: the real Nest app over HTTP (supertest) on a real PostgreSQL. One server per
 * run (embedded, or DATABASE_URL), one fresh database per test file cloned from a template that
 * the migrations built.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'api-int',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/fail-on-pg-warnings.ts'],
  testTimeout: 30_000,
};
