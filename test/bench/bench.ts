/**
 * `npm run bench`: prints timing and memory figures (no assertions; speed is measured here, not in tests).
 * Each phase runs in its own child process so the peak RSS it reports is its own.
 *   check      generated cluster of 64 keyspaces / 20,000 tables: load + validate + all rules
 *   coldstart  `vschema-guard check` of one small file vs `vschema-guard --version` (the bundled CLI)
 *   simulate   20,000 distinct queries: node-sql-parser parse-only vs full planning, same run
 *   diff       a generated 1,000,000-line slow log with 100,000 distinct fingerprints (not committed;
 *              written to the temp dir and removed): `vschema-guard diff` for a change no query reads and
 *              for one that affects most queries, against a plain readline pass and readline + parse-only
 *              of the distinct statements; peak RSS of `diff` in every output format.
 *   cache      `diff --cache DIR` on a generated corpus of BENCH_CACHE_DISTINCT (default 20,000) distinct
 *              statements, change `most`: no cache vs an empty cache (cold) vs the cache the cold run left
 *              (warm), alternating, medians; the pack's size per plan; then a second push with half the
 *              statements new under a --cache-max-mb smaller than both pushes' plans (pruning).
 *   migrations GetSchemaMigrations rows of 256 shards × 200 migrations folded + decided (one poll)
 *   unicode    unicode_loose_md5 / unicode_loose_xxhash: the one-time decode of the collation tables (first
 *              value) and then 20,000 distinct multilingual values per vindex
 * The machine is shared: figures vary between runs by 10-30 %; ratios are measured in the same run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { analyzeFiles } from '../../src/core/analyze.js';
import { main } from '../../src/cli/main.js';
import { heapFlagsFor } from '../../src/io/launch.js';
import { makeContext } from '../../src/simulate/context.js';
import { PLAN_BATCH, PLAN_BATCH_CHARS, planPrepared, planStatements, prepareStatement } from '../../src/simulate/simulate.js';
import { parseMysql } from '../../src/sql/parser.js';
import { parseReuseStats } from '../../src/sql/parse-reuse.js';
import { loadClusters } from '../../src/vschema/load.js';
import { foldMigrations } from '../../src/migrations/aggregate.js';
import { decide, DEFAULT_POLICY } from '../../src/migrations/decide.js';
import type { SchemaMigrationRow } from '../../src/vtctld/client.js';
import { mapToDestination } from '../../src/vindexes/keyspace-id.js';

const KEYSPACES = 64;
const TABLES = Number(process.env.BENCH_TABLES ?? 20000);

function generateCluster(count = TABLES): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  let made = 0;
  for (let k = 0; k < KEYSPACES; k++) {
    const sharded = k % 4 !== 0;
    const n = Math.floor(count / KEYSPACES) + (k < count % KEYSPACES ? 1 : 0);
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
  if (made !== count) throw new Error(`generated ${made} tables`);
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
  console.log(`check: ${KEYSPACES} keyspaces, ${TABLES} tables (${(bytes / 1048576).toFixed(1)} MB JSON): ${ms.toFixed(0)} ms, ${r.findings.length} findings (target ≤ 2,000 ms, ≤ 300 MB)`);
}

function phaseSimulate(): void {
  const files = generateCluster(5000);
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

/** Shapes of the diff corpus: each distinct index k gives its own fingerprint (a column named after k). */
const CORPUS_SHAPES = [
  (k: number, v: number) => `select c${k} from t1_${k % 70} where customer_id = ${v}`,
  (k: number, v: number) => `select a, b from t2_${k % 70} where email = 'u${v}@x' and c${k} > 3`,
  (k: number, v: number) => `select count(*) from t3_${k % 70} where customer_id in (${v}, ${v + 1}, ${v + 2}) group by col${k}`,
  (k: number, v: number) => `select x.a${k} from t5_${k % 70} x join t6_${k % 70} y on x.customer_id = y.customer_id where x.customer_id = ${v}`,
  (k: number, v: number) => `update t7_${k % 70} set v${k} = 1 where customer_id = ${v}`,
  (k: number, v: number) => `insert into t9_${k % 70} (customer_id, email, c${k}) values (${v}, 'e', 1)`,
  (k: number, v: number) => `select d${k} from t10_${k % 70} where customer_id = (select customer_id from t11_${k % 70} where email = 'q${v}') limit ${v % 100}`,
  (k: number, v: number) => `select * from t0_${(k % 70) + 1} where id${k} = ${v}`,
];
const DISTINCT = 100_000;
const LOG_LINES = 1_000_000;
const distinctSql = (k: number): string => CORPUS_SHAPES[k % CORPUS_SHAPES.length]!(k, k);

