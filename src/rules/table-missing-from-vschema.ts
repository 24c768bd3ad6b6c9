import type { Rule } from './rule.js';

const INTERNAL = [/^_vt_(HOLD|PURGE|EVAC|DROP)_[0-9a-f]{32}_[0-9]{14}$/i, /^_[0-9a-f_]{36}_[0-9]{14}_(gho|ghc|del|new|vrepl)$/i, /^_.*_old$/];

/** Spec D.5 ValidateVSchema: MySQL tables missing from the VSchema. Source: go/vt/vtctl/workflow/ (ValidateVSchema). */
export const tableMissingFromVschema: Rule = {
  id: 'table-missing-from-vschema',
  severity: 'warning',
  description: 'A table of the DDL (--schema) is not in the VSchema of its sharded keyspace.',
  docs: 'vtgate cannot route a table of a sharded keyspace that its VSchema does not declare: queries fail with `table <t> not found`. `vtctldclient ValidateVSchema` reports the same (`<ks>/<shard> has tables that are not in the vschema`).',
  vitessSource: 'go/vt/vtctl/grpcvtctldserver/server.go ValidateVSchema',
  check(ctx) {
    if (!ctx.ddl) return;
    for (const [ksName, tables] of ctx.ddl.keyspaces) {
      const ks = ctx.cluster.keyspaces.get(ksName);
      if (!ks || !ks.sharded) continue;
      for (const t of tables.values()) {
        if (ks.tables.has(t.name) || INTERNAL.some((re) => re.test(t.name))) continue;
        ctx.report({
          message: `table "${t.name}" exists in the DDL of sharded keyspace "${ksName}" but not in its VSchema: vtgate cannot route it`,
          loc: { file: t.file, pointer: '', line: t.line, column: 1 }, keyspace: ksName, table: t.name,
          hint: `add "${t.name}" with a primary vindex to the VSchema of "${ksName}"`,
        });
      }
    }
  },
};
