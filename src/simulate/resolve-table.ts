/**
 * Resolving a table name of a query like vtgate (spec E.1; vitessio/vitess go/vt/vtgate/vcursor_impl.go
 * FindTable and go/vt/vtgate/vindexes/vschema.go FindRoutedTable).
 */
import { findVindexType } from '../vindexes/registry.js';
import { findTable } from '../vschema/names.js';
import { type SimContext, firstKeyspace } from './context.js';
import { PlanError, type QTable, type TableKind } from './types.js';

const SYSTEM_SCHEMAS = new Set(['information_schema', 'mysql', 'performance_schema', 'sys']);

let nextId = 1;

/** A fresh QTable id. */
export function newTableId(): number {
  return nextId++;
}

/**
 * Resolves `db.name` (db may be null) to a QTable named `alias`. Throws PlanError with Vitess's
 * message when vtgate would fail (unknown keyspace, table not found, ambiguous, disabled rule).
 */
export function resolveTable(ctx: SimContext, db: string | null, name: string, alias: string | null, isDml = false): QTable {
  const hit = peekTable(ctx, db, name, isDml);
  return { ...hit, id: nextId++, alias: alias ?? hit.alias };
}

/**
 * The cached resolution of `db.name`, shared (do not modify it; resolveTable hands out copies).
 * Throws PlanError like resolveTable.
 */
export function peekTable(ctx: SimContext, db: string | null, name: string, isDml = false): QTable {
  // Resolution depends only on the names: cache it per context (by statement kind, qualifier, name).
  const byDb = isDml ? ctx.resolved.dml : ctx.resolved.read;
  let byName = byDb.get(db ?? '');
  if (!byName) byDb.set(db ?? '', (byName = new Map()));
  let hit = byName.get(name) as QTable | PlanError | undefined;
  if (hit === undefined) {
    try {
      hit = resolveUncached(ctx, db, name, isDml);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      hit = e;
    }
    byName.set(name, hit);
  }
  if (hit instanceof PlanError) throw hit;
  return hit;
}

function resolveUncached(ctx: SimContext, db: string | null, name: string, isDml: boolean): QTable {
  const alias: string | null = null;
  const mk = (kind: TableKind, keyspace: string, extra: Partial<QTable> = {}): QTable => ({
    id: nextId++, alias: alias ?? name, name, keyspace, kind, ks: ctx.cluster.keyspaces.get(keyspace) ?? null,
    vtable: null, viaRule: false, ...extra,
  });
  if (db !== null && SYSTEM_SCHEMAS.has(db.toLowerCase())) return mk('dba', firstKeyspace(ctx));
  if (db === null && name.toLowerCase() === 'dual') return mk('dual', firstKeyspace(ctx));

  let keyspace = db;
  let target = false;
  if (keyspace !== null) {
    // Qualifiers `ks:-80`, `ks[-80]`, `ks@replica` (spec E.1 rule 2).
    const m = /^([^:@[\]]*)(?::([^@]*)|\[([^\]]*)\])?(?:@(\w+))?$/.exec(keyspace);
    if (m) {
      target = m[2] !== undefined || m[3] !== undefined;
      keyspace = m[1]!;
    }
  }
  if (target) {
    if (!isDml) throw new PlanError('VT09017: SELECT with a target destination is not allowed');
    if (!ctx.cluster.keyspaces.has(keyspace!)) throw new PlanError(`VT05003: unknown database '${keyspace}' in vschema`);
    return mk('targeted', keyspace!);
  }
  if (keyspace === null && ctx.defaultKeyspace) keyspace = ctx.defaultKeyspace;

  // Routing rules: "<ks>.<t>@primary", "<ks>.<t>" or, without any keyspace, "<t>@primary", "<t>".
  const keys = keyspace !== null ? [`${keyspace}.${name}@primary`, `${keyspace}.${name}`] : [`${name}@primary`, name];
  {
    for (const k of keys) {
      const rule = ctx.rules.get(k);
      if (!rule) continue;
      if (rule.error) throw new PlanError(rule.error);
      const [tks, tname] = rule.to!.split('.') as [string, string];
      const t = resolveDeclared(ctx, tks, tname, alias ?? name, mk);
      return { ...t, viaRule: true };
    }
  }
  if (keyspace !== null) return resolveDeclared(ctx, keyspace, name, alias ?? name, mk);

  const r = findTable(ctx.cluster, ctx.globals, '', name);
  if ('error' in r) {
    if (r.error.startsWith('ambiguous')) throw new PlanError(r.error);
    // A vindex used as a table (`select ... from <vindex>`).
    const owners = [...ctx.cluster.keyspaces.values()].filter((k) => !k.requireExplicitRouting && k.vindexes.has(name));
    if (owners.length > 1) throw new PlanError(`ambiguous vindex reference: ${name}`);
    if (owners.length === 1) return mk('vindex', owners[0]!.name, { vindex: owners[0]!.vindexes.get(name)! });
    throw new PlanError(r.error);
  }
  return resolveDeclared(ctx, r.table.keyspace, r.table.name, alias ?? name, mk);
}

function resolveDeclared(
  ctx: SimContext,
  keyspace: string,
  name: string,
  alias: string,
  mk: (kind: TableKind, keyspace: string, extra?: Partial<QTable>) => QTable,
): QTable {
  const ks = ctx.cluster.keyspaces.get(keyspace);
  if (!ks) throw new PlanError(`VT05003: unknown database '${keyspace}' in vschema`);
  const t = ks.tables.get(name);
  if (!t) {
    if (ks.vindexes.has(name) && findVindexType(ks.vindexes.get(name)!.type)) {
      return mk('vindex', keyspace, { name, alias, vindex: ks.vindexes.get(name)! });
    }
    if (!ks.sharded) return mk('unsharded', keyspace, { name, alias });
    throw new PlanError(`table ${name} not found`);
  }
  let kind: TableKind;
  if (t.type === 'sequence') kind = 'sequence';
  else if (t.type === 'reference') kind = name.toLowerCase() === 'dual' ? 'dual' : 'reference';
  else kind = ks.sharded ? 'sharded' : 'unsharded';
  return mk(kind, keyspace, { name, alias, vtable: t });
}

/** Every table whose `source` is `t`, and `t`'s own source: alternates by keyspace (spec E.3). */
export function referenceAlternates(ctx: SimContext, t: QTable): Map<string, string> {
  const out = new Map<string, string>();
  if (!t.vtable) return out;
  const src = t.vtable.type === 'reference' && t.vtable.source ? t.vtable.source.split('.') : null;
  if (src && src.length === 2) out.set(src[0]!, src[1]!);
  for (const ks of ctx.cluster.keyspaces.values()) {
    if (ks.name === t.keyspace) continue;
    for (const other of ks.tables.values()) {
      if (other.type !== 'reference' || !other.source) continue;
      const [sk, st] = other.source.includes('.') ? other.source.split('.') : [t.keyspace, other.source];
      if (sk === t.keyspace && st === t.name) out.set(ks.name, other.name);
    }
  }
  return out;
}
