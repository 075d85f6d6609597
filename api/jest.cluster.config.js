/**
 * The cluster test (npm run test:cluster): built API processes behind HAProxy on one
 * PostgreSQL. Apart from the integration suite because it needs dist/ and HAProxy.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'api-cluster',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
  testTimeout: 60_000,
};
