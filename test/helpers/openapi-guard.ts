// Jest setupFilesAfterEnv: fails any test during which a fake GitHub server sent an answer that
// does not match GitHub's OpenAPI description (recorded by test/helpers/openapi.ts). Reads the
// shared store directly so suites that never start a fake server do not load the schemas.

const VIOLATIONS_KEY = Symbol.for('modelgate.github-openapi.violations');
type Store = { [VIOLATIONS_KEY]?: string[] };

afterEach(() => {
  const store = globalThis as Store;
  const found = store[VIOLATIONS_KEY] ?? [];
  store[VIOLATIONS_KEY] = [];
  if (found.length)
    throw new Error(
      `the fake GitHub server sent answers GitHub would not send:\n  ${[...new Set(found)].join('\n  ')}`,
    );
});
