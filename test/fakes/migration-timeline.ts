/**
 * An in-process vtctld that plays per-shard Online DDL timelines: the migration methods of `VtctldClient`
 * (ApplySchema, GetSchemaMigrations, the directive RPCs, FindAllShardsInKeyspace) with the quirks of
 * vitess-deploy.md §2.5/§2.6, as read in Vitess v0.24.4:
 *
 * - GetSchemaMigrations filters are exclusive (uuid > context > status > recent); a uuid not in the Online
 *   DDL format is an error (`%s is not a valid UUID`); order/limit/skip apply per shard; rows from the
 *   shards come back in an arbitrary (seeded) order; a shard without a primary is silently missing;
 *   errors arrive as gRPC UNKNOWN with vtctld's text (`go/vt/vtctl/grpcvtctldserver/server.go`).
 * - ApplySchema runs statements in order and stops at the first statement that fails on any shard, with
 *   no rollback; it then fails with `schema change failed, ExecuteResult: …` and no response body
 *   (`go/vt/schemamanager/schemamanager.go`). Every shard needs a primary
 *   (`shard: X does not have a primary`, `go/vt/schemamanager/tablet_executor.go`).
 * - Resubmitting a uuid with the same context is a no-op, or a retry of a failed/cancelled row; with a
 *   different context it is rejected; a new uuid with the same context and SQL as a complete migration is
 *   marked complete as a duplicate (`go/vt/vttablet/onlineddl/executor.go` `SubmitMigration`,
 *   `executeMigration`).
 * - Complete clears `postpone_completion` on unfinished rows; cancel ends unfinished rows; retry moves
 *   failed/cancelled rows back to queued and increments `retries`; terminal rows give 0 rows affected.
 *
 * Time is the fake clock's: `sleep(ms)` advances it; each row's state is a function of the time since its
 * current run started and its shard's script.
 */
import {
  VtctldError,
  type ApplySchemaRequest,
  type ApplySchemaResult,
  type GetSchemaMigrationsRequest,
  type LiveVSchema,
  type MigrationDirective,
  type SchemaMigrationRow,
  type ShardInfo,
  type VtctldClient,
} from '../../src/vtctld/client.js';

/** How one shard behaves. Times are seconds from the start of a run (submission or retry). */
export interface ShardScript {
  /** `table_rows` estimate (default 1,000,000). */
  tableRows?: number;
  /** Seconds queued before READY (default 2); READY lasts 1 s. */
  queuedSeconds?: number;
  /** Seconds of row copy (default 60). */
  copySeconds?: number;
  /** Seconds of catch-up after the copy before `ready_to_complete` (default 10). */
  catchupSeconds?: number;
  /** Seconds of cut-over once completion is no longer postponed (default 2). */
  cutoverSeconds?: number;
  /** The first `failRuns` runs fail after `failAfterSeconds` (default 20) with `failMessage`. */
  failRuns?: number;
  failAfterSeconds?: number;
  failMessage?: string;
  /** Throttled between these seconds of a run, by `component`. */
  throttle?: { fromSeconds: number; toSeconds: number; component: string };
  /** While running, report this status instead (a value this client version does not know, e.g. `UNKNOWN_9`). */
  unknownStatus?: string;
  /** The shard has no primary (GetSchemaMigrations skips it; ApplySchema and directives refuse). */
  noPrimary?: boolean;
  /** The first `rejectSubmissions` ApplySchema submissions to this shard fail (no row is written). */
  rejectSubmissions?: number;
}

interface StoredRow {
  uuid: string;
  shard: string;
  sql: string;
  context: string;
  options: string;
  strategy: number;
  immediate: boolean;
  postponeCompletion: boolean;
  retries: number;
  runStartMs: number;
  requestedMs: number;
  completeRequestedMs: number | null;
  /** Terminal state reached (stored once reached), or null while live. */
  final: { status: 'COMPLETE' | 'FAILED' | 'CANCELLED'; atMs: number; message: string } | null;
  id: number;
}

/** A recorded call. */
export interface Call {
  rpc: string;
  at: number;
  args: unknown;
}

/** Options of the fake. */
export interface TimelineOptions {
  keyspace?: string;
  /** Shard names (default the 8 shards -20,20-40,…,e0-). */
  shards?: string[];
  /** Per shard script (default script for missing entries). */
  scripts?: Record<string, ShardScript>;
  /** Seed of the cross-shard order. */
  seed?: number;
  /** Start of the clock (Unix ms). */
  startMs?: number;
}

