/** CREATE TABLE facts vschema-guard cross-checks against the VSchema. */

/** One column of a CREATE TABLE. */
export interface DdlColumn {
  name: string;
  /** MySQL data type, upper case without size (`BIGINT`, `VARCHAR`). */
  dataType: string;
  autoIncrement: boolean;
}

/** One CREATE TABLE. */
export interface DdlTable {
  name: string;
  columns: DdlColumn[];
  file: string;
  line: number;
}

/** Tables per keyspace; a keyspace absent from the map has no DDL given. */
export interface DdlSchema {
  keyspaces: Map<string, Map<string, DdlTable>>;
}
