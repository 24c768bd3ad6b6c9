/**
 * Whether vtgate would load the VSchema at all. vindexes.BuildVSchema (go/vt/vtgate/vindexes/vschema.go)
 * keeps the first error of each keyspace; vtgate then serves no query on that keyspace and vtexplain
 * refuses to start (`initVtgateExecutor: vschema failed to load on keyspace [ks]: …`). Simulating routes
 * on such a VSchema would describe plans that never exist, so `simulate` refuses it. Routing-rule errors
 * are not load errors (they fail only the queries that use the rule) and do not count; neither do the
 * vindex types Vitess's planner tests register (planbuilder/plan_test_vindex.go), which the simulator
 * plans like those tests do.
 */
import { checkClusters } from '../core/analyze.js';
import type { Finding } from '../core/finding.js';
import { findVindexType } from '../vindexes/registry.js';
import type { Cluster } from '../vschema/model.js';

/** True for an unknown-type finding about a planner-test vindex type (its JSON pointer names the vindex). */
function isTestTypeFinding(cluster: Cluster, f: Finding): boolean {
  if (f.rule !== 'vindex-type-unknown' || !f.keyspace) return false;
  const parts = f.pointer.split('/');
  const at = parts.lastIndexOf('vindexes');
  const name = at >= 0 ? parts[at + 1]?.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  const v = name !== undefined ? cluster.keyspaces.get(f.keyspace)?.vindexes.get(name) : undefined;
  return !!v && !!findVindexType(v.type)?.testOnly;
}

/** The findings with a Vitess load error (severity error, `vitess_error` set), sorted by file and line. */
export function vschemaLoadErrors(cluster: Cluster): Finding[] {
  return checkClusters([cluster], null)
    .filter((f) => f.severity === 'error' && f.vitess_error && !f.rule.startsWith('routing-rule') && !isTestTypeFinding(cluster, f))
    .sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
}

/** One line per rejected keyspace, in vtgate's words: `vtgate would not load keyspace "ks": <error> (file:line:col)`. */
export function describeLoadErrors(errors: readonly Finding[]): string[] {
  return errors.map((f) => `vtgate would not load keyspace "${f.keyspace ?? '?'}": ${f.vitess_error} (${f.file}:${f.line}:${f.column}: ${f.message})`);
}
