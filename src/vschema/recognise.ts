/**
 * Recognises VSchema files by their content, so a repository's VSchemas are found whatever their
 * names (`vschema/commerce.json`, `customer.json`, `vschema_customer_sharded.json`). Pure.
 */
import { type ParseError, parse } from 'jsonc-parser';
import { KEYSPACE_FIELDS, SRV_FIELDS } from './load.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields only a keyspace VSchema has (`require_explicit_routing` alone is too weak a sign). */
const KEYSPACE_CORE = ['sharded', 'vindexes', 'tables'];

/** The top-level keys that make a JSON text a VSchema file rather than a foreign one (see isForeignJson). */
const VSCHEMA_KEYS: ReadonlySet<string> = new Set([...KEYSPACE_FIELDS, ...SRV_FIELDS, 'rules']);
/** The first key of a JSON object text, when it is written without escapes: `{ "tables":` (after an optional BOM and JSON whitespace). */
const FIRST_KEY = /^\uFEFF?[ \t\n\r]*\{[ \t\n\r]*"([A-Za-z_]+)"[ \t\n\r]*:/;

function isKeyspace(v: unknown): boolean {
  if (!isObj(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.some((k) => KEYSPACE_CORE.includes(k)) && keys.every((k) => KEYSPACE_FIELDS.includes(k))
    && (v.tables === undefined || isObj(v.tables)) && (v.vindexes === undefined || isObj(v.vindexes));
}

/**
 * True when `value` has the shape of a file vschema-guard loads: a keyspace VSchema (only keyspace
 * fields, at least one of sharded/vindexes/tables), a SrvVSchema (`keyspaces` object of keyspaces),
 * a routing rules file (`{"rules": [{"from_table": ...}]}`) or a vtexplain map (every value a
 * keyspace). An empty object is not recognised (nothing in it says VSchema).
 */
export function looksLikeVSchemaValue(value: unknown): boolean {
  if (!isObj(value)) return false;
  const keys = Object.keys(value);
  if (keys.length === 0) return false;
  if (isObj(value.keyspaces) && keys.every((k) => SRV_FIELDS.includes(k))) return true;
  if (isKeyspace(value)) return true;
  if (keys.length === 1 && Array.isArray(value.rules)) {
    return value.rules.length > 0 && value.rules.every((r) => isObj(r) && ('from_table' in r || 'fromTable' in r));
  }
  return Object.values(value).every(isKeyspace);
}

/** looksLikeVSchemaValue over a file's text (tolerant parse: comments or a trailing comma still count). */
export function looksLikeVSchema(text: string): boolean {
  const errors: ParseError[] = [];
  const value: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  return looksLikeVSchemaValue(value);
}

/**
 * True when `text` is valid JSON that is clearly something else (a topology, a shard map, a package
 * file): an object none of whose keys is a VSchema field and none of whose values is a keyspace.
 * Broken JSON and `{}` are not foreign (they are reported, or are an empty keyspace).
 */
export function isForeignJson(text: string): boolean {
  // A first top-level key that a VSchema file has (how nearly every VSchema file starts) answers at
  // once: the parsed object would have that key, and a text that does not parse is not foreign either.
  const first = FIRST_KEY.exec(text);
  if (first && VSCHEMA_KEYS.has(first[1]!)) return false;
  const body = text.replace(/^\uFEFF/, '');
  // Strict JSON (nearly every file) goes through the native parser, ~10× faster on a large VSchema;
  // what it refuses, or a `__proto__` key (which jsonc-parser sets as the prototype rather than as a
  // key), is decided by jsonc-parser as before.
  let value = strictParse(body);
  if (value === undefined) {
    const errors: ParseError[] = [];
    value = parse(body, errors, { allowTrailingComma: false, disallowComments: true });
    if (errors.length) return false;
  }
  if (!isObj(value) || Object.keys(value).length === 0) return false;
  const keys = Object.keys(value);
  if (keys.some((k) => VSCHEMA_KEYS.has(k))) return false;
  return !Object.values(value).some((v) => isObj(v) && Object.keys(v).some((k) => KEYSPACE_FIELDS.includes(k)));
}

/**
 * JSON.parse of `text`, or undefined when it throws or when the top two levels have a `__proto__`
 * key (there the native and the jsonc-parser values differ).
 */
function strictParse(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(value)) return value;
  if (Object.hasOwn(value, '__proto__')) return undefined;
  for (const v of Object.values(value)) if (isObj(v) && Object.hasOwn(v, '__proto__')) return undefined;
  return value;
}
