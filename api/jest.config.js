/** Unit tests: pure logic, no database. @type {import('jest').Config} */
module.exports = {
  displayName: 'api',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
