import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { migrationsCommand, type MigrationsDeps } from '../../src/cli/migrations-command.js';
import { main } from '../../src/cli/main.js';
import { MIGRATIONS_JSON_SCHEMA } from '../../src/migrations/report.js';
import { planSubmission, applySchemaRequest } from '../../src/migrations/submission.js';
import { METRIC_NAMES } from '../../src/migrations/metrics.js';
import { MigrationTimeline, type ShardScript } from '../fakes/migration-timeline.js';

const CTX = 'acme-shop:3f2a9c1e';
const ALTER = 'ALTER TABLE customer ADD COLUMN email varchar(128)';

async function submitted(scripts: Record<string, ShardScript> = {}, strategy = 'vitess --postpone-completion'): Promise<MigrationTimeline> {
  const fake = new MigrationTimeline({ scripts });
  const plan = planSubmission('customer', CTX, strategy, [{ sql: ALTER, file: 'a.sql', line: 1 }]);
  await fake.applySchema(applySchemaRequest(plan));
  return fake;
}

async function run(fake: MigrationTimeline, args: string[], over: Partial<MigrationsDeps> = {}) {
  let out = '';
  let err = '';
  const files: Record<string, string> = {};
  const deps: MigrationsDeps = {
    connect: () => fake,
    now: fake.now,
    sleep: fake.sleep,
    writeFile: (f, t) => {
      files[f] = t;
    },
    progressStream: null,
    ...over,
  };
  const code = await migrationsCommand(['--vtctld', '127.0.0.1:15999', '--keyspace', 'customer', ...args], { out: (s) => (out += s), err: (s) => (err += s) }, deps);
  return { code, out, err, files };
}

