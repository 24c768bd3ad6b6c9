/**
 * `npm run bench:deploy`: times a 3-keyspace deploy, its no-op re-run and its rollback against a real
 * Vitess v24 control plane (test/vitess/harness.ts: etcd + vtctld, two cells, no tablets), 5 rounds.
 * Needs the binaries of test/vitess/build.sh (built on first use).
 */
import { buildVitess, startVitess } from '../vitess/harness.js';
import { GrpcVtctldClient } from '../../src/vtctld/grpc-client.js';
import { runDeploy } from '../../src/deploy/run-deploy.js';
import { runRollback } from '../../src/deploy/run-rollback.js';
import { V1, V2, cluster } from '../deploy/helpers.js';
if (!process.env.VG_VITESS_BIN) process.env.VG_VITESS_BIN = await buildVitess();
const vt = await startVitess({ keyspaces: { lookup: ['0'], customer: ['-80', '80-'], corder: ['-80', '80-'] } });
const client = new GrpcVtctldClient({ address: vt.vtctldAddress, rpcTimeoutMs: 5000 });
try {
  for (const [k, v] of Object.entries(V1)) await vt.vtctldclient(['ApplyVSchema', '--vschema', JSON.stringify(v), k]);
  const rows: string[] = [];
  for (let i = 0; i < 5; i++) {
    const base = { deployId: 'm@1', version: '0', vtctld: vt.vtctldAddress, base: { source: 'b', cluster: cluster(V1) }, head: { source: 'h', cluster: cluster(V2), findings: [] }, dryRun: false, allowDrift: false, client, now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), log: () => {} };
    let t = performance.now();
    const d = await runDeploy(base);
    const deployMs = performance.now() - t;
    t = performance.now();
    const again = await runDeploy(base);
    const rerunMs = performance.now() - t;
    t = performance.now();
    const rb = await runRollback({ deploy: d.record, recordSource: 'x', version: '0', vtctld: vt.vtctldAddress, dryRun: false, client, now: () => Date.now(), sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms)), log: () => {} });
    const rbMs = performance.now() - t;
    rows.push(`${d.record.outcome} ${deployMs.toFixed(0)} ms (${d.record.steps.length} RPCs) | ${again.record.outcome} ${rerunMs.toFixed(0)} ms (${again.record.steps.length} RPCs) | ${rb.record.outcome} ${rbMs.toFixed(0)} ms (${rb.record.steps.length} RPCs)`);
  }
  console.log(`node ${process.version}; per round: deploy | re-run | rollback (wall time, RPCs)`);
  console.log(rows.join('\n'));
} finally {
  client.close();
  await vt.stop();
}
