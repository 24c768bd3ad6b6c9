/**
 * An in-memory `VtctldClient` for deploy tests: a global topo of keyspace VSchemas and a SrvVSchema
 * per cell, behaving like vtctld's server (go/vt/vtctl/grpcvtctldserver/server.go as summarised in the
 * deploy fact sheet §1.5 and §3.1): ApplyVSchema needs the keyspace, saves unconditionally, rebuilds
 * every cell's SrvVSchema from all keyspaces (unless `skipRebuild`) and answers with the re-read
 * VSchema; GetVSchema of a keyspace without a VSchema node is NoNode (null here).
 *
 * Faults for tests: queued errors per RPC (`fail`), a rejected keyspace (`reject`), cells whose
 * rebuild is stuck (`staleCells`), unknown fields on a live VSchema, and a hook run before each RPC.
 */
import {
  type ApplySchemaRequest, type ApplySchemaResult, type ApplyVSchemaRequest, type ApplyVSchemaResult, type GetSchemaMigrationsRequest,
  type LiveVSchema, type MigrationDirective, type SchemaMigrationRow, type ShardInfo, type VSchemaJson, type VtctldClient, VtctldError,
} from '../../src/vtctld/client.js';

const clone = <T>(v: T): T => structuredClone(v);

/** A fault: the next matching call(s) of `rpc` fail with this error. */
interface QueuedFault {
  rpc: string;
  keyspace: string | null;
  error: VtctldError;
  /** When set, the call's effect happens before the error (e.g. ApplyVSchema saved, rebuild failed). */
  afterEffect: boolean;
}

export class MemoryVtctld implements VtctldClient {
  /** keyspace → VSchema JSON (null = keyspace exists with no VSchema node). */
  readonly vschemas = new Map<string, VSchemaJson | null>();
  readonly unknownFields = new Map<string, string[]>();
  /** cell → keyspace → VSchema JSON. */
  readonly srv = new Map<string, Record<string, VSchemaJson>>();
  /** Every call, as `Rpc keyspace`. */
  readonly calls: string[] = [];
  /** Cells whose SrvVSchema rebuild does nothing (a lagging or broken cell). */
  readonly staleCells = new Set<string>();
  /** keyspace → the text vtctld answers ApplyVSchema with (UNKNOWN). */
  readonly rejections = new Map<string, string>();
  /** keyspace → unknown vindex params reported by a strict ApplyVSchema. */
  readonly unknownParams = new Map<string, Record<string, string[]>>();
  /** Run before every call (may mutate the fake: a concurrent writer). */
  beforeCall: ((rpc: string, keyspace: string | null) => void) | null = null;
  private faults: QueuedFault[] = [];

  constructor(cells: string[], keyspaces: Record<string, VSchemaJson | null>) {
    for (const c of cells) this.srv.set(c, {});
    for (const [k, v] of Object.entries(keyspaces)) this.vschemas.set(k, v === null ? null : clone(v));
    for (const c of cells) this.rebuild([c]);
  }

  /** Queues `count` failures of `rpc` (for `keyspace`, or any) with a gRPC code and text. */
  fail(rpc: string, code: string, details: string, opts: { keyspace?: string; count?: number; afterEffect?: boolean } = {}): this {
    for (let i = 0; i < (opts.count ?? 1); i++) {
      this.faults.push({ rpc, keyspace: opts.keyspace ?? null, error: new VtctldError(rpc, code, details, opts.keyspace ?? null), afterEffect: !!opts.afterEffect });
    }
    return this;
  }

  /** Changes a VSchema behind the deploy's back (like `vtctldclient ApplyVSchema`), rebuilding cells. */
  setVSchema(keyspace: string, vschema: VSchemaJson | null): void {
    this.vschemas.set(keyspace, vschema === null ? null : clone(vschema));
    this.rebuild([...this.srv.keys()]);
  }

  /** The stored VSchema, read without counting as a call. */
  getVSchemaSync(keyspace: string): LiveVSchema | null {
    return this.live(keyspace);
  }

  /** Number of calls of `rpc`. */
  count(rpc: string): number {
    return this.calls.filter((c) => c.split(' ')[0] === rpc).length;
  }

  private enter(rpc: string, keyspace: string | null): QueuedFault | null {
    this.calls.push(keyspace ? `${rpc} ${keyspace}` : rpc);
    this.beforeCall?.(rpc, keyspace);
    const i = this.faults.findIndex((f) => f.rpc === rpc && (f.keyspace === null || f.keyspace === keyspace));
    if (i < 0) return null;
    const [f] = this.faults.splice(i, 1);
    if (!f!.afterEffect) throw f!.error;
    return f!;
  }

