// The fuzz-found crash class: keys such as __proto__ / constructor and objects where strings belong
// must give findings with file:line, and the other files are still checked (never an internal error).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalKeyspace } from '../../src/vschema/canonical.js';
import { loadClusters } from '../../src/vschema/load.js';
import { run } from '../cli/run.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-hostile-'));
const write = (name: string, text: string): string => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const PROTO = '{\n  "sharded": true,\n  "vindexes": {"constructor": {"type": "hash"}, "__proto__": {"type": "xxhash", "params": {"__proto__": "x"}}},\n  "tables": {\n    "__proto__": {"column_vindexes": [{"column": "id", "name": "constructor"}]},\n    "toString": {"column_vindexes": [{"column": "id", "name": "__proto__"}]}\n  }\n}\n';
const OBJECTS = '{\n  "tables": {"t": {"type": {"x": 1}}},\n  "vindexes": {\n    "v": {"type": {"a": 1}, "params": {"k": {"a": 1}}, "owner": []}\n  }\n}\n';
const GOOD = '{"sharded": true, "vindexes": {"hash": {"type": "hash"}, "unused": {"type": "xxhash"}}, "tables": {"u": {"column_vindexes": [{"column": "id", "name": "hash"}]}}}';

describe('hostile VSchema input', () => {
  it('keeps __proto__ / constructor names as ordinary names', () => {
    const { clusters } = loadClusters([{ path: 'proto.json', text: PROTO }]);
    const ks = clusters[0]!.keyspaces.get('proto')!;
    expect([...ks.vindexes.keys()].sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(ks.vindexes.get('__proto__')!.params)).toEqual(['__proto__']);
    const canon = canonicalKeyspace(ks) as { vindexes: Record<string, unknown>; tables: Record<string, unknown> };
    expect(Object.keys(canon.vindexes).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(canon.tables).sort()).toEqual(['__proto__', 'toString']);
  });

  it('check: objects where strings belong are findings at their line; the other files are still checked', async () => {
    const files = [write('proto.json', PROTO), write('objects.json', OBJECTS), write('good.json', GOOD)];
    const r = await run(['check', ...files, '--format', 'json']);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { findings: Array<{ rule: string; file: string; line: number; message: string }>; summary: { files: number } };
    expect(j.summary.files).toBe(3);
    const at = (file: string, rule: string) => j.findings.filter((f) => f.file.endsWith(file) && f.rule === rule).map((f) => f.line);
    expect(at('objects.json', 'json-type')).toEqual([2, 4, 4, 4]);
    expect(j.findings.find((f) => f.file.endsWith('objects.json') && f.message.includes('"k"'))!.message).toContain('{"a":1}');
    expect(at('good.json', 'vindex-unused')).toEqual([1]);
    expect(j.findings.filter((f) => f.rule === 'internal-error')).toEqual([]);
  });

  it('diff with routing rules from __proto__ / constructor compares them like any name', async () => {
    const ks = '"keyspaces": {"a": {"tables": {"t": {}}}, "b": {"tables": {"t": {}}}}';
    const base = write('base-srv.json', `{${ks}, "routing_rules": {"rules": [{"from_table": "constructor", "to_tables": ["a.t"]}]}}`);
    const head = write('head-srv.json', `{${ks}, "routing_rules": {"rules": [{"from_table": "__proto__", "to_tables": ["b.t"]}]}}`);
    const r = await run(['diff', '--base', base, '--head', head, '--format', 'json']);
    expect(r.err).not.toMatch(/internal error/);
    const j = JSON.parse(r.out) as { vschema_changes: Array<{ kind: string; path: string }> };
    expect(j.vschema_changes.map((c) => c.path).sort()).toEqual(['routing_rules[__proto__]', 'routing_rules[constructor]']);
  });

  it('an unknown command named like an Object property is a usage error; errors with --format json are one JSON document', async () => {
    const r = await run(['constructor']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "constructor"/);
    const bad = await run(['simulate', '--vschema', path.join(dir, 'nope'), '--format', 'json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).toMatchObject({ error: { kind: 'usage' } });
  });
});
