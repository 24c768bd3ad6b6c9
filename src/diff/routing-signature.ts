/**
 * Routing signatures: for one side of a diff (a planner context and its mock topology), a string per
 * lower-cased name that holds everything resolving and routing a statement naming it can read. Two
 * sides whose signatures are equal for every name a statement mentions (and whose global signatures
 * are equal) plan that statement identically, so a diff need not parse or plan it.
 *
 * What resolution reads follows src/simulate/resolve-table.ts (vitessio/vitess
 * go/vt/vtgate/vcursor_impl.go FindTable, go/vt/vtgate/vindexes/vschema.go findTable / FindRoutedTable)
 * and the planner's other look-ups (vindex-as-table, reference alternates, lookup backing tables,
 * sequences, views). Conservative by construction: names are compared case-insensitively (every
 * case variant is included), and a name's signature includes the signatures of every name its
 * definitions point at (vindex params, sequences, reference sources, routing-rule targets), so a
 * signature is larger than what routing strictly reads, never smaller.
 */
import { findVindexType } from '../vindexes/registry.js';
import type { KeyspaceDef, TableDef, VindexDef } from '../vschema/model.js';
import type { SimContext } from '../simulate/context.js';
import { firstKeyspace } from '../simulate/context.js';
import type { Topology } from '../topology/topology.js';
import { sameSource } from '../vschema/build-model.js';
import { canonicalText } from '../vschema/canonical.js';

