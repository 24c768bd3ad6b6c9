/**
 * Property tests (fast-check) over random per-shard rows and random per-shard timelines:
 * - never COMPLETED while an expected shard is not complete;
 * - never CompleteSchemaMigration before the barrier;
 * - never a second submission for one migration context (a resubmission only while a planned row is
 *   missing, and always the identical request).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldMigration } from '../../src/migrations/aggregate.js';
import { decide, DEFAULT_POLICY } from '../../src/migrations/decide.js';
import { makeDdlPhase, DEFAULT_DDL_STRATEGY } from '../../src/migrations/ddl-phase.js';
import { phaseOfRow } from '../../src/migrations/lifecycle.js';
import type { ApplySchemaRequest, SchemaMigrationRow, VtctldClient } from '../../src/vtctld/client.js';
import { EIGHT_SHARDS, MigrationTimeline, type ShardScript } from '../fakes/migration-timeline.js';
import { NOW, row, shards, UUID } from './rows.js';

const STATUSES = ['QUEUED', 'READY', 'RUNNING', 'COMPLETE', 'FAILED', 'CANCELLED', 'REQUESTED', 'UNKNOWN_9'] as const;

const rowArb = (shard: string): fc.Arbitrary<SchemaMigrationRow | null> =>
  fc.option(
    fc.record({
      status: fc.constantFrom(...STATUSES),
      progress: fc.double({ min: -1, max: 101, noNaN: true }),
      rowsCopied: fc.nat(2000),
      tableRows: fc.integer({ min: -1, max: 2000 }),
      readyToComplete: fc.boolean(),
      postponeCompletion: fc.boolean(),
      isImmediateOperation: fc.boolean(),
      etaSeconds: fc.integer({ min: -1, max: 1000 }),
      retries: fc.nat(3),
    }).map((o) => row(shard, o as Partial<SchemaMigrationRow>)),
    { freq: 5 },
  );

describe('properties of the fold and the decisions', () => {
  it('never COMPLETED with a shard not complete; complete only at the barrier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => {
          const names = Array.from({ length: n }, (_, i) => `s${i}`);
          return fc.tuple(fc.constant(names), fc.tuple(...names.map(rowArb)), fc.subarray(names));
        }),
        ([names, rows, noPrimary]) => {
          const present = rows.filter((r): r is SchemaMigrationRow => r !== null && !noPrimary.includes(r.shard));
          const m = foldMigration('customer', UUID, shards(names, noPrimary), present, NOW);
          const byShard = new Map(present.map((r) => [r.shard, r]));
          if (m.state === 'COMPLETED') {
            expect(names.every((s) => byShard.get(s)?.status === 'COMPLETE')).toBe(true);
          }
          const d = decide([m], DEFAULT_POLICY);
          if (d.directives.some((x) => x.directive === 'complete')) {
            const phases = names.map((s) => (byShard.has(s) ? phaseOfRow(byShard.get(s)!) : 'MISSING'));
            // Every shard ready: still held (CUTOVER_PENDING), already released by an earlier, partly
            // failed complete (SWITCHING_TRAFFIC), or done; at least one still held.
            expect(phases.every((p) => p === 'CUTOVER_PENDING' || p === 'SWITCHING_TRAFFIC' || p === 'COMPLETED')).toBe(true);
            expect(phases).toContain('CUTOVER_PENDING');
          }
          if (d.verdict === 'done') expect(names.every((s) => byShard.get(s)?.status === 'COMPLETE')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

const scriptArb: fc.Arbitrary<ShardScript> = fc.record(
  {
    queuedSeconds: fc.integer({ min: 0, max: 30 }),
    copySeconds: fc.integer({ min: 1, max: 400 }),
    catchupSeconds: fc.integer({ min: 0, max: 60 }),
    cutoverSeconds: fc.integer({ min: 0, max: 10 }),
    failRuns: fc.constantFrom(0, 0, 0, 1, 2, 9),
    failAfterSeconds: fc.integer({ min: 1, max: 300 }),
    rejectSubmissions: fc.constantFrom(0, 0, 0, 1),
    tableRows: fc.integer({ min: 0, max: 10_000_000 }),
  },
  { requiredKeys: [] },
);

describe('properties of the DDL phase over random per-shard timelines', () => {
  it('complete never before the barrier; never a second submission; COMPLETED only when every shard is', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...EIGHT_SHARDS.map(() => scriptArb)),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 120 })), { maxLength: 2 }),
        fc.array(fc.integer({ min: 5, max: 400 }), { maxLength: 2 }),
        fc.integer(),
        async (scripts, nStatements, outages, deaths, seed) => {
          const fake = new MigrationTimeline({ scripts: Object.fromEntries(EIGHT_SHARDS.map((s, i) => [s, scripts[i]!])), seed });
          const t0 = fake.nowMs;
          const violations: string[] = [];
          const submissions: ApplySchemaRequest[] = [];
          const client = Object.create(fake) as VtctldClient;
          client.applySchema = async (req) => {
            if (!fake.down) {
              const rows = await fake.getSchemaMigrations({ keyspace: req.keyspace, migrationContext: req.migrationContext });
              const have = new Set(rows.map((r) => `${r.uuid}/${r.shard}`));
              if (submissions.length && req.uuidList.every((u) => EIGHT_SHARDS.every((s) => have.has(`${u}/${s}`)))) {
                violations.push('second submission with every planned row present');
              }
              if (submissions.length && JSON.stringify(req) !== JSON.stringify(submissions[0])) violations.push('resubmission differs');
            }
            submissions.push(req);
            return fake.applySchema(req);
          };
          client.migrationDirective = async (d, ks, uuid) => {
            if (d === 'complete' && !fake.down) {
              const rows = await fake.getSchemaMigrations({ keyspace: ks, uuid });
              const phases = rows.map(phaseOfRow);
              if (rows.length !== 8 || !phases.every((p) => p === 'CUTOVER_PENDING' || p === 'COMPLETED')) {
                violations.push(`complete before the barrier: ${phases.join(',')}`);
              }
            }
            return fake.migrationDirective(d, ks, uuid);
          };
          const sleep = async (ms: number): Promise<void> => {
            await fake.sleep(ms);
            const t = (fake.nowMs - t0) / 1000;
            fake.down = outages.some(([from, len]) => t >= from && t < from + len);
          };
          const statements = Array.from({ length: nStatements }, (_, i) => ({ sql: `ALTER TABLE t${i} ADD COLUMN c int`, file: 'a.sql', line: i + 1 }));
          // The tool dies (timeout) zero to two times and is re-run with the same deploy id.
          let last = null;
          for (const budget of [...deaths.map((s) => s * 1000), null]) {
            fake.down = false;
            const phase = makeDdlPhase({
              targets: [{ keyspace: 'customer', statements }],
              ddlStrategy: DEFAULT_DDL_STRATEGY,
              policy: DEFAULT_POLICY,
              watch: { timeoutMs: budget ?? 48 * 3600_000, maxUnavailableMs: 3600_000 },
            });
            last = await phase({ client, deployId: 'acme:abc', now: fake.now, sleep, log: () => {}, dryRun: false });
          }
          expect(violations).toEqual([]);
          const rows = await fake.getSchemaMigrations({ keyspace: 'customer', migrationContext: 'acme:abc' });
          if (last!.ok) {
            expect(rows).toHaveLength(8 * nStatements);
            expect(rows.every((r) => r.status === 'COMPLETE')).toBe(true);
          } else {
            // Halted: nothing is left running.
            expect(rows.every((r) => ['COMPLETE', 'FAILED', 'CANCELLED'].includes(r.status))).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
