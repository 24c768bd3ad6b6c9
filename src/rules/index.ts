/** The explicit, sorted rule registry. Every rule file is listed here; a test keeps it in step with the folder and the docs. */
import { autoIncrementColumnMissing } from './auto-increment-column-missing.js';
import { autoIncrementNotSequence } from './auto-increment-not-sequence.js';
import { columnNameDuplicate } from './column-name-duplicate.js';
import { columnVindexColumns } from './column-vindex-columns.js';
import { conflictingPrimaryVindex } from './conflicting-primary-vindex.js';
import { inputRules } from './input-rules.js';
import { lookupColumnsMissing } from './lookup-columns-missing.js';
import { lookupOwnerInvalid } from './lookup-owner-invalid.js';
import { lookupParamsMissing } from './lookup-params-missing.js';
import { lookupTableMissing } from './lookup-table-missing.js';
import { lookupWriteOnly } from './lookup-write-only.js';
import { multiColumnVindexNotPrimary } from './multi-column-vindex-not-primary.js';
import { ownerColumnCount } from './owner-column-count.js';
import { pinnedKeyspaceIdInvalid } from './pinned-keyspace-id-invalid.js';
import { primaryVindexLookup } from './primary-vindex-lookup.js';
import { primaryVindexMissing } from './primary-vindex-missing.js';
import { primaryVindexNotUnique } from './primary-vindex-not-unique.js';
import { primaryVindexOwned } from './primary-vindex-owned.js';
import { referenceSourceInvalid } from './reference-source-invalid.js';
import { routingRuleDisabled } from './routing-rule-disabled.js';
import { routingRuleInvalid } from './routing-rule-invalid.js';
import type { Rule, RuleMeta } from './rule.js';
import { sequenceInShardedKeyspace } from './sequence-in-sharded-keyspace.js';
import { sequencePinnedSharded } from './sequence-pinned-sharded.js';
import { sequenceUnresolved } from './sequence-unresolved.js';
import { tableMissingFromDdl } from './table-missing-from-ddl.js';
import { tableMissingFromVschema } from './table-missing-from-vschema.js';
import { tableNameAmbiguous } from './table-name-ambiguous.js';
import { tableTypeUnknown } from './table-type-unknown.js';
import { vindexColumnType } from './vindex-column-type.js';
import { vindexNotFound } from './vindex-not-found.js';
import { vindexParamsInvalid } from './vindex-params-invalid.js';
import { vindexParamsUnknown } from './vindex-params-unknown.js';
import { vindexTypeUnknown } from './vindex-type-unknown.js';
import { vindexUnused } from './vindex-unused.js';

/** Rules with a check, sorted by id. */
export const RULES: readonly Rule[] = [
  autoIncrementColumnMissing,
  autoIncrementNotSequence,
  columnNameDuplicate,
  columnVindexColumns,
  conflictingPrimaryVindex,
  lookupColumnsMissing,
  lookupOwnerInvalid,
  lookupParamsMissing,
  lookupTableMissing,
  lookupWriteOnly,
  multiColumnVindexNotPrimary,
  ownerColumnCount,
  pinnedKeyspaceIdInvalid,
  primaryVindexLookup,
  primaryVindexMissing,
  primaryVindexNotUnique,
  primaryVindexOwned,
  referenceSourceInvalid,
  routingRuleDisabled,
  routingRuleInvalid,
  sequenceInShardedKeyspace,
  sequencePinnedSharded,
  sequenceUnresolved,
  tableMissingFromDdl,
  tableMissingFromVschema,
  tableNameAmbiguous,
  tableTypeUnknown,
  vindexColumnType,
  vindexNotFound,
  vindexParamsInvalid,
  vindexParamsUnknown,
  vindexTypeUnknown,
  vindexUnused,
];

/** Every rule id vschema-guard can report (checks and input findings), sorted. */
export const ALL_RULE_META: readonly RuleMeta[] = [...RULES, ...inputRules].sort((a, b) => (a.id < b.id ? -1 : 1));

