// A diff parses each distinct file text once (base and head share the parse): the clusters and
// findings are exactly those of separate parses, under each side's own paths, and neither side's
// values or findings are shared with the other.
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../src/core/analyze.js';
import { type InputFile, loadClusters } from '../../src/vschema/load.js';
import type { ParseCache } from '../../src/vschema/parse-json.js';

const SHARDED = JSON.stringify({ sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { t: { column_vindexes: [{ column: 'id', name: 'hash' }] } } }, null, 2);
const DUP = '{\n  "sharded": true,\n  "tables": {"a": {}, "a": {}},\n  "vindexes": {}\n}\n';
const BROKEN = '{"tables": {"a": {},}}';
const BOM = '\uFEFF{"tables": {"b": {}}}';
const SRV = JSON.stringify({ keyspaces: { x: { tables: { u: {} } }, y: { sharded: true, vindexes: { h: { type: 'xxhash' } }, tables: { u: { column_vindexes: [{ column: 'id', name: 'h' }] } } } } });

/** Clusters and findings, with sources reduced to what they are (file and text). */
function shape(r: ReturnType<typeof loadClusters>): unknown {
  return { clusters: r.clusters, findings: r.findings, sources: [...r.sources].map(([k, v]) => [k, v.file, v.text]) };
}

describe('parse cache', () => {
  const base: InputFile[] = [
    { path: 'base/customer.json', text: SHARDED }, { path: 'base/dup.json', text: DUP }, { path: 'base/broken.json', text: BROKEN },
    { path: 'base/bom.json', text: BOM }, { path: 'base/srv.json', text: SRV },
  ];
  // Head: the same texts under other paths, one under the same path, one changed, one text twice.
  const head: InputFile[] = [
    { path: 'head/customer.json', text: SHARDED }, { path: 'head/dup.json', text: DUP }, { path: 'base/broken.json', text: BROKEN },
    { path: 'head/bom.json', text: BOM }, { path: 'head/srv.json', text: SRV.replace('xxhash', 'hash') }, { path: 'head/again.json', text: SHARDED },
  ];

  it('loads exactly what separate parses load, under each side\'s paths', () => {
    const cache: ParseCache = new Map();
    const b = loadClusters(base, { parseCache: cache });
    const h = loadClusters(head, { parseCache: cache });
    expect(cache.size).toBe(6);
    expect(shape(b)).toEqual(shape(loadClusters(base)));
    expect(shape(h)).toEqual(shape(loadClusters(head)));
    expect(h.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`)).toEqual(loadClusters(head).findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`));
    expect(h.findings.some((f) => f.file === 'head/dup.json' && f.rule === 'duplicate-key')).toBe(true);
  });

  it('shares no values or findings between the sides', () => {
    const cache: ParseCache = new Map();
    const b = analyzeFiles({ files: base, parseCache: cache });
    for (const f of b.findings) f.message = 'changed by the caller';
    const t = b.clusters.flatMap((c) => [...c.keyspaces.values()]).find((k) => k.name === 'customer')!.tables.get('t')!;
    t.name = 'renamed';
    const h = analyzeFiles({ files: head, parseCache: cache });
    expect(h).toEqual(analyzeFiles({ files: head }));
  });
});