/** Writes the slow log (5 lines a record: 200,000 statements, each distinct statement twice). */
async function writeSlowLog(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  for (let i = 0, written = 0; written < LOG_LINES; i++, written += 5) {
    const k = i % DISTINCT;
    const chunk = `# Time: 2026-11-20T10:00:00.${String(i % 1e6).padStart(6, '0')}Z\n# User@Host: app[app] @ 10.0.0.1 []  Id: ${i % 50}\n# Query_time: 0.001  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 1\nSET timestamp=${1763632800 + i};\n${CORPUS_SHAPES[k % CORPUS_SHAPES.length]!(k, i)};\n`;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** Writes base and head cluster directories for a change: `none` adds a table no query reads; `most` changes the vindex type every sharded table routes by. */
function writeClusters(dir: string): void {
  const files = generateCluster(5000);
  for (const side of ['base', 'none', 'most']) fs.mkdirSync(path.join(dir, side), { recursive: true });
  for (const f of files) {
    fs.writeFileSync(path.join(dir, 'base', f.path), f.text);
    const ks = JSON.parse(f.text) as { sharded: boolean; vindexes: Record<string, { type: string }>; tables: Record<string, unknown> };
    if (f.path === 'ks1.json') ks.tables.brand_new = { column_vindexes: [{ column: 'customer_id', name: 'xxhash' }] };
    fs.writeFileSync(path.join(dir, 'none', f.path), JSON.stringify(ks, null, 2));
    const most = JSON.parse(f.text) as typeof ks;
    if (most.sharded) most.vindexes.xxhash = { type: 'hash' };
    fs.writeFileSync(path.join(dir, 'most', f.path), JSON.stringify(most, null, 2));
  }
}

/** One child phase's figures. */
interface Figures {
  ms: number;
  rss: number;
  /** CPU time (user + system) of the measured part, ms, where a phase reports it. */
  cpu?: number;
  extra?: string;
}

async function phaseReadline(file: string): Promise<Figures> {
  const t0 = performance.now();
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) if (line.length >= 0) n++;
  return { ms: performance.now() - t0, rss: 0, extra: `${n} lines` };
}

function phaseParseOnly(): Figures {
  const sqls = Array.from({ length: DISTINCT }, (_, k) => distinctSql(k));
  for (const q of sqls.slice(0, 500)) parseMysql(q);
  const t0 = performance.now();
  for (const q of sqls) parseMysql(q);
  return { ms: performance.now() - t0, rss: 0 };
}

async function phaseDiff(file: string, dir: string, change: string, format: string, ...flags: string[]): Promise<Figures> {
  let bytes = 0;
  let err = '';
  const io = { out: (s: string) => void (bytes += s.length), err: (s: string) => void (err += s) };
  const t0 = performance.now();
  const code = await main(['diff', '--base', path.join(dir, 'base'), '--head', path.join(dir, change), '--queries', file, '--format', format, ...(process.env.BENCH_NO_SKIP ? ['--no-skip'] : []), ...flags], io);
  const ms = performance.now() - t0;
  if (code === 2) throw new Error(err);
  const r = parseReuseStats();
  const parses = r.reused + r.verified + r.direct;
  const reuse = parses ? `; parse reuse: ${r.reused.toLocaleString('en-US')} of ${parses.toLocaleString('en-US')} statements (${((100 * r.reused) / parses).toFixed(1)} %) from ${r.templates} shapes, ${r.untrusted} untrusted` : '';
  return { ms, rss: 0, extra: `${bytes} characters of ${format}${reuse}` };
}

async function phaseDiffCache(queries: string, dir: string, change: string, cache: string, maxMb: string): Promise<Figures> {
  let err = '';
  let out = '';
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
  const extra = [...(cache ? ['--cache', cache] : []), ...(maxMb ? ['--cache-max-mb', maxMb] : [])];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const code = await main(['diff', '--base', path.join(dir, 'base'), '--head', path.join(dir, change), '--queries', queries, '--format', 'markdown', ...extra], io);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (code === 2) throw new Error(err);
  return { ms, rss: 0, cpu: (c.user + c.system) / 1000, extra: /From cache: ([\d,]+) plans of ([\d,]+)/.exec(out)?.slice(1, 3).join('/') ?? '' };
}

/** The entry count and size of a cache directory's pack (header line: `entries`). */
function packFigures(cache: string): { entries: number; bytes: number } {
  const file = path.join(cache, 'plans.vgpack');
  const buf = fs.readFileSync(file);
  const header = JSON.parse(buf.toString('utf8', 0, buf.indexOf(10))) as { entries: number };
  return { entries: header.entries, bytes: buf.length };
}

async function runCacheBench(): Promise<void> {
  const keep = process.env.BENCH_DIR;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-bench-cache-'));
  try {
    // The clusters come from BENCH_DIR when prepared there (read only), else are written to the temp dir.
    const dir = keep && fs.existsSync(path.join(keep, 'most')) ? keep : work;
    if (dir === work) writeClusters(work);
    const n = Number(process.env.BENCH_CACHE_DISTINCT ?? 20_000);
    const corpus = (from: number, to: number, name: string): string => {
      const file = path.join(work, name);
      fs.writeFileSync(file, Array.from({ length: to - from }, (_, i) => `${distinctSql(from + i)};\n`).join(''));
      return file;
    };
    const q = corpus(0, n, 'push1.sql');
    const rounds = Number(process.env.BENCH_CACHE_ROUNDS ?? 3);
    const plain: Figures[] = [];
    const cold: Figures[] = [];
    const warm: Figures[] = [];
    let pack = { entries: 0, bytes: 0 };
    let hits = '';
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    for (let r = 0; r < rounds; r++) {
      const cache = path.join(work, `cache${r}`);
      // Alternating order, so the machine's load falls on all three alike.
      const steps: Array<() => void> = [
        () => void plain.push(child(['diffcache', q, dir, 'most', '', ''])),
        () => {
          fs.rmSync(cache, { recursive: true, force: true });
          cold.push(child(['diffcache', q, dir, 'most', cache, '']));
          pack = packFigures(cache);
          const w = child(['diffcache', q, dir, 'most', cache, '']);
          warm.push(w);
          hits = w.extra ?? '';
        },
      ];
      if (r % 2) steps.reverse();
      for (const step of steps) step();
    }
    const wall = (xs: Figures[]): number => median(xs.map((f) => f.ms));
    const cpu = (xs: Figures[]): number => median(xs.map((f) => f.cpu ?? 0));
    const peak = (xs: Figures[]): string => mb(Math.max(...xs.map((f) => f.rss)));
    const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const vs = (xs: Figures[]): string => `${(wall(xs) / wall(plain)).toFixed(2)}× wall, ${(cpu(xs) / cpu(plain)).toFixed(2)}× CPU`;
    const perPlan = pack.bytes / Math.max(pack.entries, 1);
    console.log(`cache: \`diff --cache\` of ${n.toLocaleString('en-US')} distinct statements, change \`most\` (medians of ${rounds} alternating rounds; wall and CPU time, CPU is steadier on a shared machine):`);
    console.log(`  no cache               ${s(wall(plain))} wall, ${s(cpu(plain))} CPU, ${peak(plain)} peak`);
    console.log(`  cold (empty cache)     ${s(wall(cold))} wall, ${s(cpu(cold))} CPU, ${peak(cold)} peak: ${vs(cold)} (target ≤ 1.2×)`);
    console.log(`  warm (nothing changed) ${s(wall(warm))} wall, ${s(cpu(warm))} CPU, ${peak(warm)} peak: ${vs(warm)} (${hits} plans from the cache)`);
    console.log(`  pack: ${pack.entries.toLocaleString('en-US')} plans in ${(pack.bytes / 1048576).toFixed(2)} MB (${perPlan.toFixed(0)} bytes a plan; 100,000 plans ≈ ${((perPlan * 100_000) / 1048576).toFixed(1)} MB)`);
    // Pruning: a second push where half the statements are new, under a bound below both pushes' plans.
    const q2 = corpus(n >> 1, n + (n >> 1), 'push2.sql');
    const cache = path.join(work, 'cache0');
    const bound = ((pack.bytes * 1.25) / 1048576).toFixed(3);
    const second = child(['diffcache', q2, dir, 'most', cache, bound]);
    const after = packFigures(cache);
    const third = child(['diffcache', q2, dir, 'most', cache, bound]);
    console.log(`  prune: push 2 (half its statements new) with --cache-max-mb ${bound} (1.25× push 1's pack): ${second.extra} plans from the cache, ${s(second.ms)}; the pack then holds ${after.entries.toLocaleString('en-US')} plans in ${(after.bytes / 1048576).toFixed(2)} MB (push 1 + push 2 would be ${Math.round(pack.entries * 1.5).toLocaleString('en-US')}); push 2 again: ${third.extra} from the cache`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function phaseColdStart(cli: string, small: string): Figures {
  const run = (args: string[]): number => {
    const t0 = performance.now();
    spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    return performance.now() - t0;
  };
  const version: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < 15; i++) {
    // Alternating, so the machine's load falls on both alike.
    if (i % 2) check.push(run(['check', small]));
    version.push(run(['--version']));
    if (!(i % 2)) check.push(run(['check', small]));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: median(check), rss: 0, extra: String(median(version)) };
}

/** Runs a phase in a child process; returns its figures with its own peak RSS. */
function child(args: string[]): Figures {
  const self = fileURLToPath(import.meta.url);
  // The product's phases run under the flags its launcher (src/io/launch.ts) gives them on this Node;
  // the readline baseline under none.
  const flags = args[0] === 'readline' ? [] : heapFlagsFor(process.versions.node, process.execArgv, process.env);
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', ...flags, self, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Figures;
}

async function runDiffBench(): Promise<void> {
  // BENCH_DIR keeps the generated inputs there (for profiling); by default they go to a temp dir, removed after.
  const keep = process.env.BENCH_DIR;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vg-bench-'));
  try {
    const log = path.join(dir, 'slow.log');
    if (!keep || !fs.existsSync(log)) {
      fs.mkdirSync(dir, { recursive: true });
      await writeSlowLog(log);
      writeClusters(dir);
    }
    const size = fs.statSync(log).size;
    if (process.env.BENCH_PREPARE_ONLY) return;
    // The cheap pair, alternated 5 times: their medians, and the ratio's range over the rounds (a
    // shared machine moves single runs by 20–40 %).
    const rounds = Array.from({ length: 5 }, () => ({ rl: child(['readline', log]), none: child(['diff', log, dir, 'none', 'markdown']) }));
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const rl: Figures = { ms: median(rounds.map((r) => r.rl.ms)), rss: median(rounds.map((r) => r.rl.rss)) };
    const none: Figures = { ms: median(rounds.map((r) => r.none.ms)), rss: Math.max(...rounds.map((r) => r.none.rss)) };
    const ratios = rounds.map((r) => r.none.ms / r.rl.ms).sort((a, b) => a - b);
    const parse = child(['parse-only']);
    const most = child(['diff', log, dir, 'most', 'markdown']);
    const mostDirect = child(['diff', log, dir, 'most', 'markdown', '--no-parse-reuse']);
    const lps = (ms: number): string => `${Math.round(LOG_LINES / (ms / 1000)).toLocaleString('en-US')} lines/s`;
    console.log(`diff corpus: ${LOG_LINES.toLocaleString('en-US')}-line slow log (${(size / 1048576).toFixed(0)} MB), ${DISTINCT.toLocaleString('en-US')} distinct fingerprints; readline pass ${(rl.ms / 1000).toFixed(2)} s (median) (${lps(rl.ms)}), node-sql-parser parse-only of the distinct statements ${(parse.ms / 1000).toFixed(2)} s`);
    console.log(`  change no query reads:       ${(none.ms / 1000).toFixed(2)} s (${lps(none.ms)}), ${mb(none.rss)} peak: ${(none.ms / rl.ms).toFixed(2)}× the readline pass (medians of 5 alternating runs; per round ${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)}×; target ≤ 4×)`);
    console.log(`  change affecting most:       ${(most.ms / 1000).toFixed(2)} s (${lps(most.ms)}), ${mb(most.rss)} peak: ${(most.ms / (rl.ms + parse.ms)).toFixed(2)}× readline + parse-only (target ≤ 1.5×)${most.extra?.replace(/^[^;]*/, '') ?? ''}`);
    console.log(`  same, --no-parse-reuse:      ${(mostDirect.ms / 1000).toFixed(2)} s (${lps(mostDirect.ms)}), ${mb(mostDirect.rss)} peak: ${(mostDirect.ms / (rl.ms + parse.ms)).toFixed(2)}× readline + parse-only`);
    for (const format of ['markdown', 'json', 'sarif', 'text']) {
      const f = child(['diff', log, dir, 'most', format]);
      console.log(`  peak RSS, --format ${format.padEnd(8)} ${mb(f.rss)} (${(f.ms / 1000).toFixed(2)} s; ${f.extra}; target ≤ 400 MB)`);
    }
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runColdStart(): void {
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.mjs');
  if (!fs.existsSync(cli)) {
    console.log('coldstart: .vg-tmp/cli.mjs missing (npm run bench bundles it)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-cold-'));
  try {
    const small = path.join(dir, 'customer.json');
    fs.writeFileSync(small, JSON.stringify({ sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { customer: { column_vindexes: [{ column: 'id', name: 'hash' }] } } }, null, 2));
    const f = child(['coldstart', cli, small]);
    const version = Number(f.extra);
    console.log(`coldstart: \`check\` of one small file ${f.ms.toFixed(0)} ms vs \`--version\` ${version.toFixed(0)} ms (medians of 15 alternating runs): ${(f.ms / version).toFixed(2)}× (target ≤ 1.3×)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function phaseUnicode(): void {
  const rss0 = process.memoryUsage().rss;
  let t0 = performance.now();
  mapToDestination('unicode_loose_md5', {}, [{ type: 'str', text: 'Zoë' }]);
  const first = performance.now() - t0;
  const rss1 = process.memoryUsage().rss;
  const WORDS = ['Zoë', 'ÅNGSTRÖM', 'straße', 'Łódź', 'İstanbul', 'Ελληνικά', 'Москва', 'עברית', 'العربية', 'हिन्दी', 'ไทย', '한국어', '日本語', '中文', 'tiếng Việt'];
  const values = Array.from({ length: 20000 }, (_, i) => `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} #${i}`);
  const per: string[] = [];
  for (const type of ['unicode_loose_md5', 'unicode_loose_xxhash']) for (const text of values.slice(0, 2000)) mapToDestination(type, {}, [{ type: 'str', text }]); // warm up
  for (const type of ['unicode_loose_md5', 'unicode_loose_xxhash']) {
    t0 = performance.now();
    for (const text of values) mapToDestination(type, {}, [{ type: 'str', text }]);
    per.push(`${type} ${(((performance.now() - t0) * 1000) / values.length).toFixed(1)} µs/value`);
  }
  console.log(`unicode: first value (decodes the collation tables) ${first.toFixed(1)} ms, +${((rss1 - rss0) / 1048576).toFixed(1)} MB RSS; then ${per.join(', ')} (20,000 distinct values of ≈ 25 characters)`);
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

const [phase, ...args] = process.argv.slice(2);
const report = (f: Figures): void => console.log(JSON.stringify({ ...f, rss: process.resourceUsage().maxRSS }));
if (phase === 'migrations') phaseMigrations();
else if (phase === 'check') phaseCheck();
else if (phase === 'simulate') phaseSimulate();
else if (phase === 'unicode') phaseUnicode();
else if (phase === 'readline') report(await phaseReadline(args[0]!));
else if (phase === 'parse-only') report(phaseParseOnly());
else if (phase === 'diff') report(await phaseDiff(args[0]!, args[1]!, args[2]!, args[3]!, ...args.slice(4)));
else if (phase === 'coldstart') report(phaseColdStart(args[0]!, args[1]!));
else if (phase === 'diffcache') report(await phaseDiffCache(args[0]!, args[1]!, args[2]!, args[3]!, args[4]!));
else {
  const only = process.env.BENCH_ONLY?.split(',');
  const self = fileURLToPath(import.meta.url);
  for (const p of ['check', 'simulate', 'migrations', 'unicode']) {
    if (only && !only.includes(p)) continue;
    const out = execFileSync(process.execPath, [self, p, '--report-rss'], { encoding: 'utf8' });
    process.stdout.write(out);
  }
  if (!only || only.includes('coldstart')) runColdStart();
  if (!only || only.includes('diff')) await runDiffBench();
  if (!only || only.includes('cache')) await runCacheBench();
}
if (phase === 'check' || phase === 'simulate') console.log(`  peak RSS of the ${phase} phase: ${mb(process.resourceUsage().maxRSS)}`);
