/** Jest runs the TypeScript sources as ESM through ts-jest; type checking is `npm run typecheck`. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
  // Fails any test whose fake GitHub server answered in a shape GitHub's OpenAPI description rejects.
  setupFilesAfterEnv: ['<rootDir>/test/helpers/openapi-guard.ts'],
};