  private rebuild(cells: string[]): void {
    for (const c of cells) {
      if (this.staleCells.has(c) || !this.srv.has(c)) continue;
      const all: Record<string, VSchemaJson> = {};
      for (const [k, v] of this.vschemas) all[k] = clone(v ?? {});
      this.srv.set(c, all);
    }
  }

  private live(keyspace: string): LiveVSchema | null {
    const v = this.vschemas.get(keyspace);
    return v ? { vschema: clone(v), unknownFields: [...(this.unknownFields.get(keyspace) ?? [])] } : null;
  }

  async getCellInfoNames(): Promise<string[]> {
    this.enter('GetCellInfoNames', null);
    return [...this.srv.keys()].sort();
  }

  async getKeyspaces(): Promise<string[]> {
    this.enter('GetKeyspaces', null);
    return [...this.vschemas.keys()].sort();
  }

  async findAllShardsInKeyspace(keyspace: string): Promise<ShardInfo[]> {
    this.enter('FindAllShardsInKeyspace', keyspace);
    if (!this.vschemas.has(keyspace)) throw new VtctldError('FindAllShardsInKeyspace', 'UNKNOWN', `node doesn't exist: keyspaces/${keyspace}`, keyspace);
    return [];
  }

  async getVSchema(keyspace: string): Promise<LiveVSchema | null> {
    this.enter('GetVSchema', keyspace);
    return this.live(keyspace);
  }

  /**
   * ApplyVSchema as v24's server.go does it: keyspace must exist, BuildKeyspace (here: `rejections`)
   * and strict unknown vindex params are checked before a dry run returns; then save and rebuild.
   * Dry runs are logged (and faulted) as `ApplyVSchema(dry_run)`, so `count('ApplyVSchema')` counts writes.
   */
  async applyVSchema(req: ApplyVSchemaRequest): Promise<ApplyVSchemaResult> {
    const fault = this.enter(req.dryRun ? 'ApplyVSchema(dry_run)' : 'ApplyVSchema', req.keyspace);
    if (!this.vschemas.has(req.keyspace)) {
      throw new VtctldError('ApplyVSchema', 'UNKNOWN', `keyspace(${req.keyspace}) doesn't exist, check if the keyspace is initialized`, req.keyspace);
    }
    const rejection = this.rejections.get(req.keyspace);
    if (rejection) throw new VtctldError('ApplyVSchema', 'UNKNOWN', `BuildKeyspace(${req.keyspace}): ${rejection}`, req.keyspace);
    const unknown = this.unknownParams.get(req.keyspace) ?? {};
    if (req.strict && Object.keys(unknown).length) {
      throw new VtctldError('ApplyVSchema', 'UNKNOWN', `unknown vindex params: ${Object.entries(unknown).map(([v, p]) => `${v}: ${p.join(', ')}`).join('; ')}`, req.keyspace);
    }
    if (req.dryRun) {
      if (fault) throw fault.error;
      return { vschema: { vschema: clone(req.vschema), unknownFields: [] }, unknownVindexParams: unknown };
    }
    this.vschemas.set(req.keyspace, clone(req.vschema));
    this.unknownFields.delete(req.keyspace);
    if (!req.skipRebuild) this.rebuild(req.cells?.length ? req.cells : [...this.srv.keys()]);
    if (fault) throw fault.error;
    return { vschema: this.live(req.keyspace)!, unknownVindexParams: {} };
  }

  async getSrvVSchemas(cells?: string[]): Promise<Record<string, Record<string, LiveVSchema> | null>> {
    this.enter('GetSrvVSchemas', null);
    const out: Record<string, Record<string, LiveVSchema> | null> = {};
    for (const [c, kss] of this.srv) {
      if (cells?.length && !cells.includes(c)) continue;
      out[c] = Object.fromEntries(Object.entries(kss).map(([k, v]) => [k, { vschema: clone(v), unknownFields: [] }]));
    }
    return out;
  }

  async rebuildVSchemaGraph(cells?: string[]): Promise<void> {
    this.enter('RebuildVSchemaGraph', null);
    this.rebuild(cells?.length ? cells : [...this.srv.keys()]);
  }

  async applySchema(_req: ApplySchemaRequest): Promise<ApplySchemaResult> {
    this.enter('ApplySchema', _req.keyspace);
    throw new VtctldError('ApplySchema', 'UNKNOWN', `keyspace ${_req.keyspace} does not contain any primary tablets`, _req.keyspace);
  }

  async getSchemaMigrations(req: GetSchemaMigrationsRequest): Promise<SchemaMigrationRow[]> {
    this.enter('GetSchemaMigrations', req.keyspace);
    return [];
  }

  async migrationDirective(directive: MigrationDirective, keyspace: string, _uuid: string): Promise<Record<string, number>> {
    this.enter(`${directive[0]!.toUpperCase()}${directive.slice(1)}SchemaMigration`, keyspace);
    return {};
  }

  close(): void {}
}
