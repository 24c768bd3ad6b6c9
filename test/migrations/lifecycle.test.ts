import { describe, expect, it } from 'vitest';
import { foldMigration, foldMigrations } from '../../src/migrations/aggregate.js';
import { phaseOfRow, shardView, THROTTLED_WITHIN_SECONDS, type ShardPhase } from '../../src/migrations/lifecycle.js';
import type { SchemaMigrationRow } from '../../src/vtctld/client.js';
import { complete, copying, NOW, pending, row, shards, UUID } from './rows.js';

describe('one row → one shard phase (the mapping table)', () => {
  const cases: Array<[string, Partial<SchemaMigrationRow>, ShardPhase]> = [
    ['requested (legacy)', { status: 'REQUESTED' }, 'QUEUED'],
    ['queued', { status: 'QUEUED' }, 'QUEUED'],
    ['queued with postpone_launch', { status: 'QUEUED', postponeLaunch: true }, 'QUEUED'],
    ['queued immediate op, ready, postponed', { status: 'QUEUED', isImmediateOperation: true, readyToComplete: true }, 'CUTOVER_PENDING'],
    ['queued immediate op, ready, not postponed', { status: 'QUEUED', isImmediateOperation: true, readyToComplete: true, postponeCompletion: false }, 'SWITCHING_TRAFFIC'],
    ['ready', { status: 'READY' }, 'INITIALIZING'],
    ['running, nothing copied', { status: 'RUNNING' }, 'INITIALIZING'],
    ['running, copying', { status: 'RUNNING', progress: 40, rowsCopied: 400 }, 'COPYING_ROWS'],
    ['running, estimate exceeded but progress < 100', { status: 'RUNNING', progress: 99, rowsCopied: 1200 }, 'COPYING_ROWS'],
    ['running, copy done, not ready', { status: 'RUNNING', progress: 100, rowsCopied: 1000 }, 'WAITING_FOR_CATCHUP'],
    ['running, ready, postponed', { status: 'RUNNING', progress: 100, rowsCopied: 1000, readyToComplete: true }, 'CUTOVER_PENDING'],
    ['running, ready, not postponed', { status: 'RUNNING', progress: 100, rowsCopied: 1000, readyToComplete: true, postponeCompletion: false }, 'SWITCHING_TRAFFIC'],
    ['complete', { status: 'COMPLETE' }, 'COMPLETED'],
    ['failed', { status: 'FAILED' }, 'FAILED'],
    ['cancelled', { status: 'CANCELLED' }, 'CANCELLED'],
    ['a status number this version does not know', { status: 'UNKNOWN_9' }, 'UNKNOWN_STATUS'],
    ['UNKNOWN (0: never stored)', { status: 'UNKNOWN' }, 'UNKNOWN_STATUS'],
  ];
  for (const [name, over, phase] of cases) it(name, () => expect(phaseOfRow(row('-80', over))).toBe(phase));

  it('ready_to_complete flipping back (lag) goes back to WAITING_FOR_CATCHUP', () => {
    expect(phaseOfRow(row('-80', { status: 'RUNNING', progress: 100, rowsCopied: 1000, readyToComplete: false }))).toBe('WAITING_FOR_CATCHUP');
  });

  it('throttled: last_throttled_at within the window names the component; older is not throttled', () => {
    const at = NOW - THROTTLED_WITHIN_SECONDS;
    expect(shardView(copying('-80', 10), NOW).throttled).toBeNull();
    expect(shardView({ ...copying('-80', 10), lastThrottledAt: at, componentThrottled: 'vplayer' }, NOW).throttled).toEqual({ component: 'vplayer', at });
    expect(shardView({ ...copying('-80', 10), lastThrottledAt: at - 1, componentThrottled: 'vplayer' }, NOW).throttled).toBeNull();
    expect(shardView({ ...copying('-80', 10), userThrottleRatio: 0.5 }, NOW).throttled).toEqual({ component: 'user-throttle-ratio', at: null });
    expect(shardView({ ...complete('-80'), lastThrottledAt: NOW, componentThrottled: 'vplayer' }, NOW).throttled).toBeNull();
  });

  it('eta -1 is unknown (null); a complete shard is 100 % with ETA 0', () => {
    expect(shardView(row('-80'), NOW).etaSeconds).toBeNull();
    expect(shardView({ ...complete('-80'), progress: 87 }, NOW)).toMatchObject({ progressPct: 100, etaSeconds: 0 });
  });
});

