/**
 * `npm run test:oracle`: the differential test of our routing simulation against Vitess's own planner,
 * run through vtexplain (Vitess v0.24.4, built by test/vitess/build.sh). Generates statements over our
 * oracle clusters (fixtures/oracle/*) and random valid VSchemas, at several shard counts, plans them on
 * both sides and prints agreement figures: exact route match, operators, scatter precision/recall,
 * exact shard sets where ours are known, parse coverage. Every disagreement must be fixed or listed
 * in test/oracle/known-differences.json with its reason; an unlisted one fails the run (exit 1).
 * Without vtexplain the run fails loudly (exit 2): build it with test/vitess/build.sh or set VTEXPLAIN.
 *
 * Options: --statements N (default 5200 in all), --seed S, --verbose (print every disagreement).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Comparison, type OracleCluster, compare, loadOracleCluster } from './compare.js';
import { generate } from './generate.js';
import { randomCluster } from './random-vschema.js';
import { isSimulationError, locateVtexplain, makeVtexplain, VITESS_VERSION } from './vtexplain.js';

// npm runs scripts from the project folder.
const root = process.cwd();
const { values } = parseArgs({ options: { statements: { type: 'string', default: '5200' }, seed: { type: 'string', default: '14' }, verbose: { type: 'boolean' } } });
const total = Number(values.statements);
const seed = Number(values.seed);

const bin = locateVtexplain();
if (!bin) {
  console.error(`\n*** test:oracle: vtexplain (Vitess ${VITESS_VERSION}) NOT FOUND — the differential test did NOT run. ***`);
  console.error('Build it with test/vitess/build.sh (needs Go), or set VTEXPLAIN=/path/to/vtexplain.\n');
  process.exit(2);
}

interface Known { pattern: string; reason: string; flags?: string }
const known = (JSON.parse(fs.readFileSync(path.join(root, 'test/oracle/known-differences.json'), 'utf8')) as { differences: Known[] }).differences.map((k) => ({ ...k, re: new RegExp(k.pattern, k.flags ?? 'i') }));
const knownFor = (c: Comparison): Known | undefined => known.find((k) => k.re.test(`${c.cluster} | ${c.sql}`));

const clusters: Array<{ oc: OracleCluster; shards: number[]; weight: number }> = [
  { oc: loadOracleCluster(path.join(root, 'fixtures/oracle/music')), shards: [4, 2], weight: 3 },
  { oc: loadOracleCluster(path.join(root, 'fixtures/oracle/tpch')), shards: [8, 2], weight: 3 },
  { oc: loadOracleCluster(path.join(root, 'fixtures/oracle/tpcc')), shards: [4, 16], weight: 3 },
];
for (let i = 0; i < 3; i++) clusters.push({ oc: randomCluster(seed * 100 + i), shards: [[2, 4, 8][i]!], weight: 1 });
// Text keys: unicode_loose_md5 / unicode_loose_xxhash tables and lookup_unicodeloosemd5_hash(_unique) lookups.
clusters.push({ oc: loadOracleCluster(path.join(root, 'fixtures/oracle/text')), shards: [4, 16], weight: 2 });
const weights = clusters.reduce((s, c) => s + c.weight, 0);

const vt = makeVtexplain(bin);
const started = Date.now();
const all: Comparison[] = [];
for (const [ci, { oc, shards, weight }] of clusters.entries()) {
  const n = Math.round((total * weight) / weights);
  const sqls = generate(oc.cluster, oc.schema, seed * 1000 + ci, n);
  const per = Math.ceil(sqls.length / shards.length);
  shards.forEach((s, k) => all.push(...compare(vt, oc, s, sqls.slice(k * per, (k + 1) * per))));
}

// Figures (statements vtexplain could simulate; fake-tablet errors say nothing about the plan).
const answered = all.filter((c) => !(c.oracle.error && isSimulationError(c.oracle.error)));
const exact = answered.filter((c) => c.exact).length;
const ops = answered.filter((c) => c.operators).length;
const predictedScatter = answered.filter((c) => c.oursScatter);
const realScatter = answered.filter((c) => c.oracleScatter);
const tp = answered.filter((c) => c.oursScatter && c.oracleScatter).length;
const shardCmp = answered.filter((c) => c.shardsEqual !== null);
const shardOk = shardCmp.filter((c) => c.shardsEqual).length;
const accepted = answered.filter((c) => !c.oracle.error);
const parsed = accepted.filter((c) => !/^syntax error/.test(c.ours.error ?? '')).length;
const ratio = (a: number, b: number): string => (b ? (a / b).toFixed(3) : 'n/a');

const wrong = answered.filter((c) => !c.exact || c.shardsEqual === false);
const unlisted = wrong.filter((c) => !knownFor(c));
const byReason = new Map<string, number>();
for (const c of wrong) {
  const k = knownFor(c);
  if (k) byReason.set(k.reason, (byReason.get(k.reason) ?? 0) + 1);
}

console.log(`oracle: vtexplain ${VITESS_VERSION}, ${clusters.length} VSchemas, ${all.length} distinct statements, ${vt.runs()} vtexplain runs, ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`  oracle could not simulate (fake-tablet errors): ${all.length - answered.length}`);
console.log(`  exact route match        ${ratio(exact, answered.length)}  (${exact}/${answered.length})`);
console.log(`  operators match          ${ratio(ops, answered.length)}  (${ops}/${answered.length})`);
console.log(`  scatter precision        ${ratio(tp, predictedScatter.length)}  (${tp}/${predictedScatter.length})`);
console.log(`  scatter recall           ${ratio(tp, realScatter.length)}  (${tp}/${realScatter.length})`);
console.log(`  exact shard sets         ${ratio(shardOk, shardCmp.length)}  (${shardOk}/${shardCmp.length} statements whose shards we claim to know)`);
console.log(`  parse coverage           ${ratio(parsed, accepted.length)}  (${parsed}/${accepted.length} statements vtgate accepts)`);
console.log(`  disagreements            ${wrong.length} (${wrong.length - unlisted.length} known, ${unlisted.length} unlisted)`);
for (const [reason, n] of [...byReason].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(4)}  known: ${reason}`);
const show = values.verbose ? unlisted : unlisted.slice(0, 25);
for (const c of show) {
  console.log(`  ✗ [${c.cluster} ${c.shards} shards] ${c.sql}`);
  console.log(`      vitess: ${c.oracle.error ?? c.oracle.operators.map((o, i) => `${o}:${c.oracle.routes[i]}`).join(' ')}  [${c.oracle.tablets.join(' ')}]`);
  console.log(`      ours:   ${c.ours.error ?? c.ours.operators.map((o, i) => `${o}:${c.ours.routes[i]}`).join(' ')}  [${c.ours.tablets?.join(' ') ?? 'shards not known'}]`);
}
fs.mkdirSync(path.join(root, '.vg-tmp'), { recursive: true });
fs.writeFileSync(path.join(root, '.vg-tmp/oracle-report.json'), JSON.stringify(all, null, 1));
console.log(`oracle: exact=${ratio(exact, answered.length)} scatter_P=${ratio(tp, predictedScatter.length)} scatter_R=${ratio(tp, realScatter.length)} shards=${ratio(shardOk, shardCmp.length)} parse=${ratio(parsed, accepted.length)} n=${answered.length} unlisted=${unlisted.length}`);
process.exit(unlisted.length ? 1 : 0);
