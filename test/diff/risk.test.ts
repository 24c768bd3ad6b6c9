// Risk grades must agree with the findings and with where rows actually live.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/diff/build-report.js';

const side = (label: string, files: Record<string, unknown>) => ({ label, files: Object.entries(files).map(([path, v]) => ({ path, text: JSON.stringify(v) })) });
const report = (base: Record<string, unknown>, head: Record<string, unknown>) =>
  buildReport({ base: side('base', base), head: side('head', head), corpus: null, topology: null, ddl: [], version: 't' });

describe('risk grading', () => {
  it('reference → normal in an unsharded keyspace moves no rows: not breaking, no MoveTables step', () => {
    const r = report({ 'commerce.json': { tables: { product: { type: 'reference' } } } }, { 'commerce.json': { tables: { product: {} } } });
    const c = r.vschema_changes.find((x) => x.kind === 'table-type-changed')!;
    expect(c.risk).not.toBe('breaking');
    expect(c.sentence).toContain('one shard');
    expect(r.deploy_plan.filter((s) => s.kind === 'workflow')).toEqual([]);
    expect(r.summary.breaking_changes).toBe(0);
  });
  it('reference → normal in a sharded keyspace stays breaking', () => {
    const ks = (t: unknown) => ({ 'customer.json': { sharded: true, vindexes: { h: { type: 'hash' } }, tables: { product: t } } });
    const r = report(ks({ type: 'reference' }), ks({ column_vindexes: [{ column: 'id', name: 'h' }] }));
    expect(r.vschema_changes.find((x) => x.kind === 'table-type-changed')!.risk).toBe('breaking');
  });
  it('a table added to a sharded keyspace without a primary vindex is not safe', () => {
    const ks = (tables: Record<string, unknown>) => ({ 'customer.json': { sharded: true, vindexes: { h: { type: 'hash' } }, tables } });
    const t = { column_vindexes: [{ column: 'id', name: 'h' }] };
    const r = report(ks({ a: t }), ks({ a: t, refund: {} }));
    const c = r.vschema_changes.find((x) => x.kind === 'table-added')!;
    expect(r.findings.introduced.map((f) => f.rule)).toContain('primary-vindex-missing');
    expect(c.risk).toBe('breaking');
    expect(c.sentence).toContain('without a primary vindex');
  });
});
