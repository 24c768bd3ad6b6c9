import { describe, expect, it } from 'vitest';
import { foldMigration } from '../../src/migrations/aggregate.js';
import { decide, DEFAULT_POLICY, stateFingerprint } from '../../src/migrations/decide.js';
import type { SchemaMigrationRow } from '../../src/vtctld/client.js';
import { complete, copying, NOW, pending, row, shards, UUID } from './rows.js';

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `s${String(i).padStart(2, '0')}`);
const fold = (n: number, rows: (name: string, i: number) => SchemaMigrationRow) =>
  foldMigration('customer', UUID, shards(names(n)), names(n).map(rows), NOW);
const failed = (s: string, retries = 0): SchemaMigrationRow => row(s, { status: 'FAILED', retries, message: 'Error 1062' });

describe('decide: breaker, retries, barrier', () => {
  it('below the breaker a failed shard is retried, with the share and the message', () => {
    const m = fold(8, (s, i) => (i === 3 ? failed(s) : copying(s, 50)));
    const d = decide([m], DEFAULT_POLICY);
    expect(d.verdict).toBe('wait');
    expect(d.directives).toEqual([{ directive: 'retry', keyspace: 'customer', uuid: UUID, reason: '1 of 8 shards failed (12.5% ≤ 15%), retry 1 of 2: s03: Error 1062' }]);
  });

  it('exactly at the threshold (3 of 20 = 15 %) retries; above it (2 of 8) halts and cancels', () => {
    expect(decide([fold(20, (s, i) => (i < 3 ? failed(s) : copying(s, 5)))], DEFAULT_POLICY).directives[0]!.directive).toBe('retry');
    const d = decide([fold(8, (s, i) => (i < 2 ? failed(s) : copying(s, 5)))], DEFAULT_POLICY);
    expect(d.verdict).toBe('halt');
    expect(d.directives.map((x) => x.directive)).toEqual(['cancel']);
    expect(d.reasons[0]).toContain('breaker: 2 of 8 shards failed (25% > 15%)');
  });

  it('retries come from Vitess\'s counter: a failed shard at --retries halts', () => {
    const d = decide([fold(8, (s, i) => (i === 0 ? failed(s, 2) : copying(s, 5)))], DEFAULT_POLICY);
    expect(d.verdict).toBe('halt');
    expect(d.reasons[0]).toContain('retries exhausted (2)');
  });

  it('a halt cancels every unfinished migration of the context, and nothing already terminal', () => {
    const bad = fold(4, (s, i) => (i < 2 ? failed(s) : copying(s, 5)));
    const running = { ...fold(4, (s) => copying(s, 5)), uuid: 'other' };
    const done = { ...fold(4, (s) => complete(s)), uuid: 'done' };
    const d = decide([bad, running, done], DEFAULT_POLICY);
    expect(d.directives.map((x) => `${x.directive} ${x.uuid}`)).toEqual([`cancel ${UUID}`, 'cancel other']);
    // Once every shard is terminal, a halt asks for nothing more.
    const after = fold(4, (s, i) => (i < 2 ? failed(s) : row(s, { status: 'CANCELLED' })));
    expect(decide([after], DEFAULT_POLICY)).toMatchObject({ verdict: 'halt', directives: [] });
  });

  it('a migration cancelled by someone else halts; never un-cancelled', () => {
    const d = decide([fold(4, (s, i) => (i === 0 ? row(s, { status: 'CANCELLED' }) : pending(s)))], DEFAULT_POLICY);
    expect(d.verdict).toBe('halt');
    expect(d.reasons[0]).toContain('was cancelled on s00');
    expect(d.directives.map((x) => x.directive)).toEqual(['cancel']);
  });

  it('complete only at the barrier, and only when allowed', () => {
    expect(decide([fold(4, (s, i) => (i === 0 ? copying(s, 99) : pending(s)))], DEFAULT_POLICY).directives).toEqual([]);
    const barrier = fold(4, (s, i) => (i === 0 ? complete(s) : pending(s)));
    expect(decide([barrier], DEFAULT_POLICY).directives.map((x) => x.directive)).toEqual(['complete']);
    expect(decide([barrier], { ...DEFAULT_POLICY, complete: false }).directives).toEqual([]);
  });

  it('done only when every migration is COMPLETED on every shard; nothing found is not done', () => {
    expect(decide([fold(4, complete)], DEFAULT_POLICY).verdict).toBe('done');
    expect(decide([], DEFAULT_POLICY).verdict).toBe('wait');
  });

  it('history: a directive already issued on the very same state is not repeated; a changed state may ask again', () => {
    const m = fold(4, (s) => pending(s));
    const history = [{ directive: 'complete' as const, uuid: UUID, fingerprint: stateFingerprint(m) }];
    expect(decide([m], DEFAULT_POLICY, history).directives).toEqual([]);
    const moved = fold(4, (s, i) => (i === 0 ? complete(s) : pending(s)));
    expect(decide([moved], DEFAULT_POLICY, history).directives.map((x) => x.directive)).toEqual(['complete']);
  });
});
