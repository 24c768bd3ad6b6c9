/**
 * What a VSchema change does, per keyspace: a structural diff of the canonical VSchemas with
 * json-diff-ts (arrays keyed by their natural key: column vindexes by column(s), columns by name,
 * routing rules by from_table), turned into typed changes with a risk grade and a sentence each.
 */
import { type IChange, diff } from 'json-diff-ts';
import { cmp } from '../core/finding.js';
import type { DdlSchema } from '../ddl/model.js';
import { canonicalKeyspace, sameCanonical } from '../vschema/canonical.js';
import type { Cluster, KeyspaceDef, TableDef } from '../vschema/model.js';
import { findVindexType } from '../vindexes/registry.js';
import { lookupVindexes } from '../rules/lookup-helpers.js';
import { type GlobalTables, buildGlobalTables, findTable, parseTableName } from '../vschema/names.js';

/** How risky a change is to merge and deploy. */
export type Risk = 'breaking' | 'deploy' | 'safe';

/** Order of risks, most severe first. */
export const RISK_ORDER: Record<Risk, number> = { breaking: 0, deploy: 1, safe: 2 };

/** One typed VSchema change. */
export interface VSchemaChange {
  risk: Risk;
  /** e.g. `primary-vindex-changed`, `table-added`, `lookup-vindex-added`, `routing-rule-changed`. */
  kind: string;
  keyspace: string | null;
  table?: string;
  vindex?: string;
  /** Path of the change inside the keyspace VSchema, e.g. `tables.corder.column_vindexes[customer_id]`. */
  path: string;
  /** One sentence a reviewer reads. */
  sentence: string;
  before?: unknown;
  after?: unknown;
}

/** Names the base plans actually route through (tables `ks.t`, vindexes `ks.v`, keyspaces). */
export interface Usage {
  tables: Map<string, number>;
  vindexes: Map<string, number>;
}

interface Atom {
  path: string[];
  type: 'ADD' | 'REMOVE' | 'UPDATE';
  value?: unknown;
  oldValue?: unknown;
}

const cvKey = (o: { column?: string; columns?: string[] }): string => o.column || (o.columns ?? []).join(',');

const EMBEDDED = new Map<string | RegExp, string | ((o: never) => string)>([
  [/column_vindexes$/, cvKey as (o: never) => string],
  [/columns$/, 'name'],
]);

/** Flattens json-diff-ts's nested changeset into atomic changes with key paths. */
function flatten(changes: IChange[], prefix: string[] = [], out: Atom[] = []): Atom[] {
  for (const c of changes) {
    const path = [...prefix, String(c.key)];
    if (c.changes) flatten(c.changes, path, out);
    else out.push({ path, type: c.type as Atom['type'], value: c.value, oldValue: c.oldValue });
  }
  return out;
}

