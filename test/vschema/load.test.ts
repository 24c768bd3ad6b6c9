import { describe, expect, it } from 'vitest';
import { keyspaceNameFromPath } from '../../src/vschema/keyspace-name.js';
import { detectShape, loadClusters } from '../../src/vschema/load.js';
import { check, marked } from '../helpers.js';

describe('loading', () => {
  it('reports JSON syntax errors at their position and keeps going with other files', () => {
    const r = loadClusters([
      { path: 'a.json', text: '{\n  "tables": {,}\n}' },
      { path: 'b.json', text: '{"sharded": false}' },
    ]);
    expect(r.findings.map((f) => [f.rule, f.file, f.line, f.column])).toEqual([['json-syntax', 'a.json', 2, 14]]);
    expect([...r.clusters[0]!.keyspaces.keys()]).toEqual(['b']);
  });

  it('rejects comments and trailing commas like protojson', () => {
    expect(check('{"tables": {} // x\n}').map((f) => f.rule)).toContain('json-syntax');
    expect(check('{"tables": {},}').map((f) => f.rule)).toContain('json-syntax');
  });

  it('reports duplicate keys at the second occurrence', () => {
    const { text, marks } = marked('{"tables": {"t1": {}, ⟪"t1": {}}}');
    const f = check(text).filter((x) => x.rule === 'duplicate-key');
    expect(f.map((x) => ({ line: x.line, column: x.column }))).toEqual(marks);
    expect(f[0]!.vitess_error).toBe('proto: duplicate map key "t1"');
  });

  it('suggests the field an unknown one was meant to be', () => {
    const { text, marks } = marked('{"sharded": true, "tables": {"t": {⟪"column_vindex": []}}}');
    const f = check(text).filter((x) => x.rule === 'unknown-field');
    expect(f.map((x) => ({ line: x.line, column: x.column }))).toEqual(marks);
    expect(f[0]!.message).toContain('did you mean `column_vindexes`?');
    expect(f[0]!.severity).toBe('warning');
  });

  it('accepts lowerCamelCase names and reads them', () => {
    const f = check('{"sharded": true, "vindexes": {"h": {"type": "hash"}}, "tables": {"t": {"columnVindexes": [{"column": "id", "name": "h"}], "autoIncrement": null}}}');
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('reports wrong JSON types: string bools and numeric params', () => {
    const { text, marks } = marked('{⟪"sharded": "true", "vindexes": {"m": {"type": "multicol", "params": {⟪"column_count": 3}}}}');
    const f = check(text).filter((x) => x.rule === 'json-type');
    expect(f.map((x) => ({ line: x.line, column: x.column }))).toEqual(marks);
    expect(f[1]!.message).toContain('write "3"');
  });

  it('handles empty, binary, non-object and deeply nested input', () => {
    expect(check('').map((f) => f.rule)).toEqual(['json-syntax']);
    expect(check('\u0000\u0001abc').map((f) => f.message)).toEqual(['file is binary (contains NUL bytes), not JSON']);
    expect(check('[1,2]').map((f) => f.rule)).toEqual(['json-type']);
    expect(check('['.repeat(100000)).map((f) => f.message)).toEqual(['JSON nesting deeper than 64 levels']);
  });

  it('detects the file shapes of spec A.3', () => {
    expect(detectShape({ keyspaces: {} })).toBe('srv');
    expect(detectShape({ sharded: true })).toBe('keyspace');
    expect(detectShape({})).toBe('keyspace');
    expect(detectShape({ rules: [] })).toBe('routing-rules');
    expect(detectShape({ commerce: { tables: {} }, customer: { sharded: true } })).toBe('vtexplain');
  });

  it('reads a vtexplain map whose keyspaces are named `sharded` and `unsharded` as keyspaces (issue 14)', () => {
    const text = JSON.stringify({
      sharded: { sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { t: { column_vindexes: [{ column: 'id', name: 'hash' }] } } },
      unsharded: { tables: { u: {} } },
    });
    expect(detectShape(JSON.parse(text) as Record<string, unknown>)).toBe('vtexplain');
    const r = loadClusters([{ path: 'vschema.json', text }]);
    expect(r.findings).toEqual([]);
    expect([...r.clusters[0]!.keyspaces.keys()]).toEqual(['sharded', 'unsharded']);
    expect(r.clusters[0]!.keyspaces.get('sharded')!.sharded).toBe(true);
    // A keyspace file with a table named `sharded` stays a keyspace file.
    expect(detectShape({ sharded: false, tables: { sharded: {} } })).toBe('keyspace');
    expect(detectShape({ tables: { sharded: {} } })).toBe('keyspace');
  });

  it('combines keyspace files and routing rules into one cluster; SrvVSchema files stay separate', () => {
    const r = loadClusters([
      { path: 'vschema/commerce.json', text: '{"tables": {"product": {}}}' },
      { path: 'vschema/customer/vschema.json', text: '{"sharded": true}' },
      { path: 'vschema/routing_rules.json', text: '{"rules": [{"from_table": "p", "to_tables": ["commerce.product"]}]}' },
      { path: 'other.json', text: '{"keyspaces": {"x": {}}}' },
    ]);
    expect(r.clusters.map((c) => [...c.keyspaces.keys()])).toEqual([['x'], ['commerce', 'customer']]);
    expect(r.clusters[1]!.routingRules.map((x) => x.fromTable)).toEqual(['p']);
  });

  it('names keyspaces from paths', () => {
    expect(keyspaceNameFromPath('a/b/commerce.json')).toBe('commerce');
    expect(keyspaceNameFromPath('a/customer/vschema.json')).toBe('customer');
    expect(keyspaceNameFromPath('vschema_lookup.json')).toBe('lookup');
    expect(keyspaceNameFromPath('main.vschema.json')).toBe('main');
  });

  it('reports two files of the same keyspace', () => {
    const r = loadClusters([
      { path: 'a/ks.json', text: '{}' },
      { path: 'b/ks.json', text: '{}' },
    ]);
    expect(r.findings.map((f) => [f.rule, f.file])).toEqual([['keyspace-duplicate', 'b/ks.json']]);
  });
});
