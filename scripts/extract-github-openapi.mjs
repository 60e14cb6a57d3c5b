#!/usr/bin/env node
// Extracts the response schemas of the GitHub REST operations our fake servers serve
// (test/helpers/fake-github*.ts) from GitHub's OpenAPI description, so the tests can check every
// fake answer against GitHub's own description (test/helpers/openapi.ts).
//
// The description ships in @octokit/openapi (385 MB), far too big for a dependency, so install it
// outside the repository and point this script at it:
//   cd /tmp && npm install @octokit/openapi@23.0.2
//   node scripts/extract-github-openapi.mjs /tmp/node_modules/@octokit/openapi
// It writes fixtures/github-openapi/responses.json: per operation ("METHOD /path/{template}") and
// status, the JSON body schema (null = no body), plus only the components those schemas reference.
// OpenAPI 3.0's `nullable: true` becomes JSON Schema's `null` type, and descriptions and examples
// are dropped, so the file is plain JSON Schema for ajv and stays small.
//
// To serve a new operation in a fake server: add it to OPERATIONS below and re-run the script.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const OPERATIONS = [
  // test/helpers/fake-github.ts
  'GET /user',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'POST /repos/{owner}/{repo}/statuses/{sha}',
  'GET /repos/{owner}/{repo}/contents/{path}',
  // test/helpers/fake-github-app.ts
  'GET /app',
  'POST /app/installations/{installation_id}/access_tokens',
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
  'POST /repos/{owner}/{repo}/check-runs',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/actions/runs',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
  // Baselines from artifacts and from a results branch (issue 9).
  'GET /repos/{owner}/{repo}/actions/artifacts',
  'GET /repos/{owner}/{repo}/commits',
  'GET /repos/{owner}/{repo}/commits/{ref}',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
  'POST /repos/{owner}/{repo}/git/refs',
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
  'POST /repos/{owner}/{repo}/git/blobs',
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
  'POST /repos/{owner}/{repo}/git/trees',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
  'POST /repos/{owner}/{repo}/git/commits',
  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
];

const DROP = new Set(['description', 'example', 'examples', 'title', 'externalDocs', 'x-github']);

/** Plain JSON Schema from an OpenAPI 3.0 schema: nullable → null type; docs dropped. */
function clean(node) {
  if (Array.isArray(node)) return node.map(clean);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k) || k === 'nullable') continue;
    // `properties` maps names to schemas: a property may be called "description".
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, clean(s)])) : clean(v);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string' && !out.$ref) {
    out.type = [out.type, 'null'];
    if (out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function refsIn(node, found) {
  if (Array.isArray(node)) for (const x of node) refsIn(x, found);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.add(v);
      else refsIn(v, found);
    }
  return found;
}

function bodySchema(spec, response) {
  const r = response.$ref ? spec.components.responses[response.$ref.split('/').pop()] : response;
  const content = r.content ?? {};
  const media = content['application/json'] ?? Object.values(content).find((c) => c.schema);
  return media?.schema ? clean(media.schema) : null;
}

export function extract(spec, version) {
  const operations = {};
  for (const op of OPERATIONS) {
    const [method, path] = op.split(' ');
    const o = spec.paths[path]?.[method.toLowerCase()];
    if (!o) throw new Error(`${op} is not in GitHub's OpenAPI description ${version}`);
    operations[op] = Object.fromEntries(Object.entries(o.responses).map(([s, r]) => [s, bodySchema(spec, r)]));
  }
  const schemas = {};
  const pending = [...refsIn(operations, new Set())];
  while (pending.length) {
    const ref = pending.pop();
    const name = ref.replace('#/components/schemas/', '');
    if (name === ref) throw new Error(`unexpected reference ${ref}`);
    if (schemas[name]) continue;
    schemas[name] = clean(spec.components.schemas[name]);
    pending.push(...refsIn(schemas[name], new Set()));
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  );
  return {
    source: `@octokit/openapi@${version} generated/api.github.com.json (GitHub REST API description ${spec.info.version})`,
    generatedBy: 'scripts/extract-github-openapi.mjs',
    operations,
    components: { schemas: sorted },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pkgDir = process.argv[2] ?? '/tmp/node_modules/@octokit/openapi';
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const spec = JSON.parse(readFileSync(join(pkgDir, 'generated/api.github.com.json'), 'utf8'));
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = join(root, 'fixtures/github-openapi/responses.json');
  mkdirSync(dirname(out), { recursive: true });
  const doc = extract(spec, version);
  writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
  const counts = `${Object.keys(doc.operations).length} operations, ${Object.keys(doc.components.schemas).length} schemas`;
  process.stdout.write(`${out}: ${counts}\n`);
}
