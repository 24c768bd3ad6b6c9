// What a report keeps of its compared statements must not change what it prints: a generated corpus
// (hundreds of statements, every outcome, more regressions and improvements than the markdown shows)
// renders byte for byte the same through the full path (every comparison in routing.queries) and the
// bounded paths the CLI and the action take (keepShown rows; JSON written out as compared), in every
// output format; and keepShown's rows are those the renderers derived from the full list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusBuilder } from '../../src/corpus/aggregate.js';
import { type Report, type ReportInput, buildReport } from '../../src/diff/build-report.js';
import { type RowLimits, keepShown, shownRows, tee } from '../../src/diff/query-sinks.js';
import type { RoutingChange, RoutingComparison } from '../../src/diff/routing-diff.js';
import { spillQueries } from '../../src/io/spill-queries.js';
import { TEXT_ROWS, renderDiffText } from '../../src/report/diff-text.js';
import { streamJson } from '../../src/report/json-stream.js';
import { MARKDOWN_ROWS, renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { ALL_RULE_META } from '../../src/rules/index.js';
import { VERSION } from '../../src/cli/usage.js';
import type { Finding } from '../../src/core/finding.js';
import type { QueryReport } from '../../src/simulate/explain.js';
import { run } from '../cli/run.js';

const N = 80; // tables per class
const hash = { hash: { type: 'hash' } };
const sharded = (tables: Record<string, unknown>): string => JSON.stringify({ sharded: true, vindexes: hash, tables }, null, 2);
const byId = { column_vindexes: [{ column: 'id', name: 'hash' }] };
const byOther = { column_vindexes: [{ column: 'other', name: 'hash' }] };
const range = (n: number, f: (i: number) => [string, unknown]): Record<string, unknown> => Object.fromEntries(Array.from({ length: n }, (_, i) => f(i)));

/**
 * Base and head of a cluster where `w*` tables route worse (the vindex column moves away from `id`),
 * `b*` better, `g*` disappear (newly failing), `f*` appear (fixed), `s*` stay.
 */
const BASE = sharded({ ...range(N, (i) => [`w${i}`, byId]), ...range(N, (i) => [`b${i}`, byOther]), ...range(N, (i) => [`g${i}`, byId]), ...range(N, (i) => [`s${i}`, byId]) });
const HEAD = sharded({ ...range(N, (i) => [`w${i}`, byOther]), ...range(N, (i) => [`b${i}`, byId]), ...range(N, (i) => [`f${i}`, byId]), ...range(N, (i) => [`s${i}`, byId]) });

/** About 1,400 distinct statements over two files (equal line numbers in both), counts with ties and fractions. */
function corpus(): NonNullable<ReportInput['corpus']> {
  const b = new CorpusBuilder(true);
  const counts = [1, 2, 2, 2.5, 3, 0.1, 7, 1, 0.7, 12];
  let k = 0;
  for (const cls of ['w', 'b', 'g', 'f', 's', 'x']) {
    for (let i = 0; i < N; i++) {
      // By the vindex column (worse, better... by class), then by none (the same on both sides where both plan).
      for (const shape of [(t: string) => `select a${i} from ${t} where id = ${i}`, (t: string) => `update ${t} set v${i} = 1 where id = ${i}`, (t: string) => `select count(*) from ${t} where z${i} = 1`]) {
        const file = k % 2 ? 'a.sql' : 'b.sql';
        // `x`: a table gone at head joined with one new at head: fails on both sides.
        b.add(file, { sql: shape(cls === 'x' ? `g${i} as l join f${i} as r` : `${cls}${i}`), line: 1 + Math.floor(k / 2) % 97, count: counts[k % counts.length]! });
        k++;
      }
      // Another occurrence of an earlier statement adds to its count.
      if (i % 7 === 0) b.add('a.sql', { sql: `select a${i} from ${cls}${i} where id = ${i + 1}`, line: 200 + i, count: 1.5 });
    }
  }
  return { entries: b.entries(), files: ['a.sql', 'b.sql'], lines: 1000, total: b.total };
}

const INPUT: ReportInput = {
  base: { label: 'base', files: [{ path: 'customer.json', text: BASE }] },
  head: { label: 'head', files: [{ path: 'customer.json', text: HEAD }] },
  corpus: corpus(), topology: { customer: 4 }, ddl: [], version: 'test',
};

const sarif = (r: Report): string => renderSarif(r.findings.introduced.map((f) => ({ ...f, severity: f.severity as Finding['severity'] })), ALL_RULE_META, 'test');

/** The JSON text streamJson writes for `r` (with the spilled comparisons spliced in). */
function json(r: Report, splices?: ReturnType<ReturnType<typeof spillQueries>['splices']>): { text: string; chunks: number } {
  let text = '';
  let chunks = 0;
  streamJson(r, (c) => ((text += c), chunks++), undefined, splices);
  return { text: text + '\n', chunks };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-sinks-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('bounded query sinks', () => {
  const full = buildReport(INPUT);
  const counts = full.routing!.counts;

  it('uses a corpus with every outcome and more rows than the markdown shows', () => {
    expect(counts.worse + counts['newly-failing']).toBeGreaterThan(MARKDOWN_ROWS.regressions);
    expect(counts.better + counts.fixed).toBeGreaterThan(MARKDOWN_ROWS.improvements);
    for (const k of ['worse', 'better', 'same', 'newly-failing', 'fixed', 'failing'] as const) expect(counts[k], k).toBeGreaterThan(10);
    expect(full.routing!.queries.length).toBe(full.routing!.planned);
  });

  it('renders markdown, text and SARIF byte for byte as the full report, keeping only the shown rows', () => {
    const md = keepShown(MARKDOWN_ROWS);
    const lean = buildReport({ ...INPUT, querySink: md });
    expect(lean.routing!.queries.length).toBeLessThanOrEqual(MARKDOWN_ROWS.regressions + MARKDOWN_ROWS.improvements);
    for (const limit of [undefined, 20_000, 4_000]) {
      expect(renderMarkdown(lean, { id: 't', limit, rows: md.rows() })).toBe(renderMarkdown(full, { id: 't', limit }));
    }
    expect(renderMarkdown(full, { id: 't' })).toMatch(/more regressions? not shown/);
    const text = keepShown(TEXT_ROWS);
    const forText = buildReport({ ...INPUT, querySink: text });
    expect(forText.routing!.queries.length).toBe(counts.worse + counts['newly-failing']);
    expect(renderDiffText(forText, text.rows())).toBe(renderDiffText(full));
    const none = keepShown({ regressions: 0, improvements: 0 });
    const forSarif = buildReport({ ...INPUT, querySink: none });
    expect(forSarif.routing!.queries).toEqual([]);
    expect(sarif(forSarif)).toBe(sarif(full));
    // Everything but routing.queries is the same report.
    expect({ ...forSarif, routing: { ...forSarif.routing, queries: [] } }).toEqual({ ...full, routing: { ...full.routing, queries: [] } });
  }, 60_000);

  it('streams the JSON report with the comparisons written out as compared: same bytes, file removed', () => {
    const spill = spillQueries(tmp);
    const md = keepShown(MARKDOWN_ROWS);
    let r: Report;
    let out: { text: string; chunks: number };
    try {
      r = buildReport({ ...INPUT, querySink: tee(spill, md) });
      expect(r.routing!.queries).toEqual([]);
      out = json(r, spill.splices());
    } finally {
      spill.close();
    }
    expect(out.text).toBe(JSON.stringify(full, null, 2) + '\n');
    expect(out.chunks).toBeGreaterThan(2);
    expect(renderMarkdown(r, { id: 't', rows: md.rows() })).toBe(renderMarkdown(full, { id: 't' }));
    expect(fs.readdirSync(tmp)).toEqual([]);
  }, 60_000);

  it('says which directory it could not write to', () => {
    expect(() => spillQueries(path.join(tmp, 'missing', 'dir'))).toThrow(/cannot create a temporary file for the report's queries in .*missing.*set TMPDIR/);
  });

  it('writes an empty list as [] and refuses a splice met at another level', () => {
    const spill = spillQueries(tmp);
    try {
      const r = buildReport({ ...INPUT, corpus: { ...INPUT.corpus!, entries: INPUT.corpus!.entries.filter((e) => /\bs\d+\b/.test(e.sql)) }, querySink: spill });
      expect(r.routing!.planned).toBe(0);
      expect(json(r, spill.splices()).text).toBe(JSON.stringify({ ...r, routing: { ...r.routing, queries: [] } }, null, 2) + '\n');
      expect(() => streamJson({ x: r.routing!.queries }, () => {}, 3, spill.splices())).toThrow(/level 2 met at level 1/);
    } finally {
      spill.close();
    }
  });

  it('prints through the CLI what the full report renders, in every format', async () => {
    const dir = (side: string, text: string): string => {
      fs.mkdirSync(path.join(tmp, side), { recursive: true });
      fs.writeFileSync(path.join(tmp, side, 'customer.json'), text);
      return path.join(tmp, side);
    };
    const base = dir('base', BASE);
    const head = dir('head', HEAD);
    const queries = path.join(tmp, 'queries.json');
    fs.writeFileSync(queries, JSON.stringify(INPUT.corpus!.entries.map((e) => ({ sql: e.sql, count: e.count }))));
    const topology = path.join(tmp, 'topology.json');
    fs.writeFileSync(topology, JSON.stringify({ customer: 4 }));
    // The JSON report's temporary file goes to TMPDIR: this test's own, to see it removed.
    const spillDir = path.join(tmp, 'spill');
    fs.mkdirSync(spillDir);
    const tmpEnv = process.env.TMPDIR;
    process.env.TMPDIR = spillDir;
    try {
      const args = ['diff', '--base', base, '--head', head, '--queries', queries, '--topology', topology];
      const md = await run([...args, '--format', 'markdown']);
      const r = JSON.parse((await run([...args, '--format', 'json'])).out) as Report;
      expect(r.routing!.queries.length).toBe(r.routing!.planned);
      expect(r.tool.version).toBe(VERSION);
      expect(md.out).toBe(renderMarkdown(r, {}));
      expect((await run([...args, '--format', 'text'])).out).toBe(renderDiffText(r));
      expect((await run([...args, '--format', 'sarif'])).out).toBe(renderSarif(r.findings.introduced.map((f) => ({ ...f, severity: f.severity as Finding['severity'] })), ALL_RULE_META, VERSION));
      expect(fs.readdirSync(spillDir)).toEqual([]);
    } finally {
      if (tmpEnv === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpEnv;
      for (const f of ['base', 'head', 'queries.json', 'topology.json', 'spill']) fs.rmSync(path.join(tmp, f), { recursive: true, force: true });
    }
  }, 60_000);
});

/** The rows the renderers took from the full list before the sinks (the oracle). */
function oldRows(qs: RoutingComparison[], limits: RowLimits) {
  const reg = qs.filter((q) => q.change === 'worse' || q.change === 'newly-failing').sort((a, b) => b.count - a.count || (a.line - b.line));
  const better = qs.filter((q) => q.change === 'better' || q.change === 'fixed').sort((a, b) => b.count - a.count);
  return {
    regressions: { total: reg.length, occurrences: reg.reduce((x, q) => x + q.count, 0), top: reg.slice(0, limits.regressions) },
    improvements: { total: better.length, top: better.slice(0, limits.improvements) },
    textRegressions: qs.filter((q) => q.change === 'worse' || q.change === 'newly-failing'),
  };
}

describe('keepShown', () => {
  const report: QueryReport = { routes: [], pushdown: true, fanout: 'single', reason: '', error: null };
  const CHANGES: RoutingChange[] = ['worse', 'better', 'same', 'newly-failing', 'fixed', 'failing'];
  const comparisonArb = fc.record({
    change: fc.constantFrom(...CHANGES),
    count: fc.oneof(fc.constantFrom(1, 2, 3, 0.1, 0.2, 0.3), fc.double({ min: 0, max: 1e6, noNaN: true })),
    line: fc.integer({ min: 1, max: 6 }),
  });

  it('keeps the rows, totals and floating-point occurrence sum the full list gives (property)', () => {
    fc.assert(fc.property(fc.array(comparisonArb, { maxLength: 200 }), fc.nat(12), fc.nat(12), (xs, r, i) => {
      const qs: RoutingComparison[] = xs.map((x, k) => ({ file: 'q.sql', sql: `select ${k}`, fingerprint: `select ${k}`, base: report, head: report, ...x }));
      const limits = { regressions: r, improvements: i };
      const want = oldRows(qs, limits);
      const got = shownRows(qs, limits);
      expect(got.regressions.total).toBe(want.regressions.total);
      expect(Object.is(got.regressions.occurrences, want.regressions.occurrences)).toBe(true);
      // Kept in corpus order; ordered as the markdown orders them, they are the full list's top rows.
      expect(got.regressions.kept).toEqual(qs.filter((q) => want.regressions.top.includes(q)));
      expect([...got.regressions.kept].sort((a, b) => b.count - a.count || (a.line - b.line))).toEqual(want.regressions.top);
      expect(got.improvements.total).toBe(want.improvements.total);
      expect([...got.improvements.kept].sort((a, b) => b.count - a.count)).toEqual(want.improvements.top);
      expect(shownRows(qs, TEXT_ROWS).regressions.kept).toEqual(want.textRegressions);
    }), { numRuns: 300 });
  });
});
