/**
 * The vindex type registry, mirroring vitessio/vitess go/vt/vtgate/vindexes/*.go (v18): one small
 * description per type (unique, cost, lookup, capabilities), the params it knows, and its
 * constructor's validation with Vitess's exact error texts (spec B.1–B.3).
 */
import { goAtoi, goJsonSyntaxError, goParseUint } from './go-errors.js';

/** Static properties of a vindex type (Vitess interfaces: Vindex, Lookup, MultiColumn, Prefixable...). */
export interface VindexType {
  name: string;
  /** IsUnique(): maps a value to at most one keyspace id. */
  unique: boolean;
  /** Cost(): used to pick among candidate vindexes. */
  cost: number;
  /** NeedsVCursor(): a lookup vindex (reads a lookup table). */
  lookup: boolean;
  /** Implements Hashing (usable as multicol sub-vindex / numeric_static_map fallback). */
  hashing: boolean;
  /** MultiColumn vindex (must be the primary vindex). */
  multiColumn: boolean;
  /** Supports a leading subset of its columns (SubShard routing). */
  partial: boolean;
  /** Prefixable: `LIKE 'p%'` routes through it (cfc). */
  prefixable: boolean;
  /** Lookup-planable: a SELECT through it becomes a VindexLookup plan. */
  planable: boolean;
  /** LookupBackfill: `write_only=true` means backfilling, never used for routing. */
  backfill: boolean;
  /** WantOwnerInfo: consistent lookups check their `from` column count against the owner. */
  wantsOwnerInfo: boolean;
  /** Params the constructor knows; `null` = any (multicol passes them on). */
  knownParams: readonly string[] | null;
  /** Vitess planner test type (plan_test_vindex.go): simulated, but `check` reports it as unknown. */
  testOnly?: boolean;
  /**
   * Constructor validation: returns Vitess's error text for `params`, or null. `name` is the vindex
   * name (some errors quote it). Source: the type's New<Type> function.
   */
  validate?: (name: string, params: Record<string, string>) => string | null;
}

const LOOKUP_COMMON = ['table', 'from', 'to', 'ignore_nulls', 'batch_lookup', 'read_lock'];
const READ_LOCKS = ['exclusive', 'shared', 'none'];

/** vindexes/lookup_internal.go boolFromMap and read_lock parsing, in the constructors' order. */
function lookupParams(bools: readonly string[]) {
  return (_name: string, p: Record<string, string>): string | null => {
    for (const b of bools) {
      const v = p[b];
      if (v !== undefined && v !== '' && v !== 'true' && v !== 'false') return `${b} value must be 'true' or 'false': '${v}'`;
    }
    const rl = p.read_lock;
    if (rl !== undefined && rl !== '' && !READ_LOCKS.includes(rl)) return `invalid read_lock value: ${rl}`;
    return null;
  };
}

const base = {
  unique: true, cost: 1, lookup: false, hashing: true, multiColumn: false, partial: false, prefixable: false,
  planable: false, backfill: false, wantsOwnerInfo: false, knownParams: [] as readonly string[],
};

const lookupBase = { ...base, hashing: false, lookup: true };

