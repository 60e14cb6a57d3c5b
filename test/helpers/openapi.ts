// Checks fake GitHub answers against GitHub's own OpenAPI description, so the fake servers cannot
// drift from what GitHub sends. The schemas are extracted from @octokit/openapi by
// scripts/extract-github-openapi.mjs into fixtures/github-openapi/responses.json (see there how to
// add an operation). Fake servers call recordGitHubResponse() for every answer; violations are
// collected and test/helpers/openapi-guard.ts (jest setupFilesAfterEnv) fails the test that caused
// them. A test that sends a wrong shape on purpose takes its violations with takeViolations().

import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

interface Extract {
  source: string;
  operations: Record<string, Record<string, object | null>>;
  components: { schemas: Record<string, object> };
}

const FIXTURE = 'fixtures/github-openapi/responses.json';
const require = createRequire(import.meta.url);
const extract: Extract = require(`../../${FIXTURE}`);

/** Where violations wait for the guard; on globalThis so the guard needs no import of this module. */
export const VIOLATIONS_KEY = Symbol.for('modelgate.github-openapi.violations');
type Store = { [VIOLATIONS_KEY]?: string[] };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(operation: string, status: string): ValidateFunction {
  const key = `${operation} ${status}`;
  let v = compiled.get(key);
  if (v) return v;
  if (!ajv) {
    // GitHub's schemas use keywords ajv's strict mode refuses (discriminator, readOnly, ...).
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)));
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    for (const f of ['int64', 'int32', 'double', 'repo.nwo', 'binary', 'date', 'uri-template', 'email', 'timestamp'])
      ajv.addFormat(f, true);
    ajv.addSchema({ $id: 'github', components: extract.components });
  }
  const schema = extract.operations[operation][status]!;
  // Rebase the component references onto the registered document.
  const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"github#/components/'));
  v = ajv.compile(rebased);
  compiled.set(key, v);
  return v;
}

const templates = Object.keys(extract.operations).map((op) => {
  const [method, path] = op.split(' ');
  const parts = path.split('/');
  return { op, method, parts, literals: parts.filter((p) => !p.startsWith('{')).length };
});

/** The operation ("GET /repos/{owner}/{repo}/...") a request path falls under, or null. */
export function operationOf(method: string, path: string): string | null {
  const segs = path.split('/');
  const same = (p: string, s: string | undefined) => (p.startsWith('{') ? !!s : p === s);
  // A last parameter such as {path} or {ref} may hold slashes (contents/a/b.json, heads/main).
  const fits = (parts: string[]) =>
    parts.every((p, i) => same(p, segs[i])) &&
    (segs.length === parts.length || (segs.length > parts.length && parts.at(-1)!.startsWith('{')));
  const hits = templates
    .filter((t) => t.method === method.toUpperCase() && fits(t.parts))
    // Exact segment counts first, then the most literal template (issues/comments/{id} over issues/{n}).
    .sort(
      (a, b) =>
        Number(b.parts.length === segs.length) - Number(a.parts.length === segs.length) || b.literals - a.literals,
    );
  return hits[0]?.op ?? null;
}

/**
 * Problems of one answer against GitHub's description, [] if it conforms. Success answers must be
 * of a described operation and status; error answers are checked where GitHub describes them.
 */
export function checkGitHubResponse(method: string, path: string, status: number, body: unknown): string[] {
  const op = operationOf(method, path);
  const what = `${method} ${path} → ${status}`;
  const ok = status >= 200 && status < 300;
  if (!op) return ok ? [`${what}: not an operation in ${FIXTURE} (add it to scripts/extract-github-openapi.mjs)`] : [];
  const responses = extract.operations[op];
  if (!(String(status) in responses)) return ok ? [`${what}: GitHub does not answer ${op} with ${status}`] : [];
  if (responses[String(status)] === null) return body === undefined ? [] : [`${what}: GitHub sends no body here`];
  const v = validatorFor(op, String(status));
  if (v(body)) return [];
  return (v.errors ?? []).slice(0, 5).map((e) => `${what}: ${e.instancePath || '/'} ${e.message} (${op})`);
}

/** Checks an answer and keeps its violations for the guard to fail the running test. */
export function recordGitHubResponse(method: string, path: string, status: number, body: unknown): void {
  const problems = checkGitHubResponse(method, path, status, body);
  if (!problems.length) return;
  const store = globalThis as Store;
  (store[VIOLATIONS_KEY] ??= []).push(...problems);
}

/** Takes (and clears) the violations recorded so far. */
export function takeViolations(): string[] {
  const store = globalThis as Store;
  const v = store[VIOLATIONS_KEY] ?? [];
  store[VIOLATIONS_KEY] = [];
  return v;
}

export const GITHUB_OPENAPI_SOURCE = extract.source;

type Json = Record<string, unknown>;
const isPlain = (x: unknown): x is Json => !!x && typeof x === 'object' && !Array.isArray(x);

/** `override` laid over `base`: objects merge key by key, anything else (arrays too) replaces. */
function overlay(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlain(base) || !isPlain(override)) return override;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = overlay(base[k], v);
  return out;
}

const SAMPLE_STRINGS: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  uri: 'https://api.github.com/',
  email: 'octocat@example.com',
};

/** The smallest value a schema accepts: required properties only, null where allowed (and wanted). */
function sample(schema: Json, nullable = true, depth = 0): unknown {
  if (depth > 40) throw new Error('schema nests too deep to sample');
  const next = (s: Json, n = true) => sample(s, n, depth + 1);
  if (typeof schema.$ref === 'string')
    return next(extract.components.schemas[schema.$ref.split('/').pop()!] as Json, nullable);
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (branches) {
    const some = branches.filter((b) => b.type !== 'null');
    return nullable && some.length < branches.length ? null : next(some[0], false);
  }
  if (schema.allOf) return (schema.allOf as Json[]).reduce<unknown>((acc, s) => overlay(acc, next(s, false)), {});
  if (Array.isArray(schema.enum))
    return nullable && schema.enum.includes(null) ? null : schema.enum.find((v) => v !== null);
  const types = ([] as unknown[]).concat(schema.type ?? 'object');
  const type = nullable && types.includes('null') ? 'null' : types.find((t) => t !== 'null');
  switch (type) {
    case 'null':
      return null;
    case 'string':
      // 'a' repeated fits both length limits and hex patterns such as a 40-character sha.
      return SAMPLE_STRINGS[String(schema.format)] ?? 'a'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Number(schema.minItems ?? 0) }, () => next(schema.items as Json));
  }
  const props = (schema.properties ?? {}) as Record<string, Json>;
  return Object.fromEntries(((schema.required ?? []) as string[]).map((k) => [k, next(props[k] ?? {})]));
}

/**
 * A body GitHub could send for `operation` ("GET /repos/{owner}/{repo}/pulls/{pull_number}") and
 * `status`: every required field filled with a placeholder, then `fields` laid over it. Fake
 * servers build their answers with this so they carry every field GitHub promises.
 */
export function githubResponse(operation: string, status: number, fields?: unknown): Json {
  const schema = extract.operations[operation]?.[String(status)];
  if (!schema) throw new Error(`${operation} → ${status} is not in ${FIXTURE}`);
  return overlay(sample(schema as Json, false), fields) as Json;
}

/** A GitHub object of component schema `name` ("simple-user", "integration", ...), as githubResponse. */
export function githubObject(name: string, fields?: unknown): Json {
  if (!extract.components.schemas[name]) throw new Error(`no component ${name} in ${FIXTURE}`);
  return overlay(sample({ $ref: `#/components/schemas/${name}` }, false), fields) as Json;
}
