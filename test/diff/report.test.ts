import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/diff/build-report.js';
import { compareReports } from '../../src/diff/routing-diff.js';
import { diffFindings, findingKey } from '../../src/diff/findings-diff.js';
import { COMMENT_LIMIT, codeSpan, esc, renderMarkdown } from '../../src/report/markdown.js';
import type { Finding } from '../../src/core/finding.js';
import type { QueryReport } from '../../src/simulate/explain.js';
import { run } from '../cli/run.js';

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'primary-vindex-missing', severity: 'error', message: 'm', vitess_error: null, file: 'a.json', line: 1, column: 1,
  keyspace: 'customer', hint: null, pointer: '/tables/t', ...over,
});

describe('findings diff', () => {
  it('matches by rule + keyspace + JSON path, not lines or file shape', () => {
    const base = [finding({ line: 3, pointer: '/keyspaces/customer/tables/t', file: 'srv.json' })];
    const head = [finding({ line: 30, file: 'customer.json' }), finding({ pointer: '/tables/u' })];
    const d = diffFindings(base, head);
    expect(d.unchanged.map((f) => f.pointer)).toEqual(['/tables/t']);
    expect(d.introduced.map((f) => f.pointer)).toEqual(['/tables/u']);
    expect(d.resolved).toEqual([]);
    expect(findingKey(base[0]!)).toBe(findingKey(head[0]!));
  });
});

describe('routing comparison', () => {
  const q = (fanout: QueryReport['fanout'], shards: number, error: string | null = null): QueryReport => ({
    routes: [{ operator: 'Route', variant: 'X', keyspace: 'k', vindex: null, values: [], shards: null, shard_count: shards, total_shards: 4 }],
    pushdown: true, fanout, reason: '', error,
  });
  it('grades worse, better, same, newly failing, fixed', () => {
    expect(compareReports(q('single', 1), q('scatter', 4))).toBe('worse');
    expect(compareReports(q('multi', 3), q('multi', 2))).toBe('better');
    expect(compareReports(q('single', 1), q('single', 1))).toBe('same');
    expect(compareReports(q('single', 1), q('single', 0, 'table t not found'))).toBe('newly-failing');
    expect(compareReports(q('single', 0, 'x'), q('single', 1))).toBe('fixed');
  });
});

describe('markdown escaping', () => {
  it('cannot break a table or mention anyone', () => {
    expect(esc('a | b <script> @octocat #12\nnext')).toBe('a \\| b &lt;script&gt; @\u200boctocat #\u200b12 next');
    expect(codeSpan('select `x` from t where a|b')).toBe('`` select `x` from t where a\\|b ``');
  });
});

describe('comment size', () => {
  it('keeps 5,000 findings under the limit and says what was trimmed', () => {
    const tables = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`t${i}_${'x'.repeat(20)}`, {}]));
    const head = JSON.stringify({ sharded: true, tables }, null, 2);
    const r = buildReport({
      base: { label: 'base', files: [{ path: 'customer.json', text: '{"sharded": true}' }] },
      head: { label: 'head', files: [{ path: 'customer.json', text: head }] },
      corpus: null, topology: null, ddl: [], version: 'test',
    });
    expect(r.summary.errors).toBe(5000);
    const md = renderMarkdown(r);
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/and [\d,]+ more errors not shown \(comment size limit/);
    expect(md.startsWith('<!-- vschema-guard:report:default -->')).toBe(true);
  });
});

describe('vschema-guard diff CLI', () => {
  const D = 'fixtures/diff/table-moved';
  it('exit code follows --fail-on', async () => {
    const args = ['diff', '--base', `${D}/base`, '--head', `${D}/head`, '--queries', `${D}/queries.sql`];
    expect((await run([...args, '--fail-on', 'never'])).code).toBe(0);
    expect((await run([...args, '--fail-on', 'breaking'])).code).toBe(1);
    expect((await run([...args, '--fail-on', 'error'])).code).toBe(0);
    expect((await run([...args])).code).toBe(1);
    expect((await run([...args, '--fail-on', 'sometimes'])).code).toBe(2);
  });
  it('writes SARIF and text', async () => {
    const r = await run(['diff', '--base', 'fixtures/diff/broken-json/base', '--head', 'fixtures/diff/broken-json/head', '--format', 'sarif']);
    expect(JSON.parse(r.out).runs[0].results[0].ruleId).toBe('json-syntax');
    const t = await run(['diff', '--base', `${D}/base`, '--head', `${D}/head`, '--format', 'text']);
    expect(t.out).toMatch(/^PASS|^FAIL/);
  });
  it('needs exactly one of --base and --base-ref', async () => {
    expect((await run(['diff', '--head', D])).code).toBe(2);
  });
});
