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
  // Jest's default on 2 cores is one worker, but the slow suites mostly wait on child processes
  // (the built action, the CLI) and sockets (the fake GitHub): two workers take 175 s instead of 256 s.
  maxWorkers: 2,
  // Fails any test whose fake GitHub server answered in a shape GitHub's OpenAPI description rejects.
  setupFilesAfterEnv: ['<rootDir>/test/helpers/openapi-guard.ts'],
};
