// Jest runs in native ESM mode (Nest 12 is ESM-only); SWC compiles tests with the build's options.
import { swcOptions } from './tools/swc-options.mjs';

const swc = swcOptions();
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, sourceMaps: 'inline', module: { type: 'es6', resolveFully: true } }] };
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/**/*.e2e-spec.ts', '<rootDir>/libs/**/*.e2e-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/e2e-setup.ts'],
      slowTestThreshold: 30,
    },
  ],
};