/** Eight shards of a keyspace split evenly. */
export const EIGHT_SHARDS = ['-20', '20-40', '40-60', '60-80', '80-a0', 'a0-c0', 'c0-e0', 'e0-'];

/** The fake. Implements `VtctldClient`; methods a migration never needs answer UNIMPLEMENTED. */
export class MigrationTimeline implements VtctldClient {
  readonly keyspace: string;
  readonly shardNames: string[];
  readonly scripts: Record<string, ShardScript>;
  /** Fake clock, Unix ms. */
  nowMs: number;
  /** When true every RPC fails with UNAVAILABLE (vtctld down). */
  down = false;
  /** Every call, in order. */
  readonly calls: Call[] = [];
  private rows: StoredRow[] = [];
  private nextId = 1;
  private rng: () => number;
  private rejections = new Map<string, number>();
  private failNextGet: string | null = null;

  constructor(options: TimelineOptions = {}) {
    this.keyspace = options.keyspace ?? 'customer';
    this.shardNames = options.shards ?? EIGHT_SHARDS;
    this.scripts = options.scripts ?? {};
    this.nowMs = options.startMs ?? Date.UTC(2026, 0, 1);
    this.rng = mulberry32(options.seed ?? 1);
    for (const s of this.shardNames) this.rejections.set(s, this.script(s).rejectSubmissions ?? 0);
  }

  /** Clock for the code under test. */
  readonly now = (): number => this.nowMs;
  /** Sleep for the code under test: advances the clock. */
  readonly sleep = async (ms: number): Promise<void> => {
    this.nowMs += ms;
  };

  /** The next GetSchemaMigrations fails with this text (as an error on one primary does). */
  failNextGetSchemaMigrations(text: string): void {
    this.failNextGet = text;
  }

  /** Calls of one RPC. */
  callsOf(rpc: string): Call[] {
    return this.calls.filter((c) => c.rpc === rpc);
  }

  private script(shard: string): ShardScript {
    return this.scripts[shard] ?? {};
  }

  private hasPrimary(shard: string): boolean {
    return !this.script(shard).noPrimary;
  }

  private enter(rpc: string, args: unknown): void {
    this.calls.push({ rpc, at: this.nowMs, args });
    if (this.down) throw new VtctldError(rpc, 'UNAVAILABLE', 'connection refused', this.keyspace);
  }

  private checkPrimaries(rpc: string, keyspace: string): void {
    if (keyspace !== this.keyspace) throw new VtctldError(rpc, 'UNKNOWN', `node doesn't exist: keyspaces/${keyspace}/Keyspace`, keyspace);
    const none = this.shardNames.find((s) => !this.hasPrimary(s));
    if (none) throw new VtctldError(rpc, 'UNKNOWN', `shard: ${none} does not have a primary`, keyspace);
  }

  async findAllShardsInKeyspace(keyspace: string): Promise<ShardInfo[]> {
    this.enter('FindAllShardsInKeyspace', { keyspace });
    if (keyspace !== this.keyspace) throw new VtctldError('FindAllShardsInKeyspace', 'UNKNOWN', `node doesn't exist: keyspaces/${keyspace}/shards`, keyspace);
    return [...this.shardNames].sort().map((name, i) => ({
      keyspace,
      name,
      keyRange: null,
      isPrimaryServing: this.hasPrimary(name),
      primaryAlias: this.hasPrimary(name) ? `zone1-${100 + i}` : null,
    }));
  }

