import { findVindexType } from '../vindexes/registry.js';
import type { Rule } from './rule.js';

/** Spec D.4 (`owner` is unchecked by Vitess). Our own lint. */
export const lookupOwnerInvalid: Rule = {
  id: 'lookup-owner-invalid',
  severity: 'warning',
  description: 'A vindex `owner` names a missing table, a table that does not use the vindex, or is set on a functional vindex.',
  docs: 'Ownership makes vtgate write (and delete) lookup rows when the owner table changes. Vitess does not check `owner`: if it names a missing table or one that does not list the vindex in its column_vindexes, the vindex is simply unowned and its lookup table is never maintained. On a functional vindex `owner` means nothing.',
  vitessSource: null,
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const v of ks.vindexes.values()) {
        if (!v.owner) continue;
        const type = findVindexType(v.type);
        if (!type) continue;
        const rep = (message: string, hint: string): void => ctx.report({ message, loc: v.loc, keyspace: ks.name, table: v.owner, hint });
        if (!type.lookup) {
          rep(`vindex "${v.name}" is ${v.type}, a functional vindex: "owner" has no effect`, 'remove "owner"');
          continue;
        }
        const t = ks.tables.get(v.owner);
        if (!t) {
          rep(`lookup vindex "${v.name}" is owned by "${v.owner}", which keyspace "${ks.name}" does not define: nobody maintains its lookup rows`, 'set "owner" to the table whose inserts should create the lookup rows');
        } else if (!t.columnVindexes.some((cv) => cv.name === v.name)) {
          rep(`lookup vindex "${v.name}" is owned by "${v.owner}", but "${v.owner}" does not use it in column_vindexes: nobody maintains its lookup rows`, `add {"column": ..., "name": "${v.name}"} to ${v.owner}.column_vindexes`);
        }
      }
    }
  },
};
