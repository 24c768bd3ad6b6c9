import { describe, expect, it } from 'vitest';
import {
  applySchemaRequest,
  nextSubmissionStep,
  onlineDdlUuid,
  ONLINE_DDL_UUID,
  parseDdlStrategy,
  planSubmission,
} from '../../src/migrations/submission.js';
import { complete, row, shards } from './rows.js';

const stmts = (sql: string[]) => sql.map((s, i) => ({ sql: s, file: 'a.sql', line: i + 1 }));

describe('deterministic uuids', () => {
  it('are in the format ApplySchema accepts, the same on a re-run, different per deploy, keyspace and statement', () => {
    const u = onlineDdlUuid('acme/shop@3f2a', 'customer', 'ALTER TABLE t ADD c int', 0);
    expect(u).toMatch(ONLINE_DDL_UUID);
    expect(u).toMatch(/^[0-9a-f]{8}_[0-9a-f]{4}_8[0-9a-f]{3}_[89ab][0-9a-f]{3}_[0-9a-f]{12}$/);
    expect(onlineDdlUuid('acme/shop@3f2a', 'customer', 'ALTER TABLE t ADD c int', 0)).toBe(u);
    expect(new Set([
      u,
      onlineDdlUuid('acme/shop@3f2b', 'customer', 'ALTER TABLE t ADD c int', 0),
      onlineDdlUuid('acme/shop@3f2a', 'commerce', 'ALTER TABLE t ADD c int', 0),
      onlineDdlUuid('acme/shop@3f2a', 'customer', 'ALTER TABLE t ADD d int', 0),
      onlineDdlUuid('acme/shop@3f2a', 'customer', 'ALTER TABLE t ADD c int', 1),
    ]).size).toBe(5);
  });

  it('a repeated statement gets a distinct uuid (ApplySchema: "UUID values must be unique")', () => {
    const p = planSubmission('customer', 'd1', 'vitess', stmts(['ALTER TABLE t ENGINE=InnoDB', 'ALTER TABLE t ENGINE=InnoDB']));
    expect(new Set(p.migrations.map((m) => m.uuid)).size).toBe(2);
  });

  it('the request: one statement per sql element, uuid_list aligned, context = deploy id', () => {
    const p = planSubmission('customer', 'acme/shop@3f2a', 'vitess --postpone-completion', stmts(['ALTER TABLE a ADD x int', 'CREATE TABLE b (id int primary key)']));
    expect(applySchemaRequest(p)).toEqual({
      keyspace: 'customer',
      sql: ['ALTER TABLE a ADD x int', 'CREATE TABLE b (id int primary key)'],
      ddlStrategy: 'vitess --postpone-completion',
      uuidList: p.migrations.map((m) => m.uuid),
      migrationContext: 'acme/shop@3f2a',
    });
  });
});

describe('ddl_strategy as vtctld parses it (ddl_strategy.go)', () => {
  it('accepts the v24 strategies and flags', () => {
    expect(parseDdlStrategy('vitess --postpone-completion')).toMatchObject({ name: 'vitess', direct: false, postponeCompletion: true });
    expect(parseDdlStrategy('online -postpone-completion --cut-over-threshold=20s --force-cut-over-after=1h')).toMatchObject({ name: 'online', postponeCompletion: true });
    expect(parseDdlStrategy('mysql --allow-concurrent')).toMatchObject({ name: 'mysql', postponeCompletion: false });
    expect(parseDdlStrategy('direct')).toMatchObject({ direct: true });
  });
  it('refuses what vtctld refuses', () => {
    expect(() => parseDdlStrategy('')).toThrow("Unknown online DDL strategy: ''");
    expect(() => parseDdlStrategy('pt-osc')).toThrow('removed in Vitess v20');
    expect(() => parseDdlStrategy('vitess --postpone-completion --nope')).toThrow('invalid flags for vitess strategy: --nope');
    expect(() => parseDdlStrategy('vitess --postpone-completion=1')).toThrow('invalid flags');
    expect(() => parseDdlStrategy('mysql --force-cut-over-after=1m')).toThrow("only valid in 'vitess' strategy");
  });
});

describe('submit, resubmit or not', () => {
  const topo = shards(['-80', '80-']);
  const plan = planSubmission('customer', 'ctx', 'vitess --postpone-completion', stmts(['ALTER TABLE a ADD x int', 'ALTER TABLE b ADD y int']));
  const [a, b] = plan.migrations.map((m) => m.uuid) as [string, string];

  it('nothing under the context: submit', () => {
    expect(nextSubmissionStep(plan, topo, [])).toEqual({ kind: 'submit' });
  });
  it('every planned row present: submitted, never a second submission', () => {
    const rows = [a, b].flatMap((u) => ['-80', '80-'].map((s) => ({ ...row(s), uuid: u })));
    expect(nextSubmissionStep(plan, topo, rows)).toEqual({ kind: 'submitted' });
    expect(nextSubmissionStep(plan, topo, rows.map((r) => ({ ...r, status: 'FAILED' as const })))).toEqual({ kind: 'submitted' });
  });
  it('partial submission (ApplySchema stopped at the first failing statement): resubmit, naming what is missing', () => {
    expect(nextSubmissionStep(plan, topo, [{ ...row('-80'), uuid: a }])).toEqual({
      kind: 'resubmit',
      missing: [
        { uuid: a, shards: ['80-'] },
        { uuid: b, shards: ['-80', '80-'] },
      ],
    });
  });
  it('a cancelled row (a halted deploy) is never revived by a resubmission', () => {
    expect(nextSubmissionStep(plan, topo, [{ ...row('-80', { status: 'CANCELLED' }), uuid: a }])).toEqual({ kind: 'submitted' });
  });
  it('refuses as vtctld would: a shard without a primary, a keyspace without shards', () => {
    expect(nextSubmissionStep(plan, shards(['-80', '80-'], ['80-']), [])).toEqual({
      kind: 'refuse',
      reason: 'ApplySchema needs a PRIMARY on every shard; shard: 80- does not have a primary (keyspace customer)',
    });
    expect(nextSubmissionStep(plan, [], [])).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('keyspace: customer does not contain any primary tablets') });
  });
  it('refuses when the context holds migrations this plan did not make', () => {
    const other = { ...complete('-80'), uuid: '00000000_0000_8000_8000_000000000000', migrationContext: 'ctx' };
    expect(nextSubmissionStep(plan, topo, [other])).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('the DDL changed under the same deploy id') });
  });
});