  async applySchema(req: ApplySchemaRequest): Promise<ApplySchemaResult> {
    this.enter('ApplySchema', structuredClone(req));
    if (req.sql.length === 0) throw new VtctldError('ApplySchema', 'UNKNOWN', 'Sql must be a non-empty array', req.keyspace);
    if (req.uuidList.length && req.uuidList.length !== req.sql.length) {
      throw new VtctldError('ApplySchema', 'UNKNOWN', `UUIDList has ${req.uuidList.length} items, but there are ${req.sql.length} SQL statements`, req.keyspace);
    }
    for (const u of req.uuidList) {
      if (!/^[0-f]{8}_[0-f]{4}_[0-f]{4}_[0-f]{4}_[0-f]{12}$/.test(u)) {
        throw new VtctldError('ApplySchema', 'UNKNOWN', `invalid UuidList: [${req.uuidList.join(' ')}]: Not a valid UUID: ${u}`, req.keyspace);
      }
    }
    this.checkPrimaries('ApplySchema', req.keyspace);
    const [strategyName = 'direct', ...flags] = req.ddlStrategy.trim().split(/\s+/).filter(Boolean);
    if (strategyName === 'direct') throw new VtctldError('ApplySchema', 'UNKNOWN', 'the timeline fake does not run direct DDL', req.keyspace);
    const context = req.migrationContext || `vtctl:${this.nowMs}`;
    const uuids: string[] = [];
    const affected: Record<string, number> = {};
    for (const [i, sql] of req.sql.entries()) {
      const uuid = req.uuidList[i] ?? `${hex(this.rng, 8)}_${hex(this.rng, 4)}_${hex(this.rng, 4)}_${hex(this.rng, 4)}_${hex(this.rng, 12)}`;
      const failed: string[] = [];
      let accepted = false;
      for (const shard of this.shardNames) {
        const left = this.rejections.get(shard) ?? 0;
        if (left > 0) {
          this.rejections.set(shard, left - 1);
          failed.push(shard);
          continue;
        }
        const existing = this.rows.find((r) => r.uuid === uuid && r.shard === shard);
        if (existing) {
          if (existing.context !== context) {
            throw new VtctldError('ApplySchema', 'UNKNOWN', `schema change failed, ExecuteResult: {"FailedShards":[{"Shard":"${shard}","Err":"migration rejected: found migration ${uuid} with different context: ${existing.context} than submitted migration's context: ${context}"}]}`, req.keyspace);
          }
          this.settle(existing);
          if (existing.final && existing.final.status !== 'COMPLETE') this.retryRow(existing);
          accepted = true;
          affected[shard] = 1;
          continue;
        }
        const row: StoredRow = {
          uuid,
          shard,
          sql,
          context,
          options: flags.join(' '),
          strategy: strategyName === 'mysql' ? 4 : 0,
          immediate: /^\s*(create|drop)\b/i.test(sql),
          postponeCompletion: flags.some((f) => /^--?postpone-completion$/.test(f)),
          retries: 0,
          runStartMs: this.nowMs,
          requestedMs: this.nowMs,
          completeRequestedMs: null,
          final: null,
          id: this.nextId++,
        };
        // Vitess checks this when the scheduler runs the new migration (executeMigration); here at submission.
        const done = this.rows.find((r) => r.shard === shard && r.context === context && r.sql === sql && (this.settle(r), r.final?.status === 'COMPLETE'));
        if (done) row.final = { status: 'COMPLETE', atMs: this.nowMs, message: `duplicate DDL as ${done.uuid} for migration context ${context}` };
        this.rows.push(row);
        accepted = true;
        affected[shard] = 1;
      }
      if (accepted) uuids.push(uuid);
      if (failed.length) {
        const result = { FailedShards: failed.map((s) => ({ Shard: s, Err: `rpc error: code = Unavailable desc = tablet for shard ${s} is not reachable` })) };
        throw new VtctldError('ApplySchema', 'UNKNOWN', `schema change failed, ExecuteResult: ${JSON.stringify(result)}`, req.keyspace);
      }
    }
    return { uuidList: uuids, rowsAffectedByShard: affected };
  }

