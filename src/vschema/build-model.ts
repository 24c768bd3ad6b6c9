/**
 * Turns validated-or-not JSON values into the typed model. Lenient: a value of the wrong JSON type
 * was already reported by validate-shape and is read as its proto3 default here, so one bad field
 * never hides the rest of the file.
 */
import { camelName } from './json-schema.js';
import type {
  AutoIncrementDef,
  ColumnDef,
  ColumnVindexDef,
  KeyspaceDef,
  RoutingRuleDef,
  ShardRoutingRuleDef,
  TableDef,
  VindexDef,
} from './model.js';
import { type JsonSource, escapePointer, jsonText, setOwn } from './source.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** lowerCamelCase spellings of the proto field names read so far. */
const CAMEL = new Map<string, string>();

/** Reads a proto field under its snake_case or lowerCamelCase name; returns [value, key used]. */
export function field(obj: Obj, snake: string): [unknown, string] {
  if (snake in obj) return [obj[snake], snake];
  let camel = CAMEL.get(snake);
  if (camel === undefined) CAMEL.set(snake, (camel = camelName(snake)));
  if (camel in obj) return [obj[camel], camel];
  return [undefined, snake];
}

const asStr = (v: unknown): string => (typeof v === 'string' ? v : '');
const asBool = (v: unknown): boolean => v === true;
const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Builds a keyspace from its JSON object at `pointer` in `source`. */
export function buildKeyspace(source: JsonSource, name: string, value: unknown, pointer: string): KeyspaceDef {
  const ks = asObj(value);
  const at = (...segs: Array<string | number>): string => pointer + segs.map((s) => '/' + escapePointer(s)).join('');
  const [vindexesV, vindexesKey] = field(ks, 'vindexes');
  const [tablesV, tablesKey] = field(ks, 'tables');
  const vindexes = new Map<string, VindexDef>();
  for (const [vname, vv] of Object.entries(asObj(vindexesV))) {
    const v = asObj(vv);
    const p = at(vindexesKey, vname);
    const [paramsV, paramsKey] = field(v, 'params');
    const params: Record<string, string> = {};
    const paramLocs: Record<string, ReturnType<JsonSource['locate']>> = {};
    for (const [k, pv] of Object.entries(asObj(paramsV))) {
      setOwn(params, k, jsonText(pv));
      setOwn(paramLocs, k, source.locate(`${p}/${paramsKey}/${escapePointer(k)}`));
    }
    vindexes.set(vname, {
      name: vname,
      type: asStr(field(v, 'type')[0]),
      params,
      owner: asStr(field(v, 'owner')[0]),
      loc: source.locate(p),
      paramLocs,
    });
  }
  const tables = new Map<string, TableDef>();
  for (const [tname, tv] of Object.entries(asObj(tablesV))) {
    tables.set(tname, buildTable(source, name, tname, asObj(tv), at(tablesKey, tname)));
  }
  const fk = field(ks, 'foreign_key_mode')[0];
  const mts = field(ks, 'multi_tenant_spec')[0];
  const multiTenantSpec: Record<string, string | number> = {};
  for (const name of ['tenant_id_column_name', 'tenant_id_column_type']) {
    const v = field(asObj(mts), name)[0];
    if ((typeof v === 'string' && v !== '') || (typeof v === 'number' && v !== 0)) multiTenantSpec[name] = v;
  }
  const def: KeyspaceDef = {
    name,
    sharded: asBool(field(ks, 'sharded')[0]),
    requireExplicitRouting: asBool(field(ks, 'require_explicit_routing')[0]),
    foreignKeyMode: typeof fk === 'string' ? fk.replace(/^FK_/, '').toLowerCase() : 'unspecified',
    vindexes,
    tables,
    ...(isObj(mts) ? { multiTenantSpec } : {}),
    loc: source.locate(pointer),
  };
  if (source.parsed) builtFrom.set(def, { parse: parseId(source.parse), pointer });
  return def;
}

/**
 * The parse (by number: holding it would keep its anchors, or jsonc-parser's tree, alive: ≈ 50 MB of
 * parse nodes for a diff of 2 × 5,000 tables) and pointer each keyspace was built from;
 * src/vschema/parse-json.ts shares one parse between files of the same text.
 */
const builtFrom = new WeakMap<KeyspaceDef, { parse: number; pointer: string }>();
const parseIds = new WeakMap<object, number>();
let parseCount = 0;
function parseId(parse: object): number {
  let id = parseIds.get(parse);
  if (id === undefined) parseIds.set(parse, (id = ++parseCount));
  return id;
}

