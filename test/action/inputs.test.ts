import fs from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { INPUT_DEFAULTS, parseInputs } from '../../src/action/inputs.js';
import { planAnnotations } from '../../src/action/annotations.js';

const action = parse(fs.readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } };

describe('action.yml', () => {
  it('declares exactly the inputs parseInputs reads, with the same defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort());
    for (const [k, v] of Object.entries(action.inputs)) if (k !== 'github-token') expect(v.default, k).toBe(INPUT_DEFAULTS[k]);
  });
  it('declares the outputs the action writes and runs dist/index.js on node24', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['breaking-changes', 'comment-url', 'deploy-result', 'errors', 'migrations-result', 'record', 'regressions', 'report-json', 'report-markdown', 'result', 'rollback-result', 'warnings']);
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
  it('rejects bad input values with a clear message', () => {
    const get = (o: Record<string, string>) => (n: string) => o[n] ?? '';
    expect(parseInputs(get({})).failOn).toEqual(['error', 'regression']);
    expect(parseInputs(get({})).vschemaPaths).toEqual([]); // automatic: names and content
    expect(() => parseInputs(get({ 'fail-on': 'errors' }))).toThrow(/fail-on: "errors" is not one of/);
    expect(() => parseInputs(get({ comment: 'always' }))).toThrow(/comment: "always"/);
    expect(parseInputs(get({ queries: 'a.sql\nlogs/*.log' })).queries).toEqual(['a.sql', 'logs/*.log']);
    expect(parseInputs(get({})).cacheLimits).toEqual({ maxBytes: 64 * 2 ** 20, maxAgeDays: 30 });
    expect(parseInputs(get({ 'cache-max-mb': '8', 'cache-max-age': '7' })).cacheLimits).toEqual({ maxBytes: 8 * 2 ** 20, maxAgeDays: 7 });
    expect(() => parseInputs(get({ 'cache-max-mb': 'big' }))).toThrow('input cache-max-mb must be a number greater than 0, not "big"');
    expect(() => parseInputs(get({ 'cache-max-age': '0' }))).toThrow('input cache-max-age must be a number greater than 0, not "0"');
  });
});

describe('annotation budget', () => {
  it('annotates 10 errors and 10 warnings, changed files first, then one notice', () => {
    const f = (i: number, severity: string, file: string) => ({ rule: 'r', severity, message: `m${i}`, vitess_error: null, file, line: i, column: 1, keyspace: null, table: null, hint: null, pointer: '' });
    const findings = [...Array.from({ length: 15 }, (_, i) => f(i, 'error', i < 12 ? 'old.json' : 'changed.json')), ...Array.from({ length: 12 }, (_, i) => f(i, 'warning', 'x.json'))];
    const a = planAnnotations(findings, new Set(['changed.json']));
    expect(a.filter((x) => x.level === 'error')).toHaveLength(10);
    expect(a.filter((x) => x.level === 'warning')).toHaveLength(10);
    expect(a.slice(0, 3).map((x) => x.file)).toEqual(['changed.json', 'changed.json', 'changed.json']);
    expect(a[a.length - 1]).toMatchObject({ level: 'notice', message: expect.stringMatching(/^7 more findings not annotated/) });
  });
});
