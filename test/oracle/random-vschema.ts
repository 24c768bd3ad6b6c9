/**
 * Random valid VSchemas for the differential test: 1–2 sharded keyspaces and an unsharded one, tables
 * with a functional primary vindex (hash, xxhash, binary_md5, numeric, reverse_bits), sometimes a
 * secondary owned lookup (lookup_hash, lookup_unique, consistent_lookup_unique) whose lookup table is
 * declared sharded or unsharded, reference tables, a sequence; with matching CREATE TABLEs.
 */
import { clusterFromJson, type OracleCluster } from './compare.js';
import { prng } from './generate.js';

const PRIMARY = ['hash', 'xxhash', 'binary_md5', 'numeric', 'reverse_bits'];
const LOOKUP = ['lookup_hash', 'lookup_unique', 'consistent_lookup_unique', 'lookup_hash_unique'];

/** A random valid cluster (deterministic per seed). */
export function randomCluster(seed: number): OracleCluster {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ddl: string[] = [];
  const uns: Record<string, unknown> = { seq: { type: 'sequence' } };
  ddl.push("create table seq (id bigint, next_id bigint, cache bigint, primary key (id)) comment 'vitess_sequence';");
  const vschema: Record<string, Record<string, unknown>> = {};
  const nks = 1 + Math.floor(rnd() * 2);
  let tableNo = 0;
  for (let k = 0; k < nks; k++) {
    const ks = `ks${k}`;
    const vindexes: Record<string, unknown> = {};
    const tables: Record<string, unknown> = {};
    for (const p of PRIMARY) vindexes[p] = { type: p };
    const nt = 3 + Math.floor(rnd() * 4);
    for (let i = 0; i < nt; i++) {
      const t = `t${tableNo++}`;
      const p = pick(PRIMARY);
      const keyText = p === 'binary_md5' && rnd() < 0.5;
      const cvs: unknown[] = [{ column: 'id', name: p }];
      const cols = [`id ${keyText ? 'varchar(32)' : 'bigint'} not null`, 'a bigint', 'b varchar(32)', 'c bigint'];
      const table: Record<string, unknown> = { column_vindexes: cvs };
      if (rnd() < 0.35) {
        const lt = `${t}_b_idx`;
        const type = pick(LOOKUP);
        const inUnsharded = rnd() < 0.5;
        const to = type.startsWith('lookup_hash') ? 'id' : 'keyspace_id';
        vindexes[`${t}_b`] = { type, params: { table: inUnsharded ? `u.${lt}` : `${ks}.${lt}`, from: 'b', to }, owner: t };
        cvs.push({ column: 'b', name: `${t}_b` });
        if (inUnsharded) uns[lt] = {};
        else tables[lt] = { column_vindexes: [{ column: 'b', name: 'xxhash' }] };
        ddl.push(`create table ${lt} (b varchar(32) not null, ${to} ${to === 'id' ? 'bigint' : 'varbinary(128)'}, primary key (b));`);
      }
      if (rnd() < 0.2 && !keyText) table.auto_increment = { column: 'id', sequence: 'u.seq' };
      tables[t] = table;
      ddl.push(`create table ${t} (${cols.join(', ')}, primary key (id));`);
    }
    if (rnd() < 0.6) {
      tables[`r${k}`] = { type: 'reference' };
      ddl.push(`create table r${k} (id bigint not null, a bigint, b varchar(32), primary key (id));`);
    }
    vschema[ks] = { sharded: true, vindexes, tables };
  }
  uns.plain = {};
  ddl.push('create table plain (id bigint not null, a bigint, b varchar(32), primary key (id));');
  vschema.u = { tables: uns };
  return clusterFromJson(`random-${seed}`, vschema, ddl.join('\n') + '\n');
}
