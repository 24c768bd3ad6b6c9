/** Builders for SchemaMigration rows and shard lists in unit tests. */
import type { SchemaMigrationRow, ShardInfo } from '../../src/vtctld/client.js';

export const UUID = '1f3e5a7c_0b2d_8e4f_9a1b_2c3d4e5f6a7b';
export const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z, seconds

/** A row; defaults: queued, nothing copied, completion postponed. */
export function row(shard: string, over: Partial<SchemaMigrationRow> = {}): SchemaMigrationRow {
  return {
    uuid: UUID,
    keyspace: 'customer',
    shard,
    table: 'customer',
    migrationStatement: 'alter table customer add column email varchar(128)',
    strategy: 0,
    options: '--postpone-completion',
    status: 'QUEUED',
    progress: 0,
    rowsCopied: 0,
    tableRows: 1000,
    etaSeconds: -1,
    readyToComplete: false,
    postponeCompletion: true,
    postponeLaunch: false,
    retries: 0,
    migrationContext: 'ctx',
    ddlAction: 'alter',
    message: '',
    requestedAt: NOW - 100,
    startedAt: null,
    completedAt: null,
    lastThrottledAt: null,
    componentThrottled: '',
    userThrottleRatio: 0,
    isImmediateOperation: false,
    tablet: `zone1-100`,
    ...over,
  };
}

/** Shards of the topo; names in `noPrimary` have no primary. */
export function shards(names: string[], noPrimary: string[] = []): ShardInfo[] {
  return names.map((name, i) => ({
    keyspace: 'customer',
    name,
    keyRange: null,
    isPrimaryServing: !noPrimary.includes(name),
    primaryAlias: noPrimary.includes(name) ? null : `zone1-${100 + i}`,
  }));
}

/** A running row at `pct` percent of the copy. */
export function copying(shard: string, pct: number, tableRows = 1000, eta = 30): SchemaMigrationRow {
  return row(shard, { status: 'RUNNING', progress: pct, rowsCopied: Math.floor((tableRows * pct) / 100), tableRows, etaSeconds: eta });
}

/** A running row ready to complete with completion postponed. */
export function pending(shard: string): SchemaMigrationRow {
  return row(shard, { status: 'RUNNING', progress: 100, rowsCopied: 1000, readyToComplete: true, etaSeconds: 0 });
}

/** A complete row. */
export function complete(shard: string): SchemaMigrationRow {
  return row(shard, { status: 'COMPLETE', progress: 100, rowsCopied: 1000, readyToComplete: true, postponeCompletion: false, etaSeconds: 0 });
}
