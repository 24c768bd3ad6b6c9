/** `vschema-guard locate`: the keyspace id and shard of a value, through a table's primary vindex or a bare vindex type. */
import { parseArgs } from 'node:util';
import { type SqlValue, hex, mapToDestination } from '../vindexes/keyspace-id.js';
import { createVindexError, findVindexType } from '../vindexes/registry.js';
import { DEFAULT_SHARDS, shardFor, shardsFor } from '../topology/topology.js';
import { type KeyRange, evenShards, parseShardName } from '../topology/key-range.js';
import { parseTableName } from '../vschema/names.js';
import type { Cluster } from '../vschema/model.js';
import type { Io } from './check-command.js';
import { loadOneCluster } from './load-cluster.js';
import { topologyFor } from './simulate-command.js';
import { UsageError } from './usage.js';

/** Reads a command-line value like a SQL literal: 5 → INT64, 0x1f / x'1f' → hex, NULL, else a string. */
export function cliValue(s: string): SqlValue {
  if (/^NULL$/i.test(s)) return { type: 'null', text: '' };
  if (/^-?\d+$/.test(s)) return { type: 'int', text: s };
  if (/^-?\d*\.\d+$/.test(s)) return { type: 'float', text: s };
  const h = /^0x([0-9a-f]+)$/i.exec(s) ?? /^x'([0-9a-f]*)'$/i.exec(s);
  if (h) return { type: 'hex', text: h[1]! };
  const q = /^'(.*)'$/.exec(s);
  return { type: 'str', text: q ? q[1]! : s };
}

/** Runs `locate`; returns the exit code. */
export function locateCommand(argv: string[], io: Io): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      vschema: { type: 'string', multiple: true },
      table: { type: 'string' },
      'vindex-type': { type: 'string' },
      param: { type: 'string', multiple: true },
      value: { type: 'string', multiple: true },
      topology: { type: 'string' },
      keyspace: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
  });
  if (!values.value?.length) throw new UsageError('--value V is required (repeat it for a multi-column vindex)');
  if (!values.table === !values['vindex-type']) throw new UsageError('give either --table KS.T or --vindex-type TYPE');
  const vals = values.value.map(cliValue);
  let cluster: Cluster = { label: '', keyspaces: new Map(), routingRules: [], shardRoutingRules: [], files: [] };
  if (values.vschema?.length) cluster = loadOneCluster(values.vschema, undefined, [values.topology]).cluster;
  let type: string;
  let params: Record<string, string> = {};
  let vindexName: string | null = null;
  let keyspace = values.keyspace ?? null;
  if (values.table) {
    const p = parseTableName(values.table);
    if (!p || !p.keyspace) throw new UsageError('--table must be qualified: KS.TABLE');
    const ks = cluster.keyspaces.get(p.keyspace);
    if (!ks) throw new UsageError(`keyspace ${p.keyspace} is not in the VSchema`);
    const t = ks.tables.get(p.table);
    if (!t) throw new UsageError(`table ${p.table} is not in keyspace ${p.keyspace}`);
    const cv = t.columnVindexes[0];
    const v = cv && ks.vindexes.get(cv.name);
    if (!v) throw new UsageError(ks.sharded ? `table ${values.table} has no primary vindex` : `keyspace ${p.keyspace} is unsharded: every row is on its one shard`);
    type = v.type;
    params = v.params;
    vindexName = v.name;
    keyspace = p.keyspace;
  } else {
    type = values['vindex-type']!;
    for (const kv of values.param ?? []) {
      const i = kv.indexOf('=');
      if (i < 1) throw new UsageError(`--param must be name=value, got "${kv}"`);
      params[kv.slice(0, i)] = kv.slice(i + 1);
    }
    const err = createVindexError(type, 'locate', params);
    if (err) throw new UsageError(err);
  }
  if (!findVindexType(type)) throw new UsageError(`vindexType "${type}" not found`);
  const dest = mapToDestination(type, params, vals);
  // A bare vindex without a keyspace is placed on vtexplain's default: 2 even shards.
  const shards = keyspace && cluster.keyspaces.has(keyspace)
    ? topologyFor(cluster, values.topology, io).get(keyspace) ?? []
    : (evenShards(DEFAULT_SHARDS) as string[]).map((name) => ({ name, range: parseShardName(name) as KeyRange }));
  const result: Record<string, unknown> = { keyspace, vindex: vindexName, vindex_type: type, values: values.value };
  if (dest.kind === 'ksid') {
    result.keyspace_id = hex(dest.ksid);
    result.shard = shardFor(shards, dest.ksid)?.name ?? null;
  } else if (dest.kind === 'range') {
    result.keyspace_id = null;
    result.key_range = `${hex(dest.start)}-${hex(dest.end)}`;
    result.shards = shardsFor(shards, dest).map((s) => s.name);
    result.shard = null;
  } else {
    result.keyspace_id = null;
    result.shard = null;
    result[dest.kind === 'none' ? 'none' : 'unknown'] = dest.reason;
  }
  result.topology_shards = shards.map((s) => s.name);
  if (values.format === 'json') io.out(JSON.stringify(result) + '\n');
  else io.out(`${values.value.join(', ')} → ${result.keyspace_id ? `keyspace id ${result.keyspace_id}, shard ${result.shard}` : result.key_range ? `key range ${result.key_range}, shards ${(result.shards as string[]).join(', ')}` : (result.none ?? result.unknown)}\n`);
  return 0;
}
