/**
 * The real `VtctldClient`: gRPC to `vtctlservice.Vtctld` with @grpc/grpc-js, messages encoded and
 * decoded with protobufjs from our own proto text. The connection options mirror vtctldclient's
 * (go/vt/vtctl/grpcclientcommon/dial_option.go, go/vt/grpcclient/client_auth_static.go): TLS with
 * `--vtctld_grpc_ca/cert/key/server_name`, static auth sent as `username` / `password` metadata on
 * every call (with or without TLS), a per-call deadline, and a receive limit above vtctld's 16 MiB
 * default `--grpc-max-message-size`.
 */
import * as grpc from '@grpc/grpc-js';
import {
  type ApplySchemaRequest,
  type ApplySchemaResult,
  type ApplyVSchemaRequest,
  type ApplyVSchemaResult,
  type GetSchemaMigrationsRequest,
  type LiveVSchema,
  type MigrationDirective,
  type SchemaMigrationRow,
  type ShardInfo,
  type VtctldClient,
  VtctldError,
} from './client.js';
import {
  applySchemaMessage,
  applySchemaResult,
  getSchemaMigrationsMessage,
  liveVSchemaOfResponse,
  rowsAffected,
  schemaMigrationRow,
  shardsOfResponse,
  srvVSchemasOfResponse,
} from './convert.js';
import { redact, toVtctldError } from './errors.js';
import { ProtoJsonError, jsonToMessage } from './proto-json.js';
import { messageType, vtctldMethods } from './protos.js';
import { vtctldServiceDefinition } from './service.js';

/** Default per-call deadline: 30 s. */
export const DEFAULT_RPC_TIMEOUT_MS = 30_000;
/** Default receive limit: 64 MiB, four times vtctld's default `--grpc-max-message-size` of 16 MiB. */
export const DEFAULT_MAX_RECEIVE_BYTES = 64 * 1024 * 1024;
/** Smallest receive limit we accept: vtctld's own default send limit, 16 MiB. */
export const MIN_MAX_RECEIVE_BYTES = 16 * 1024 * 1024;

/** TLS material (PEM bytes), as vtctldclient's `--vtctld_grpc_ca/cert/key/server_name`. */
export interface VtctldTlsOptions {
  /** CA bundle that signed vtctld's certificate; system roots when absent. */
  ca?: Buffer;
  /** Client certificate (mTLS); needs `key`. */
  cert?: Buffer;
  /** Client private key; needs `cert`. */
  key?: Buffer;
  /** Name to check vtctld's certificate against (`grpc.ssl_target_name_override`). */
  serverName?: string;
}

/** Static auth credentials (`{"Username","Password"}` of `--grpc_auth_static_client_creds`). */
export interface VtctldAuth {
  username: string;
  password: string;
}

/** How to reach vtctld. */
export interface VtctldClientOptions {
  /** `HOST:PORT` of vtctld's gRPC port. */
  address: string;
  /** TLS; plaintext when absent (like vtctldclient without TLS flags). */
  tls?: VtctldTlsOptions | null;
  /** Static auth, sent as `username` / `password` metadata on every call. */
  auth?: VtctldAuth | null;
  /** Deadline of each call in milliseconds (default 30 000). */
  rpcTimeoutMs?: number;
  /** Largest response accepted, in bytes (default 64 MiB, at least 16 MiB). */
  maxReceiveBytes?: number;
}

type Msg = Record<string, unknown>;

const DIRECTIVE_RPC: Record<MigrationDirective, string> = {
  complete: 'CompleteSchemaMigration',
  cancel: 'CancelSchemaMigration',
  retry: 'RetrySchemaMigration',
  launch: 'LaunchSchemaMigration',
  cleanup: 'CleanupSchemaMigration',
};

/**
 * A `VtctldClient` over gRPC. Construction does not connect (grpc-js connects on the first call and
 * reconnects by itself after vtctld restarts). Every method rejects with a `VtctldError` whose text
 * never holds the auth credentials.
 */
export class GrpcVtctldClient implements VtctldClient {
  private readonly client: grpc.Client;
  private readonly methods = vtctldMethods();
  private readonly timeoutMs: number;
  private readonly auth: VtctldAuth | null;
  private readonly secrets: string[];

