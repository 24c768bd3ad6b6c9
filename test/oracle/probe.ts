/**
 * Debugging aid: explains a file of statements (one per line) on one oracle cluster with vtexplain and
 * with our simulation, and prints both side by side.
 *   node .vg-tmp/oracle-probe.mjs fixtures/oracle/music queries.sql [shards]
 */
import fs from 'node:fs';
import { compare, loadOracleCluster } from './compare.js';
import { locateVtexplain, makeVtexplain } from './vtexplain.js';

const [dir, file, shards = '4'] = process.argv.slice(2);
if (!dir || !file) {
  console.error('usage: oracle-probe <cluster dir> <queries file> [shards]');
  process.exit(2);
}
const bin = locateVtexplain();
if (!bin) {
  console.error('vtexplain not found: run test/vitess/build.sh (or set VTEXPLAIN)');
  process.exit(2);
}
const sqls = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
for (const c of compare(makeVtexplain(bin), loadOracleCluster(dir), Number(shards), sqls)) {
  const mark = c.exact ? (c.shardsEqual === false ? '~' : ' ') : 'X';
  console.log(`${mark} ${c.sql}`);
  console.log(`    vitess: ${c.oracle.error ?? c.oracle.operators.map((o, i) => `${o}:${c.oracle.routes[i]}`).join(' ')}  [${c.oracle.tablets.join(' ')}]`);
  console.log(`    ours:   ${c.ours.error ?? c.ours.operators.map((o, i) => `${o}:${c.ours.routes[i]}`).join(' ')}  [${c.ours.tablets?.join(' ') ?? '?'}]`);
}
