/**
 * Whether vtgate's evalengine can compute an expression itself (spec E.2 "No route at all";
 * vitessio/vitess go/vt/vtgate/evalengine). Approximate: the function list is version-specific.
 */
import { type Node, fnName, isSubquery, subqueriesIn, walk } from './ast.js';

/** Functions vtgate v18 cannot evaluate (sent to MySQL as a Reference route on dual). */
const NOT_COMPUTABLE = /^(json_.*|insert|gtid_subset|gtid_subtract|wait_for_executed_gtid_set|wait_until_sql_thread_after_gtids|master_pos_wait|source_pos_wait|sleep|benchmark|get_lock|release_lock|is_free_lock|is_used_lock|release_all_locks|row_count|found_rows|uuid_short|connection_id|current_user|user|session_user|system_user|sys_guid|schema|load_file|format_bytes|format_pico_time|ps_current_thread_id|ps_thread_id|member_of|regexp_like|regexp_instr|regexp_replace|regexp_substr|st_.*|mbr.*|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection|statement_digest|statement_digest_text|values|default|name_const|inet_aton|inet_ntoa|inet6_aton|inet6_ntoa|is_ipv4|is_ipv6|is_ipv4_compat|is_ipv4_mapped|is_uuid|uuid_to_bin|bin_to_uuid|extractvalue|updatexml|any_value|grouping|group_concat|count|sum|avg|min|max)$/i;

/** True when `e` can be computed in vtgate without a tablet. */
export function isComputableInVtgate(e: Node | null | undefined): boolean {
  if (!e) return true;
  if (subqueriesIn(e).length > 0) return false;
  let ok = true;
  walk(e, (n) => {
    if (isSubquery(n)) ok = false;
    else if (n.type === 'column_ref' || n.type === 'aggr_func' || n.type === 'var' || n.type === 'star') ok = false;
    else if (n.type === 'function' && NOT_COMPUTABLE.test(fnName(n))) ok = false;
  });
  walk(e, (n) => {
    if (isSubquery(n)) ok = false;
  }, true);
  return ok;
}
