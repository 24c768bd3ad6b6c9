// Parse reuse (src/sql/parse-reuse.ts) must never change what a statement reads as: over random
// statements of families that differ in names and literals, prepareStatement with reuse deep-equals
// prepareStatement without it, and so do the plans on the fixture VSchema; a diff report is the same
// byte for byte with and without `--no-parse-reuse`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContext } from '../../src/simulate/context.js';
import { type StatementPlan, planPrepared, prepareStatement } from '../../src/simulate/simulate.js';
import { parseReuseStats, resetParseReuse, setParseReuse } from '../../src/sql/parse-reuse.js';
import { loadClusters } from '../../src/vschema/load.js';
import { run } from '../cli/run.js';
import { familyArb } from './statement-families.js';

const cluster = loadClusters([{ path: 'vschema.json', text: fs.readFileSync('fixtures/simulate/vschema.json', 'utf8') }]).clusters[0]!;
const ctx = makeContext(cluster);

/** What a plan reports (route operators keep planner internals, such as table ids, that differ run to run). */
const shown = (p: StatementPlan): unknown => ({
  routes: p.routes.map((r) => [r.operator, r.variant, r.keyspace, r.vindex, r.values, r.role, r.lookup?.name]),
  pushdown: p.pushdown, fanout: p.fanout, error: p.error, kind: p.kind, skipped: p.skipped,
});

describe('parse reuse', () => {
  beforeAll(() => resetParseReuse());
  afterAll(() => setParseReuse(true));

  it('prepares and plans every statement as a direct parse does', () => {
    let statements = 0;
    fc.assert(
      fc.property(familyArb(10), (sqls) => {
        setParseReuse(true);
        const reused = sqls.map(prepareStatement);
        setParseReuse(false);
        const direct = sqls.map(prepareStatement);
        statements += sqls.length;
        for (let i = 0; i < sqls.length; i++) {
          expect(reused[i], sqls[i]).toStrictEqual(direct[i]);
          expect(shown(planPrepared(ctx, reused[i]!)), sqls[i]).toStrictEqual(shown(planPrepared(ctx, direct[i]!)));
        }
      }),
      { numRuns: Number(process.env.REUSE_RUNS ?? 300) },
    );
    // The property is about reused trees: many statements must have been compared with a direct
    // parse and many answered by a trusted shape (≈ 40 % and ≈ 25 % with these families).
    const s = parseReuseStats();
    expect(s.reused + s.verified).toBeGreaterThan(statements * 0.2);
    expect(s.reused).toBeGreaterThan(statements * 0.1);
    expect(s.untrusted).toBe(0);
  }, 120_000);

  it('gives a diff report identical byte for byte to --no-parse-reuse, in every format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-reuse-'));
    // The JSON report spills its comparisons to the temp directory: keep them in ours, so a test that
    // checks the shared one is left clean (test/diff/query-sinks.test.ts) never sees them.
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      // Fixture tables and columns, so the statements route (and some change between base and head).
      const sqls = fc.sample(familyArb(8), { numRuns: 60, seed: 16 }).flat();
      const known = ['select * from customer where customer_id = 5', 'select c.name from customer c join corder o on c.customer_id = o.customer_id where c.customer_id = 8'];
      for (let k = 0; k < 40; k++) {
        // Distinct fingerprints (the corpus keeps one statement per fingerprint): names vary.
        sqls.push(`select name as n${k}, email from customer where customer_id = ${k + 1}`);
        sqls.push(`select o${k}.order_id from corder o${k} where o${k}.email = 'u${k}@x' and o${k}.customer_id = ${k}`);
        sqls.push(`update customer set c${k} = 'n${k}' where customer_id = ${k * 7}`);
      }
      const file = path.join(dir, 'queries.sql');
      fs.writeFileSync(file, [...known, ...sqls].map((q) => q.replace(/;/g, '') + ';').join('\n') + '\n');
      const fx = 'fixtures/diff/primary-vindex-changed';
      // --no-skip: every statement is parsed and planned (skipping would leave most unparsed).
      const args = ['diff', '--base', `${fx}/base`, '--head', `${fx}/head`, '--topology', `${fx}/topology.json`, '--queries', file, '--fail-on', 'never', '--no-skip'];
      for (const format of ['markdown', 'json', 'text']) {
        resetParseReuse();
        const a = await run([...args, '--format', format]);
        const used = parseReuseStats();
        const b = await run([...args, '--format', format, '--no-parse-reuse']);
        expect(a.code).toBe(b.code);
        expect(a.err).toBe(b.err);
        expect(a.out).toBe(b.out);
        expect(used.reused).toBeGreaterThan(50);
      }
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('gives the same simulate output with and without --no-parse-reuse', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-reuse-sim-'));
    try {
      const sqls = fc.sample(familyArb(6), { numRuns: 40, seed: 7 }).flat();
      for (let k = 0; k < 30; k++) sqls.push(`select c${k}, email from customer where customer_id = ${k + 1}`);
      const file = path.join(dir, 'queries.sql');
      fs.writeFileSync(file, sqls.map((q) => q.replace(/;/g, '') + ';').join('\n') + '\n');
      const args = ['simulate', '--vschema', 'fixtures/simulate/vschema.json', '--queries', file, '--format', 'json'];
      resetParseReuse();
      const a = await run(args);
      expect(parseReuseStats().reused).toBeGreaterThan(20);
      const b = await run([...args, '--no-parse-reuse']);
      expect([a.code, a.err, a.out]).toEqual([b.code, b.err, b.out]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
