/**
 * An in-process fake vtctld: the same `vtctlservice.Vtctld` service over the same proto
 * (src/vtctld/service.ts), listening on 127.0.0.1:<free port>, for the faults a real vtctld cannot be
 * made to show on demand (UNAVAILABLE bursts, calls slower than the deadline, unknown fields in a
 * live VSchema, a rejected ApplyVSchema on one keyspace, static auth).
 *
 * Its topo follows Vitess v24 (go/vt/vtctl/grpcvtctldserver/server.go, go/vt/topo/): cells,
 * keyspaces, shards with key ranges and primary aliases; each keyspace's VSchema is stored as binary
 * `vschema.Keyspace` bytes (as in the real topo), so raw unknown-field bytes can be injected; each
 * cell's SrvVSchema is rebuilt like `RebuildSrvVSchema` (every keyspace's current VSchema, NoNode =
 * empty, to the listed cells or all). Errors carry vtctld's own texts with gRPC code UNKNOWN, as the
 * real v24 vtctld sends them (confirmed against v24, see README "Vitess facts confirmed against v24").
 *
 * Migration RPCs are pluggable (`handlers`); by default they behave like a vtctld with no tablets.
 */
import * as grpc from '@grpc/grpc-js';
import type {
  ApplySchemaRequest,
  ApplySchemaResult,
  GetSchemaMigrationsRequest,
  MigrationDirective,
  SchemaMigrationRow,
  VSchemaJson,
} from '../../src/vtctld/client.js';
import { decodeLiveVSchema } from '../../src/vtctld/convert.js';
import { GRPC_STATUS_NAMES } from '../../src/vtctld/errors.js';
import { jsonToMessage, messageToJson } from '../../src/vtctld/proto-json.js';
import { messageType } from '../../src/vtctld/protos.js';
import { vtctldServiceDefinition } from '../../src/vtctld/service.js';
import {
  applySchemaRequestOf,
  concat,
  getSchemaMigrationsRequestOf,
  lengthField,
  mapEntryField,
  schemaMigrationMessage,
  tabletAliasMessage,
} from './fake-wire.js';

type Msg = Record<string, unknown>;

/** A failure a handler or a hook raises: a gRPC status name and vtctld's text. */
export class FakeRpcError extends Error {
  constructor(
    readonly code: string,
    readonly details: string,
  ) {
    super(`${code}: ${details}`);
    this.name = 'FakeRpcError';
  }
}

/** Overrides for the RPCs that need tablets (Online DDL), typed over the client's request/result types. */
export interface FakeVtctldHandlers {
  /** `ApplySchema`; throw `FakeRpcError` to fail. Default: no primaries (Vitess's tablet_executor.go texts). */
  applySchema?(req: ApplySchemaRequest, fake: FakeVtctld): ApplySchemaResult | Promise<ApplySchemaResult>;
  /** `GetSchemaMigrations`. Default: [] (no primaries to ask). */
  getSchemaMigrations?(req: GetSchemaMigrationsRequest, fake: FakeVtctld): SchemaMigrationRow[] | Promise<SchemaMigrationRow[]>;
  /** The directive RPCs; rows affected by shard. Default: like ApplySchema with no primaries. */
  migrationDirective?(
    directive: MigrationDirective,
    keyspace: string,
    uuid: string,
    fake: FakeVtctld,
  ): Record<string, number> | Promise<Record<string, number>>;
  /**
   * vindexes.BuildKeyspace stand-in: return Vitess's error text to reject an ApplyVSchema (sent as
   * `BuildKeyspace(<ks>): <text>`), or null. Default: accept everything.
   */
  buildKeyspace?(keyspace: string, vschema: VSchemaJson): string | null;
  /** Unknown vindex params by vindex name (ApplyVSchemaResponse.unknown_vindex_params; strict rejects them). */
  unknownVindexParams?(keyspace: string, vschema: VSchemaJson): Record<string, string[]>;
}

