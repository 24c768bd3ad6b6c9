/** Building clusters and keyspaces for the deploy tests from inline VSchema JSON. */
import { loadClusters, mergeClusters } from '../../src/vschema/load.js';
import type { Cluster, KeyspaceDef } from '../../src/vschema/model.js';
import type { ApplyVSchemaRequest, VSchemaJson, VtctldClient } from '../../src/vtctld/client.js';

/** One cluster from keyspace name → VSchema JSON (as single-keyspace files `<ks>.json`). */
export function cluster(keyspaces: Record<string, VSchemaJson>, label = 'test'): Cluster {
  const loaded = loadClusters(
    Object.entries(keyspaces).map(([k, v]) => ({ path: `${k}.json`, text: JSON.stringify(v, null, 2) })),
    { keyspaceNameFor: (p) => p.replace(/\.json$/, '') },
  );
  return mergeClusters(loaded.clusters, label);
}

/** One keyspace definition. */
export function keyspace(name: string, v: VSchemaJson): KeyspaceDef {
  return cluster({ [name]: v }).keyspaces.get(name)!;
}

/** A small three-keyspace cluster: `lookup` (unsharded: sequence + lookup table), `customer` and `corder` (sharded, using both). */
export const V1: Record<string, VSchemaJson> = {
  lookup: { tables: { customer_seq: { type: 'sequence' }, corder_lookup: {} } },
  customer: {
    sharded: true,
    vindexes: { hash: { type: 'hash' } },
    tables: { customer: { column_vindexes: [{ column: 'customer_id', name: 'hash' }], auto_increment: { column: 'customer_id', sequence: 'lookup.customer_seq' } } },
  },
  corder: {
    sharded: true,
    vindexes: {
      hash: { type: 'hash' },
      corder_lookup: { type: 'consistent_lookup_unique', params: { table: 'lookup.corder_lookup', from: 'order_id', to: 'keyspace_id' }, owner: 'corder' },
    },
    tables: { corder: { column_vindexes: [{ column: 'customer_id', name: 'hash' }, { column: 'order_id', name: 'corder_lookup' }] } },
  },
};

/** V1 with a change in every keyspace (a new table each; nothing breaking). */
export const V2: Record<string, VSchemaJson> = {
  lookup: { tables: { ...(V1.lookup!.tables as object), product_seq: { type: 'sequence' } } },
  customer: { ...V1.customer!, tables: { ...(V1.customer!.tables as object), customer_note: { column_vindexes: [{ column: 'customer_id', name: 'hash' }] } } },
  corder: { ...V1.corder!, tables: { ...(V1.corder!.tables as object), corder_item: { column_vindexes: [{ column: 'customer_id', name: 'hash' }] } } },
};

/** A client that runs `after` once, after the first real (not dry-run) ApplyVSchema returns. */
export function afterFirstWrite(client: VtctldClient, after: () => void): VtctldClient {
  let done = false;
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'applyVSchema') return Reflect.get(target, prop, receiver);
      return async (req: ApplyVSchemaRequest) => {
        const res = await target.applyVSchema(req);
        if (!req.dryRun && !done) {
          done = true;
          after();
        }
        return res;
      };
    },
  });
}
