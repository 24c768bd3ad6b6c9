/** `vschema-guard locate`: the keyspace id and shard of a value, through a table's primary vindex or a bare vindex type. */
import { parseArgs } from 'node:util';
import { type SqlValue, hex, mapToDestination } from '../vindexes/keyspace-id.js';
import { createVindexError, findVindexType } from '../vindexes/registry.js';
import { DEFAULT_SHARDS, shardFor, shardsFor } from '../topology/topology.js';
import { type KeyRange, evenShards, parseShardName } from '../topology/key-range.js';
import { buildGlobalTables, findTable, parseTableName } from '../vschema/names.js';
import type { Cluster } from '../vschema/model.js';
import { type Io, cliKeyspaceMap } from './check-command.js';
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
      config: { type: 'string' },
      'keyspace-map': { type: 'string', multiple: true },
    },
  });
  if (!values.value?.length) throw new UsageError('--value V is required (repeat it for a multi-column vindex)');
  if (!values.table === !values['vindex-type']) throw new UsageError('give either --table KS.T or --vindex-type TYPE');
  const vals = values.value.map(cliValue);
  let cluster: Cluster = { label: '', keyspaces: new Map(), routingRules: [], shardRoutingRules: [], files: [] };
  if (values.vschema?.length) cluster = loadOneCluster(values.vschema, values.config, [values.topology], cliKeyspaceMap(values['keyspace-map'])).cluster;
  let type: string;
  let params: Record<string, string> = {};
  let vindexName: string | null = null;
  let keyspace = values.keyspace ?? null;
  if (values.table) {
    const p = parseTableName(values.table);
    if (!p) throw new UsageError(`--table ${values.table}: expected TABLE or KS.TABLE`);
    // An unqualified name resolves like vtgate resolves it without a default keyspace: unique across keyspaces.
    const found = p.keyspace ? null : findTable(cluster, buildGlobalTables(cluster), '', p.table);
    if (found && 'error' in found) throw new UsageError(`--table ${p.table}: ${found.error}${found.error.startsWith('ambiguous') ? '; qualify it as KS.TABLE' : ''}`);
    const ksName = p.keyspace || found!.table.keyspace;
    const ks = cluster.keyspaces.get(ksName);
    if (!ks) throw new UsageError(`keyspace ${ksName} is not in the VSchema`);
    const t = ks.tables.get(p.table);
    if (!t && ks.sharded) throw new UsageError(`table ${p.table} is not in keyspace ${ksName}`);
    if (!ks.sharded) {
      // Every row of an unsharded keyspace is on its one shard: that is the answer.
      const shards = topologyFor(cluster, values.topology, io).get(ksName) ?? [];
      const shard = shards.length === 1 ? shards[0]!.name : null;
      const result = { keyspace: ksName, table: p.table, vindex: null, vindex_type: null, values: values.value, keyspace_id: null, shard, reason: `keyspace ${ksName} is unsharded: every row is on its one shard`, topology_shards: shards.map((s) => s.name) };
      if (values.format === 'json') io.out(JSON.stringify(result) + '\n');
      else io.out(`${values.value.join(', ')} → shard ${shard ?? '(the only shard)'} (${result.reason})\n`);
      return 0;
    }
    const cv = t!.columnVindexes[0];
    const v = cv && ks.vindexes.get(cv.name);
    if (!v) throw new UsageError(`table ${ksName}.${p.table} has no primary vindex`);
    type = v.type;
    params = v.params;
    vindexName = v.name;
    keyspace = ksName;
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
