/**
 * Properties of the VSchema wire conversion: any VSchema our proto describes survives JSON → binary
 * → JSON unchanged, and any field our proto does not declare, wherever it is put, is reported at
 * its path while the known fields still decode.
 */
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeLiveVSchema } from '../../src/vtctld/convert.js';
import { jsonToMessage } from '../../src/vtctld/proto-json.js';
import { messageType } from '../../src/vtctld/protos.js';
import { QUERY_TYPES } from '../../src/vschema/json-schema.js';

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/);
const text = fc.string({ minLength: 1, maxLength: 12 });
const opt = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { requiredKeys: [] });
const map = <T>(v: fc.Arbitrary<T>) => fc.dictionary(name, v, { minKeys: 1, maxKeys: 3 });

const vindex = opt({ type: text, params: map(fc.string({ maxLength: 8 })), owner: text });
const columnVindex = fc.oneof(
  opt({ column: text, name: text }),
  opt({ columns: fc.array(text, { minLength: 1, maxLength: 3 }), name: text }),
);
const column = opt({ name: text, type: fc.constantFrom(...QUERY_TYPES.filter((t) => t !== 'NULL_TYPE')), invisible: fc.constant(true) });
const table = opt({
  type: fc.constantFrom('sequence', 'reference'),
  column_vindexes: fc.array(columnVindex, { minLength: 1, maxLength: 3 }),
  auto_increment: opt({ column: text, sequence: text }),
  columns: fc.array(column, { minLength: 1, maxLength: 3 }),
  pinned: fc.constantFrom('00', '80', 'c0ffee'),
  column_list_authoritative: fc.constant(true),
  source: text,
});
/** A VSchema with only non-default values (proto3 omits defaults), in proto field names. */
const vschema = opt({
  sharded: fc.constant(true),
  vindexes: map(vindex),
  tables: map(table),
  require_explicit_routing: fc.constant(true),
  foreign_key_mode: fc.constantFrom('disallow', 'unmanaged', 'managed'),
});

const KS = () => messageType('vschema.Keyspace');
const encode = (json: unknown) => KS().encode(jsonToMessage(KS(), json)).finish();

describe('VSchema wire conversion properties', () => {
  it('JSON → binary → JSON is the identity on VSchemas our proto describes', () => {
    fc.assert(
      fc.property(vschema, (vs) => {
        expect(decodeLiveVSchema(encode(vs))).toEqual({ vschema: vs, unknownFields: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('an undeclared field is reported at its path, and the rest decodes as before', () => {
    const unknownNo = fc.integer({ min: 10, max: 500 });
    const wire = fc.constantFrom(0, 1, 2, 5);
    fc.assert(
      fc.property(vschema, unknownNo, wire, fc.boolean(), (vs, no, wt, inTable) => {
        const w = protobuf.Writer.create().uint32((no << 3) | wt);
        const field = (wt === 0 ? w.uint64(7) : wt === 1 ? w.fixed64(7) : wt === 5 ? w.fixed32(7) : w.bytes(Uint8Array.of(1, 2))).finish();
        const tables = Object.keys((vs.tables ?? {}) as object);
        let bytes: Uint8Array;
        let path: string;
        if (inTable && tables.length) {
          // Re-encode the VSchema with the first table's bytes extended by the unknown field.
          const t = tables[0]!;
          const rest = { ...vs, tables: { ...(vs.tables as object) } } as Record<string, unknown>;
          delete (rest.tables as Record<string, unknown>)[t];
          const tBytes = messageType('vschema.Table').encode(jsonToMessage(messageType('vschema.Table'), (vs.tables as Record<string, unknown>)[t])).finish();
          const entry = protobuf.Writer.create().uint32(10).string(t).uint32(18).bytes(Buffer.concat([tBytes, field])).finish();
          bytes = Buffer.concat([encode(rest), protobuf.Writer.create().uint32(26).bytes(entry).finish()]);
          path = `tables.${t}#${no}`;
        } else {
          bytes = Buffer.concat([encode(vs), field]);
          path = `#${no}`;
        }
        expect(decodeLiveVSchema(bytes)).toEqual({ vschema: vs, unknownFields: [path] });
      }),
      { numRuns: 300 },
    );
  });
});
