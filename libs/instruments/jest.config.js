/** @type {import('jest').Config} */
module.exports = {
  displayName: 'instruments',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
