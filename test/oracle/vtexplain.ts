/**
 * Runs Vitess's vtexplain (go/cmd/vtexplain, built by test/vitess/build.sh) as a routing oracle:
 * VSchema + CREATE TABLEs + a shard count (or a shard map) + statements → per statement, the plans
 * vtgate executed and the queries each tablet received (`--output-mode json`, spec vitess-deploy.md §4.5).
 *
 * vtexplain stops at the first statement vtgate rejects (`vtexplain execute error in '<sql>': …`) and
 * prints nothing else; the runner then records that statement's error and re-runs the rest of its batch.
 * servenv refuses to run as root (go/vt/servenv/servenv_unix.go): as root, the binary is copied to a
 * world-readable temporary folder and run as `nobody` (uid/gid 65534).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Vitess release the oracle is built from (test/vitess/build.sh). */
export const VITESS_VERSION = 'v0.24.4';

/** One plan of vtexplain's JSON (engine/plan.go, plan_description.go). */
export interface VtPlan {
  QueryType: string;
  Original: string;
  Instructions: VtNode;
  TablesUsed?: string[];
}

/** A primitive of a plan (PrimitiveDescription JSON). */
export interface VtNode {
  OperatorType: string;
  Variant?: string;
  Keyspace?: { Name: string; Sharded?: boolean };
  Inputs?: VtNode[];
  [k: string]: unknown;
}

/**
 * The oracle's answer for one statement: its plans and the tablets (`ks/shard`) it reached, or vtgate's
 * error. `simulation` marks errors of vtexplain's fake tablets (`target: ks.shard.primary: …`, bind
 * variables or values they cannot fake), which say nothing about vtgate's plan.
 */
export type VtResult =
  | { sql: string; plans: VtPlan[]; tablets: string[]; error: null; simulation?: undefined }
  | { sql: string; plans: []; tablets: []; error: string; simulation: boolean };

/** True for errors raised by vtexplain's fake tablets rather than by vtgate's planner. */
export function isSimulationError(message: string): boolean {
  return /^target: |query arguments missing|Incorrect [A-Z]+ value|unsupported query|can't convert|unparsed tail|unexpected character|TypeCollationID|vtexplain crashed/.test(message);
}

/** Where the vtexplain binary is: $VTEXPLAIN, else build.sh's cache folder; null when absent. */
export function locateVtexplain(): string | null {
  const env = process.env.VTEXPLAIN;
  if (env) return fs.existsSync(env) ? env : null;
  const p = path.join(os.homedir(), '.cache', 'vschema-guard', `vitess-${VITESS_VERSION}`, 'bin', 'vtexplain');
  return fs.existsSync(p) ? p : null;
}

/** A vtexplain runner bound to one binary and one scratch folder. */
export interface Vtexplain {
  /** Explains `sqls` against the cluster files; one result per statement, in order. */
  explain(opts: ExplainOptions): VtResult[];
  /** Number of vtexplain processes started so far. */
  runs(): number;
}

/** Inputs of one explain call. */
export interface ExplainOptions {
  /** VSchema as vtexplain wants it: keyspace name → keyspace JSON. */
  vschema: Record<string, unknown>;
  /** CREATE TABLE statements. */
  schema: string;
  sqls: readonly string[];
  /** Shards per sharded keyspace (`--shards`). */
  shards: number;
  /** Statements per vtexplain process. */
  batch?: number;
}

/** Makes a runner; throws when the binary cannot be prepared. */
export function makeVtexplain(binary: string): Vtexplain {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-oracle-'));
  fs.chmodSync(dir, 0o755);
  let bin = binary;
  if (asRoot) {
    bin = path.join(dir, 'vtexplain');
    fs.copyFileSync(binary, bin);
    fs.chmodSync(bin, 0o755);
  }
  let runs = 0;
  const write = (name: string, text: string): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text, { mode: 0o644 });
    return p;
  };
  type Outcome = { ok: true; out: unknown[] } | { ok: false; failed: string; message: string } | { ok: false; crash: string };
  const runOnce = (vschemaFile: string, schemaFile: string, sqls: readonly string[], shards: number): Outcome => {
    const sqlFile = write('queries.sql', sqls.map((s) => s + ';\n').join(''));
    runs++;
    const r = spawnSync(bin, ['--vschema-file', vschemaFile, '--schema-file', schemaFile, '--sql-file', sqlFile, '--shards', String(shards), '--output-mode', 'json',
      // Logical time slots only order the tablet queries; 10 ms each (the default) costs ≈ 30 ms per statement.
      '--batch-interval', '1us'], {
      encoding: 'utf8', maxBuffer: 1 << 30, cwd: dir, ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    if (r.error) throw r.error;
    if (r.status === 0) return { ok: true, out: JSON.parse(r.stdout) as unknown[] };
    const text = `${r.stdout}\n${r.stderr}`;
    const m = /vtexplain execute error in '([\s\S]*?)': ([^\n]*)/.exec(text);
    if (m) return { ok: false, failed: m[1]!, message: m[2]!.trim() };
    const panic = /^panic: [^\n]*/m.exec(text);
    if (panic) return { ok: false, crash: panic[0] };
    const init = /ERROR: ([^\n]*)/.exec(text);
    throw new Error(`vtexplain failed (exit ${r.status}): ${init?.[1] ?? text.split('\n').filter((l) => l.trim() && !l.startsWith('{"time"')).slice(0, 3).join(' ')}`);
  };
  return {
    runs: () => runs,
    explain({ vschema, schema, sqls, shards, batch = 1000 }) {
      const vschemaFile = write('vschema.json', JSON.stringify(vschema));
      const schemaFile = write('schema.sql', schema);
      const results: VtResult[] = [];
      // vtexplain stops at the first rejected statement and prints nothing: the statements before it
      // are run again on their own (they all pass), the rejected one is recorded, and the rest goes on.
      const answers: VtResult[] = new Array(sqls.length);
      const pending: Array<[number, number]> = [];
      for (let start = 0; start < sqls.length; start += batch) pending.push([start, Math.min(sqls.length, start + batch)]);
      while (pending.length) {
        const [from, to] = pending.shift()!;
        if (from >= to) continue;
        const r = runOnce(vschemaFile, schemaFile, sqls.slice(from, to), shards);
        if (r.ok) {
          r.out.forEach((e, k) => {
            const entry = e as { Plans: VtPlan[] | null; TabletActions: Record<string, unknown> | null };
            answers[from + k] = { sql: sqls[from + k]!, plans: entry.Plans ?? [], tablets: Object.keys(entry.TabletActions ?? {}).sort(), error: null };
          });
          continue;
        }
        if ('crash' in r) {
          // A statement crashed vtexplain: halve the batch until it is alone.
          if (to - from === 1) answers[from] = { sql: sqls[from]!, plans: [], tablets: [], error: `vtexplain crashed: ${r.crash}`, simulation: true };
          else pending.unshift([from, from + Math.ceil((to - from) / 2)], [from + Math.ceil((to - from) / 2), to]);
          continue;
        }
        let at = from;
        while (at < to && sqls[at]!.trim() !== r.failed.trim()) at++;
        if (at === to) at = from;
        answers[at] = { sql: sqls[at]!, plans: [], tablets: [], error: r.message, simulation: isSimulationError(r.message) };
        pending.unshift([from, at], [at + 1, to]);
      }
      results.push(...answers);
      return results;
    },
  };
}