/** Options of `FakeVtctld.start`. */
export interface FakeVtctldOptions {
  handlers?: FakeVtctldHandlers;
  /** Require static auth (`--grpc-auth-mode static`): these credentials in `username`/`password` metadata. */
  auth?: { username: string; password: string };
  /** Serve TLS with this key/cert (PEM); `ca` also requires client certificates. */
  tls?: { key: Buffer; cert: Buffer; ca?: Buffer };
  /** Port to listen on (default 0: a free one). */
  port?: number;
  /** Global topo root used in NoNode texts (default `/vitess/global`). */
  globalRoot?: string;
}

/** One call the fake received. */
export interface FakeCall {
  rpc: string;
  /** The request as JSON (proto names, defaults omitted). */
  request: Msg;
  /** Request metadata (lower-case keys; the auth password is kept so tests can check it was sent). */
  metadata: Record<string, string>;
  /** Outcome: `OK` or the status name sent. */
  status: string;
}

interface ShardRecord {
  keyRange: { start: string; end: string } | null;
  primaryAlias: string | null;
  isPrimaryServing: boolean;
}

interface KeyspaceRecord {
  shards: Map<string, ShardRecord>;
  /** Binary vschema.Keyspace, or null when there is no VSchema node. */
  vschema: Uint8Array | null;
}

interface Fault {
  rpc: string;
  remaining: number;
  code?: string;
  details?: string;
  delayMs?: number;
}

const CODE_NUMBER = new Map(GRPC_STATUS_NAMES.map((n, i) => [n, i]));
/** What v24's RebuildSrvVSchema writes after the keyspaces: empty routing_rules (2), shard_routing_rules (3), mirror_rules (5). */
const EMPTY_RULES = concat(lengthField(2, new Uint8Array()), lengthField(3, new Uint8Array()), lengthField(5, new Uint8Array()));

/** `-80` / `80-` / `40-80` → hex key range (`0` and `-` = whole range = null), as topo's ParseShardName. */
export function keyRangeOfShard(shard: string): { start: string; end: string } | null {
  if (!shard.includes('-')) return null;
  const [start, end] = shard.split('-');
  if (start === '' && end === '') return null;
  return { start: start!, end: end! };
}

/** The fake vtctld server (see the module comment). Start with `FakeVtctld.start()`, stop with `stop()`. */
export class FakeVtctld {
  /** `127.0.0.1:<port>`. */
  address = '';
  port = 0;
  /** Every call, in arrival order. */
  readonly calls: FakeCall[] = [];
  readonly cells = new Set<string>();
  readonly keyspaces = new Map<string, KeyspaceRecord>();
  /** Cell → keyspace → VSchema bytes; a cell without an entry has no SrvVSchema node. */
  readonly srvVSchemas = new Map<string, Map<string, Uint8Array>>();
  private server: grpc.Server | null = null;
  private faults: Fault[] = [];
  private applyFailures = new Map<string, { code: string; text: string; remaining: number }>();
  private readonly globalRoot: string;

  private constructor(readonly options: FakeVtctldOptions) {
    this.globalRoot = options.globalRoot ?? '/vitess/global';
  }

  /** Starts a fake on 127.0.0.1 (a free port unless `options.port`). */
  static async start(options: FakeVtctldOptions = {}): Promise<FakeVtctld> {
    const fake = new FakeVtctld(options);
    await fake.listen(options.port ?? 0);
    return fake;
  }

  private listen(port: number): Promise<void> {
    const server = new grpc.Server();
    const impl: grpc.UntypedServiceImplementation = {};
    for (const name of Object.keys(vtctldServiceDefinition())) {
      impl[name] = (call: grpc.ServerUnaryCall<Msg, unknown>, cb: grpc.sendUnaryData<unknown>) => void this.dispatch(name, call, cb);
    }
    server.addService(vtctldServiceDefinition(), impl);
    const tls = this.options.tls;
    const creds = tls
      ? grpc.ServerCredentials.createSsl(tls.ca ?? null, [{ private_key: tls.key, cert_chain: tls.cert }], !!tls.ca)
      : grpc.ServerCredentials.createInsecure();
    return new Promise((resolve, reject) => {
      server.bindAsync(`127.0.0.1:${port}`, creds, (err, bound) => {
        if (err) return reject(err);
        this.server = server;
        this.port = bound;
        this.address = `127.0.0.1:${bound}`;
        resolve();
      });
    });
  }

