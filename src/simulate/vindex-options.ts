/**
 * Picking the vindex a sharded route uses (spec E.4; vitessio/vitess go/vt/vtgate/planbuilder/operators/
 * sharded_routing.go and route.go `less`): options from AND-ed predicates, transitivity through
 * column equalities, multi-column and prefix vindexes, then OR rewriting when still Scatter.
 */
import { type Node, asColumn, isNull, isSubquery, splitAnd, splitOr } from './ast.js';
import { equalitySides, expandRowEquality, isConstantFalse, isConstantTrue } from './predicates.js';
import { type ColumnAsBind, evalValue } from './values.js';
import { type PVal, type QTable, VARIANT_ORDER, type Variant, type VindexOption } from './types.js';
import { vindexSpecs } from './vtable-info.js';

/** Vindex types that implement vindexes.Sequential (RangeMap): go/vt/vtgate/vindexes/numeric.go, binary.go. */
const SEQUENTIAL: ReadonlySet<string> = new Set(['numeric', 'binary']);

/** Name prefix of `::list` bind variables after pre-parsing (node-sql-parser has no `::`). */
export const LIST_BIND_PREFIX = '__list_';

/** Owner lookup for a column node: the QTable it belongs to, or null. */
export type OwnerOf = (col: Node) => QTable | null;

/** What one column is constrained to by the predicates. */
interface ColFacts {
  eq: PVal[];
  in: PVal[][];
  /** Tuple IN values, with the index of the term they come from. */
  multi: Array<{ term: number; values: PVal[] }>;
  like: string[];
  /** `col BETWEEN a AND b`: the [a, b] pairs. */
  between: PVal[][];
  /** Union-find link of local column equalities (`a = b`), for transitivity; null at a class root. */
  up: ColFacts | null;
  /** At a class root: the `=` values of every column of the class. */
  classEq: PVal[] | null;
}

function rootOf(f: ColFacts): ColFacts {
  while (f.up) f = f.up;
  return f;
}

/** Leaf columns of a (nested) tuple with their positions: ((a, b), c) → a@[0,0], b@[0,1], c@[1]. */
function tupleLeaves(n: Node, path: number[] = []): Array<{ node: Node; path: number[] }> {
  if (n?.type === 'expr_list' && !isSubquery(n)) return (n.value as Node[]).flatMap((x, i) => tupleLeaves(x, [...path, i]));
  return [{ node: n, path }];
}

function tupleAt(n: Node, path: number[]): Node | null {
  let cur: Node | null = n;
  for (const i of path) {
    if (cur?.type !== 'expr_list' || isSubquery(cur)) return null;
    cur = (cur.value as Node[])[i] ?? null;
  }
  return cur;
}

/** Result of analysing a route's predicates. */
export interface RouteAnalysis {
  none: boolean;
  option: VindexOption | null;
}

const key = (t: QTable, col: string): string => `${t.id}.${col}`;

/**
 * Analyses `preds` for the sharded tables `tables`: returns None (provably empty) or the best vindex
 * option (null = Scatter). Columns of other tables (join partners, outer queries) count as bind variables.
 */
export function analyzeRoute(tables: readonly QTable[], preds: readonly Node[], ownerOf: OwnerOf): RouteAnalysis {
  const local = new Set<number>();
  for (const t of tables) local.add(t.id);
  const terms: Node[] = [];
  for (const p of preds) for (const a of splitAnd(p)) for (const e of expandRowEquality(a)) terms.push(e);
  if (terms.some(isConstantFalse)) return { none: true, option: null };
  const best = bestOption(tables, terms, local, ownerOf);
  if (best) return { none: false, option: best };
  // Still Scatter: rewrite ORs whose every branch constrains the same column into IN (spec E.4 last bullet).
  const rewritten: Node[] = [];
  for (const t of terms) if (t.type === 'binary_expr') rewritten.push(...orToIn(t, local, ownerOf));
  if (rewritten.length === 0) return { none: false, option: null };
  return { none: false, option: bestOption(tables, [...terms, ...rewritten], local, ownerOf) };
}

