// action.yml, the code and README.md must agree on the inputs and outputs.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readInputs } from '../../src/action/inputs.js';
import { ROOT } from '../helpers/run-action.js';

const meta = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const docs = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('action.yml', () => {
  it('runs dist/index.js on node24, with branding', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(meta.branding.icon).toBeTruthy();
    expect(meta.branding.color).toBeTruthy();
  });

  it('declares exactly the inputs the code reads, each with a description and a default', () => {
    const read = new Set<string>();
    readInputs((name) => {
      read.add(name);
      return name === 'splits' ? 'test=t.csv' : '';
    });
    expect(Object.keys(meta.inputs).sort()).toEqual([...read].sort());
    for (const [name, input] of Object.entries<{ description?: string; default?: unknown }>(meta.inputs)) {
      expect([name, typeof input.description, (input.description ?? '').length > 20]).toEqual([name, 'string', true]);
      expect([name, 'default' in input]).toEqual([name, true]);
    }
    expect(meta.inputs['github-token'].default).toBe('${{ github.token }}');
  });

  it('declares the six outputs', () => {
    expect(Object.keys(meta.outputs).sort()).toEqual([
      'comment-url',
      'html-report',
      'html-report-url',
      'regressions',
      'report',
      'verdict',
    ]);
  });

  it('README.md lists every input and output', () => {
    for (const name of [...Object.keys(meta.inputs), ...Object.keys(meta.outputs)])
      expect([name, docs.includes(`| \`${name}\` |`)]).toEqual([name, true]);
  });
});