const types: VindexType[] = [
  { ...base, name: 'binary', cost: 0 },
  { ...base, name: 'numeric', cost: 0 },
  { ...base, name: 'hash' },
  { ...base, name: 'xxhash' },
  { ...base, name: 'binary_md5' },
  { ...base, name: 'unicode_loose_md5' },
  { ...base, name: 'unicode_loose_xxhash' },
  { ...base, name: 'reverse_bits' },
  { ...base, name: 'null', cost: 100, hashing: false },
  {
    ...base, name: 'numeric_static_map', knownParams: ['json', 'json_path', 'fallback_type'],
    validate: (_n, p) => {
      const hasJson = 'json' in p;
      const hasPath = 'json_path' in p;
      if (hasJson && hasPath) return 'NumericStaticMap: Found both `json` and `json_path` params in vschema';
      if (!hasJson && !hasPath) return 'NumericStaticMap: Could not find either `json_path` or `json` params in vschema';
      if (hasJson) {
        const err = goJsonSyntaxError(p.json!);
        if (err) return err;
        const parsed: unknown = JSON.parse(p.json!);
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
          for (const [k, v] of Object.entries(parsed)) {
            if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return `json: cannot unmarshal ${goJsonKind(v)} into Go value of type uint64`;
            const key = goParseUint(k);
            if (typeof key === 'string') return key;
          }
        } else if (parsed !== null) {
          return `json: cannot unmarshal ${goJsonKind(parsed)} into Go value of type map[string]uint64`;
        }
      }
      const fb = p.fallback_type;
      if (fb !== undefined && fb !== '' && !findVindexType(fb)) return `vindexType "${fb}" not found`;
      return null;
    },
  },
  {
    ...base, name: 'cfc', hashing: false, prefixable: true, knownParams: ['hash', 'offsets'],
    validate: (n, p) => {
      const h = p.hash;
      if (h === undefined || h === '') return null;
      if (h !== 'md5' && h !== 'xxhash64') return `invalid hash ${h} to CFC vindex ${n}`;
      const o = p.offsets;
      if (o === undefined || o === '') return 'CFC vindex requires offsets when hash is defined';
      const bad = `invalid offsets ${o} to CFC vindex ${n}. expected sorted positive ints in brackets`;
      let arr: unknown;
      try {
        arr = JSON.parse(o);
      } catch {
        return bad;
      }
      if (!Array.isArray(arr) || arr.length === 0) return bad;
      for (let i = 0; i < arr.length; i++) {
        const x = arr[i];
        if (!Number.isInteger(x) || (x as number) <= 0 || (i > 0 && (x as number) <= (arr[i - 1] as number))) return bad;
      }
      return null;
    },
  },
  {
    ...base, name: 'multicol', hashing: false, multiColumn: true, partial: true, knownParams: null,
    validate: (_n, p) => validateMulticol(p),
  },
  {
    ...base, name: 'region_experimental', hashing: false, multiColumn: true, partial: true, knownParams: ['region_bytes'],
    validate: (_n, p) => {
      const rb = p.region_bytes;
      if (rb === undefined) return 'region_experimental missing region_bytes param';
      const n = goAtoi(rb);
      if (typeof n === 'string') return n;
      if (n !== 1 && n !== 2) return `region_bytes must be 1 or 2: ${n}`;
      return null;
    },
  },
  {
    ...base, name: 'region_json', hashing: false, multiColumn: true, knownParams: ['region_map', 'region_bytes'],
    validate: (_n, p) => {
      if (!p.region_map) return 'open : no such file or directory';
      const n = goAtoi(p.region_bytes ?? '');
      if (typeof n === 'string') return n;
      if (n !== 1 && n !== 2) return `region_bytes must be 1 or 2: ${n}`;
      return null;
    },
  },
  {
    ...lookupBase, name: 'lookup', unique: false, cost: 20, planable: true,
    knownParams: [...LOOKUP_COMMON, 'autocommit', 'multi_shard_autocommit', 'no_verify', 'write_only'],
    validate: lookupParams(['autocommit', 'multi_shard_autocommit', 'write_only', 'no_verify', 'ignore_nulls', 'batch_lookup']),
  },
  {
    ...lookupBase, name: 'lookup_unique', unique: true, cost: 10, planable: true, backfill: true,
    knownParams: [...LOOKUP_COMMON, 'autocommit', 'multi_shard_autocommit', 'no_verify', 'write_only'],
    validate: lookupParams(['autocommit', 'multi_shard_autocommit', 'write_only', 'no_verify', 'ignore_nulls', 'batch_lookup']),
  },
  ...(['lookup_hash', 'lookup_unicodeloosemd5_hash'] as const).flatMap((name): VindexType[] => {
    const common = {
      ...lookupBase, planable: name === 'lookup_hash',
      knownParams: [...LOOKUP_COMMON, 'autocommit', 'multi_shard_autocommit', 'write_only'],
      validate: lookupParams(['autocommit', 'multi_shard_autocommit', 'write_only', 'ignore_nulls', 'batch_lookup']),
    };
    return [
      { ...common, name, unique: false, cost: 20 },
      { ...common, name: `${name}_unique`, unique: true, cost: 10, backfill: true },
    ];
  }),
  ...(['consistent_lookup', 'consistent_lookup_unique'] as const).map((name): VindexType => ({
    ...lookupBase, name, unique: name.endsWith('_unique'), cost: name.endsWith('_unique') ? 10 : 20, planable: true,
    backfill: name.endsWith('_unique'), wantsOwnerInfo: true,
    knownParams: [...LOOKUP_COMMON, 'write_only'],
    validate: lookupParams(['write_only', 'ignore_nulls', 'batch_lookup']),
  })),
  // Planner test types (go/vt/vtgate/planbuilder/plan_test_vindex.go): only the simulator uses them.
  { ...base, name: 'hash_test', testOnly: true, knownParams: null },
  { ...lookupBase, name: 'lookup_test', cost: 2, testOnly: true, knownParams: null },
  { ...lookupBase, name: 'name_lkp_test', unique: false, cost: 3, planable: true, testOnly: true, knownParams: null },
  { ...lookupBase, name: 'costly', unique: false, cost: 10, testOnly: true, knownParams: null },
  { ...base, name: 'multiCol_test', hashing: false, multiColumn: true, partial: true, testOnly: true, knownParams: null },
  { ...lookupBase, name: 'unq_lkp_test', unique: false, cost: 0, planable: true, backfill: true, testOnly: true, knownParams: null },
];

