/**
 * A deterministic generator of statements for the differential test: for a cluster (VSchema + DDL) and a
 * seed, SELECTs with every predicate shape on vindex columns (=, IN, tuples, IS NULL, = NULL, ranges,
 * LIKE, OR of equalities), joins of 2–5 tables (inner, comma, LEFT), derived tables, subqueries, UNIONs,
 * CTEs, aggregates / ORDER BY / LIMIT / DISTINCT, reference tables, and DML (INSERT with owned lookups and
 * sequences, UPDATE, DELETE). Literals fit the column types, so vtgate can map them.
 */
import type { Cluster, TableDef } from '../../src/vschema/model.js';
import { parseDdl } from '../../src/ddl/parse-ddl.js';
import type { DdlTable } from '../../src/ddl/model.js';

/** mulberry32: a small seeded PRNG (deterministic across Node versions). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Col {
  name: string;
  numeric: boolean;
  date: boolean;
}

interface Tab {
  name: string;
  keyspace: string;
  sharded: boolean;
  def: TableDef;
  cols: Col[];
  /** Columns of the table's vindexes (first columns first). */
  vcols: string[];
}

const NUMERIC = /INT|DECIMAL|NUMERIC|FLOAT|DOUBLE|BIT/;

/** The tables a generator can use: declared, not sequences, with DDL columns. */
export function tablesOf(cluster: Cluster, schemaSql: string): Tab[] {
  const ddl = parseDdl([{ path: 'schema.sql', keyspace: '', text: schemaSql }]).schema.keyspaces.get('') ?? new Map<string, DdlTable>();
  const out: Tab[] = [];
  for (const ks of cluster.keyspaces.values()) {
    for (const t of ks.tables.values()) {
      const d = ddl.get(t.name);
      if (!d || t.type === 'sequence') continue;
      const vcols: string[] = [];
      for (const cv of t.columnVindexes) for (const c of cv.columns.length ? cv.columns : [cv.column]) if (!vcols.includes(c)) vcols.push(c);
      // DECIMAL/FLOAT columns are left out: vtexplain's fake tablets cannot fake their values in joins
      // (`can't convert …`), which only costs re-runs and says nothing about routing.
      out.push({ name: t.name, keyspace: ks.name, sharded: ks.sharded, def: t, cols: d.columns.filter((c) => !/DECIMAL|NUMERIC|FLOAT|DOUBLE|REAL/.test(c.dataType)).map((c) => ({ name: c.name, numeric: NUMERIC.test(c.dataType), date: /DATE|TIME/.test(c.dataType) })), vcols });
    }
  }
  return out;
}

