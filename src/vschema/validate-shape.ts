/**
 * Shape validation with ajv against VSCHEMA_JSON_SCHEMA: unknown fields (with a "did you mean"),
 * wrong JSON types (a `"true"` string for a bool, a number in `params`) and bad enum values, each
 * at the file:line:column of the offending node.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Finding } from '../core/finding.js';
import * as generated from '../generated/vschema-validators.js';
import { type JsonSource, jsonText } from './source.js';

/** Which definition of the schema a document is validated against. */
export type ShapeName = 'SrvVSchema' | 'Keyspace' | 'RoutingRulesFile';

/**
 * The validator of each shape: ajv's standalone code for VSCHEMA_JSON_SCHEMA (./json-schema.ts), compiled
 * at build time by scripts/validators.ts (options allErrors, strict, verbose), so no schema is compiled
 * at run time.
 */
const validators: Record<ShapeName, ValidateFunction> = {
  SrvVSchema: generated.SrvVSchema as ValidateFunction,
  Keyspace: generated.Keyspace as ValidateFunction,
  RoutingRulesFile: generated.RoutingRulesFile as ValidateFunction,
};

function validatorFor(shape: ShapeName): ValidateFunction {
  return validators[shape];
}

/**
 * Validates `value` (found at `basePointer` inside `source`) as `shape`. Returns findings with rule
 * ids `unknown-field` and `json-type`; `keyspaceOf(pointer)` names the keyspace of a node, if any.
 */
export function validateShape(
  source: JsonSource,
  value: unknown,
  shape: ShapeName,
  basePointer: string,
  keyspaceOf: (pointer: string) => string | null,
): Finding[] {
  const validate = validatorFor(shape);
  if (validate(value)) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const f = toFinding(source, err, basePointer, keyspaceOf);
    if (!f) continue;
    const key = `${f.rule}|${f.pointer}`;
    if (seen.has(key)) continue; // anyOf branches repeat the same complaint
    seen.add(key);
    out.push(f);
  }
  return out;
}

function toFinding(
  source: JsonSource,
  err: ErrorObject,
  basePointer: string,
  keyspaceOf: (pointer: string) => string | null,
): Finding | undefined {
  const at = basePointer + err.instancePath;
  const field = err.instancePath.split('/').pop() ?? '';
  if (err.keyword === 'additionalProperties') {
    const name = (err.params as { additionalProperty: string }).additionalProperty;
    const pointer = at + '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');
    const allowed = Object.keys(((err.parentSchema as { properties?: object })?.properties ?? {}) as object);
    const suggestion = allowed.length ? closest(name, allowed) : undefined;
    const close = suggestion !== undefined && distance(name, suggestion) <= Math.max(2, Math.floor(name.length / 3));
    const loc = source.locate(pointer);
    return {
      rule: 'unknown-field',
      severity: 'warning',
      message: `unknown field "${name}"${close ? `; did you mean \`${suggestion}\`?` : ''} (Vitess silently drops it)`,
      vitess_error: null,
      file: source.file,
      line: loc.line,
      column: loc.column,
      keyspace: keyspaceOf(pointer),
      hint: close ? `rename "${name}" to "${suggestion}"` : `remove "${name}"; known fields: ${allowed.filter((a) => !/[A-Z]/.test(a)).join(', ')}`,
      pointer,
    };
  }
  if (err.keyword === 'type' || err.keyword === 'enum') {
    // For anyOf unions, the enum/type errors of each branch are reported; the anyOf error itself is skipped.
    const loc = source.locate(at);
    const expected =
      err.keyword === 'enum'
        ? `one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
        : `a JSON ${(err.params as { type: string | string[] }).type}`.replace(',null', '').replace(/,/g, ' or ');
    const got = JSON.stringify(err.data);
    // protojson enum names are case-sensitive: "varchar" is not VARCHAR.
    const allowed = err.keyword === 'enum' ? (err.params as { allowedValues: unknown[] }).allowedValues.filter((v): v is string => typeof v === 'string') : [];
    const sameIgnoringCase = typeof err.data === 'string' ? allowed.find((a) => a.toLowerCase() === (err.data as string).toLowerCase()) : undefined;
    if (sameIgnoringCase) {
      const loc = source.locate(at);
      return {
        rule: 'json-type', severity: 'error', vitess_error: null, file: source.file, line: loc.line, column: loc.column, keyspace: keyspaceOf(at), pointer: at,
        message: `"${field}" is ${got}; did you mean \`${sameIgnoringCase}\`? (enum names are case-sensitive)`,
        hint: `write "${sameIgnoringCase}": Vitess (protojson) fails to parse the whole file on an unknown enum name`,
      };
    }
    const paramHint = /\/params\/[^/]+$/.test(at) ? ` (params are map<string,string>: write "${jsonText(err.data)}")` : '';
    return {
      rule: 'json-type',
      severity: 'error',
      message: `"${field}" must be ${expected}, got ${got && got.length > 40 ? got.slice(0, 40) + '…' : got}${paramHint}`,
      vitess_error: null,
      file: source.file,
      line: loc.line,
      column: loc.column,
      keyspace: keyspaceOf(at),
      hint: 'Vitess (protojson) fails to parse the whole file on a wrong JSON type',
      pointer: at,
    };
  }
  return undefined;
}
