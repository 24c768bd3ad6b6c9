/**
 * A real Vitess control plane for integration tests: etcd (Debian etcd-server) + vtctld (+ one vtgate)
 * built from vitess.io/vitess v0.24.x by test/vitess/build.sh, on free 127.0.0.1 ports with a temp
 * data dir, two cells (zone1, zone2) added before the fixture keyspaces and shards. No MySQL, no
 * tablets (shared spec vitess-deploy.md §4).
 *
 * Vitess servers refuse to run as root (go/vt/servenv/servenv_unix.go: "running this as root makes no
 * sense"): as root, vtctld and vtgate run as `nobody` from hard links of the binaries in a
 * world-readable folder. Every process runs in its own process group and is stopped with it.
 *
 * Use: `const vt = await startVitess(); … await vt.stop();` (see the VitessCluster members).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GrpcVtctldClient } from '../../src/vtctld/grpc-client.js';

/** Version the tests build and run (test/vitess/build.sh). */
export const VITESS_VERSION = process.env.VG_VITESS_VERSION ?? 'v0.24.4';
const HERE = import.meta.dirname;
/** The binaries the harness needs; vtgate is optional (started when present). */
const REQUIRED = ['vtctld', 'vtctldclient'];
const NOBODY = 65534;

/** Fixture keyspaces → shard names created by default. */
export const DEFAULT_KEYSPACES: Readonly<Record<string, readonly string[]>> = { commerce: ['0'], customer: ['-80', '80-'] };
/** The two cells, added before any keyspace. */
export const CELLS = ['zone1', 'zone2'] as const;

/** Options of `startVitess`. */
export interface StartVitessOptions {
  /** Keyspace → shards to create (default DEFAULT_KEYSPACES). */
  keyspaces?: Record<string, readonly string[]>;
  /** Start one vtgate in zone1 when its binary is built (default true). */
  vtgate?: boolean;
  /** Run vtctld with `--grpc-auth-mode static` and these credentials. */
  auth?: { username: string; password: string };
  /**
   * Serve vtctld's gRPC over TLS (`--grpc-cert/--grpc-key`; with `clientCa`, `--grpc-ca` also requires
   * client certificates). PEM file paths; vtctldclient and the readiness probe use `ca`, `serverName`
   * and the client pair.
   */
  tls?: { cert: string; key: string; ca: string; serverName: string; clientCa?: string; clientCert?: string; clientKey?: string };
}

/** Result of one vtctldclient run. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A running cluster. */
export interface VitessCluster {
  /** vtctld gRPC `127.0.0.1:<port>`. */
  vtctldAddress: string;
  /** vtctld HTTP base URL. */
  vtctldHttp: string;
  /** etcd client address `127.0.0.1:<port>`. */
  etcdAddress: string;
  /** vtgate HTTP base URL (`/debug/vschema`), or null when vtgate is not built or not asked for. */
  vtgateHttp: string | null;
  /** Cells: zone1, zone2. */
  cells: readonly string[];
  /** Temp folder with data and logs (removed by stop()). */
  dataDir: string;
  /** The folder the Vitess binaries run from. */
  binDir: string;
  /** Runs vtctldclient against this vtctld (with the static auth creds when the cluster has auth). */
  vtctldclient(args: string[]): Promise<CommandResult>;
  /** Stops vtctld (SIGTERM to its process group, SIGKILL after 5 s; `kill` = SIGKILL at once). */
  stopVtctld(opts?: { kill?: boolean }): Promise<void>;
  /** Starts vtctld again on the same ports and waits until it answers. */
  startVtctld(): Promise<void>;
  /** stopVtctld, wait `downMs`, startVtctld. */
  restartVtctld(downMs?: number, opts?: { kill?: boolean }): Promise<void>;
  /** Freezes etcd (SIGSTOP to its process group): the topo stops answering, vtctld's calls hang. */
  pauseEtcd(): void;
  /** Thaws etcd (SIGCONT). */
  resumeEtcd(): void;
  /** Last lines of a process log (`etcd`, `vtctld`, `vtgate`), for failure messages. */
  logTail(name: 'etcd' | 'vtctld' | 'vtgate', lines?: number): string;
  /** Stops everything and removes the data dir. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound and released; the OS does not hand it out again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs test/vitess/build.sh (installs etcd-server, builds the missing binaries; the script holds a
 * lock, so a build already running is waited for, never duplicated) and returns the cache bin folder.
 * Throws with the script's output when the build fails (e.g. no Go).
 */
export function buildVitess(): Promise<string> {
  return new Promise((resolve, reject) => {
    // Beside this module, or (when bundled into .vg-tmp/ by `npm run vitess:up`) under the repository root.
    const script = [path.join(HERE, 'build.sh'), path.resolve('test/vitess/build.sh')].find((p) => fs.existsSync(p))!;
    execFile('bash', [script], { maxBuffer: 64 * 1024 * 1024, timeout: 3_600_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`test/vitess/build.sh failed (${err.message}):\n${stderr.slice(-4000)}`));
      const cache = stdout.trim().split('\n').pop()!;
      const bin = path.join(cache, 'bin');
      const missing = REQUIRED.filter((b) => !fs.existsSync(path.join(bin, b)));
      if (missing.length) return reject(new Error(`build.sh finished but ${missing.join(', ')} missing in ${bin}`));
      resolve(bin);
    });
  });
}