  /** Stops serving at once (open calls fail UNAVAILABLE). */
  async stop(): Promise<void> {
    this.server?.forceShutdown();
    this.server = null;
  }

  /** Stops, stays down `downMs`, then listens again on the same port with the same topo (a vtctld restart). */
  async restart(downMs = 0): Promise<void> {
    await this.stop();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.listen(this.port);
  }

  // ---- topo set-up -------------------------------------------------------------------------------

  /** AddCellInfo. */
  addCell(name: string): this {
    this.cells.add(name);
    return this;
  }

  /** CreateKeyspace: writes an empty VSchema (unless `allowEmptyVSchema`) and rebuilds SrvVSchema in all cells. */
  createKeyspace(name: string, opts: { allowEmptyVSchema?: boolean } = {}): this {
    if (this.keyspaces.has(name)) throw new FakeRpcError('UNKNOWN', `node already exists: ${this.globalRoot}/keyspaces/${name}/Keyspace`);
    this.keyspaces.set(name, { shards: new Map(), vschema: opts.allowEmptyVSchema ? null : new Uint8Array() });
    this.rebuildSrvVSchema();
    return this;
  }

  /** CreateShard (`0`, `-80`, `80-` …), optionally with a primary tablet alias (`zone1-0000000100`). */
  createShard(keyspace: string, shard: string, opts: { primaryAlias?: string } = {}): this {
    const ks = this.mustKeyspace(keyspace);
    ks.shards.set(shard, { keyRange: keyRangeOfShard(shard), primaryAlias: opts.primaryAlias ?? null, isPrimaryServing: true });
    return this;
  }

  /** Writes a keyspace's VSchema in the global topo only (no SrvVSchema rebuild), as a change behind our back. */
  setVSchema(keyspace: string, vschema: VSchemaJson): this {
    const type = messageType('vschema.Keyspace');
    this.mustKeyspace(keyspace).vschema = type.encode(jsonToMessage(type, vschema)).finish();
    return this;
  }

  /** Writes raw `vschema.Keyspace` bytes (may hold fields our proto does not declare). */
  setRawVSchema(keyspace: string, bytes: Uint8Array): this {
    this.mustKeyspace(keyspace).vschema = bytes;
    return this;
  }

  /** Appends raw encoded fields (e.g. an unknown field 6) to a keyspace's stored VSchema bytes. */
  injectVSchemaBytes(keyspace: string, bytes: Uint8Array): this {
    const ks = this.mustKeyspace(keyspace);
    ks.vschema = concat(ks.vschema ?? new Uint8Array(), bytes);
    return this;
  }

  /** Removes a keyspace's VSchema node (GetVSchema then fails NoNode). */
  deleteVSchema(keyspace: string): this {
    this.mustKeyspace(keyspace).vschema = null;
    return this;
  }

  /** The stored VSchema as JSON (null without a node). */
  vschemaOf(keyspace: string): VSchemaJson | null {
    const b = this.mustKeyspace(keyspace).vschema;
    return b ? decodeLiveVSchema(b).vschema : null;
  }

  /** The SrvVSchema of a cell: keyspace → VSchema JSON (null without a node). */
  srvVSchemaOf(cell: string): Record<string, VSchemaJson> | null {
    const srv = this.srvVSchemas.get(cell);
    if (!srv) return null;
    return Object.fromEntries([...srv].map(([ks, b]) => [ks, decodeLiveVSchema(b).vschema]));
  }

