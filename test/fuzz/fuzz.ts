/**
 * `npm run fuzz`: mutated VSchemas, configs and query corpora through `check`, `diff` and `simulate`
 * (in process, the real CLI entry), with a fixed seed and a count and time bound. Fails on any
 * internal error, an `internal-error` finding, an exit code outside 0/1/2, or a `--format json`
 * output that is not exactly one JSON document. Usage: node .vg-tmp/fuzz.mjs [runs] [seconds] [seed].
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { main } from '../../src/cli/main.js';
import { type Mutation, type Tree, mutate, serialize, toTree } from './mutate.js';

const RUNS = Number(process.argv[2] ?? 3000);
const SECONDS = Number(process.argv[3] ?? 90);
const SEED = Number(process.argv[4] ?? 20261206);

const seedFiles = (dirs: string[]): Array<{ name: string; tree: Tree }> =>
  dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, tree: toTree(fs.readFileSync(path.join(d, f), 'utf8'))! })));
const clusters = [
  ...fs.readdirSync('fixtures/diff').map((c) => `fixtures/diff/${c}/head`),
  'fixtures/examples/commerce-customer/head',
].filter((d) => fs.existsSync(d)).map((d) => seedFiles([d])).filter((c) => c.length && c.every((f) => f.tree !== undefined));
const srv = toTree(fs.readFileSync('fixtures/simulate/vschema.json', 'utf8'))!;
const corpusLines = fs.readFileSync('fixtures/diff/query-turns-scatter/queries.sql', 'utf8').split('\n').filter(Boolean);
const CONFIG = toTree(JSON.stringify({
  rules: { 'vindex-unused': 'off', 'lookup-table-missing': 'error' },
  suppressions: [{ rule: 'primary-vindex-lookup', keyspace: 'customer', table: 'corder', reason: 'r' }],
  keyspaces: [{ path: 'x/*.json', name: 'customer' }],
  default_keyspace: 'customer',
  fail_on: ['error', 'regression'],
}))!;
const NASTY_LINES = [
  '\\! echo hi', 'use customer/-80', 'USE commerce;', 'select 1\\G', 'select * from customer\\G', '# Query_time: 1', 'DELIMITER //', '//',
  '/*', "select 'unterminated", '\uFEFFselect 1;', 'select \u0000;', 'x'.repeat(5000), 'sql,count', '"a,b",3', '{"sql": 1}', '[{"sql": {"a": 1}}]',
  'select * from __proto__.constructor where toString = 1;', 'select * from `__proto__`;', 'insert into customer (customer_id) values (-1);',
  'SET NAMES utf8mb4;', 'vexplain select 1;', 'select * from customer where customer_id in (' + '1,'.repeat(300) + '1);',
];
const EXTS = ['.sql', '.log', '.csv', '.json', '.txt'];

interface Outcome { code: number; out: string; err: string }
async function cli(argv: string[]): Promise<Outcome> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/** Exactly one JSON document on stdout, no internal error anywhere, a known exit code. */
function verify(what: string, argv: string[], r: Outcome): void {
  const fail = (why: string): never => {
    throw new Error(`${what}: ${why}\n  argv: ${argv.join(' ')}\n  exit ${r.code}\n  stderr: ${r.err.slice(0, 500)}`);
  };
  if (![0, 1, 2].includes(r.code)) fail(`exit code ${r.code}`);
  if (/internal error/i.test(r.err) || /internal error/i.test(r.out)) fail('internal error');
  let doc: unknown;
  try {
    doc = JSON.parse(r.out);
  } catch {
    fail(`stdout is not exactly one JSON document: ${JSON.stringify(r.out.slice(0, 200))}`);
  }
  if (JSON.stringify(doc).includes('"internal-error"')) fail('internal-error finding');
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(), op: fc.constantFrom('set', 'add', 'delete', 'rename', 'dup', 'wrap'), key: fc.nat(), value: fc.nat(), pick: fc.nat(),
});
const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 6 });
const corpusArb = fc.record({
  lines: fc.array(fc.oneof(fc.constantFrom(...corpusLines), fc.constantFrom(...NASTY_LINES), fc.string({ maxLength: 40 })), { maxLength: 12 }),
  ext: fc.constantFrom(...EXTS),
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-fuzz-'));
let n = 0;
const started = Date.now();
const timeUp = (): boolean => (Date.now() - started) / 1000 > SECONDS;
const counts = { check: 0, diff: 0, simulate: 0, config: 0 };
const exits = [0, 0, 0];

function writeCluster(dir: string, files: Array<{ name: string; text: string }>): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
}

const property = fc.asyncProperty(
  fc.nat(), fc.array(fc.tuple(fc.nat(), mutations), { minLength: 1, maxLength: 2 }), corpusArb, fc.option(mutations, { nil: undefined, freq: 4 }), fc.nat(3), fc.boolean(),
  async (which, fileMuts, corpus, configMuts, command, srvShape) => {
    if (timeUp()) return;
    const run = path.join(root, String(n++ % 4));
    const cluster = clusters[which % clusters.length]!;
    const base = cluster.map((f) => ({ name: f.name, text: serialize(f.tree) }));
    let head = base.map((f) => ({ ...f }));
    if (srvShape) head = [{ name: 'srv.json', text: serialize(mutate(srv, fileMuts[0]![1])) }];
    else for (const [i, m] of fileMuts) head[i % head.length] = { name: head[i % head.length]!.name, text: serialize(mutate(cluster[i % cluster.length]!.tree, m)) };
    writeCluster(path.join(run, 'base'), base);
    writeCluster(path.join(run, 'head'), head);
    const q = path.join(run, 'queries' + corpus.ext);
    fs.writeFileSync(q, corpus.lines.join('\n'));
    const cfgArgs: string[] = [];
    if (configMuts) {
      fs.writeFileSync(path.join(run, 'config.yml'), serialize(mutate(CONFIG, configMuts)));
      cfgArgs.push('--config', path.join(run, 'config.yml'));
      counts.config++;
    }
    const h = path.join(run, 'head');
    const argv = command === 0 ? ['check', h, ...cfgArgs, '--format', 'json']
      : command === 1 ? ['diff', '--base', path.join(run, 'base'), '--head', h, '--queries', q, ...cfgArgs, '--format', 'json']
      // Half of the simulate runs use the unmutated VSchema, so the mutated corpus is really planned
      // (a VSchema vtgate would not load is refused before planning).
      : ['simulate', '--vschema', command === 3 ? path.join(run, 'base') : h, '--queries', q, ...cfgArgs, '--format', 'json'];
    counts[(['check', 'diff', 'simulate', 'simulate'] as const)[command]!]++;
    const r = await cli(argv);
    verify(argv[0]!, argv, r);
    exits[r.code]!++;
  },
);

try {
  await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${n} runs in ${secs} s (seed ${SEED}; check ${counts.check}, diff ${counts.diff}, simulate ${counts.simulate}; ${counts.config} with a mutated config; exit 0/1/2: ${exits.join('/')}): 0 internal errors, one JSON document each${timeUp() ? ' (stopped at the time bound)' : ''}`);
} catch (e) {
  console.error((e as Error).message);
  const cause = (e as { cause?: unknown }).cause;
  if (cause) console.error(String((cause as Error).message ?? cause));
  process.exitCode = 1;
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
