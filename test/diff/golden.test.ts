// Golden reports: for each base/head pair of fixtures/diff (and the README example), the markdown
// and JSON outputs are checked in (test/golden/diff/). UPDATE_GOLDEN=1 rewrites them for review.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { run } from '../cli/run.js';

const cases = fs.readdirSync('fixtures/diff').filter((d) => fs.statSync(`fixtures/diff/${d}`).isDirectory()).sort();

describe('diff reports (golden)', () => {
  it('has at least 10 realistic pairs', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  it.each(cases)('%s', async (c) => {
    const dir = `fixtures/diff/${c}`;
    const args = ['diff', '--base', `${dir}/base`, '--head', `${dir}/head`, '--queries', `${dir}/queries.sql`, '--topology', `${dir}/topology.json`];
    const md = await run(args);
    expectGolden(`diff/${c}.md`, md.out);
    const json = await run([...args, '--format', 'json']);
    expectGolden(`diff/${c}.json`, json.out);
    const report = JSON.parse(json.out) as { summary: { verdict: string } };
    expect(md.code).toBe(report.summary.verdict === 'fail' ? 1 : 0);
  });
  it('README example (commerce-customer)', async () => {
    const EX = 'fixtures/examples/commerce-customer';
    const r = await run(['diff', '--base', `${EX}/base`, '--head', `${EX}/head`, '--queries', `${EX}/queries.log`, '--topology', `${EX}/topology.json`, '--schema', `${EX}/schema`]);
    expect(r.code).toBe(1);
    expectGolden('diff/readme-example.md', r.out);
  });
});

describe('report JSON Schema', () => {
  it('validates every golden JSON report', async () => {
    const { Ajv } = await import('ajv');
    const { REPORT_JSON_SCHEMA } = await import('../../src/report/report-schema.js');
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(REPORT_JSON_SCHEMA);
    for (const f of fs.readdirSync('test/golden/diff').filter((x) => x.endsWith('.json'))) {
      const ok = validate(JSON.parse(fs.readFileSync(`test/golden/diff/${f}`, 'utf8')));
      expect(validate.errors ?? [], f).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});

describe('README', () => {
  it('shows the current example report (the markdown the first command prints)', () => {
    expect(fs.readFileSync('README.md', 'utf8')).toContain(fs.readFileSync('test/golden/diff/readme-example.md', 'utf8'));
  });
});
