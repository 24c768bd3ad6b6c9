// isForeignJson's native-JSON.parse fast path against the jsonc-parser-only version it replaced.
import fc from 'fast-check';
import { type ParseError, parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { KEYSPACE_FIELDS, SRV_FIELDS } from '../../src/vschema/load.js';
import { isForeignJson } from '../../src/vschema/recognise.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The previous isForeignJson, verbatim (the oracle). */
function oracle(text: string): boolean {
  const errors: ParseError[] = [];
  const value: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !isObj(value) || Object.keys(value).length === 0) return false;
  const keys = Object.keys(value);
  if (keys.some((k) => KEYSPACE_FIELDS.includes(k) || SRV_FIELDS.includes(k) || k === 'rules')) return false;
  return !Object.values(value).some((v) => isObj(v) && Object.keys(v).some((k) => KEYSPACE_FIELDS.includes(k)));
}

const key = fc.oneof(fc.constantFrom(...KEYSPACE_FIELDS, ...SRV_FIELDS, 'rules', '__proto__', 'cells', 'shards', 'ks', '1', ''), fc.string({ maxLength: 4 }));
const leaf = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 4 }));
const inner = fc.oneof(leaf, fc.dictionary(key, leaf, { maxKeys: 4 }), fc.array(leaf, { maxLength: 3 }));
const doc = fc.oneof(fc.dictionary(key, fc.oneof(inner, fc.dictionary(key, inner, { maxKeys: 3 })), { maxKeys: 5 }), inner);
/** Texts: stringified (with `__proto__` as a real key), then sometimes damaged: a comment, a trailing comma, a BOM, a cut. */
const text = fc.tuple(doc, fc.nat({ max: 5 }), fc.nat(), fc.boolean()).map(([d, how, at, indent]) => {
  const t = JSON.stringify(d, (_, v: unknown) => (isObj(v) && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : v), indent ? 2 : undefined) ?? 'null';
  const i = at % (t.length + 1);
  switch (how) {
    case 1: return t.slice(0, i) + '/* c */' + t.slice(i);
    case 2: return t.replace(/}$/, ',}');
    case 3: return '\uFEFF' + t;
    case 4: return t.slice(0, i);
    default: return t;
  }
});

describe('isForeignJson', () => {
  it('answers as the jsonc-parser-only version did (property)', () => {
    fc.assert(fc.property(text, (t) => {
      expect(isForeignJson(t)).toBe(oracle(t));
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) });
  });
  it('agrees on the cases that differ between the parsers', () => {
    for (const t of ['{"__proto__": {"tables": {}}}', '{"a": {"__proto__": {}}, "b": 1}', '{"cells": {"zone1": {}}}', '{"x": 1,}', '{"x": 1} // c', '{}', '[]', '', '\u00a0{"x": 1}', '{"x": {"sharded": true}}', '{"tables": {}, "x": 1', '{ "sharded" : true, }', '\uFEFF {"keyspaces": 1}', '{"sh\\u0061rded": true}', '{"rules": ', '{"cells": {"tables": {}}}']) {
      expect(isForeignJson(t), t).toBe(oracle(t));
    }
  });
});