describe('vschema-guard migrations', () => {
  it('still running without --watch: exit 3, a table per migration with state, shards done/total, progress, ETA', async () => {
    const fake = await submitted({ '60-80': { throttle: { fromSeconds: 0, toSeconds: 999, component: 'vplayer' } } });
    await fake.sleep(30_000);
    const r = await run(fake, ['--context', CTX]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^[0-9a-f_]{36} {2}customer\.customer {2}ALTER TABLE customer ADD COLUMN email varchar\(128\)\n {2}COPYING_ROWS {2}shards 0\/8 complete {2}progress 45\.0% {2}ETA 43s\n {2}! throttled on 60-80 by vplayer\n/);
    expect(r.out).toMatch(/ {4}60-80 +COPYING_ROWS +45\.0% +450000\/1000000 +43s +0 +throttled by vplayer/);
  });

  it('--watch --complete drives to COMPLETED at the barrier: exit 0; plain timestamped lines when not a terminal', async () => {
    const fake = await submitted();
    const r = await run(fake, ['--context', CTX, '--watch', '--complete']);
    expect(r.code).toBe(0);
    expect(fake.callsOf('CompleteSchemaMigration')).toHaveLength(1);
    expect(r.err).toMatch(/^2026-01-01T00:00:00\.000Z customer [0-9a-f_]{36} customer QUEUED 0\/8 0\.0% ETA \?$/m);
    expect(r.err).toMatch(/Z customer [0-9a-f_]{36} customer CUTOVER_PENDING 0\/8 100\.0% ETA 0s$/m);
    expect(r.err).toMatch(/Z complete customer [0-9a-f_]{36}: every shard \(8\) is ready to complete with completion postponed$/m);
    expect(r.out).toContain('COMPLETED  shards 8/8 complete  progress 100.0%  ETA 0s');
    const lines = r.err.split('\n').filter((l) => / customer [0-9a-f_]{36} customer /.test(l));
    expect(new Set(lines.map((l) => l.slice(24))).size).toBe(lines.length); // only changes are printed
  });

  it('--watch without --complete reports and never issues a directive: postponed completion stays held (exit 3 at --timeout)', async () => {
    const fake = await submitted();
    const r = await run(fake, ['--context', CTX, '--watch', '--timeout', '10m']);
    expect(r.code).toBe(3);
    expect(fake.calls.filter((c) => c.rpc.endsWith('SchemaMigration'))).toEqual([]);
    expect(r.out).toContain('CUTOVER_PENDING');
  });

  it('progress bars on a terminal', async () => {
    const fake = await submitted();
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 160, cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true });
    let drawn = '';
    tty.on('data', (d: Buffer) => (drawn += d.toString()));
    const r = await run(fake, ['--context', CTX, '--watch', '--complete'], { progressStream: tty });
    expect(r.code).toBe(0);
    expect(drawn).toMatch(/customer \|[\u2588\u2591]{40}\| 100% COMPLETED 8\/8 shards ETA 0s/);
    expect(drawn).toMatch(/Z complete customer [0-9a-f_]{36}: every shard \(8\) is ready to complete with completion postponed\n/);
    expect(r.err).toBe(''); // everything went through the bars' stream
  });

  it('breaker: --complete cancels the rest; exit 1 with the reason; json validates against the documented schema', async () => {
    const fake = await submitted({ '-20': { failRuns: 9 }, '20-40': { failRuns: 9 } });
    await fake.sleep(25_000);
    const r = await run(fake, ['--context', CTX, '--complete', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    const { Ajv } = await import('ajv');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(MIGRATIONS_JSON_SCHEMA);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.outcome).toBe('failed');
    expect(report.reasons[0]).toContain('breaker: 2 of 8 shards failed (25% > 15%)');
    expect(report.directives).toEqual([{ directive: 'cancel', uuid: report.migrations[0].uuid }]);
    expect(report.migrations[0].failed_shards).toEqual(['-20', '20-40']);
    expect(report.migrations[0].shards).toHaveLength(8);
    expect(report.migrations[0].shards[0]).toMatchObject({ shard: '-20', state: 'FAILED', status: 'FAILED', message: 'Error 1062: Duplicate entry for key PRIMARY' });
  });

  it('--max-failed-shards raises the breaker: 2 of 8 at 30% retries instead', async () => {
    const fake = await submitted({ '-20': { failRuns: 1 }, '20-40': { failRuns: 1 } });
    await fake.sleep(25_000);
    const r = await run(fake, ['--context', CTX, '--complete', '--max-failed-shards', '30%']);
    expect(fake.callsOf('RetrySchemaMigration')).toHaveLength(1);
    expect(r.code).toBe(3);
  });

  it('--metrics writes Prometheus text for a textfile collector', async () => {
    const fake = await submitted({ 'e0-': { unknownStatus: 'UNKNOWN_9' } });
    await fake.sleep(30_000);
    const r = await run(fake, ['--context', CTX, '--metrics', '/tmp/x.prom']);
    const text = r.files['/tmp/x.prom']!;
    for (const n of METRIC_NAMES) expect(text).toContain(`# TYPE ${n} gauge`);
    expect(text).toMatch(/vschema_guard_migration_state\{keyspace="customer",uuid="[0-9a-f_]{36}",table="customer",state="QUEUED"\} 1/);
    expect(text).toMatch(/vschema_guard_migration_shard_state\{keyspace="customer",uuid="[0-9a-f_]{36}",table="customer",shard="e0-",phase="UNKNOWN_STATUS"\} 1/);
    expect(text).toMatch(/vschema_guard_migration_shards\{keyspace="customer",uuid="[0-9a-f_]{36}",table="customer",phase="COPYING_ROWS"\} 7/);
    expect(text).toMatch(/vschema_guard_migration_eta_seconds\{[^}]*\} 43\n/);
    expect(text).toContain('vschema_guard_migrations_observed_timestamp_seconds 1767225630');
    // The unknown status is reported, no crash.
    expect(r.out).toContain('status UNKNOWN_9 on e0- is unknown to this version of vschema-guard');
    expect(r.code).toBe(3);
  });

  it('--uuid and --recent select what vtctld returns for them', async () => {
    const fake = await submitted();
    await fake.sleep(7200_000);
    const other = planSubmission('customer', 'later', 'vitess', [{ sql: 'ALTER TABLE corder ADD KEY (customer_id)', file: 'b.sql', line: 1 }]);
    await fake.applySchema(applySchemaRequest(other));
    const byUuid = await run(fake, ['--uuid', other.migrations[0]!.uuid, '--format', 'json']);
    expect(JSON.parse(byUuid.out).migrations.map((m: { uuid: string }) => m.uuid)).toEqual([other.migrations[0]!.uuid]);
    const recent = await run(fake, ['--recent', '1h', '--format', 'json']);
    expect(JSON.parse(recent.out).migrations.map((m: { migration_context: string }) => m.migration_context)).toEqual(['later']);
    const all = await run(fake, ['--format', 'json']);
    expect(JSON.parse(all.out).migrations.map((m: { migration_context: string }) => m.migration_context)).toEqual([CTX, 'later']);
    expect(all.code).toBe(3); // the first is held at the barrier, the second just started
  });

  it('nothing found is exit 1 with a fix, naming shards without a primary', async () => {
    const fake = new MigrationTimeline({ scripts: { '-20': { noPrimary: true } } });
    const r = await run(fake, ['--context', 'nope']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no migrations in keyspace customer in migration context nope — 1 of 8 shard(s) have no primary, and GetSchemaMigrations returns nothing from those');
  });

  it('a shard without a primary is named in the table (its rows are silently missing from GetSchemaMigrations)', async () => {
    const fake = await submitted();
    fake.scripts['40-60'] = { noPrimary: true };
    const r = await run(fake, ['--context', CTX]);
    expect(r.out).toContain('! no row from 40-60: the shard has no primary (GetSchemaMigrations skips it)');
    expect(r.out).toMatch(/ {4}40-60 +MISSING /);
  });

  it('vtctld unreachable: exit 2 with the RPC, the keyspace and the error', async () => {
    const fake = await submitted();
    fake.down = true;
    const r = await run(fake, ['--context', CTX]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('vschema-guard migrations: FindAllShardsInKeyspace (keyspace customer) failed: UNAVAILABLE: connection refused');
  });

  it('an error on one primary fails GetSchemaMigrations as a whole (UNKNOWN with text): reported, exit 2', async () => {
    const fake = await submitted();
    fake.failNextGetSchemaMigrations("rpc error: code = Unknown desc = TabletManager.ExecuteFetchAsDba on zone1-0000000103 error: Table '_vt.schema_migrations' doesn't exist");
    const r = await run(fake, ['--context', CTX, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ outcome: 'error', reasons: [expect.stringContaining("Table '_vt.schema_migrations' doesn't exist")] });
  });

  it('usage errors exit 2 through main: exclusive filters, bad uuid, bad percentage, missing --vtctld', async () => {
    const io = () => {
      const o = { out: '', err: '' };
      return { o, io: { out: (s: string) => (o.out += s), err: (s: string) => (o.err += s) } };
    };
    const cases: Array<[string[], string]> = [
      [['--keyspace', 'k', '--vtctld', 'h:1', '--context', 'c', '--uuid', 'u'], '--context, --uuid and --recent exclude each other'],
      [['--keyspace', 'k', '--vtctld', 'h:1', '--uuid', 'abc'], '--uuid: abc is not a valid UUID'],
      [['--keyspace', 'k', '--vtctld', 'h:1', '--max-failed-shards', '150%'], '--max-failed-shards must be a percentage'],
      [['--keyspace', 'k', '--vtctld', 'h:1', '--recent', '5'], '--recent must be a duration'],
      [['--vtctld', 'h:1'], 'migrations needs --keyspace KS'],
      [['--keyspace', 'k'], '--vtctld HOST:PORT is required'],
    ];
    for (const [args, msg] of cases) {
      const { o, io: sink } = io();
      expect(await main(['migrations', ...args], sink)).toBe(2);
      expect(o.err).toContain(msg);
    }
  });

  it('`schema migrations` prints the JSON Schema', async () => {
    let out = '';
    expect(await main(['schema', 'migrations'], { out: (s) => (out += s), err: () => {} })).toBe(0);
    expect(JSON.parse(out).title).toBe('vschema-guard migrations report');
  });
});