function bestOption(tables: readonly QTable[], terms: Node[], local: Set<number>, ownerOf: OwnerOf): VindexOption | null {
  const colAsBind: ColumnAsBind = (c) => {
    const o = ownerOf(c);
    return o && local.has(o.id) ? null : `${asColumn(c)!.qualifier ?? ''}_${asColumn(c)!.name}`;
  };
  // Facts per local table id, then per column name.
  const facts = new Map<number, Map<string, ColFacts>>();
  const factsAt = (id: number, col: string): ColFacts | undefined => facts.get(id)?.get(col);
  /** The facts of a column of a local table (created on first sight), or null for anything else. */
  const localCol = (c: Node): ColFacts | null => {
    const col = asColumn(c);
    const o = col && ownerOf(c);
    if (!o || !local.has(o.id)) return null;
    let byCol = facts.get(o.id);
    if (!byCol) facts.set(o.id, (byCol = new Map()));
    let f = byCol.get(col!.name);
    if (!f) byCol.set(col!.name, (f = { eq: [], in: [], multi: [], like: [], between: [], up: null, classEq: null }));
    return f;
  };
  let equalities = false;
  for (let termIndex = 0; termIndex < terms.length; termIndex++) {
    const t = terms[termIndex]!;
    if (t.type !== 'binary_expr') continue;
    for (const { col, other } of equalitySides(t)) {
      const k = localCol(col);
      const k2 = asColumn(other) ? localCol(other) : null;
      // v24 (vtexplain): a reference table's columns carry no values to the sharded side of a merged route.
      if (k && k2 && (ownerOf(col)?.kind !== 'sharded' || ownerOf(other)?.kind !== 'sharded')) continue;
      if (k && k2) {
        const [r1, r2] = [rootOf(k), rootOf(k2)];
        if (r1 !== r2) r1.up = r2;
        equalities = true;
      }
      if (!k || k2) continue;
      const v = evalValue(other, colAsBind);
      if (v && v.kind !== 'list') k.eq.push(v);
    }
    const op = String(t.operator).toUpperCase();
    if (op === 'IN' && !isSubquery(t.right)) {
      const right = t.right;
      if (t.left?.type === 'expr_list') {
        // Tuple IN: (a, b) IN ((1, 2), (3, 4)) ⇒ MultiEqual per vindex column of the left tuple,
        // nested tuples matched by position.
        const rows = right?.type === 'expr_list' ? (right.value as Node[]) : [];
        for (const leaf of tupleLeaves(t.left)) {
          const k = asColumn(leaf.node) ? localCol(leaf.node) : null;
          if (!k) continue;
          const vals: PVal[] = [];
          let ok = rows.length > 0;
          for (const row of rows) {
            const cell = tupleAt(row, leaf.path);
            const v = cell && cell.type !== 'expr_list' ? evalValue(cell, colAsBind) : null;
            if (!v || v.kind === 'list') {
              ok = false;
              break;
            }
            vals.push(v);
          }
          if (ok) k.multi.push({ term: termIndex, values: vals });
        }
        continue;
      }
      const k = localCol(t.left);
      if (!k) continue;
      const listParam = right?.type === 'param' ? right : right?.type === 'expr_list' && (right.value as Node[]).length === 1 && right.value[0]?.type === 'param' ? right.value[0] : null;
      if (listParam && (right.type === 'param' || String(listParam.value).startsWith(LIST_BIND_PREFIX))) {
        // `col IN ::list` (rewritten to `(:__list_list)` before parsing) or a pulled-out subquery `::__sqN`.
        k.in.push([{ kind: 'bindlist', name: String(listParam.value).replace(LIST_BIND_PREFIX, '') }]);
        continue;
      }
      const v = evalValue(right, colAsBind);
      if (!v || v.kind !== 'list') continue;
      const items = v.items.filter((x) => !(x.kind === 'lit' && x.type === 'null'));
      if (items.length === 1) k.eq.push(items[0]!);
      else if (items.length > 1) k.in.push(items);
    } else if (op === 'IS' && isNull(t.right)) {
      localCol(t.left)?.eq.push({ kind: 'lit', text: '', type: 'null' });
    } else if (op === 'BETWEEN') {
      const k = localCol(t.left);
      const ends = t.right?.type === 'expr_list' ? (t.right.value as Node[]).map((x) => evalValue(x, colAsBind)) : [];
      if (k && ends.length === 2 && ends.every((x) => x && x.kind !== 'list')) k.between.push(ends as PVal[]);
    } else if (op === 'LIKE') {
      const k = localCol(t.left);
      const pat = t.right?.type === 'single_quote_string' || t.right?.type === 'double_quote_string' ? String(t.right.value) : null;
      if (k && pat !== null) k.like.push(pat);
    }
  }
  // Transitivity: every column of an equality class shares the class's literal/bind values.
  if (equalities) {
    for (const byCol of facts.values()) {
      for (const f of byCol.values()) {
        const r = rootOf(f);
        (r.classEq ??= []).push(...f.eq);
      }
    }
  }
  const NONE: PVal[] = [];
  const eqOf = (f: ColFacts | undefined): PVal[] => {
    if (!f) return NONE;
    return f.eq.length || !equalities ? f.eq : (rootOf(f).classEq ?? NONE);
  };

  let best: VindexOption | null = null;
  const consider = (c: VindexOption): void => {
    if (!best || !less(best, c)) best = c;
  };
  for (const t of tables) {
    if (t.kind !== 'sharded' || !t.vtable) continue;
    for (const { position, vindex, type, cols, cost, likeCost } of vindexSpecs(t.ks, t.vtable)) {
      const mk = (variant: Variant, values: PVal[], unique = type.unique, c = cost): VindexOption => ({
        variant, table: t, vindex, type, unique, cost: c, values, position,
      });
      if (!type.multiColumn) {
        const f = factsAt(t.id, cols[0]!);
        if (!f) continue;
        for (const v of eqOf(f)) {
          if (v.kind === 'lit' && v.type === 'null' && type.lookup) continue; // IS NULL is ignored for lookups
          consider(mk(type.unique ? 'EqualUnique' : 'Equal', [v]));
        }
        for (const list of f.in) consider(mk('IN', [{ kind: 'list', items: list }]));
        for (const m of f.multi) consider(mk('MultiEqual', [{ kind: 'list', items: m.values }]));
        // v24 planBetweenOp (operators/sharded_routing.go): a Sequential vindex maps a range of values to a key range.
        if (SEQUENTIAL.has(type.name)) for (const b of f.between) consider(mk('Between', [{ kind: 'list', items: b }]));
        if (type.prefixable) {
          for (const p of f.like) {
            const prefix = likePrefix(p);
            if (prefix !== null) consider(mk('Equal', [{ kind: 'lit', text: prefix, type: 'str' }], false, likeCost));
          }
        }
      } else {
        const vals: Array<{ v: PVal; in: boolean } | null> = cols.map((c) => {
          const f = factsAt(t.id, c);
          const e = eqOf(f)[0];
          if (e && !(e.kind === 'lit' && e.type === 'null')) return { v: e, in: false };
          const l = f?.in[0];
          return l ? { v: { kind: 'list', items: l }, in: true } : null;
        });
        // A tuple IN naming every column of the vindex ⇒ MultiEqual.
        const multis = cols.map((c) => factsAt(t.id, c)?.multi ?? []);
        const shared = multis[0]?.find((m) => multis.every((ms) => ms.some((x) => x.term === m.term)));
        if (shared) consider(mk('MultiEqual', cols.map((_, i) => ({ kind: 'list', items: multis[i]!.find((x) => x.term === shared.term)!.values }) as PVal)));
        let n = 0;
        while (n < vals.length && vals[n]) n++;
        if (n === cols.length) {
          consider(mk(vals.some((x) => x!.in) ? 'IN' : type.unique ? 'EqualUnique' : 'Equal', vals.map((x) => x!.v)));
        } else if (n > 0 && type.partial) {
          const anyIn = vals.slice(0, n).some((x) => x!.in);
          consider(mk(anyIn ? 'IN' : 'SubShard', vals.slice(0, n).map((x) => x!.v), false, cost + (cols.length - n)));
        }
      }
    }
  }
  return best;
}

