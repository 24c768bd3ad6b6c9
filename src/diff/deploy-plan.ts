/**
 * The deploy plan of a VSchema change, in Vitess terms and in order: DDL first, data workflows for
 * breaking changes, `ApplyVSchema` per changed keyspace (with the SHA-256 of the canonical VSchema
 * it should result in), lookup backfills, then routing rules.
 */
import { applyOrder } from '../deploy/order.js';
import { keyspaceSha256, sameCanonical } from '../vschema/canonical.js';
import type { Cluster } from '../vschema/model.js';
import type { VSchemaChange } from './vschema-changes.js';

/** One step. */
export interface DeployStep {
  kind: 'ddl' | 'workflow' | 'apply-vschema' | 'backfill' | 'routing-rules';
  keyspace: string | null;
  /** A command to run (vtctldclient), or a short instruction. */
  command: string;
  /** Why the step is needed. */
  why: string;
  /** For apply-vschema: SHA-256 of the canonical VSchema the keyspace must have afterwards. */
  sha256?: string;
}

const ORDER: Record<DeployStep['kind'], number> = { ddl: 0, workflow: 1, 'apply-vschema': 2, backfill: 3, 'routing-rules': 4 };

/** Builds the plan from the typed changes and both clusters. */
export function deployPlan(changes: readonly VSchemaChange[], base: Cluster, head: Cluster): DeployStep[] {
  const steps: DeployStep[] = [];
  for (const c of changes) {
    const ks = c.keyspace ?? '';
    switch (c.kind) {
      case 'table-added':
        if (c.risk === 'deploy') steps.push({ kind: 'ddl', keyspace: ks, command: `vtctldclient ApplySchema --ddl-strategy vitess --sql "CREATE TABLE ${c.table} (...)" ${ks}`, why: `${c.table} must exist on every shard of ${ks} before vtgate routes to it; wait until GetSchemaMigrations shows complete` });
        break;
      case 'sequence-added':
        steps.push({ kind: 'ddl', keyspace: ks, command: `vtctldclient ApplySchema --sql "CREATE TABLE ${c.table} (id INT, next_id BIGINT, cache BIGINT, PRIMARY KEY (id)) COMMENT 'vitess_sequence'; INSERT INTO ${c.table} (id, next_id, cache) VALUES (0, <max id + 1>, 1000)" ${ks}`, why: `sequence ${c.table} needs its table and its first row` });
        break;
      case 'table-moved':
        steps.push({ kind: 'workflow', keyspace: ks, command: `vtctldclient MoveTables --workflow move_${c.table} --target-keyspace ${ks} create --source-keyspace ${String(c.before)} --tables ${c.table}; then VDiff, SwitchTraffic and complete`, why: `rows of ${c.table} live in ${String(c.before)}` });
        break;
      case 'primary-vindex-changed':
      case 'vindex-type-changed':
      case 'table-pinned-changed':
      case 'table-type-changed':
        if (c.risk === 'breaking') steps.push({ kind: 'workflow', keyspace: ks, command: `re-home the rows of ${c.table ?? c.vindex}: MoveTables them into a keyspace whose VSchema already has the new vindex (VDiff, then SwitchTraffic), instead of applying this VSchema in place`, why: c.sentence.replace(/`/g, '') });
        break;
      case 'sharded-flipped':
        steps.push({ kind: 'workflow', keyspace: ks, command: `vtctldclient Reshard --workflow reshard_${ks} --target-keyspace ${ks} create --source-shards 0 --target-shards -80,80-; then VDiff, SwitchTraffic and complete`, why: `${ks} changes from ${c.before ? 'sharded' : 'unsharded'} to ${c.after ? 'sharded' : 'unsharded'}` });
        break;
      case 'sequence-moved':
        steps.push({ kind: 'workflow', keyspace: ks, command: `set next_id of ${String(c.after)} above the current maximum id of ${c.table} before the switch`, why: c.sentence.replace(/`/g, '') });
        break;
      case 'lookup-vindex-added': {
        const v = head.keyspaces.get(ks)?.vindexes.get(c.vindex ?? '');
        const owner = v?.owner || c.table || '<owner>';
        const t = head.keyspaces.get(ks)?.tables.get(owner);
        const cv = t?.columnVindexes.find((x) => x.name === c.vindex);
        const cols = cv ? (cv.columns.length ? cv.columns.join(',') : cv.column) : '<columns>';
        const lookupKs = (v?.params.table ?? '').includes('.') ? v!.params.table!.split('.')[0] : ks;
        steps.push({ kind: 'backfill', keyspace: ks, command: `vtctldclient LookupVindex --name ${c.vindex} --table-keyspace ${lookupKs} create --keyspace ${ks} --type ${v?.type ?? 'consistent_lookup_unique'} --table-owner ${owner} --table-owner-columns ${cols}; when backfilled: LookupVindex externalize`, why: `existing rows of ${owner} have no lookup rows yet; keep write_only until the backfill completes` });
        break;
      }
      case 'lookup-vindex-changed':
        steps.push({ kind: 'backfill', keyspace: ks, command: `recreate lookup vindex ${c.vindex}: LookupVindex create with the new table/from/to, backfill, externalize`, why: c.sentence.replace(/`/g, '') });
        break;
      default:
        break;
    }
  }
  // ApplyVSchema for every keyspace whose canonical VSchema changes, keyspaces holding sequences,
  // lookup tables and reference sources before those that point at them (src/deploy/order.ts, the
  // order `vschema-guard deploy` applies in).
  const changed = applyOrder(head, [...head.keyspaces.values()].filter((k) => {
    const b = base.keyspaces.get(k.name);
    return !b || !sameCanonical(b, k);
  }).map((k) => k.name)).map((n) => head.keyspaces.get(n)!);
  for (const k of changed) {
    const file = k.loc.file;
    const srv = k.loc.pointer !== '';
    steps.push({
      kind: 'apply-vschema', keyspace: k.name, sha256: keyspaceSha256(k),
      command: srv ? `vtctldclient ApplyVSchema --vschema '<keyspaces.${k.name} of ${file}>' ${k.name}` : `vtctldclient ApplyVSchema --vschema-file ${file} ${k.name}`,
      why: base.keyspaces.has(k.name) ? `VSchema of ${k.name} changes` : `new keyspace ${k.name}`,
    });
  }
  if (changes.some((c) => c.kind === 'routing-rule-changed')) {
    const file = head.routingRules[0]?.loc.file;
    steps.push({ kind: 'routing-rules', keyspace: null, command: file ? `vtctldclient ApplyRoutingRules --rules-file ${file}` : 'vtctldclient ApplyRoutingRules --rules \'{"rules": []}\'', why: 'routing rules change; apply after the workflows above have switched traffic' });
  }
  return steps.map((s, i) => ({ s, i })).sort((a, b) => ORDER[a.s.kind] - ORDER[b.s.kind] || a.i - b.i).map((x) => x.s);
}