/** The signatures of one side. */
export interface RoutingSignatures {
  /**
   * What statements read whatever names they mention: the session default keyspace (unqualified
   * names resolve in it), the keyspace
   * used for `dual` / system schemas, and whether the cluster is a single unsharded keyspace (which
   * then accepts unknown table names).
   */
  global: string;
  /** The signature of a lower-cased name (memoised). */
  of(name: string): string;
  /**
   * False when no definition of this side has this lower-cased name or points at it (no table,
   * vindex, keyspace, routing rule, reference source or view): its signature is then the same
   * as any other undeclared name's, without computing it.
   */
  declares(name: string): boolean;
  /** Every name {@link declares} is true of (lower-cased, each once; the same set at every call, not to be changed). */
  declared(): Set<string>;
}

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Splits a reference to names (`ks.t@primary`, `ks.t`, `a, b`) into lower-cased parts. */
function parts(s: string): string[] {
  return s.toLowerCase().split(/[.@,\s`]+/).filter(Boolean);
}

/** Builds the signatures of one side. Pure; the indexes are built once, signatures on demand. */
export function routingSignatures(ctx: SimContext, topology: Topology): RoutingSignatures {
  const cluster = ctx.cluster;
  const tables = new Map<string, TableDef[]>();
  const vindexes = new Map<string, Array<[KeyspaceDef, VindexDef]>>();
  const keyspaces = new Map<string, KeyspaceDef[]>();
  const referencing = new Map<string, TableDef[]>();
  const rules = new Map<string, string[]>();
  const globals = new Map<string, string[]>();
  const views = new Map<string, string[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const ks of cluster.keyspaces.values()) {
    push(keyspaces, ks.name.toLowerCase(), ks);
    for (const t of ks.tables.values()) {
      push(tables, t.name.toLowerCase(), t);
      if (t.source) for (const p of parts(t.source)) push(referencing, p, t);
    }
    for (const v of ks.vindexes.values()) push(vindexes, v.name.toLowerCase(), [ks, v]);
  }
  for (const [from, r] of ctx.rules) {
    const text = JSON.stringify([from, r.to, r.error]);
    for (const p of new Set([...parts(from), ...parts(r.to ?? '')])) push(rules, p, text);
  }
  for (const [name, t] of ctx.globals) push(globals, name.toLowerCase(), JSON.stringify([name, t ? t.keyspace : null]));
  for (const [name, text] of ctx.views) for (const p of parts(name)) push(views, p, JSON.stringify([name, text]));

  // One per keyspace (every table of a keyspace carries it).
  const ksSigs = new Map<KeyspaceDef, unknown>();
  const ksSig = (ks: KeyspaceDef | undefined): unknown => {
    if (!ks) return null;
    let sig = ksSigs.get(ks);
    if (sig === undefined) {
      const shards = (topology.get(ks.name) ?? []).map((s) => `${s.name}:${hexOf(s.range.start)}-${hexOf(s.range.end)}`);
      ksSigs.set(ks, (sig = [ks.name, ks.sharded, ks.requireExplicitRouting, ks.foreignKeyMode, shards]));
    }
    return sig;
  };
  const vindexSig = (v: VindexDef | undefined): unknown =>
    v ? [v.name, v.type, !!findVindexType(v.type), Object.entries(v.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), v.owner] : null;

  /**
   * The names a name's own definitions point at (vindex params and owners of its tables' column
   * vindexes, sequences, reference sources, tables referencing it, routing-rule targets): its
   * signature includes theirs. Read from the same definitions as {@link localOf}'s signature.
   */
  const depsMemo = new Map<string, string[]>();
  // The parts of a definition's text: most tables share their vindexes' params.
  const partsMemo = new Map<string, string[]>();
  const partsOf = (text: string): string[] => {
    let ps = partsMemo.get(text);
    if (!ps) partsMemo.set(text, (ps = parts(text)));
    return ps;
  };
  const depsOf = (name: string): string[] => {
    let l = depsMemo.get(name);
    if (l) return l;
    const deps = new Set<string>();
    for (const t of tables.get(name) ?? []) {
      const ks = cluster.keyspaces.get(t.keyspace);
      for (const cv of t.columnVindexes) {
        const v = ks?.vindexes.get(cv.name);
        if (v) for (const p of Object.values(v.params)) for (const d of partsOf(p)) deps.add(d);
        if (v?.owner) for (const d of partsOf(v.owner)) deps.add(d);
      }
      if (t.autoIncrement) for (const d of partsOf(t.autoIncrement.sequence)) deps.add(d);
      if (t.source) for (const d of partsOf(t.source)) deps.add(d);
    }
    for (const t of referencing.get(name) ?? []) deps.add(t.name.toLowerCase());
    for (const r of rules.get(name) ?? []) for (const d of parts(r)) deps.add(d.replace(/[^\w$]/g, ''));
    deps.delete(name);
    deps.delete('');
    depsMemo.set(name, (l = [...deps]));
    return l;
  };

  /** The part of a name's signature that its own definitions give. */
  const local = new Map<string, string>();
  const localOf = (name: string): string => {
    let sig = local.get(name);
    if (sig !== undefined) return sig;
    const ts = (tables.get(name) ?? []).map((t) => {
      const ks = cluster.keyspaces.get(t.keyspace);
      const cvs = t.columnVindexes.map((cv) => [cv.name, cv.column, cv.columns, vindexSig(ks?.vindexes.get(cv.name))]);
      return [ksSig(ks), t.name, t.type, cvs, t.autoIncrement && [t.autoIncrement.column, t.autoIncrement.sequence],
        t.columns.map((c) => [c.name, c.type, c.invisible]), t.pinned, t.columnListAuthoritative, t.source];
    });
    const vs = (vindexes.get(name) ?? []).map(([ks, v]) => [ksSig(ks), vindexSig(v)]);
    const refs = (referencing.get(name) ?? []).map((t) => [t.keyspace, t.name, t.type, t.source]);
    sig = JSON.stringify([ts, vs, (keyspaces.get(name) ?? []).map(ksSig), refs, rules.get(name) ?? [], globals.get(name) ?? [], views.get(name) ?? []]);
    local.set(name, sig);
    return sig;
  };

  /**
   * What {@link localOf} reads of a name, by identity rather than content: the keyspaces whose
   * definitions it reads, in the order it reads them (tables, vindexes, keyspaces of that name,
   * tables referencing it), and its routing rules, global-routing and view entries as text.
   */
  const inputsOf = (name: string): Inputs | null => {
    const kss: KeyspaceDef[] = [];
    // A table whose keyspace is not in the cluster has definitions no keyspace stands for: null (compare signatures).
    let whole = true;
    const add = (ks: KeyspaceDef | undefined): void => void (ks ? kss.push(ks) : (whole = false));
    for (const t of tables.get(name) ?? []) add(cluster.keyspaces.get(t.keyspace));
    const n1 = kss.length;
    for (const [ks] of vindexes.get(name) ?? []) add(ks);
    const n2 = kss.length;
    for (const ks of keyspaces.get(name) ?? []) add(ks);
    const n3 = kss.length;
    for (const t of referencing.get(name) ?? []) add(cluster.keyspaces.get(t.keyspace));
    if (!whole) return null;
    return { keyspaces: kss, counts: [n1, n2, n3], texts: [rules.get(name) ?? NONE, globals.get(name) ?? NONE, views.get(name) ?? NONE] };
  };

  const full = new Map<string, string>();
  const of = (name: string): string => {
    let s = full.get(name);
    if (s !== undefined) return s;
    // The name and every name its definitions reach (breadth first, each once).
    const seen = new Set([name]);
    const queue = [name];
    for (let i = 0; i < queue.length; i++) for (const d of depsOf(queue[i]!)) if (!seen.has(d)) seen.add(d), queue.push(d);
    s = queue.length === 1 ? localOf(name) : [...queue].sort().map((n) => `${n}=${localOf(n)}`).join('\n');
    full.set(name, s);
    return s;
  };

  const declares = (name: string): boolean =>
    tables.has(name) || vindexes.has(name) || keyspaces.has(name) || referencing.has(name) || rules.has(name) || globals.has(name) || views.has(name);

  let names: Set<string> | null = null;
  const declared = (): Set<string> => (names ??= new Set([tables, vindexes, keyspaces, referencing, rules, globals, views].flatMap((m) => [...m.keys()])));

  const only = cluster.keyspaces.size === 1 ? [...cluster.keyspaces.values()][0] : undefined;
  const first = firstKeyspace(ctx);
  const dflt = ctx.defaultKeyspace;
  const global = JSON.stringify([dflt, dflt !== null ? ksSig(cluster.keyspaces.get(dflt)) : null, cluster.keyspaces.size === 1, ksSig(only), first, ksSig(cluster.keyspaces.get(first))]);
  const sigs: RoutingSignatures = { global, of, declares, declared };
  INTERNALS.set(sigs, { inputsOf, depsOf, ksSigText: (ks) => JSON.stringify(ksSig(ks)) });
  return sigs;
}

/** What a name's own part of the signature reads (localOf), by identity: see inputsOf in {@link routingSignatures}. */
interface Inputs {
  /** The keyspaces read, in order: of its tables, its vindexes, the keyspaces of that name, the tables referencing it. */
  keyspaces: KeyspaceDef[];
  /** Where each of those four groups ends in `keyspaces` (implied by the keyspaces when all are the same on both sides; compared as a guard). */
  counts: [number, number, number];
  /** Its routing-rule, global-routing and view entries (texts). */
  texts: [readonly string[], readonly string[], readonly string[]];
}
const NONE: readonly string[] = [];
const sameStrings = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** What {@link signatureComparer} reads of a side built by {@link routingSignatures}. */
interface Internals {
  inputsOf(name: string): Inputs | null;
  depsOf(name: string): string[];
  /** The keyspace part of every signature that reads this keyspace (its shards included). */
  ksSigText(ks: KeyspaceDef): string;
}
const INTERNALS = new WeakMap<RoutingSignatures, Internals>();

/**
 * Compares signatures of names across two sides without building them where their inputs are the
 * same. Answers exactly `base.of(name) === head.of(name)`. A name's own part of the signature
 * ({@link routingSignatures} localOf) is a function of the keyspaces it reads (in the order it reads
 * them) and of its rule, global-routing and view entries; two keyspaces of the same name built from
 * the same text (src/vschema/build-model.ts sameSource), or with the same canonical text
 * (src/vschema/canonical.ts) and the same order of tables and vindexes, and with the same keyspace
 * part (shards), give the same part. When that holds for a name and every name its definitions reach,
 * the signatures are equal; otherwise both are built and compared. Sides not built by
 * routingSignatures (test doubles) are compared by their signatures.
 */
export function signatureComparer(base: RoutingSignatures, head: RoutingSignatures): (name: string) => boolean {
  const b = INTERNALS.get(base);
  const h = INTERNALS.get(head);
  if (!b || !h) return (name) => base.of(name) === head.of(name);
  const sameKs = new Map<string, boolean>();
  const sameKeyspace = (x: KeyspaceDef, y: KeyspaceDef): boolean => {
    if (x.name !== y.name) return false;
    let same = sameKs.get(x.name);
    if (same === undefined) {
      same = (sameSource(x, y) || (canonicalText(x) === canonicalText(y) && keyOrder(x) === keyOrder(y))) && b.ksSigText(x) === h.ksSigText(y);
      sameKs.set(x.name, same);
    }
    return same;
  };
  const localSame = new Map<string, boolean>();
  const sameInputs = (name: string): boolean => {
    let same = localSame.get(name);
    if (same === undefined) {
      const x = b.inputsOf(name);
      const y = h.inputsOf(name);
      same = !!x && !!y && x.keyspaces.length === y.keyspaces.length && x.counts.every((c, i) => c === y.counts[i])
        && x.texts.every((t, i) => sameStrings(t, y.texts[i]!)) && x.keyspaces.every((ks, i) => sameKeyspace(ks, y.keyspaces[i]!));
      localSame.set(name, same);
    }
    return same;
  };
  return (name) => {
    // The name and every name its definitions reach: with the same inputs, both sides reach the same names.
    const seen = new Set([name]);
    const queue = [name];
    for (let i = 0; i < queue.length; i++) {
      if (!sameInputs(queue[i]!)) return base.of(name) === head.of(name);
      for (const d of b.depsOf(queue[i]!)) if (!seen.has(d)) seen.add(d), queue.push(d);
    }
    return true;
  };
}

/** The order of a keyspace's tables and vindexes (its canonical text has them sorted). */
const keyOrders = new WeakMap<KeyspaceDef, string>();
function keyOrder(ks: KeyspaceDef): string {
  let o = keyOrders.get(ks);
  if (o === undefined) keyOrders.set(ks, (o = JSON.stringify([[...ks.tables.keys()], [...ks.vindexes.keys()]])));
  return o;
}