/** Vitess's `less` (operators/route.go): true when `a` is strictly better than `b`. */
export function less(a: VindexOption, b: VindexOption): boolean {
  const va = VARIANT_ORDER[a.variant]!;
  const vb = VARIANT_ORDER[b.variant]!;
  if (va !== vb) return va < vb;
  if (a.unique !== b.unique) return a.unique;
  return a.cost < b.cost;
}

/** `LIKE 'abc%'` → "abc" (up to the first unescaped % or _), or null when there is no prefix. */
export function likePrefix(pattern: string): string | null {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[++i];
      continue;
    }
    if (c === '%' || c === '_') return out.length ? out : null;
    out += c;
  }
  return out.length ? out : null;
}

/**
 * An OR whose every branch constrains one local column with `=` or `IN` becomes `col IN (all values)`
 * (constant-false branches dropped first). Returns the synthesised terms (possibly none).
 */
function orToIn(term: Node, local: Set<number>, ownerOf: OwnerOf): Node[] {
  if (term.type !== 'binary_expr' || !/^(OR|\|\|)$/i.test(term.operator)) return [];
  const branches = splitOr(term).filter((b) => !isConstantFalse(b));
  if (branches.length === 0 || branches.some(isConstantTrue)) return [];
  if (branches.length === 1) return splitAnd(branches[0]!);
  const perBranch = branches.map((b) => {
    const m = new Map<string, { col: Node; values: Node[] }>();
    for (const t of splitAnd(b).flatMap(expandRowEquality)) {
      if (t.type !== 'binary_expr') continue;
      if (t.operator === '=') {
        for (const { col, other } of equalitySides(t)) {
          const o = ownerOf(col);
          if (!o || !local.has(o.id) || asColumn(other)) continue;
          const k = key(o, asColumn(col)!.name);
          if (!m.has(k)) m.set(k, { col, values: [other] });
        }
      } else if (String(t.operator).toUpperCase() === 'IN' && t.right?.type === 'expr_list' && !isSubquery(t.right)) {
        const o = asColumn(t.left) && ownerOf(t.left);
        if (!o || !local.has(o.id)) continue;
        const k = key(o, asColumn(t.left)!.name);
        if (!m.has(k)) m.set(k, { col: t.left, values: t.right.value as Node[] });
      }
    }
    return m;
  });
  const out: Node[] = [];
  for (const [k, first] of perBranch[0]!) {
    if (!perBranch.every((m) => m.has(k))) continue;
    const values = perBranch.flatMap((m) => m.get(k)!.values);
    const uniq = values.filter((v, i) => values.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
    out.push(
      uniq.length === 1
        ? { type: 'binary_expr', operator: '=', left: first.col, right: uniq[0] }
        : { type: 'binary_expr', operator: 'IN', left: first.col, right: { type: 'expr_list', value: uniq } },
    );
  }
  // Also recurse into nested ORs inside AND branches? Vitess distributes; one level covers the cases.
  return out;
}