/**
 * True when `a` and `b` were built by {@link buildKeyspace} from the same parse at the same
 * pointer under the same name: the same text (a diff's base and head file when the change left it
 * alone), so the same definitions, whatever their files are called (only `loc.file` may differ).
 * False says nothing: compare their contents then.
 */
export function sameSource(a: KeyspaceDef, b: KeyspaceDef): boolean {
  if (a === b) return true;
  const x = builtFrom.get(a);
  const y = builtFrom.get(b);
  return !!x && !!y && x.parse === y.parse && x.pointer === y.pointer && a.name === b.name;
}

/** v22+ schema-tracking fields of `vschema.Column`, proto3 defaults dropped (`nullable` has presence). */
function columnTracking(o: Obj): Record<string, string | number | boolean | string[]> | undefined {
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const name of ['default', 'collation_name']) {
    const v = field(o, name)[0];
    if (typeof v === 'string' && v !== '') out[name] = v;
  }
  for (const name of ['size', 'scale']) {
    const v = field(o, name)[0];
    if (typeof v === 'number' && v !== 0) out[name] = v;
  }
  const nullable = field(o, 'nullable')[0];
  if (typeof nullable === 'boolean') out.nullable = nullable;
  const values = asArr(field(o, 'values')[0]).filter((x): x is string => typeof x === 'string');
  if (values.length) out.values = values;
  return Object.keys(out).length ? out : undefined;
}

function buildTable(source: JsonSource, keyspace: string, name: string, t: Obj, p: string): TableDef {
  const [cvV, cvKey] = field(t, 'column_vindexes');
  const columnVindexes: ColumnVindexDef[] = asArr(cvV).map((cv, i) => {
    const o = asObj(cv);
    return {
      name: asStr(field(o, 'name')[0]),
      column: asStr(field(o, 'column')[0]),
      columns: asArr(field(o, 'columns')[0]).filter((c): c is string => typeof c === 'string'),
      loc: source.locate(`${p}/${cvKey}/${i}`),
    };
  });
  const [colsV, colsKey] = field(t, 'columns');
  const columns: ColumnDef[] = asArr(colsV).map((c, i) => {
    const o = asObj(c);
    const type = field(o, 'type')[0];
    const tracking = columnTracking(o);
    return {
      name: asStr(field(o, 'name')[0]),
      type: typeof type === 'string' ? type : '',
      invisible: asBool(field(o, 'invisible')[0]),
      ...(tracking ? { tracking } : {}),
      loc: source.locate(`${p}/${colsKey}/${i}`),
    };
  });
  const [aiV, aiKey] = field(t, 'auto_increment');
  let autoIncrement: AutoIncrementDef | null = null;
  if (isObj(aiV)) {
    autoIncrement = {
      column: asStr(field(aiV, 'column')[0]),
      sequence: asStr(field(aiV, 'sequence')[0]),
      loc: source.locate(`${p}/${aiKey}`),
    };
  }
  const pinned = field(t, 'pinned')[0];
  return {
    name,
    keyspace,
    type: asStr(field(t, 'type')[0]),
    columnVindexes,
    autoIncrement,
    columns,
    pinned: typeof pinned === 'string' && pinned !== '' ? pinned : null,
    columnListAuthoritative: asBool(field(t, 'column_list_authoritative')[0]),
    source: asStr(field(t, 'source')[0]),
    loc: source.locate(p),
  };
}

/** Builds routing rules from a `{"rules":[...]}` object at `pointer`. */
export function buildRoutingRules(source: JsonSource, value: unknown, pointer: string): RoutingRuleDef[] {
  const [rulesV, rulesKey] = field(asObj(value), 'rules');
  return asArr(rulesV).map((r, i) => {
    const o = asObj(r);
    return {
      fromTable: asStr(field(o, 'from_table')[0]),
      toTables: asArr(field(o, 'to_tables')[0]).map(jsonText),
      loc: source.locate(`${pointer}/${rulesKey}/${i}`),
    };
  });
}

/** Builds shard routing rules from a `{"rules":[...]}` object at `pointer`. */
export function buildShardRoutingRules(source: JsonSource, value: unknown, pointer: string): ShardRoutingRuleDef[] {
  const [rulesV, rulesKey] = field(asObj(value), 'rules');
  return asArr(rulesV).map((r, i) => {
    const o = asObj(r);
    return {
      fromKeyspace: asStr(field(o, 'from_keyspace')[0]),
      toKeyspace: asStr(field(o, 'to_keyspace')[0]),
      shard: asStr(field(o, 'shard')[0]),
      loc: source.locate(`${pointer}/${rulesKey}/${i}`),
    };
  });
}

export { isObj };
