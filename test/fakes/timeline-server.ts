/**
 * Plugs a `MigrationTimeline` into the gRPC fake vtctld (test/fakes/fake-vtctld.ts): its topo gets the
 * timeline's keyspace and shards (a primary alias on each shard that has one), and its migration RPC
 * handlers play the timeline, so the real gRPC client (src/vtctld/grpc-client.ts) sees the same
 * per-shard timelines over the wire.
 */
import { VtctldError } from '../../src/vtctld/client.js';
import { FakeRpcError, FakeVtctld, type FakeVtctldHandlers } from './fake-vtctld.js';
import type { MigrationTimeline } from './migration-timeline.js';

async function asRpc<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof VtctldError) throw new FakeRpcError(e.code, e.details);
    throw e;
  }
}

/** The handler overrides that play `timeline`. */
export function timelineHandlers(timeline: MigrationTimeline): FakeVtctldHandlers {
  return {
    applySchema: (req) => asRpc(() => timeline.applySchema(req)),
    getSchemaMigrations: (req) => asRpc(() => timeline.getSchemaMigrations(req)),
    migrationDirective: (d, ks, uuid) => asRpc(() => timeline.migrationDirective(d, ks, uuid)),
  };
}

/** Starts a gRPC fake vtctld on 127.0.0.1 serving `timeline` (stop it with `stop()`). */
export async function startTimelineServer(timeline: MigrationTimeline): Promise<FakeVtctld> {
  const server = await FakeVtctld.start({ handlers: timelineHandlers(timeline) });
  server.addCell('zone1').createKeyspace(timeline.keyspace);
  const shards = await timeline.findAllShardsInKeyspace(timeline.keyspace);
  for (const s of shards) server.createShard(timeline.keyspace, s.name, s.primaryAlias ? { primaryAlias: s.primaryAlias } : {});
  timeline.calls.length = 0;
  return server;
}
