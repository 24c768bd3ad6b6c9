import { describe, it } from 'vitest';
import { expect } from 'vitest';
import { check, ruleCases } from '../helpers.js';

const ddl = (text: string) => [{ path: 'schema/ks.sql', keyspace: 'ks', text }];
const VS = (tables: string) => `{"sharded": true, "vindexes": {"h": {"type": "hash"}, "x": {"type": "xxhash"}}, "tables": {${tables}}}`;

describe('vindex-column-type', () => {
  it('flags numeric vindexes on text columns and byte hashing on text', () => {
    ruleCases('vindex-column-type', {
      valid: [],
      invalid: [
        { text: VS('"t": {"column_vindexes": [⟪{"column": "email", "name": "h"}]}'), ddl: ddl('create table t (email varchar(64) primary key);') },
        { text: VS('"t": {"column_vindexes": [⟪{"column": "name", "name": "x"}]}'), ddl: ddl('create table t (name varchar(64) primary key);') },
        { text: VS('"t": {"column_vindexes": [{"column": "id", "name": "h"}]}'), ddl: ddl('create table t (id bigint primary key);') },
      ],
    });
  });
});

describe('table-missing-from-vschema', () => {
  it('flags DDL tables of a sharded keyspace missing from its VSchema, at their CREATE TABLE line', () => {
    const found = check(
      VS('"t": {"column_vindexes": [{"column": "id", "name": "h"}]}'),
      'ks.json',
      ddl('create table t (id bigint);\n\ncreate table orphan (id bigint);\ncreate table _vt_HOLD_0123456789abcdef0123456789abcdef_20240101000000 (id int);'),
    ).filter((f) => f.rule === 'table-missing-from-vschema');
    expect(found.map((f) => [f.file, f.line, f.table])).toEqual([['schema/ks.sql', 3, 'orphan']]);
  });
});

describe('table-missing-from-ddl', () => {
  it('flags VSchema tables the DDL does not create', () => {
    ruleCases('table-missing-from-ddl', {
      valid: [],
      invalid: [{ text: VS('"t": {"column_vindexes": [{"column": "id", "name": "h"}]}, ⟪"u": {"column_vindexes": [{"column": "id", "name": "h"}]}'), ddl: ddl('create table t (id bigint);') }],
    });
  });
});
