/** Angular component and service tests in jsdom. @type {import('jest').Config} */
const path = require('node:path');

module.exports = {
  displayName: 'client',
  preset: 'jest-preset-angular',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testEnvironment: 'jsdom',
  moduleNameMapper: {
    '^@cairn/contracts$': path.join(__dirname, '../libs/contracts/src/index.ts'),
    '^@cairn/instruments$': path.join(__dirname, '../libs/instruments/src/index.ts'),
  },
  transform: {
    '^.+\\.(ts|js|mjs|html|svg)$': [
      'jest-preset-angular',
      { tsconfig: '<rootDir>/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' },
    ],
  },
  transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
};