describe('per-shard rows → one lifecycle per migration', () => {
  const four = shards(['-40', '40-80', '80-c0', 'c0-']);

  it('the state is the least advanced shard\'s', () => {
    const m = foldMigration('customer', UUID, four, [pending('-40'), copying('40-80', 50), complete('80-c0'), pending('c0-')], NOW);
    expect(m.state).toBe('COPYING_ROWS');
    expect(m).toMatchObject({ total: 4, completed: 1 });
  });

  it('never COMPLETED while an expected shard has no row; the shard is named with the reason', () => {
    const topo = shards(['-40', '40-80', '80-c0', 'c0-'], ['c0-']);
    const m = foldMigration('customer', UUID, topo, [complete('-40'), complete('40-80'), complete('80-c0')], NOW);
    expect(m.state).toBe('QUEUED');
    expect(m.missingShards).toEqual([{ shard: 'c0-', reason: 'no-primary' }]);
    const m2 = foldMigration('customer', UUID, four, [complete('-40'), complete('40-80'), complete('80-c0')], NOW);
    expect(m2.missingShards).toEqual([{ shard: 'c0-', reason: 'not-submitted' }]);
    expect(m2.completed).toBe(3);
  });

  it('the expected shards come from the topo, not the rows: a row of an unknown shard is reported apart', () => {
    const m = foldMigration('customer', UUID, shards(['-80', '80-']), [complete('-80'), complete('80-'), complete('-')], NOW);
    expect(m.state).toBe('COMPLETED');
    expect(m.total).toBe(2);
    expect(m.unexpectedShards).toEqual(['-']);
  });

  it('CUTOVER_PENDING only when every shard is ready with completion postponed (or complete)', () => {
    expect(foldMigration('customer', UUID, four, [pending('-40'), pending('40-80'), complete('80-c0'), pending('c0-')], NOW).state).toBe('CUTOVER_PENDING');
    const lagging = row('c0-', { status: 'RUNNING', progress: 100, rowsCopied: 1000 });
    expect(foldMigration('customer', UUID, four, [pending('-40'), pending('40-80'), pending('80-c0'), lagging], NOW).state).toBe('WAITING_FOR_CATCHUP');
  });

  it('FAILED beats everything, then CANCELLED', () => {
    expect(foldMigration('customer', UUID, four, [complete('-40'), row('40-80', { status: 'FAILED' }), row('80-c0', { status: 'CANCELLED' }), pending('c0-')], NOW).state).toBe('FAILED');
    expect(foldMigration('customer', UUID, four, [complete('-40'), row('40-80', { status: 'CANCELLED' }), pending('80-c0'), pending('c0-')], NOW).state).toBe('CANCELLED');
  });

  it('progress is weighted by table_rows, not averaged over shards', () => {
    const two = shards(['-80', '80-']);
    const m = foldMigration('customer', UUID, two, [copying('-80', 100, 9_000_000), copying('80-', 0, 1_000_000)], NOW);
    expect(m.progressPct).toBe(90);
    // An unknown size weighs as the mean known size.
    const m2 = foldMigration('customer', UUID, two, [copying('-80', 100, 1000), { ...copying('80-', 0), tableRows: 0 }], NOW);
    expect(m2.progressPct).toBe(50);
  });

  it('ETA is the slowest unfinished shard\'s; unknown if any unfinished shard\'s is unknown', () => {
    expect(foldMigration('customer', UUID, shards(['-80', '80-']), [copying('-80', 10, 1000, 30), copying('80-', 10, 1000, 300)], NOW).etaSeconds).toBe(300);
    expect(foldMigration('customer', UUID, shards(['-80', '80-']), [copying('-80', 10, 1000, 30), row('80-')], NOW).etaSeconds).toBeNull();
    expect(foldMigration('customer', UUID, shards(['-80', '80-']), [complete('-80'), complete('80-')], NOW).etaSeconds).toBe(0);
  });

  it('an unknown status is listed with its value and holds the state back', () => {
    const m = foldMigration('customer', UUID, shards(['-80', '80-']), [complete('-80'), row('80-', { status: 'UNKNOWN_9' })], NOW);
    expect(m.unknownStatusShards).toEqual([{ shard: '80-', status: 'UNKNOWN_9' }]);
    expect(m.state).toBe('QUEUED');
  });

  it('several migrations: planned uuids first in plan order, others by requested time; arbitrary row order does not matter', () => {
    const a = 'aaaaaaaa_0000_8000_8000_000000000000';
    const b = 'bbbbbbbb_0000_8000_8000_000000000000';
    const c = 'cccccccc_0000_8000_8000_000000000000';
    const rows = [
      { ...complete('80-'), uuid: c, requestedAt: NOW - 10 },
      { ...complete('-80'), uuid: a, requestedAt: NOW - 50 },
      { ...complete('-80'), uuid: c, requestedAt: NOW - 10 },
      { ...complete('80-'), uuid: a, requestedAt: NOW - 50 },
    ];
    expect(foldMigrations('customer', shards(['-80', '80-']), rows, NOW).map((m) => m.uuid)).toEqual([a, c]);
    expect(foldMigrations('customer', shards(['-80', '80-']), rows.reverse(), NOW, [b]).map((m) => [m.uuid, m.state])).toEqual([
      [b, 'QUEUED'],
      [a, 'COMPLETED'],
      [c, 'COMPLETED'],
    ]);
  });
});
