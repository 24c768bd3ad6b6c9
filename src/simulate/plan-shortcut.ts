/**
 * The unsharded shortcut (spec E.5 step 3; go/vt/vtgate/planbuilder/select.go, single-unsharded-keyspace
 * plans): every table of the statement in one unsharded keyspace ⇒ the whole statement is one route.
 */
import { type Node, skipKey, tableListOf } from './ast.js';
import type { SimContext } from './context.js';
import { peekTable } from './resolve-table.js';
import type { QTable } from './types.js';

/** Collects every table reference of a statement (subqueries and derived tables included). */
function collectTableRefs(ast: Node, cte: Set<string>, out: Array<{ db: string | null; table: string }>): void {
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const o = n as Node;
    const withNames = new Set(cte);
    for (const w of (o.with as Node[] | null) ?? []) withNames.add(String(w.name?.value ?? w.name).toLowerCase());
    if (Array.isArray(o.from)) {
      for (const f of o.from as Node[]) {
        if (f.table && !f.expr && !(f.db === null && withNames.has(String(f.table).toLowerCase()))) out.push({ db: f.db ?? null, table: f.table });
      }
    }
    if (Array.isArray(o.table) && o.type && ['update', 'delete', 'insert', 'replace'].includes(o.type)) {
      for (const f of o.table as Node[]) if (f.table) out.push({ db: f.db ?? null, table: f.table });
    }
    for (const [k, v] of Object.entries(o)) if (!skipKey(k) && v && typeof v === 'object') visit(v);
  };
  visit(ast);
}

/**
 * Spec E.5 step 3: every table of the statement in one and the same unsharded keyspace (reference
 * tables and dual skipped; sequences, information_schema, vindexes and routed tables disable it).
 * Returns that keyspace or null.
 */
export function unshardedShortcut(ctx: SimContext, ast: Node): string | null {
  const list = tableListOf(ast);
  if (!list) {
    const refs: Array<{ db: string | null; table: string }> = [];
    collectTableRefs(ast, new Set(), refs);
    return shortcutKeyspace(refs.map((r) => shortcutClass(ctx, r.db, r.table)));
  }
  // node-sql-parser's own list (`type::db::table`) covers subqueries and derived tables.
  const withs = (ast.with as Node[] | null) ?? [];
  const cte = withs.length ? new Set(withs.map((w) => String(w.name?.value ?? w.name).toLowerCase())) : null;
  const classes: ShortcutClass[] = [];
  for (const entry of list) {
    let c = ctx.shortcut.get(entry) as ShortcutClass | undefined;
    if (c === undefined) {
      const [, db, table] = entry.split('::') as [string, string, string];
      c = db === 'null' ? { cteName: table.toLowerCase(), of: shortcutClass(ctx, null, table.replace(/``/g, '`')) } : shortcutClass(ctx, db, table.replace(/``/g, '`'));
      ctx.shortcut.set(entry, c);
    }
    classes.push(typeof c === 'object' ? (cte?.has(c.cteName) ? SKIP : c.of) : c);
  }
  return shortcutKeyspace(classes);
}

/** A table's part in the unsharded shortcut: skipped, stops it, or its keyspace; for bare names, maybe a CTE. */
type ShortcutClass = typeof SKIP | typeof STOP | string | { cteName: string; of: typeof SKIP | typeof STOP | string };
const SKIP = 0;
const STOP = 1;

function shortcutClass(ctx: SimContext, db: string | null, table: string): typeof SKIP | typeof STOP | string {
  let t: QTable;
  try {
    t = peekTable(ctx, db, table, true);
  } catch {
    return STOP;
  }
  if (t.kind === 'dual' || (t.kind === 'reference' && !t.viaRule)) return SKIP;
  if (t.viaRule || t.kind !== 'unsharded' || ctx.views.has(t.name)) return STOP;
  return t.keyspace;
}

/** The one keyspace all classes name (skips ignored), or null. */
function shortcutKeyspace(classes: readonly ShortcutClass[]): string | null {
  let ks: string | null = null;
  for (const c of classes) {
    if (c === SKIP) continue;
    if (c === STOP || typeof c !== 'string' || (ks !== null && ks !== c)) return null;
    ks = c;
  }
  return ks;
}