/** A folder the servers can execute from: the cache itself, or (as root) world-readable hard links / copies. */
function runnableBinDir(bin: string): string {
  if (process.getuid?.() !== 0) return bin;
  const dir = path.join(os.tmpdir(), `vschema-guard-vitess-${VITESS_VERSION}-bin`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  for (const b of ['vtctld', 'vtctldclient', 'vtgate']) {
    const src = path.join(bin, b);
    const dst = path.join(dir, b);
    if (!fs.existsSync(src)) continue;
    const same = fs.existsSync(dst) && fs.statSync(dst).ino === fs.statSync(src).ino;
    if (same) continue;
    fs.rmSync(dst, { force: true });
    try {
      fs.linkSync(src, dst);
    } catch {
      fs.copyFileSync(src, dst);
    }
    fs.chmodSync(dst, 0o755);
  }
  return dir;
}

interface Proc {
  child: ChildProcess;
  log: string;
  exited: Promise<void>;
}

function startProc(cmd: string, args: string[], log: string, asNobody: boolean): Proc {
  const fd = fs.openSync(log, 'a');
  const child = spawn(cmd, args, {
    detached: true, // own process group: stopped as a group
    stdio: ['ignore', fd, fd],
    ...(asNobody && process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  fs.closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, log, exited };
}

async function stopProc(p: Proc | null, kill = false): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-p.child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGCONT'); // a paused process would not act on SIGTERM
  signal(kill ? 'SIGKILL' : 'SIGTERM');
  const done = await Promise.race([p.exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!done) {
    signal('SIGKILL');
    await p.exited;
  }
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitFor<T>(what: string, fn: () => Promise<T | null>, ms: number, proc: Proc | null): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown = null;
  while (Date.now() < end) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${tail(proc.log)}`);
    }
    try {
      const v = await fn();
      if (v !== null) return v;
    } catch (e) {
      last = e;
    }
    await sleep(150);
  }
  throw new Error(`${what}: not ready after ${ms} ms (${String((last as Error)?.message ?? last)})${proc ? `\n${tail(proc.log)}` : ''}`);
}

let binaries: Promise<string> | null = null;

/** The Vitess bin folder, building once per process (`VG_VITESS_BIN` skips the build). */
export function vitessBinaries(): Promise<string> {
  if (process.env.VG_VITESS_BIN) return Promise.resolve(process.env.VG_VITESS_BIN);
  binaries ??= buildVitess();
  return binaries;
}

/** Starts etcd + vtctld (+ vtgate) with two cells and the fixture keyspaces; see VitessCluster. */
export async function startVitess(options: StartVitessOptions = {}): Promise<VitessCluster> {
  const bin = runnableBinDir(await vitessBinaries());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vschema-guard-vitess-'));
  fs.chmodSync(dataDir, 0o755);
  const [etcdPort, etcdPeer, vtctldGrpc, vtctldHttp, vtgateHttp, vtgateGrpc] = await Promise.all(Array.from({ length: 6 }, freePort));
  const etcdAddress = `127.0.0.1:${etcdPort}`;
  const topo = ['--topo-implementation', 'etcd2', '--topo-global-server-address', etcdAddress, '--topo-global-root', '/vitess/global'];
  const common = ['--bind-address', '127.0.0.1', '--config-file-not-found-handling', 'ignore'];
  let etcd: Proc | null = null;
  let vtctld: Proc | null = null;
  let vtgate: Proc | null = null;
  const authFiles = options.auth
    ? (() => {
        const server = path.join(dataDir, 'grpc_static_auth.json');
        const client = path.join(dataDir, 'grpc_static_client_auth.json');
        fs.writeFileSync(server, JSON.stringify([{ Username: options.auth.username, Password: options.auth.password }]), { mode: 0o644 });
        fs.writeFileSync(client, JSON.stringify({ Username: options.auth.username, Password: options.auth.password }), { mode: 0o600 });
        return { server, client };
      })()
    : null;

  // The server's key and cert, readable by the `nobody` the server runs as.
  const tls = options.tls
    ? (() => {
        const copy = (f: string, name: string) => {
          const dst = path.join(dataDir, name);
          fs.copyFileSync(f, dst);
          fs.chmodSync(dst, 0o644);
          return dst;
        };
        return {
          ...options.tls,
          cert: copy(options.tls.cert, 'vtctld-cert.pem'),
          key: copy(options.tls.key, 'vtctld-key.pem'),
          ...(options.tls.clientCa ? { clientCa: copy(options.tls.clientCa, 'vtctld-client-ca.pem') } : {}),
        };
      })()
    : null;
  const clientTlsArgs = tls
    ? [
        '--vtctld-grpc-ca', tls.ca, '--vtctld-grpc-server-name', tls.serverName,
        ...(tls.clientCert && tls.clientKey ? ['--vtctld-grpc-cert', tls.clientCert, '--vtctld-grpc-key', tls.clientKey] : []),
      ]
    : [];
  const vtctldclient = (args: string[]): Promise<CommandResult> =>
    new Promise((resolve) => {
      const auth = authFiles ? ['--grpc-auth-static-client-creds', authFiles.client] : [];
      execFile(path.join(bin, 'vtctldclient'), ['--server', `127.0.0.1:${vtctldGrpc}`, ...auth, ...clientTlsArgs, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
    });

  const startVtctld = async (): Promise<void> => {
    vtctld = startProc(
      path.join(bin, 'vtctld'),
      [
        ...topo, ...common,
        '--service-map', 'grpc-vtctl,grpc-vtctld',
        '--port', String(vtctldHttp), '--grpc-port', String(vtctldGrpc), '--grpc-bind-address', '127.0.0.1',
        ...(authFiles ? ['--grpc-auth-mode', 'static', '--grpc-auth-static-password-file', authFiles.server] : []),
        ...(tls ? ['--grpc-cert', tls.cert, '--grpc-key', tls.key, ...(tls.clientCa ? ['--grpc-ca', tls.clientCa] : [])] : []),
      ],
      path.join(dataDir, 'vtctld.log'),
      true,
    );
    const probe = new GrpcVtctldClient({
      address: `127.0.0.1:${vtctldGrpc}`,
      rpcTimeoutMs: 1_000,
      auth: options.auth ?? null,
      tls: tls
        ? {
            ca: fs.readFileSync(tls.ca),
            serverName: tls.serverName,
            ...(tls.clientCert && tls.clientKey ? { cert: fs.readFileSync(tls.clientCert), key: fs.readFileSync(tls.clientKey) } : {}),
          }
        : null,
    });
    try {
      await waitFor('vtctld', async () => (await probe.getCellInfoNames()) ?? null, 60_000, vtctld);
    } finally {
      probe.close();
    }
  };

  const stopAll = async (): Promise<void> => {
    await stopProc(vtgate);
    await stopProc(vtctld);
    await stopProc(etcd);
  };

  try {
    fs.mkdirSync(path.join(dataDir, 'etcd'), { mode: 0o700 });
    etcd = startProc(
      'etcd',
      [
        '--name', 'default', '--data-dir', path.join(dataDir, 'etcd'),
        '--listen-client-urls', `http://${etcdAddress}`, '--advertise-client-urls', `http://${etcdAddress}`,
        '--listen-peer-urls', `http://127.0.0.1:${etcdPeer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${etcdPeer}`,
        '--initial-cluster', `default=http://127.0.0.1:${etcdPeer}`,
      ],
      path.join(dataDir, 'etcd.log'),
      false,
    );
    await waitFor('etcd', async () => {
      const r = await fetch(`http://${etcdAddress}/health`);
      return r.ok ? true : null;
    }, 30_000, etcd);
    await startVtctld();
    const run = async (args: string[]) => {
      const r = await vtctldclient(args);
      if (r.code !== 0) throw new Error(`vtctldclient ${args.join(' ')} failed:\n${r.stderr}`);
    };
    for (const cell of CELLS) await run(['AddCellInfo', '--root', `/vitess/${cell}`, '--server-address', etcdAddress, cell]);
    for (const [ks, shards] of Object.entries(options.keyspaces ?? DEFAULT_KEYSPACES)) {
      await run(['CreateKeyspace', ks]);
      for (const s of shards) await run(['CreateShard', `${ks}/${s}`]);
    }
    let vtgateUrl: string | null = null;
    if ((options.vtgate ?? true) && fs.existsSync(path.join(bin, 'vtgate'))) {
      vtgate = startProc(
        path.join(bin, 'vtgate'),
        [
          ...topo, ...common,
          '--cell', 'zone1', '--cells-to-watch', 'zone1', '--service-map', 'grpc-vtgateservice',
          '--port', String(vtgateHttp), '--grpc-port', String(vtgateGrpc), '--mysql-auth-server-impl', 'none',
          // required by v24; there are no tablets to wait for
          '--tablet-types-to-wait', 'PRIMARY', '--gateway-initial-tablet-timeout', '1s',
        ],
        path.join(dataDir, 'vtgate.log'),
        true,
      );
      vtgateUrl = `http://127.0.0.1:${vtgateHttp}`;
      await waitFor('vtgate', async () => ((await fetch(`${vtgateUrl}/debug/vschema`)).ok ? true : null), 60_000, vtgate);
    }
    const cluster: VitessCluster = {
      vtctldAddress: `127.0.0.1:${vtctldGrpc}`,
      vtctldHttp: `http://127.0.0.1:${vtctldHttp}`,
      etcdAddress,
      vtgateHttp: vtgateUrl,
      cells: CELLS,
      dataDir,
      binDir: bin,
      vtctldclient,
      stopVtctld: (opts) => stopProc(vtctld, opts?.kill),
      startVtctld,
      restartVtctld: async (downMs = 0, opts) => {
        await stopProc(vtctld, opts?.kill);
        if (downMs) await sleep(downMs);
        await startVtctld();
      },
      pauseEtcd: () => process.kill(-etcd!.child.pid!, 'SIGSTOP'),
      resumeEtcd: () => process.kill(-etcd!.child.pid!, 'SIGCONT'),
      logTail: (name, lines) => tail(path.join(dataDir, `${name}.log`), lines),
      stop: async () => {
        await stopAll();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
    return cluster;
  } catch (e) {
    await stopAll();
    const logs = ['etcd', 'vtctld', 'vtgate'].map((n) => `--- ${n}.log\n${tail(path.join(dataDir, `${n}.log`))}`).join('\n');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\n${logs}`);
  }
}