/** Generates `n` distinct statements over the cluster. */
export function generate(cluster: Cluster, schemaSql: string, seed: number, n: number): string[] {
  const rnd = prng(seed);
  const tabs = tablesOf(cluster, schemaSql);
  // Tables named in only one keyspace can be written unqualified; others get their keyspace.
  const count = new Map<string, number>();
  for (const t of tabs) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  const qual = (t: Tab): string => (count.get(t.name)! > 1 || rnd() < 0.1 ? `${t.keyspace}.${t.name}` : t.name);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (max: number): number => Math.floor(rnd() * max);
  const STR = ['bob', 'alice', 'rock', 'jazz', 'x', 'US', 'a b', 'Zoë'];
  const lit = (c: Col): string => (c.date ? `'2024-0${1 + int(9)}-1${int(10)}'` : c.numeric ? String(pick([1, 2, 3, 5, 7, 10, 42, 100, 1000, 123456789, int(100000)])) : `'${pick(STR)}${rnd() < 0.3 ? int(100) : ''}'`);
  const col = (t: Tab): Col => {
    const v = t.vcols.length && rnd() < 0.6 ? t.cols.find((c) => c.name === pick(t.vcols)) : undefined;
    return v ?? pick(t.cols);
  };
  const sameType = (t: Tab, c: Col): Col[] => t.cols.filter((x) => x.numeric === c.numeric && x.date === c.date);

  /** A predicate on one table (alias a). */
  const pred = (t: Tab, a: string): string => {
    const c = col(t);
    const q = `${a}.${c.name}`;
    switch (int(16)) {
      case 0: case 1: case 2: case 3: return `${q} = ${lit(c)}`;
      case 4: case 5: return `${q} in (${[lit(c), lit(c), lit(c)].slice(0, 1 + int(3)).join(', ')})`;
      case 6: return `${q} is null`;
      case 7: return `${q} = null`;
      case 8: return `${q} > ${lit(c)}`;
      case 9: return `${q} between ${lit(c)} and ${lit(c)}`;
      case 10: return `(${q} = ${lit(c)} or ${q} = ${lit(c)})`;
      case 11: {
        const d = col(t);
        return `${q} = ${lit(c)} and ${a}.${d.name} = ${lit(d)}`;
      }
      case 12: {
        const d = col(t);
        return d.name === c.name ? `${q} not in (${lit(c)})` : `(${q}, ${a}.${d.name}) in ((${lit(c)}, ${lit(d)}), (${lit(c)}, ${lit(d)}))`;
      }
      case 13: return c.numeric || c.date ? `${q} != ${lit(c)}` : `${q} like '${pick(STR)}%'`;
      case 14: {
        const d = col(t);
        return `(${q} = ${lit(c)} or ${a}.${d.name} = ${lit(d)})`;
      }
      default: return `${q} = ${lit(c)} and 1 = 1`;
    }
  };

  const projection = (t: Tab, a: string): string => {
    const cs = [pick(t.cols), pick(t.cols)];
    return [...new Set(cs.map((c) => `${a}.${c.name}`))].join(', ');
  };

  const horizon = (t: Tab, a: string): { select: string; tail: string } => {
    const c = pick(t.cols);
    switch (int(9)) {
      case 0: return { select: 'count(*)', tail: '' };
      case 1: return { select: `${a}.${c.name}, count(*)`, tail: ` group by ${a}.${c.name}` };
      case 2: return { select: projection(t, a), tail: ` order by ${a}.${c.name}` };
      case 3: return { select: projection(t, a), tail: ` limit ${1 + int(20)}` };
      case 4: return { select: `distinct ${a}.${c.name}`, tail: '' };
      case 5: return { select: `max(${a}.${c.name})`, tail: '' };
      default: return { select: projection(t, a), tail: '' };
    }
  };

  const singleSelect = (): string => {
    const t = pick(tabs);
    const h = horizon(t, 't');
    const where = rnd() < 0.9 ? ` where ${pred(t, 't')}` : '';
    return `select ${h.select} from ${qual(t)} as t${where}${h.tail}`;
  };

  const joinSelect = (): string => {
    const k = 2 + int(4);
    const ts = Array.from({ length: k }, () => pick(tabs));
    const aliases = ts.map((_, i) => `t${i}`);
    const parts: string[] = [];
    const where: string[] = [];
    const comma = rnd() < 0.3;
    ts.forEach((t, i) => {
      if (i === 0) return void parts.push(`${qual(t)} as ${aliases[0]}`);
      const j = int(i);
      const c = col(t);
      const others = sameType(ts[j]!, c);
      const on = others.length ? `${aliases[j]}.${(rnd() < 0.5 ? others.find((o) => ts[j]!.vcols.includes(o.name)) : undefined)?.name ?? pick(others).name} = ${aliases[i]}.${c.name}` : '1 = 1';
      if (comma) {
        parts.push(`, ${qual(t)} as ${aliases[i]}`);
        where.push(on);
      } else parts.push(` ${rnd() < 0.15 ? 'left join' : 'join'} ${qual(t)} as ${aliases[i]} on ${on}`);
    });
    if (rnd() < 0.6) {
      const i = int(k);
      where.push(pred(ts[i]!, aliases[i]!));
    }
    const sel = `${aliases[0]}.${pick(ts[0]!.cols).name}`;
    return `select ${sel} from ${parts.join('')}${where.length ? ` where ${where.join(' and ')}` : ''}`;
  };

  const derived = (): string => {
    const t = pick(tabs);
    const c = col(t);
    const inner = `select ${t.cols.slice(0, 3).map((x) => x.name).join(', ')}${t.cols.slice(0, 3).includes(c) ? '' : `, ${c.name}`} from ${qual(t)}${rnd() < 0.5 ? ` where ${pred(t, t.name)}` : ''}${rnd() < 0.2 ? ' limit 10' : ''}`;
    return `select d.${c.name} from (${inner}) as d${rnd() < 0.7 ? ` where d.${c.name} = ${lit(c)}` : ''}`;
  };

  const subquery = (): string => {
    const t = pick(tabs);
    const u = pick(tabs);
    const c = col(t);
    const others = sameType(u, c);
    if (!others.length) return singleSelect();
    const d = rnd() < 0.5 ? (others.find((o) => u.vcols.includes(o.name)) ?? pick(others)) : pick(others);
    const inner = `select s.${d.name} from ${qual(u)} as s${rnd() < 0.7 ? ` where ${pred(u, 's')}` : ''}`;
    // A correlated subquery in the select list is rejected by vtgate (VT12001); kept rare.
    switch (rnd() < 0.08 ? 2 : pick([0, 1, 3])) {
      case 0: return `select o.${c.name} from ${qual(t)} as o where o.${c.name} in (${inner})${rnd() < 0.5 ? ` and ${pred(t, 'o')}` : ''}`;
      case 1: return `select o.${c.name} from ${qual(t)} as o where exists (${inner} and s.${d.name} = o.${c.name})`.replace(' as s and', ' as s where');
      case 2: return `select o.${c.name}, (select count(*) from ${qual(u)} as s where s.${d.name} = o.${c.name}) from ${qual(t)} as o where ${pred(t, 'o')}`;
      default: return `select o.${c.name} from ${qual(t)} as o where o.${c.name} not in (${inner})`;
    }
  };

  const union = (): string => {
    const t = pick(tabs);
    const u = rnd() < 0.5 ? t : pick(tabs);
    const c = col(t);
    const d = sameType(u, c)[0] ?? u.cols[0]!;
    const op = rnd() < 0.5 ? 'union all' : 'union';
    return `select ${c.name} from ${qual(t)} as t where ${pred(t, 't')} ${op} select ${d.name} from ${qual(u)} as t where ${pred(u, 't')}`;
  };

  // vtexplain's fake tablets cannot run a CTE sent to an unsharded keyspace.
  const shardedTabs = tabs.filter((t) => t.sharded);
  const cte = (): string => {
    const t = pick(shardedTabs.length ? shardedTabs : tabs);
    const c = col(t);
    return `with w as (select ${c.name} from ${qual(t)} as t where ${pred(t, 't')}) select w.${c.name} from w${rnd() < 0.5 ? ` where w.${c.name} = ${lit(c)}` : ''}`;
  };

  // DML on a reference table without a source is rejected (no primary vindex): kept rare.
  const writable = tabs.filter((t) => t.def.type !== 'reference' || t.def.source);
  const dmlTable = (): Tab => (rnd() < 0.05 ? pick(tabs) : pick(writable));
  const insert = (): string => {
    const t = dmlTable();
    const seqCol = t.def.autoIncrement?.column;
    const cols = t.cols.filter((c) => !(c.name === seqCol && rnd() < 0.5));
    const rows = 1 + (rnd() < 0.3 ? int(3) : 0);
    const values = Array.from({ length: rows }, () => `(${cols.map((c) => lit(c)).join(', ')})`).join(', ');
    return `insert into ${qual(t)} (${cols.map((c) => c.name).join(', ')}) values ${values}`;
  };

  const update = (): string => {
    const t = dmlTable();
    const free = t.cols.filter((c) => !t.vcols.includes(c.name));
    const c = free.length && rnd() < 0.97 ? pick(free) : pick(t.cols);
    return `update ${qual(t)} set ${c.name} = ${lit(c)} where ${pred(t, t.name)}`;
  };

  const del = (): string => {
    const t = dmlTable();
    return `delete from ${qual(t)} where ${pred(t, t.name)}`;
  };

  const shapes: Array<[number, () => string]> = [
    [30, singleSelect], [22, joinSelect], [8, derived], [10, subquery], [7, union], [5, cte], [8, insert], [5, update], [5, del],
  ];
  const total = shapes.reduce((s, [w]) => s + w, 0);
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < n * 20; tries++) {
    let r = rnd() * total;
    const f = shapes.find(([w]) => (r -= w) < 0)![1];
    out.add(f());
  }
  return [...out];
}