  async getSchemaMigrations(req: GetSchemaMigrationsRequest): Promise<SchemaMigrationRow[]> {
    this.enter('GetSchemaMigrations', structuredClone(req));
    if (this.failNextGet !== null) {
      const text = this.failNextGet;
      this.failNextGet = null;
      throw new VtctldError('GetSchemaMigrations', 'UNKNOWN', text, req.keyspace);
    }
    let match: (r: StoredRow, view: SchemaMigrationRow) => boolean;
    if (req.uuid) {
      if (!/^[0-f]{8}_[0-f]{4}_[0-f]{4}_[0-f]{4}_[0-f]{12}$/.test(req.uuid)) {
        throw new VtctldError('GetSchemaMigrations', 'UNKNOWN', `${req.uuid} is not a valid UUID`, req.keyspace);
      }
      match = (r) => r.uuid === req.uuid;
    } else if (req.migrationContext) match = (r) => r.context === req.migrationContext;
    else if (req.status && req.status !== 'UNKNOWN') match = (_r, v) => v.status === req.status;
    else if (req.recentSeconds) match = (r) => r.requestedMs > this.nowMs - req.recentSeconds! * 1000;
    else match = () => true;
    const out: SchemaMigrationRow[] = [];
    for (const shard of this.shardNames) {
      if (!this.hasPrimary(shard)) continue; // silently missing, as vtctld does
      if (req.keyspace && req.keyspace !== this.keyspace) continue;
      let mine = this.rows
        .filter((r) => r.shard === shard)
        .map((r) => ({ r, v: this.view(r) }))
        .filter(({ r, v }) => match(r, v))
        .sort((a, b) => (req.order === 'DESCENDING' ? b.r.id - a.r.id : a.r.id - b.r.id));
      if (req.limit) mine = mine.slice(req.skip ?? 0, (req.skip ?? 0) + req.limit);
      out.push(...mine.map((x) => x.v));
    }
    // Merged from a Go map: arbitrary order across shards.
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  async migrationDirective(directive: MigrationDirective, keyspace: string, uuid: string): Promise<Record<string, number>> {
    const rpc = `${directive[0]!.toUpperCase()}${directive.slice(1)}SchemaMigration`;
    this.enter(rpc, { keyspace, uuid });
    this.checkPrimaries(rpc, keyspace);
    const affected: Record<string, number> = {};
    for (const shard of this.shardNames) {
      affected[shard] = 0;
      for (const r of this.rows.filter((x) => x.shard === shard && (uuid === 'all' || x.uuid === uuid))) {
        this.settle(r);
        const live = r.final === null;
        if (directive === 'complete' && live && r.postponeCompletion) {
          r.postponeCompletion = false;
          r.completeRequestedMs = this.nowMs;
          affected[shard]++;
        } else if (directive === 'cancel' && live) {
          r.final = { status: 'CANCELLED', atMs: this.nowMs, message: 'cancelled by user' };
          affected[shard]++;
        } else if (directive === 'retry' && r.final && r.final.status !== 'COMPLETE') {
          this.retryRow(r);
          affected[shard]++;
        }
      }
    }
    return affected;
  }

  private retryRow(r: StoredRow): void {
    r.final = null;
    r.retries++;
    r.runStartMs = this.nowMs;
    r.completeRequestedMs = null;
  }

  /** Stores a terminal state the timeline has reached. */
  private settle(r: StoredRow): void {
    if (r.final) return;
    const v = this.compute(r);
    if (v.final) r.final = v.final;
  }

  private compute(r: StoredRow): { status: string; final: StoredRow['final']; progress: number; rowsCopied: number; eta: number; ready: boolean; throttledAt: number | null; component: string; message: string } {
    const sc = this.script(r.shard);
    const tableRows = sc.tableRows ?? 1_000_000;
    const q = sc.queuedSeconds ?? 2;
    const copy = sc.copySeconds ?? 60;
    const catchup = sc.catchupSeconds ?? 10;
    const cut = sc.cutoverSeconds ?? 2;
    const e = (this.nowMs - r.runStartMs) / 1000;
    const base = { final: null, progress: 0, rowsCopied: 0, eta: -1, ready: false, throttledAt: null as number | null, component: '', message: '' };
    if (r.final) return { ...base, status: r.final.status, final: r.final, progress: r.final.status === 'COMPLETE' ? 100 : 0, message: r.final.message };
    const failAfter = sc.failAfterSeconds ?? 20;
    if (r.retries < (sc.failRuns ?? 0) && e >= failAfter) {
      const final = { status: 'FAILED' as const, atMs: r.runStartMs + failAfter * 1000, message: sc.failMessage ?? 'Error 1062: Duplicate entry for key PRIMARY' };
      return { ...base, status: 'FAILED', final, message: final.message };
    }
    const readyAtMs = r.runStartMs + (q + 1 + (r.immediate ? 0 : copy + catchup)) * 1000;
    if (this.nowMs >= readyAtMs && !r.postponeCompletion) {
      const doneAt = Math.max(readyAtMs, r.completeRequestedMs ?? readyAtMs) + cut * 1000;
      if (this.nowMs >= doneAt) return { ...base, status: 'COMPLETE', final: { status: 'COMPLETE', atMs: doneAt, message: '' }, progress: 100, rowsCopied: tableRows };
    }
    if (r.immediate) {
      const ready = e >= 1 && r.postponeCompletion;
      return { ...base, status: 'QUEUED', ready: e >= 1, eta: ready ? 0 : -1, progress: 0 };
    }
    if (e < q) return { ...base, status: 'QUEUED' };
    if (e < q + 1) return { ...base, status: 'READY' };
    const c = e - q - 1;
    const throttled = sc.throttle && e >= sc.throttle.fromSeconds && e < sc.throttle.toSeconds;
    const thr = throttled ? { throttledAt: Math.floor(this.nowMs / 1000) - 1, component: sc.throttle!.component } : {};
    const status = sc.unknownStatus ?? 'RUNNING';
    if (c < copy) {
      const rowsCopied = Math.floor((tableRows * c) / copy);
      return { ...base, ...thr, status, rowsCopied, progress: (100 * rowsCopied) / tableRows, eta: Math.ceil(copy - c + catchup) };
    }
    if (c < copy + catchup) return { ...base, ...thr, status, rowsCopied: tableRows, progress: 100, eta: Math.ceil(copy + catchup - c) };
    return { ...base, status, rowsCopied: tableRows, progress: 100, eta: 0, ready: true };
  }

  private view(r: StoredRow): SchemaMigrationRow {
    this.settle(r);
    const v = this.compute(r);
    const sc = this.script(r.shard);
    return {
      uuid: r.uuid,
      keyspace: this.keyspace,
      shard: r.shard,
      table: /(?:table|TABLE)\s+`?(\w+)/.exec(r.sql)?.[1] ?? '',
      migrationStatement: r.sql,
      strategy: r.strategy,
      options: r.options,
      status: v.status as SchemaMigrationRow['status'],
      progress: v.progress,
      rowsCopied: v.rowsCopied,
      tableRows: r.immediate ? 0 : (sc.tableRows ?? 1_000_000),
      etaSeconds: v.eta,
      readyToComplete: v.ready,
      postponeCompletion: r.postponeCompletion,
      postponeLaunch: false,
      retries: r.retries,
      migrationContext: r.context,
      ddlAction: /^\s*create/i.test(r.sql) ? 'create' : /^\s*drop/i.test(r.sql) ? 'drop' : 'alter',
      message: v.message,
      requestedAt: Math.floor(r.requestedMs / 1000),
      startedAt: null,
      completedAt: r.final && r.final.status !== 'CANCELLED' ? Math.floor(r.final.atMs / 1000) : null,
      lastThrottledAt: v.throttledAt,
      componentThrottled: v.component,
      userThrottleRatio: 0,
      isImmediateOperation: r.immediate,
      tablet: `zone1-${100 + this.shardNames.indexOf(r.shard)}`,
    };
  }

  // ---- not part of Online DDL: answered like a server without the method, or minimally ----
  /** VSchemas written through this fake (a deploy must write none when the DDL phase fails). */
  readonly appliedVSchemas: unknown[] = [];
  async getCellInfoNames(): Promise<string[]> {
    this.enter('GetCellInfoNames', {});
    return ['zone1'];
  }
  async getKeyspaces(): Promise<string[]> {
    this.enter('GetKeyspaces', {});
    return [this.keyspace];
  }
  async getVSchema(keyspace: string): Promise<LiveVSchema | null> {
    this.enter('GetVSchema', { keyspace });
    return { vschema: { sharded: true }, unknownFields: [] };
  }
  async applyVSchema(req: Parameters<VtctldClient['applyVSchema']>[0]): ReturnType<VtctldClient['applyVSchema']> {
    this.enter('ApplyVSchema', req);
    this.appliedVSchemas.push(req.vschema);
    return { vschema: { vschema: req.vschema, unknownFields: [] }, unknownVindexParams: {} };
  }
  async getSrvVSchemas(): Promise<Record<string, Record<string, LiveVSchema> | null>> {
    throw new VtctldError('GetSrvVSchemas', 'UNIMPLEMENTED', 'not served by the migration timeline fake');
  }
  async rebuildVSchemaGraph(): Promise<void> {
    this.enter('RebuildVSchemaGraph', {});
  }
  close(): void {}
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(rng: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}