const code = (s: string): string => '`' + s + '`';
const showPath = (p: string[]): string => p.map((x, i) => (i > 0 && p[i - 1] === 'column_vindexes' ? `[${x}]` : (i ? '.' : '') + x)).join('').replace(/\.\[/g, '[');

function primaryOf(t: TableDef | undefined): string | null {
  const cv = t?.columnVindexes[0];
  return cv ? `${cv.name}(${cv.columns.length ? cv.columns.join(',') : cv.column})` : null;
}

/** The `ks.table` a sequence name resolves to in a cluster (spelling-independent), or the text. */
function resolveSeq(c: Cluster, globals: GlobalTables, seq: string): string {
  const p = parseTableName(seq);
  if (!p) return seq;
  const r = findTable(c, globals, p.keyspace, p.table);
  return 'error' in r ? seq : `${r.table.keyspace}.${r.table.name}`;
}

/** Lookup vindexes of `c` whose `params.table` is `ks.table` (qualified or unique unqualified). */
function lookupsReading(c: Cluster, ks: string, table: string): string[] {
  const out: string[] = [];
  for (const { v } of lookupVindexes(c)) {
    const p = parseTableName(v.params.table ?? '');
    if (p && p.table === table && (p.keyspace === ks || p.keyspace === '')) out.push(v.name);
  }
  return out;
}

/** Compares two clusters. `ddl` (head DDL, optional) tells which new tables already have their CREATE TABLE. */
export function vschemaChanges(base: Cluster, head: Cluster, usage: Usage, ddl: DdlSchema | null): VSchemaChange[] {
  const out: VSchemaChange[] = [];
  const seen = new Set<string>();
  const baseGlobals = buildGlobalTables(base);
  const headGlobals = buildGlobalTables(head);
  const push = (c: VSchemaChange): void => {
    const k = `${c.kind}|${c.keyspace}|${c.table ?? ''}|${c.vindex ?? ''}|${c.path}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(c);
  };
  // Tables that left one keyspace and appeared in another: a move (MoveTables), not a drop and a create.
  const removedTables = new Map<string, string>();
  const addedTables = new Map<string, string>();
  for (const ks of new Set([...base.keyspaces.keys(), ...head.keyspaces.keys()])) {
    const b = base.keyspaces.get(ks);
    const h = head.keyspaces.get(ks);
    for (const t of b?.tables.keys() ?? []) if (!h?.tables.has(t)) removedTables.set(t, ks);
    for (const t of h?.tables.keys() ?? []) if (!b?.tables.has(t)) addedTables.set(t, ks);
  }

  for (const ks of [...new Set([...base.keyspaces.keys(), ...head.keyspaces.keys()])].sort()) {
    const b = base.keyspaces.get(ks);
    const h = head.keyspaces.get(ks);
    if (!b || !h) {
      const used = [...usage.tables.keys()].filter((k) => k.startsWith(ks + '.')).length;
      push(
        !b
          ? { risk: 'deploy', kind: 'keyspace-added', keyspace: ks, path: '', sentence: `keyspace ${code(ks)} added${h!.sharded ? ' (sharded)' : ''}: create it and its shards before applying the VSchema` }
          : { risk: used ? 'breaking' : 'deploy', kind: 'keyspace-removed', keyspace: ks, path: '', sentence: `keyspace ${code(ks)} removed${used ? `: ${used} sampled queries route to it` : ''}` },
      );
      continue;
    }
    // Most keyspaces of a PR are unchanged: equal canonical texts (deep-equal canonical objects) have no changes (no structural diff).
    if (sameCanonical(b, h)) continue;
    const cb = canonicalKeyspace(b);
    const ch = canonicalKeyspace(h);
    const atoms = flatten(diff(cb, ch, { embeddedObjKeys: EMBEDDED as never }));
    for (const a of atoms) classify(a, ks, b, h);
  }

  function classify(a: Atom, ks: string, b: KeyspaceDef, h: KeyspaceDef): void {
    const [top, name, field, ...rest] = a.path;
    const path = showPath(a.path);
    if (top === 'sharded') {
      push({ risk: 'breaking', kind: 'sharded-flipped', keyspace: ks, path, before: b.sharded, after: h.sharded,
        sentence: `keyspace ${code(ks)} becomes ${h.sharded ? 'sharded' : 'unsharded'}: its data must be resharded (Reshard workflow), an ApplyVSchema alone breaks routing` });
      return;
    }
    if (top === 'require_explicit_routing' || top === 'foreign_key_mode') {
      push({ risk: 'deploy', kind: `${top.replace(/_/g, '-')}-changed`, keyspace: ks, path, before: a.oldValue, after: a.value,
        sentence: top === 'require_explicit_routing'
          ? `keyspace ${code(ks)} ${h.requireExplicitRouting ? 'now requires' : 'no longer requires'} explicit routing: unqualified table names ${h.requireExplicitRouting ? 'stop' : 'start'} resolving to it`
          : `foreign_key_mode of ${code(ks)} changes from ${b.foreignKeyMode} to ${h.foreignKeyMode}` });
      return;
    }
    if (top === 'vindexes' && name) return classifyVindex(a, ks, name, field, rest, b, h, path);
    if (top === 'tables' && name) return classifyTable(a, ks, name, field, b, h, path);
  }

  function classifyVindex(a: Atom, ks: string, name: string, field: string | undefined, rest: string[], b: KeyspaceDef, h: KeyspaceDef, path: string): void {
    const bv = b.vindexes.get(name);
    const hv = h.vindexes.get(name);
    const usedBy = (k: KeyspaceDef): TableDef[] => [...k.tables.values()].filter((t) => t.columnVindexes.some((cv) => cv.name === name));
    const primaryIn = (k: KeyspaceDef): TableDef[] => [...k.tables.values()].filter((t) => t.columnVindexes[0]?.name === name);
    if (!field) {
      if (a.type === 'ADD' && hv) {
        const type = findVindexType(hv.type);
        const existing = usedBy(h).filter((t) => b.tables.has(t.name));
        if (type?.lookup && existing.length) {
          const wo = hv.params.write_only === 'true';
          push({ risk: 'deploy', kind: 'lookup-vindex-added', keyspace: ks, vindex: name, path, after: hv.type,
            sentence: `lookup vindex ${code(name)} (${hv.type}) added to existing table${existing.length > 1 ? 's' : ''} ${existing.map((t) => code(t.name)).join(', ')}: existing rows need a backfill (LookupVindex create)${wo ? '' : '; keep `write_only: "true"` until it completes'}` });
        } else {
          push({ risk: 'safe', kind: 'vindex-added', keyspace: ks, vindex: name, path, after: hv.type, sentence: `vindex ${code(name)} (${hv.type}) added` });
        }
      } else if (a.type === 'REMOVE' && bv) {
        const n = usage.vindexes.get(`${ks}.${name}`) ?? 0;
        push({ risk: n ? 'breaking' : 'safe', kind: 'vindex-removed', keyspace: ks, vindex: name, path, before: bv.type,
          sentence: `vindex ${code(name)} (${bv.type}) removed${n ? `: ${n} sampled queries route through it` : ''}` });
      }
      return;
    }
    if (!bv || !hv) return;
    if (field === 'type') {
      const prim = b.sharded && h.sharded ? primaryIn(b).filter((t) => h.tables.has(t.name)) : [];
      push({ risk: prim.length ? 'breaking' : 'deploy', kind: 'vindex-type-changed', keyspace: ks, vindex: name, path, before: bv.type, after: hv.type,
        sentence: prim.length
          ? `vindex ${code(name)} changes type ${bv.type} → ${hv.type} while it is the primary vindex of ${prim.map((t) => code(t.name)).join(', ')}: existing rows are on the shards of the old keyspace ids (needs a resharding workflow)`
          : `vindex ${code(name)} changes type ${bv.type} → ${hv.type}` });
      return;
    }
    if (field === 'params') {
      const param = rest[0] ?? '';
      const type = findVindexType(hv.type);
      if (type?.lookup && ['table', 'from', 'to'].includes(param)) {
        push({ risk: 'breaking', kind: 'lookup-vindex-changed', keyspace: ks, vindex: name, path, before: bv.params[param], after: hv.params[param],
          sentence: `lookup vindex ${code(name)} changes ${code(param)} ${JSON.stringify(bv.params[param] ?? null)} → ${JSON.stringify(hv.params[param] ?? null)}: its lookup rows are not where vtgate will look` });
      } else if (param === 'write_only') {
        const now = hv.params.write_only === 'true';
        push({ risk: 'deploy', kind: 'lookup-write-only-changed', keyspace: ks, vindex: name, path, before: bv.params.write_only, after: hv.params.write_only,
          sentence: now ? `lookup vindex ${code(name)} becomes write_only: queries stop routing through it` : `lookup vindex ${code(name)} becomes readable (write_only dropped): only after its backfill has completed (LookupVindex externalize)` });
      } else {
        const affectsKsid = !type?.lookup && b.sharded && h.sharded && primaryIn(b).some((t) => h.tables.has(t.name));
        push({ risk: affectsKsid ? 'breaking' : 'safe', kind: 'vindex-params-changed', keyspace: ks, vindex: name, path, before: bv.params[param], after: hv.params[param],
          sentence: affectsKsid
            ? `param ${code(param)} of primary vindex ${code(name)} changes: keyspace ids of existing rows change`
            : `param ${code(param)} of vindex ${code(name)} changes (${JSON.stringify(bv.params[param] ?? null)} → ${JSON.stringify(hv.params[param] ?? null)}), no routing effect` });
      }
      return;
    }
    if (field === 'owner') {
      push({ risk: 'deploy', kind: 'vindex-owner-changed', keyspace: ks, vindex: name, path, before: bv.owner, after: hv.owner,
        sentence: `owner of lookup vindex ${code(name)} changes ${code(bv.owner || '(none)')} → ${code(hv.owner || '(none)')}: lookup rows of the new owner's existing data must be backfilled` });
    }
  }

  function classifyTable(a: Atom, ks: string, name: string, field: string | undefined, b: KeyspaceDef, h: KeyspaceDef, path: string): void {
    const bt = b.tables.get(name);
    const ht = h.tables.get(name);
    if (!field) {
      if (a.type === 'ADD' && ht) {
        const from = removedTables.get(name);
        if (from && from !== ks) {
          push({ risk: 'breaking', kind: 'table-moved', keyspace: ks, table: name, path, before: from, after: ks,
            sentence: `${code(name)} moved ${code(from)} → ${code(ks)}: its rows live in ${code(from)}; move them with a MoveTables workflow, not an ApplyVSchema` });
          return;
        }
        const hasDdl = ddl?.keyspaces.get(ks)?.has(name);
        if (ht.type === 'reference') {
          push({ risk: 'safe', kind: 'reference-table-added', keyspace: ks, table: name, path, sentence: `reference table ${code(name)} added to ${code(ks)}${ht.source ? ` (copy of ${code(ht.source)})` : ''}` });
        } else if (ht.type === 'sequence') {
          push({ risk: 'deploy', kind: 'sequence-added', keyspace: ks, table: name, path, sentence: `sequence ${code(name)} added: create it (comment 'vitess_sequence') and insert its first row before use` });
        } else if (!h.sharded && (hasDdl || !ddl)) {
          push({ risk: 'safe', kind: 'table-added', keyspace: ks, table: name, path, sentence: `${code(name)} added to unsharded ${code(ks)}` });
        } else {
          // vtgate rejects a sharded table without a primary vindex (the primary-vindex-missing error).
          const noPrimary = h.sharded && !primaryOf(ht);
          push({ risk: noPrimary ? 'breaking' : hasDdl ? 'safe' : 'deploy', kind: 'table-added', keyspace: ks, table: name, path,
            sentence: `${code(name)} added to ${h.sharded ? 'sharded' : 'unsharded'} ${code(ks)}${h.sharded ? (primaryOf(ht) ? ` (primary vindex ${code(primaryOf(ht)!)})` : ' without a primary vindex: vtgate rejects this VSchema') : ''}${hasDdl ? '' : ': its CREATE TABLE is not in this change; apply the DDL on every shard first'}` });
        }
      } else if (a.type === 'REMOVE' && bt) {
        const to = addedTables.get(name);
        if (to && to !== ks) return; // reported as a move on the added side
        const n = usage.tables.get(`${ks}.${name}`) ?? 0;
        const lookups = lookupsReading(head, ks, name);
        push({ risk: n || lookups.length ? 'breaking' : 'deploy', kind: 'table-removed', keyspace: ks, table: name, path,
          sentence: `${code(name)} removed from ${code(ks)}${n ? `: ${n} sampled queries use it` : lookups.length ? `: lookup vindex ${lookups.map(code).join(', ')} still reads it` : '; drop the MySQL table only after traffic has stopped'}` });
      }
      return;
    }
    if (!bt || !ht) return;
    if (field === 'column_vindexes') {
      const bp = primaryOf(bt);
      const hp = primaryOf(ht);
      if (bp !== hp && b.sharded === h.sharded && !h.sharded) {
        push({ risk: 'safe', kind: 'primary-vindex-changed', keyspace: ks, table: name, path: `tables.${name}.column_vindexes[0]`, before: bp, after: hp,
          sentence: `primary vindex of ${code(name)} changes ${code(bp ?? 'none')} → ${code(hp ?? 'none')} in unsharded ${code(ks)}: its rows stay on the keyspace's one shard` });
        return;
      }
      if (bp !== hp && b.sharded === h.sharded) {
        push({ risk: 'breaking', kind: 'primary-vindex-changed', keyspace: ks, table: name, path: `tables.${name}.column_vindexes[0]`, before: bp, after: hp,
          sentence: `primary vindex of ${code(name)} changes ${code(bp ?? 'none')} → ${code(hp ?? 'none')}: existing rows are on the wrong shards; needs a resharding/MoveTables workflow, not an ApplyVSchema` });
        return;
      }
      const bset = new Map(bt.columnVindexes.slice(1).map((cv) => [cvKey(cv), cv.name]));
      for (const cv of ht.columnVindexes.slice(1)) {
        if (bset.get(cvKey(cv)) === cv.name) continue;
        if (!b.vindexes.has(cv.name) && h.vindexes.get(cv.name) && findVindexType(h.vindexes.get(cv.name)!.type)?.lookup) continue; // reported with the new vindex
        const v = h.vindexes.get(cv.name);
        const lookup = !!(v && findVindexType(v.type)?.lookup);
        push({ risk: lookup ? 'deploy' : 'safe', kind: lookup ? 'lookup-vindex-added' : 'secondary-vindex-added', keyspace: ks, table: name, vindex: cv.name, path: `tables.${name}.column_vindexes[${cvKey(cv)}]`,
          sentence: lookup
            ? `${code(name)}.${code(cvKey(cv))} gets lookup vindex ${code(cv.name)}: existing rows need a backfill (LookupVindex create), write_only until it completes`
            : `${code(name)}.${code(cvKey(cv))} gets secondary vindex ${code(cv.name)}` });
      }
      const hset = new Map(ht.columnVindexes.slice(1).map((cv) => [cvKey(cv), cv.name]));
      for (const cv of bt.columnVindexes.slice(1)) {
        if (hset.get(cvKey(cv)) === cv.name) continue;
        const n = usage.vindexes.get(`${ks}.${cv.name}`) ?? 0;
        push({ risk: n ? 'breaking' : 'safe', kind: 'secondary-vindex-removed', keyspace: ks, table: name, vindex: cv.name, path: `tables.${name}.column_vindexes[${cvKey(cv)}]`,
          sentence: `${code(name)}.${code(cvKey(cv))} loses vindex ${code(cv.name)}${n ? `: ${n} sampled queries route through it` : ''}` });
      }
      return;
    }
    if (field === 'type' || field === 'pinned') {
      // In an unsharded keyspace every row is on its one shard: reference ↔ normal and pinning move nothing.
      const types = new Set([bt.type, ht.type]);
      if (!b.sharded && !h.sharded && !types.has('sequence')) {
        push({ risk: 'safe', kind: `table-${field}-changed`, keyspace: ks, table: name, path, before: field === 'type' ? bt.type : bt.pinned, after: field === 'type' ? ht.type : ht.pinned,
          sentence: `${code(name)} ${field === 'type' ? `changes type ${code(bt.type || 'normal')} → ${code(ht.type || 'normal')}` : 'changes its pinned keyspace id'} in unsharded ${code(ks)}: its rows stay on the keyspace's one shard` });
        return;
      }
      push({ risk: 'breaking', kind: `table-${field}-changed`, keyspace: ks, table: name, path, before: field === 'type' ? bt.type : bt.pinned, after: field === 'type' ? ht.type : ht.pinned,
        sentence: field === 'type'
          ? `${code(name)} changes type ${code(bt.type || 'normal')} → ${code(ht.type || 'normal')}: where its rows live changes`
          : `${code(name)} is pinned to ${code(ht.pinned ?? 'nothing')} instead of ${code(bt.pinned ?? 'nothing')}: its rows stay on the old shard` });
      return;
    }
    if (field === 'auto_increment') {
      const bs = bt.autoIncrement?.sequence ?? null;
      const hs = ht.autoIncrement?.sequence ?? null;
      // Compare the sequence tables the names resolve to, not their spelling (`seq` vs `ks.seq`).
      if (bs && hs && resolveSeq(base, baseGlobals, bs) === resolveSeq(head, headGlobals, hs)) {
        if (bt.autoIncrement?.column !== ht.autoIncrement?.column) {
          push({ risk: 'deploy', kind: 'sequence-changed', keyspace: ks, table: name, path, before: bt.autoIncrement, after: ht.autoIncrement, sentence: `auto_increment column of ${code(name)} changes` });
        } else {
          push({ risk: 'safe', kind: 'sequence-renamed', keyspace: ks, table: name, path, before: bs, after: hs, sentence: `sequence of ${code(name)} is now written ${code(hs)} instead of ${code(bs)} (same table)` });
        }
        return;
      }
      push(bs && hs !== bs
        ? { risk: 'breaking', kind: hs ? 'sequence-moved' : 'sequence-removed', keyspace: ks, table: name, path, before: bs, after: hs,
            sentence: hs ? `auto_increment of ${code(name)} moves from sequence ${code(bs)} to ${code(hs)}: its next value must be set above the current maximum id or inserts collide` : `${code(name)} loses its sequence ${code(bs)}: inserts without an id now fail or collide` }
        : { risk: 'deploy', kind: 'sequence-changed', keyspace: ks, table: name, path, before: bt.autoIncrement, after: ht.autoIncrement,
            sentence: hs && !bs ? `${code(name)} gets sequence ${code(hs)}: initialise it above the current maximum id first` : `auto_increment column of ${code(name)} changes` });
      return;
    }
    if (field === 'source') {
      push({ risk: 'deploy', kind: 'reference-source-changed', keyspace: ks, table: name, path, before: bt.source, after: ht.source,
        sentence: `source of reference table ${code(name)} changes ${code(bt.source || '(none)')} → ${code(ht.source || '(none)')}: update its Materialize workflow` });
      return;
    }
    push({ risk: 'safe', kind: 'table-metadata-changed', keyspace: ks, table: name, path, sentence: `${code(name)}: ${field} changed (no routing effect)` });
  }

  // Routing rules, keyed by from_table.
  const rules = (c: Cluster): Map<string, string[]> => new Map(c.routingRules.map((r) => [r.fromTable, r.toTables]));
  const br = rules(base);
  const hr = rules(head);
  for (const from of [...new Set([...br.keys(), ...hr.keys()])].sort()) {
    const before = br.get(from);
    const after = hr.get(from);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    push({ risk: 'deploy', kind: 'routing-rule-changed', keyspace: null, path: `routing_rules[${from}]`, before, after,
      sentence: !before ? `routing rule ${code(from)} → ${code((after ?? []).join(', ') || '(disabled)')} added` : !after ? `routing rule ${code(from)} removed` : `routing rule ${code(from)} now points to ${code(after.join(', ') || '(disabled)')} instead of ${code(before.join(', '))}` });
  }
  return out.sort((x, y) => RISK_ORDER[x.risk] - RISK_ORDER[y.risk] || cmp(x.keyspace ?? '', y.keyspace ?? '') || cmp(x.path, y.path));
}