  /** DeleteSrvVSchema. */
  deleteSrvVSchema(cell: string): this {
    this.srvVSchemas.delete(cell);
    return this;
  }

  /**
   * topo.RebuildSrvVSchema (go/vt/topo/srv_vschema.go): every keyspace's current VSchema (NoNode =
   * empty) into the SrvVSchema of each listed known cell, or of all cells when none are listed.
   */
  rebuildSrvVSchema(cells: string[] = []): void {
    const targets = cells.length ? cells.filter((c) => this.cells.has(c)) : [...this.cells];
    for (const cell of targets) {
      this.srvVSchemas.set(cell, new Map([...this.keyspaces].map(([name, ks]) => [name, ks.vschema ?? new Uint8Array()])));
    }
  }

  // ---- fault injection ---------------------------------------------------------------------------

  /** The next `n` calls of `rpc` (`*` = any) fail with status `code` and `details`. */
  failNext(rpc: string, n: number, code = 'UNAVAILABLE', details = 'fake vtctld: injected failure'): this {
    this.faults.push({ rpc, remaining: n, code, details });
    return this;
  }

  /** The next `n` calls of `rpc` (`*` = any) are answered only after `ms` (past a client deadline, if longer). */
  delayNext(rpc: string, n: number, ms: number): this {
    this.faults.push({ rpc, remaining: n, delayMs: ms });
    return this;
  }

  /** ApplyVSchema for `keyspace` fails with `text` (vtctld's wording), `times` times (default: always). */
  failApplyVSchema(keyspace: string, text: string, code = 'UNKNOWN', times = Infinity): this {
    this.applyFailures.set(keyspace, { code, text, remaining: times });
    return this;
  }

  /** Removes every injected fault. */
  clearFaults(): this {
    this.faults = [];
    this.applyFailures.clear();
    return this;
  }

  /** Calls of `rpc` received so far. */
  callsOf(rpc: string): FakeCall[] {
    return this.calls.filter((c) => c.rpc === rpc);
  }

  // ---- dispatch ----------------------------------------------------------------------------------

  private mustKeyspace(name: string): KeyspaceRecord {
    const ks = this.keyspaces.get(name);
    if (!ks) throw new FakeRpcError('UNKNOWN', `node doesn't exist: ${this.globalRoot}/keyspaces/${name}/Keyspace`);
    return ks;
  }