const BY_NAME = new Map(types.map((t) => [t.name, t]));

/** Looks up a registered type by name (exact, case-sensitive like Vitess). */
export function findVindexType(name: string): VindexType | undefined {
  return BY_NAME.get(name);
}

/**
 * Vitess's CreateVindex(type, name, params) validation (vindexes/vindex.go): the error text, or
 * null. `allowTestTypes` accepts planner test types (the simulator runs on Vitess's test corpora).
 */
export function createVindexError(type: string, name: string, params: Record<string, string>, allowTestTypes = false): string | null {
  const t = BY_NAME.get(type);
  if (!t || (t.testOnly && !allowTestTypes)) return `vindexType "${type}" not found`;
  return t.validate?.(name, params) ?? null;
}

/** Params of `params` the type does not know (FindUnknownParams), sorted. multicol knows all. */
export function unknownParams(type: string, params: Record<string, string>): string[] {
  const t = BY_NAME.get(type);
  if (!t || t.knownParams === null) return [];
  return Object.keys(params).filter((k) => !t.knownParams!.includes(k)).sort();
}

/** Effective cost of a vindex (unq_lkp_test takes its cost from a `cost` param). */
export function vindexCost(type: VindexType, params: Record<string, string>): number {
  if (type.name === 'unq_lkp_test' && params.cost !== undefined) return Number(params.cost) || 0;
  return type.cost;
}

/** True when a lookup-unique vindex is backfilling (`write_only=true`): never used for routing. */
export function isBackfilling(type: VindexType, params: Record<string, string>): boolean {
  return type.backfill && params.write_only === 'true';
}

function goJsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** Parsed multicol params: bytes per column and sub-vindex type per column. */
export interface MulticolLayout {
  columnCount: number;
  columnBytes: number[];
  columnVindex: string[];
}

/** vindexes/multicol.go NewMultiCol: validation. */
function validateMulticol(p: Record<string, string>): string | null {
  const r = multicolLayout(p);
  return typeof r === 'string' ? r : null;
}

/** vindexes/multicol.go: column_count, column_bytes, column_vindex → layout, or Vitess's error. */
export function multicolLayout(p: Record<string, string>): MulticolLayout | string {
  const cc = p.column_count;
  if (cc === undefined) return "number of columns not provided in the parameter 'column_count'";
  const n = goAtoi(cc);
  if (typeof n === 'string') return n;
  if (n < 1 || n > 8) return "number of columns should be between 1 and 8 in the parameter 'column_count'";
  const bytes: Array<number | undefined> = new Array(n).fill(undefined);
  if (p.column_bytes !== undefined && p.column_bytes !== '') {
    const parts = p.column_bytes.split(',');
    if (parts.length > n) return "number of column bytes provided are more than column count in the parameter 'column_bytes'";
    let total = 0;
    for (let i = 0; i < parts.length; i++) {
      const s = parts[i]!.trim();
      if (s === '') continue;
      const b = goAtoi(s);
      if (typeof b === 'string') return b;
      bytes[i] = b;
      total += b;
    }
    if (total > 8) {
      return 'column bytes count exceeds the keyspace id length (total bytes count cannot exceed 8 bytes) in the parameter \'column_bytes\'';
    }
  }
  let remaining = 8 - bytes.reduce<number>((a, b) => a + (b ?? 0), 0);
  let pending = bytes.filter((b) => b === undefined).length;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === undefined) {
      const share = Math.ceil(remaining / pending);
      bytes[i] = share;
      remaining -= share;
      pending--;
    }
  }
  const vindexes: string[] = new Array(n).fill('hash');
  if (p.column_vindex !== undefined && p.column_vindex !== '') {
    const parts = p.column_vindex.split(',');
    if (parts.length > n) return "number of vindex function provided are more than column count in the parameter 'column_vindex'";
    for (let i = 0; i < parts.length; i++) {
      const s = parts[i]!.trim();
      if (s === '') continue;
      const t = BY_NAME.get(s);
      if (!t || t.testOnly) return `vindexType "${s}" not found`;
      if (!t.hashing || !t.unique || t.lookup) {
        return `multicol vindex supports vindexes that exports hashing function, are unique and are non-lookup vindex, passed vindex '${s}' is invalid`;
      }
      vindexes[i] = s;
    }
  }
  return { columnCount: n, columnBytes: bytes as number[], columnVindex: vindexes };
}
