/**
 * `npm run vitess:up`: starts the test harness's Vitess control plane (etcd + vtctld + vtgate, cells
 * zone1/zone2, keyspaces commerce/0 and customer/-80,80-) for trying vschema-guard by hand, prints the
 * endpoints, and stops everything on Ctrl-C (SIGINT) or SIGTERM.
 *
 *   VG_KEYSPACES='commerce:0;customer:-80,80-'  keyspaces and shards to create instead of the default
 */
import { DEFAULT_KEYSPACES, startVitess } from './harness.js';

function keyspacesFromEnv(spec: string | undefined): Record<string, string[]> {
  if (!spec) return Object.fromEntries(Object.entries(DEFAULT_KEYSPACES).map(([k, v]) => [k, [...v]]));
  const out: Record<string, string[]> = {};
  for (const part of spec.split(';').filter(Boolean)) {
    const [ks, shards] = part.split(':');
    if (!ks || !shards) throw new Error(`VG_KEYSPACES: expected keyspace:shard,shard;… not "${part}"`);
    out[ks] = shards.split(',');
  }
  return out;
}

const vt = await startVitess({ keyspaces: keyspacesFromEnv(process.env.VG_KEYSPACES) });
console.log(`vtctld gRPC   ${vt.vtctldAddress}   (vschema-guard deploy --vtctld ${vt.vtctldAddress} …)
vtctld HTTP   ${vt.vtctldHttp}
vtgate HTTP   ${vt.vtgateHttp ?? '(not built)'}   (--vtgate-http ${vt.vtgateHttp ?? ''})
etcd          ${vt.etcdAddress}
cells         ${vt.cells.join(', ')}
vtctldclient  ${vt.binDir}/vtctldclient --server ${vt.vtctldAddress} GetVSchema customer
data and logs ${vt.dataDir}
Ctrl-C stops everything.`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await vt.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