  private async dispatch(rpc: string, call: grpc.ServerUnaryCall<Msg, unknown>, cb: grpc.sendUnaryData<unknown>): Promise<void> {
    const request = messageToJson(messageType(`vtctldata.${rpc}Request`), call.request) as Msg;
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.metadata.getMap())) metadata[k] = String(v);
    const record: FakeCall = { rpc, request, metadata, status: 'OK' };
    this.calls.push(record);
    const fail = (code: string, details: string): void => {
      record.status = code;
      cb({ code: CODE_NUMBER.get(code) ?? grpc.status.UNKNOWN, details } as grpc.ServiceError, null);
    };
    try {
      if (this.options.auth) {
        const { username, password } = this.options.auth;
        // go/vt/servenv/grpc_server_auth_static.go
        if (!metadata.username || metadata.password === undefined) return fail('UNAUTHENTICATED', 'username and password must be provided');
        if (metadata.username !== username || metadata.password !== password) {
          return fail('PERMISSION_DENIED', `auth failure: caller "${metadata.username}" provided invalid credentials`);
        }
      }
      const fault = this.faults.find((f) => (f.rpc === rpc || f.rpc === '*') && f.remaining > 0);
      if (fault) {
        fault.remaining--;
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault.code) return fail(fault.code, fault.details ?? '');
      }
      const res = await this.handle(rpc, call.request);
      cb(null, res);
    } catch (e) {
      if (e instanceof FakeRpcError) return fail(e.code, e.details);
      fail('INTERNAL', `fake vtctld: ${(e as Error).stack ?? String(e)}`);
    }
  }

  private keyspaceResponse(name: string): Msg {
    return { name, keyspace: { durability_policy: 'none', sidecar_db_name: '_vt' } };
  }

  private async handle(rpc: string, req: Msg): Promise<Msg | Buffer> {
    const h = this.options.handlers ?? {};
    switch (rpc) {
      case 'AddCellInfo':
        this.addCell(String(req.name));
        return {};
      case 'CreateKeyspace':
        this.createKeyspace(String(req.name), { allowEmptyVSchema: req.allow_empty_v_schema === true });
        return { keyspace: this.keyspaceResponse(String(req.name)) };
      case 'CreateShard': {
        const ks = String(req.keyspace);
        const existed = this.mustKeyspace(ks).shards.has(String(req.shard_name));
        if (!existed) this.createShard(ks, String(req.shard_name));
        return { keyspace: this.keyspaceResponse(ks), shard: this.shardMessage(ks, String(req.shard_name)), shard_already_exists: existed };
      }
      case 'GetCellInfoNames':
        return { names: [...this.cells].sort() };
      case 'GetKeyspace':
        this.mustKeyspace(String(req.keyspace));
        return { keyspace: this.keyspaceResponse(String(req.keyspace)) };
      case 'GetKeyspaces':
        return { keyspaces: [...this.keyspaces.keys()].sort().map((k) => this.keyspaceResponse(k)) };
      case 'FindAllShardsInKeyspace': {
        const name = String(req.keyspace);
        const ks = this.keyspaces.get(name);
        if (!ks) throw new FakeRpcError('UNKNOWN', `FindAllShardsInKeyspace(${name}): List: node doesn't exist: ${this.globalRoot}/keyspaces/${name}/shards`);
        return { shards: Object.fromEntries([...ks.shards.keys()].map((s) => [s, this.shardMessage(name, s)])) };
      }
      case 'GetVSchema': {
        const name = String(req.keyspace);
        const vs = this.keyspaces.get(name)?.vschema;
        if (!vs) throw new FakeRpcError('UNKNOWN', `node doesn't exist: ${this.globalRoot}/keyspaces/${name}/VSchema`);
        return concat(lengthField(1, vs));
      }
      case 'ApplyVSchema':
        return this.applyVSchema(req);
      case 'GetSrvVSchemas': {
        const wanted = (req.cells ?? []) as string[];
        const cells = [...this.cells].filter((c) => !wanted.length || wanted.includes(c)).sort();
        return concat(
          ...cells.map((cell) => {
            const srv = this.srvVSchemas.get(cell);
            if (!srv) return mapEntryField(1, cell, new Uint8Array()); // v24 vtctld: a nil SrvVSchema arrives as an empty value
            const body = concat(...[...srv].map(([ks, b]) => mapEntryField(1, ks, b)), EMPTY_RULES);
            return mapEntryField(1, cell, body);
          }),
        );
      }
      case 'RebuildVSchemaGraph':
        this.rebuildSrvVSchema((req.cells ?? []) as string[]);
        return {};
      case 'ApplySchema': {
        const typed = applySchemaRequestOf(req);
        if (h.applySchema) {
          const r = await h.applySchema(typed, this);
          return { uuid_list: r.uuidList, rows_affected_by_shard: r.rowsAffectedByShard };
        }
        this.noPrimaries(typed.keyspace);
        return {};
      }
      case 'GetSchemaMigrations': {
        const typed = getSchemaMigrationsRequestOf(req);
        const rows = h.getSchemaMigrations ? await h.getSchemaMigrations(typed, this) : [];
        return { migrations: rows.map(schemaMigrationMessage) };
      }
      case 'CompleteSchemaMigration':
      case 'CancelSchemaMigration':
      case 'RetrySchemaMigration':
      case 'LaunchSchemaMigration':
      case 'CleanupSchemaMigration': {
        const directive = rpc.replace('SchemaMigration', '').toLowerCase() as MigrationDirective;
        const ks = String(req.keyspace ?? '');
        if (h.migrationDirective) return { rows_affected_by_shard: await h.migrationDirective(directive, ks, String(req.uuid ?? ''), this) };
        this.noPrimaries(ks);
        return {};
      }
      default:
        throw new FakeRpcError('UNIMPLEMENTED', `unknown method ${rpc} for service vtctlservice.Vtctld`);
    }
  }

  /** Vitess's tablet_executor.go preconditions with no tablets. */
  private noPrimaries(keyspace: string): never {
    const ks = this.keyspaces.get(keyspace);
    const shards = ks ? [...ks.shards.keys()].sort() : [];
    if (shards.length === 0) throw new FakeRpcError('UNKNOWN', `keyspace: ${keyspace} does not contain any primary tablets`);
    throw new FakeRpcError('UNKNOWN', `shard: ${shards[0]} does not have a primary`);
  }

  private shardMessage(keyspace: string, shard: string): Msg {
    const s = this.mustKeyspace(keyspace).shards.get(shard)!;
    return {
      keyspace,
      name: shard,
      shard: {
        ...(s.keyRange ? { key_range: { start: Buffer.from(s.keyRange.start, 'hex'), end: Buffer.from(s.keyRange.end, 'hex') } } : {}),
        ...(s.primaryAlias ? { primary_alias: tabletAliasMessage(s.primaryAlias) } : {}),
        is_primary_serving: s.isPrimaryServing,
      },
    };
  }

  /** server.go ApplyVSchema (v24), JSON mode. */
  private applyVSchema(req: Msg): Buffer {
    const name = String(req.keyspace ?? '');
    const ks = this.keyspaces.get(name);
    if (!ks) {
      throw new FakeRpcError(
        'UNKNOWN',
        `keyspace(${name}) doesn't exist, check if the keyspace is initialized: node doesn't exist: ${this.globalRoot}/keyspaces/${name}/Keyspace`,
      );
    }
    const hasVSchema = Object.prototype.hasOwnProperty.call(req, 'v_schema') && req.v_schema !== null;
    if (hasVSchema === !!req.sql) throw new FakeRpcError('UNKNOWN', 'must pass exactly one of req.VSchema and req.Sql');
    if (req.sql) throw new FakeRpcError('UNIMPLEMENTED', 'fake vtctld: ApplyVSchema sql mode is not supported');
    const type = messageType('vschema.Keyspace');
    const vschema = messageToJson(type, req.v_schema as Msg) as VSchemaJson;
    const failure = this.applyFailures.get(name);
    if (failure && failure.remaining > 0) {
      failure.remaining--;
      throw new FakeRpcError(failure.code, failure.text);
    }
    const buildError = this.options.handlers?.buildKeyspace?.(name, vschema) ?? null;
    if (buildError) throw new FakeRpcError('UNKNOWN', `BuildKeyspace(${name}): ${buildError}`);
    const unknown = this.options.handlers?.unknownVindexParams?.(name, vschema) ?? {};
    const unknownList = Object.keys(unknown)
      .sort()
      .filter((v) => unknown[v]!.length)
      .map((v) => `${v} (${unknown[v]!.join(', ')})`);
    if (req.strict === true && unknownList.length) throw new FakeRpcError('UNKNOWN', `unknown vindex params: ${unknownList.join('; ')}`);
    const bytes = type.encode(jsonToMessage(type, vschema)).finish();
    const params = concat(
      ...Object.entries(unknown)
        .filter(([, p]) => p.length)
        .map(([v, p]) => mapEntryField(2, v, messageType('vtctldata.ApplyVSchemaResponse.ParamList').encode({ params: p }).finish())),
    );
    if (req.dry_run === true) return concat(lengthField(1, bytes), params);
    ks.vschema = bytes;
    if (req.skip_rebuild !== true) this.rebuildSrvVSchema((req.cells ?? []) as string[]);
    return concat(lengthField(1, ks.vschema), params);
  }
}