  /** Throws a plain Error for options that cannot work (bad address, cert without key, limit below 16 MiB). */
  constructor(readonly options: VtctldClientOptions) {
    if (!/^\S+:\d+$/.test(options.address)) throw new Error(`vtctld address must be HOST:PORT, not "${options.address}"`);
    const tls = options.tls ?? null;
    if (tls && !tls.cert !== !tls.key) throw new Error('TLS client certificate and key must be given together');
    const maxReceive = options.maxReceiveBytes ?? DEFAULT_MAX_RECEIVE_BYTES;
    if (maxReceive < MIN_MAX_RECEIVE_BYTES) throw new Error(`receive limit must be at least 16 MiB (vtctld's default), not ${maxReceive} bytes`);
    this.timeoutMs = options.rpcTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    this.auth = options.auth ?? null;
    this.secrets = this.auth ? [this.auth.password, this.auth.username] : [];
    const creds = tls ? grpc.credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null) : grpc.credentials.createInsecure();
    const channelOptions: grpc.ChannelOptions = {
      'grpc.max_receive_message_length': maxReceive,
      // A restarted vtctld is reachable again within a few seconds; grpc-js's default backoff grows to 120 s.
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': 2_000,
      ...(tls?.serverName ? { 'grpc.ssl_target_name_override': tls.serverName, 'grpc.default_authority': tls.serverName } : {}),
    };
    const Ctor = grpc.makeGenericClientConstructor(vtctldServiceDefinition(), 'Vtctld');
    this.client = new Ctor(options.address, creds, channelOptions);
  }

  /** One unary call; resolves with the raw response bytes. */
  private call(rpc: string, request: Msg, keyspace: string | null): Promise<Buffer> {
    const method = this.methods.get(rpc);
    if (!method) return Promise.reject(new VtctldError(rpc, 'UNIMPLEMENTED', `${rpc} is not in vschema-guard's proto`, keyspace));
    const md = new grpc.Metadata();
    if (this.auth) {
      md.set('username', this.auth.username);
      md.set('password', this.auth.password);
    }
    return new Promise((resolve, reject) => {
      try {
        this.client.makeUnaryRequest<Msg, Buffer>(
          method.path,
          (v) => Buffer.from(method.request.encode(v).finish()),
          (b) => b,
          request,
          md,
          { deadline: Date.now() + this.timeoutMs },
          (err, res) => {
            if (err) reject(toVtctldError(rpc, err, keyspace, this.secrets));
            else resolve(res ?? Buffer.alloc(0));
          },
        );
      } catch (e) {
        reject(toVtctldError(rpc, e, keyspace, this.secrets));
      }
    });
  }

  /** Decodes a response with protobufjs, turning a malformed answer into a VtctldError (DATA_LOSS). */
  private decode(rpc: string, bytes: Buffer, keyspace: string | null): Msg {
    try {
      return this.methods.get(rpc)!.response.decode(bytes) as unknown as Msg;
    } catch (e) {
      throw new VtctldError(rpc, 'DATA_LOSS', `cannot decode the response: ${redact((e as Error).message, this.secrets)}`, keyspace);
    }
  }

  /** Wire-level decoding of responses that carry a VSchema; same error mapping as `decode`. */
  private decodeWith<T>(rpc: string, keyspace: string | null, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw new VtctldError(rpc, 'DATA_LOSS', `cannot decode the response: ${(e as Error).message}`, keyspace);
    }
  }

  async getCellInfoNames(): Promise<string[]> {
    const res = this.decode('GetCellInfoNames', await this.call('GetCellInfoNames', {}, null), null);
    return ((res.names ?? []) as string[]).slice().sort();
  }

  async getKeyspaces(): Promise<string[]> {
    const res = this.decode('GetKeyspaces', await this.call('GetKeyspaces', {}, null), null);
    return ((res.keyspaces ?? []) as Msg[]).map((k) => String(k.name)).sort();
  }

  async findAllShardsInKeyspace(keyspace: string): Promise<ShardInfo[]> {
    const rpc = 'FindAllShardsInKeyspace';
    return shardsOfResponse(keyspace, this.decode(rpc, await this.call(rpc, { keyspace }, keyspace), keyspace));
  }

  async getVSchema(keyspace: string): Promise<LiveVSchema | null> {
    let bytes: Buffer;
    try {
      bytes = await this.call('GetVSchema', { keyspace }, keyspace);
    } catch (e) {
      // topo.NoNode: `node doesn't exist: keyspaces/<ks>/VSchema` (go/vt/topo/errors.go).
      if (e instanceof VtctldError && e.notFound && !e.transient) return null;
      throw e;
    }
    return this.decodeWith('GetVSchema', keyspace, () => liveVSchemaOfResponse(bytes));
  }

  async applyVSchema(req: ApplyVSchemaRequest): Promise<ApplyVSchemaResult> {
    const rpc = 'ApplyVSchema';
    let vSchema: Msg;
    try {
      vSchema = jsonToMessage(messageType('vschema.Keyspace'), req.vschema);
    } catch (e) {
      if (e instanceof ProtoJsonError) throw new VtctldError(rpc, 'INVALID_ARGUMENT', `VSchema not sent: ${e.message}`, req.keyspace);
      throw e;
    }
    // v_schema is always set, even to an empty object: vtctld wants exactly one of v_schema and sql
    // (server.go ApplyVSchema), and protobufjs writes a present empty message as field 5 of length 0.
    const request: Msg = {
      keyspace: req.keyspace,
      v_schema: vSchema,
      ...(req.dryRun ? { dry_run: true } : {}),
      ...(req.skipRebuild ? { skip_rebuild: true } : {}),
      ...(req.cells?.length ? { cells: req.cells } : {}),
      ...(req.strict ? { strict: true } : {}),
    };
    const bytes = await this.call(rpc, request, req.keyspace);
    const msg = this.decode(rpc, bytes, req.keyspace);
    const unknownVindexParams: Record<string, string[]> = {};
    for (const [name, list] of Object.entries((msg.unknown_vindex_params ?? {}) as Record<string, Msg>)) {
      unknownVindexParams[name] = ((list.params ?? []) as string[]).slice();
    }
    return { vschema: this.decodeWith(rpc, req.keyspace, () => liveVSchemaOfResponse(bytes)), unknownVindexParams };
  }

  async getSrvVSchemas(cells?: string[]): Promise<Record<string, Record<string, LiveVSchema> | null>> {
    const rpc = 'GetSrvVSchemas';
    const bytes = await this.call(rpc, cells?.length ? { cells } : {}, null);
    return this.decodeWith(rpc, null, () => srvVSchemasOfResponse(bytes));
  }

  async rebuildVSchemaGraph(cells?: string[]): Promise<void> {
    await this.call('RebuildVSchemaGraph', cells?.length ? { cells } : {}, null);
  }

  async applySchema(req: ApplySchemaRequest): Promise<ApplySchemaResult> {
    const rpc = 'ApplySchema';
    return applySchemaResult(this.decode(rpc, await this.call(rpc, applySchemaMessage(req), req.keyspace), req.keyspace));
  }

  async getSchemaMigrations(req: GetSchemaMigrationsRequest): Promise<SchemaMigrationRow[]> {
    const rpc = 'GetSchemaMigrations';
    const res = this.decode(rpc, await this.call(rpc, getSchemaMigrationsMessage(req), req.keyspace), req.keyspace);
    return ((res.migrations ?? []) as Msg[]).map(schemaMigrationRow);
  }

  async migrationDirective(directive: MigrationDirective, keyspace: string, uuid: string): Promise<Record<string, number>> {
    const rpc = DIRECTIVE_RPC[directive];
    if (!rpc) throw new VtctldError(String(directive), 'INVALID_ARGUMENT', `unknown migration directive "${String(directive)}"`, keyspace);
    const res = this.decode(rpc, await this.call(rpc, { keyspace, uuid }, keyspace), keyspace);
    return rowsAffected(res.rows_affected_by_shard);
  }

  close(): void {
    this.client.close();
  }
}

/** A `VtctldClient` for the options (see `GrpcVtctldClient`). */
export function createVtctldClient(options: VtctldClientOptions): VtctldClient {
  return new GrpcVtctldClient(options);
}
