/**
 * `npm run bench`: prints timing and memory figures (no assertions; speed is measured here, not in tests).
 * Each phase runs in its own child process so the peak RSS it reports is its own.
 *   check     generated cluster of 64 keyspaces / 5,000 tables: load + validate + all rules
 *   simulate  20,000 distinct queries: node-sql-parser parse-only vs full planning, same run
 *   corpus    a 1,000,000-line slow log streamed, de-duplicated by fingerprint
 *   migrations  GetSchemaMigrations rows of 256 shards × 200 migrations folded + decided (one poll)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFiles } from '../../src/core/analyze.js';
import { readCorpus } from '../../src/io/read-corpus.js';
import { makeContext } from '../../src/simulate/context.js';
import { PLAN_BATCH, PLAN_BATCH_CHARS, planPrepared, planStatements, prepareStatement } from '../../src/simulate/simulate.js';
import { parseMysql } from '../../src/sql/parser.js';
import { loadClusters } from '../../src/vschema/load.js';
import { foldMigrations } from '../../src/migrations/aggregate.js';
import { decide, DEFAULT_POLICY } from '../../src/migrations/decide.js';
import type { SchemaMigrationRow } from '../../src/vtctld/client.js';

const KEYSPACES = 64;
const TABLES = 5000;

function generateCluster(): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  let made = 0;
  for (let k = 0; k < KEYSPACES; k++) {
    const sharded = k % 4 !== 0;
    const n = Math.floor(TABLES / KEYSPACES) + (k < TABLES % KEYSPACES ? 1 : 0);
    const tables: Record<string, unknown> = {};
    for (let t = 0; t < n; t++, made++) {
      const name = `t${k}_${t}`;
      tables[name] = sharded
        ? {
            column_vindexes: [
              { column: 'customer_id', name: 'xxhash' },
              ...(t % 5 === 0 ? [{ column: 'email', name: `lk_${t}` }] : []),
            ],
            columns: [{ name: 'customer_id', type: 'INT64' }, { name: 'email', type: 'VARCHAR' }],
          }
        : t === 0
          ? { type: 'sequence' }
          : {};
    }
    const vindexes: Record<string, unknown> = { xxhash: { type: 'xxhash' } };
    if (sharded) {
      for (let t = 0; t < n; t += 5) {
        vindexes[`lk_${t}`] = { type: 'consistent_lookup_unique', owner: `t${k}_${t}`, params: { table: `ks0.t0_${(t % 70) + 1}`, from: 'email', to: 'keyspace_id' } };
      }
    }
    files.push({ path: `ks${k}.json`, text: JSON.stringify({ sharded, vindexes: sharded ? vindexes : {}, tables }, null, 2) });
  }
  if (made !== TABLES) throw new Error(`generated ${made} tables`);
  return files;
}

const SHAPES = [
  (i: number) => `select * from t1_${i % 70} where customer_id = ${i}`,
  (i: number) => `select a, b from t2_${i % 70} where email = 'u${i}@x' and c${i} > 3`,
  (i: number) => `select count(*) from t3_${i % 70} where customer_id in (${i}, ${i + 1}, ${i + 2}) group by col${i}`,
  (i: number) => `select x.a${i} from t5_${i % 70} x join t6_${i % 70} y on x.customer_id = y.customer_id where x.customer_id = ${i}`,
  (i: number) => `update t7_${i % 70} set v${i} = 1 where customer_id = ${i}`,
  (i: number) => `insert into t9_${i % 70} (customer_id, email, c${i}) values (${i}, 'e', 1)`,
  (i: number) => `select * from t10_${i % 70} where customer_id = (select customer_id from t11_${i % 70} where email = 'q${i}') limit ${i}`,
  (i: number) => `select * from t0_${(i % 70) + 1} where id${i} = ${i}`,
];

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}

function phaseCheck(): void {
  const files = generateCluster();
  const bytes = files.reduce((s, f) => s + f.text.length, 0);
  analyzeFiles({ files: files.slice(0, 2) }); // warm up
  const t0 = performance.now();
  const r = analyzeFiles({ files });
  const ms = performance.now() - t0;
  console.log(`check: ${KEYSPACES} keyspaces, ${TABLES} tables (${(bytes / 1048576).toFixed(1)} MB JSON): ${ms.toFixed(0)} ms, ${r.findings.length} findings (target < 1000 ms)`);
}

function phaseSimulate(): void {
  const files = generateCluster();
  const cluster = loadClusters(files).clusters[0]!;
  const ctx = makeContext(cluster);
  const queries = Array.from({ length: 20000 }, (_, i) => SHAPES[i % SHAPES.length]!(i));
  for (const q of queries.slice(0, 200)) parseMysql(q);
  planStatements(ctx, queries.slice(0, 200));
  // Both sides run on the same slice of 4,000 statements, one after the other in an order that
  // alternates, for PASSES passes over the corpus (the first 2 slices are warm-up): machine noise, warm-up
  // and GC fall on both sides alike. The simulation side is the product's own batched path
  // (planStatements: parse a batch of up to PLAN_BATCH, then plan it); a slice is no longer than a
  // batch, so the bench does not cut the product's batches shorter than a real corpus would.
  const SLICE = 4000;
  if (SLICE > PLAN_BATCH) throw new Error('bench slices must not be longer than a planning batch');
  const PASSES = 6;
  const ROUNDS = (PASSES * queries.length) / SLICE;
  let parseMs = 0;
  let simMs = 0;
  let errors = 0;
  let measured = 0;
  const sliceRatios: number[] = [];
  for (let round = 0; round < ROUNDS + 2; round++) {
    const off = (round * SLICE) % queries.length;
    const slice = queries.slice(off, off + SLICE);
    const warm = round < 2;
    let sliceParse = 0;
    let sliceSim = 0;
    const sides = [
      (): void => {
        const t = performance.now();
        for (const q of slice) parseMysql(q);
        sliceParse = performance.now() - t;
      },
      (): void => {
        const t = performance.now();
        const plans = planStatements(ctx, slice);
        sliceSim = performance.now() - t;
        if (!warm && round < 2 + queries.length / SLICE) for (const p of plans) if (p.error) errors++;
      },
    ];
    if (round % 2) sides.reverse();
    for (const side of sides) side();
    if (warm) continue;
    parseMs += sliceParse;
    simMs += sliceSim;
    sliceRatios.push(sliceParse / sliceSim);
    measured += slice.length;
  }
  sliceRatios.sort((a, b) => a - b);
  // Planning alone, on statements parsed beforehand (what planning adds to each statement).
  const prepared = queries.map(prepareStatement);
  let planMs = Infinity;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (const p of prepared) planPrepared(ctx, p);
    planMs = Math.min(planMs, performance.now() - t);
  }
  const parseQps = measured / (parseMs / 1000);
  const simQps = measured / (simMs / 1000);
  const pct = (q: number): string => sliceRatios[Math.floor(q * (sliceRatios.length - 1))]!.toFixed(2);
  console.log(`simulate (Node ${process.version}): ${queries.length} distinct queries (${PASSES} passes, alternating slices of ${SLICE}; planning in batches of up to ${PLAN_BATCH} statements / ${PLAN_BATCH_CHARS / 1024} KB): parse-only ${parseQps.toFixed(0)} q/s, parse+plan ${simQps.toFixed(0)} q/s, ratio ${(simQps / parseQps).toFixed(2)} (target >= 0.85; per slice: median ${pct(0.5)}, quartiles ${pct(0.25)}–${pct(0.75)}), ${errors} planning errors; planning alone ${((planMs * 1000) / queries.length).toFixed(1)} µs/query vs parsing ${((parseMs * 1000) / measured).toFixed(1)} µs/query`);
}

async function phaseCorpus(): Promise<void> {
  const file = path.join(os.tmpdir(), `vg-bench-${process.pid}.log`);
  const out = fs.createWriteStream(file);
  const lines = 1_000_000;
  let written = 0;
  for (let i = 0; written < lines; i++) {
    const chunk = `# Time: 2026-11-20T10:00:00.${String(i % 1e6).padStart(6, '0')}Z\n# User@Host: app[app] @ 10.0.0.1 []  Id: ${i % 50}\n# Query_time: 0.001  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 1\nSET timestamp=${1763632800 + i};\n${SHAPES[i % SHAPES.length]!(i % 5000)};\n`;
    written += 5;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const size = fs.statSync(file).size;
  const t0 = performance.now();
  const r = await readCorpus([file], 'slowlog', true);
  const ms = performance.now() - t0;
  fs.unlinkSync(file);
  console.log(`corpus: ${r.lines} lines (${(size / 1048576).toFixed(0)} MB slow log) → ${r.entries.length} distinct fingerprints of ${r.total} statements in ${(ms / 1000).toFixed(1)} s (${((r.lines / ms) * 1000).toFixed(0)} lines/s)`);
}

function phaseMigrations(): void {
  const SHARDS = 256;
  const MIGRATIONS = 200;
  const shards = Array.from({ length: SHARDS }, (_, i) => ({ keyspace: 'customer', name: `s${i}`, keyRange: null, isPrimaryServing: true, primaryAlias: `zone1-${i}` }));
  const statuses = ['QUEUED', 'READY', 'RUNNING', 'RUNNING', 'RUNNING', 'COMPLETE'] as const;
  const rows: SchemaMigrationRow[] = [];
  for (let m = 0; m < MIGRATIONS; m++) {
    const uuid = `${m.toString(16).padStart(8, '0')}_0000_8000_8000_000000000000`;
    for (let i = 0; i < SHARDS; i++) {
      const status = statuses[(m * 7 + i) % statuses.length]!;
      rows.push({
        uuid, keyspace: 'customer', shard: `s${i}`, table: `t${m}`, migrationStatement: `alter table t${m} add c int`, strategy: 0, options: '--postpone-completion',
        status, progress: (i * 13) % 100, rowsCopied: i * 1000, tableRows: 256_000, etaSeconds: i, readyToComplete: i % 3 === 0, postponeCompletion: true,
        postponeLaunch: false, retries: 0, migrationContext: 'bench', ddlAction: 'alter', message: '', requestedAt: 1_700_000_000 + m, startedAt: null,
        completedAt: null, lastThrottledAt: i % 10 === 0 ? 1_700_000_500 : null, componentThrottled: 'vplayer', userThrottleRatio: 0, isImmediateOperation: false, tablet: `zone1-${i}`,
      });
    }
  }
  const RUNS = 10;
  foldMigrations('customer', shards, rows, 1_700_000_510);
  const t0 = performance.now();
  for (let r = 0; r < RUNS; r++) decide(foldMigrations('customer', shards, rows, 1_700_000_510), DEFAULT_POLICY);
  const ms = (performance.now() - t0) / RUNS;
  console.log(`migrations: ${rows.length} GetSchemaMigrations rows (${SHARDS} shards × ${MIGRATIONS} migrations) folded and decided in ${ms.toFixed(0)} ms per poll (mean of ${RUNS} polls)`);
}

const phase = process.argv[2];
if (phase === 'migrations') phaseMigrations();
else if (phase === 'check') phaseCheck();
else if (phase === 'simulate') phaseSimulate();
else if (phase === 'corpus') await phaseCorpus();
else {
  const self = fileURLToPath(import.meta.url);
  for (const p of ['check', 'simulate', 'corpus', 'migrations']) {
    const out = execFileSync(process.execPath, [self, p, '--report-rss'], { encoding: 'utf8' });
    process.stdout.write(out);
  }
}
if (phase) console.log(`  peak RSS of the ${phase} phase: ${mb(process.resourceUsage().maxRSS)}`);
