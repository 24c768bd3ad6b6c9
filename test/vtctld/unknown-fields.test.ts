/** The wire walker that finds fields our proto does not declare, and the JSON ↔ message conversion. */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ProtoJsonError, jsonToMessage, messageToJson } from '../../src/vtctld/proto-json.js';
import { messageType } from '../../src/vtctld/protos.js';
import { describeUnknownVSchemaField, findUnknownFields } from '../../src/vtctld/unknown-fields.js';

const KS = () => messageType('vschema.Keyspace');
const W = () => protobuf.Writer.create();

describe('findUnknownFields', () => {
  it('finds nothing in a message our proto wrote', () => {
    const json = { sharded: true, vindexes: { h: { type: 'hash', params: { a: 'b' } } }, tables: { t: { column_vindexes: [{ column: 'id', name: 'h' }], columns: [{ name: 'id', type: 'INT64' }] } } };
    const bytes = KS().encode(jsonToMessage(KS(), json)).finish();
    expect(findUnknownFields(KS(), bytes)).toEqual([]);
    expect(messageToJson(KS(), KS().decode(bytes))).toEqual(json);
  });

  it('names unknown fields by path: map keys, repeated indexes, field numbers of every wire type', () => {
    const col0 = W().uint32((1 << 3) | 2).string('a').finish();
    const col1 = W().uint32((1 << 3) | 2).string('b').uint32((6 << 3) | 0).int32(10).uint32((9 << 3) | 2).string('x').finish();
    const table = W().uint32((4 << 3) | 2).bytes(col0).uint32((4 << 3) | 2).bytes(col1).uint32((99 << 3) | 1).fixed64(1).finish();
    const vindex = W().uint32((1 << 3) | 2).string('hash').uint32((7 << 3) | 5).fixed32(3).finish();
    const bytes = W()
      .uint32((2 << 3) | 2).bytes(W().uint32((1 << 3) | 2).string('h').uint32((2 << 3) | 2).bytes(vindex).finish())
      .uint32((3 << 3) | 2).bytes(W().uint32((1 << 3) | 2).string('t').uint32((2 << 3) | 2).bytes(table).finish())
      .uint32((6 << 3) | 2).bytes(new Uint8Array())
      .finish();
    expect(findUnknownFields(KS(), bytes)).toEqual(['vindexes.h#7', 'tables.t.columns[1]#6', 'tables.t.columns[1]#9', 'tables.t#99', '#6']);
  });

  it('counts a declared field sent with another wire type as unknown', () => {
    const bytes = W().uint32((1 << 3) | 2).string('not a bool').finish();
    expect(findUnknownFields(KS(), bytes)).toEqual(['#1']);
  });

  it('accepts repeated strings', () => {
    const t = messageType('vtctldata.GetSrvVSchemasRequest');
    expect(findUnknownFields(t, W().uint32((2 << 3) | 2).string('zone1').finish())).toEqual([]);
  });

  it('throws on truncated input', () => {
    expect(() => findUnknownFields(KS(), Uint8Array.from([0x1a, 0x10, 0x01]))).toThrow();
  });

  it('says what a known newer field probably is', () => {
    expect(describeUnknownVSchemaField('#6')).toBe('multi_tenant_spec (v20+)');
    expect(describeUnknownVSchemaField('tables.t.columns[0]#8')).toBe('nullable (v22+)');
    expect(describeUnknownVSchemaField('tables.t#99')).toBeNull();
  });
});

describe('jsonToMessage / messageToJson', () => {
  it('drops proto3 defaults and keeps present empty messages and map entries', () => {
    const json = { sharded: false, foreign_key_mode: 'unspecified', tables: { t: { auto_increment: {}, columns: [] } }, vindexes: {} };
    const bytes = KS().encode(jsonToMessage(KS(), json)).finish();
    expect(messageToJson(KS(), KS().decode(bytes))).toEqual({ tables: { t: { auto_increment: {} } } });
  });

  it('keeps enum numbers it has no name for', () => {
    const bytes = W().uint32(5 << 3).int32(7).finish();
    expect(messageToJson(KS(), KS().decode(bytes))).toEqual({ foreign_key_mode: 7 });
    expect(KS().encode(jsonToMessage(KS(), { foreign_key_mode: 7 })).finish()).toEqual(bytes);
  });

  it('refuses wrong types with the path', () => {
    const cases: Array<[unknown, string]> = [
      [[], '(top level): expected a JSON object for Keyspace, got an array'],
      [{ sharded: 'yes' }, 'sharded: expected true or false, got "yes"'],
      [{ vindexes: { h: { params: { a: 1 } } } }, 'vindexes.h.params.a: expected a string, got 1'],
      [{ tables: { t: { column_vindexes: {} } } }, 'tables.t.column_vindexes: expected a JSON array'],
      [{ tables: { t: { columns: [{ type: 'NUMBER' }] } } }, 'tables.t.columns[0].type: unknown Type value "NUMBER" (expected one of NULL_TYPE'],
      [{ foreign_key_mode: true }, 'foreign_key_mode: expected a ForeignKeyMode name or number, got true'],
    ];
    for (const [json, msg] of cases) {
      expect(() => jsonToMessage(KS(), json)).toThrow(ProtoJsonError);
      expect(() => jsonToMessage(KS(), json)).toThrow(msg);
    }
  });
});
