/**
 * `vschema-guard verify --vtgate mysql://USER@HOST:PORT[/KEYSPACE] --vschema PATH --queries FILE...`:
 * plans the corpus with the simulation and on a live (or staging) vtgate with `VEXPLAIN PLAN` (never
 * executed), and lists every statement where they differ, with both plans. Exit 1 when vtgate rejects a
 * statement the simulation planned or routes one worse (more shards) than simulated; 2 on usage or
 * connection errors. The password comes from $VSCHEMA_GUARD_VTGATE_PASSWORD or --password-file and is
 * never printed.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readCorpus } from '../io/read-corpus.js';
import { VtgateConnectionError, parseVtgateUrl, vexplainAll } from '../io/vtgate-client.js';
import { makeContext } from '../simulate/context.js';
import { planStatements } from '../simulate/simulate.js';
import { type Verified, comparePlans, failsVerify } from '../verify/compare-plans.js';
import { type Io, reportSkipped } from './check-command.js';
import { loadOneCluster } from './load-cluster.js';
import { UsageError } from './usage.js';

/** Environment variable holding the vtgate password. */
export const PASSWORD_ENV = 'VSCHEMA_GUARD_VTGATE_PASSWORD';

/** Runs `verify`; returns the exit code. */
export async function verifyCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      vtgate: { type: 'string' },
      vschema: { type: 'string', multiple: true },
      queries: { type: 'string', multiple: true },
      'password-file': { type: 'string' },
      'default-keyspace': { type: 'string' },
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      timeout: { type: 'string', default: '10' },
    },
  });
  const format = values.format!;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (!values.vtgate) throw new UsageError('--vtgate mysql://USER@HOST:PORT is required');
  if (!values.queries?.length) throw new UsageError('--queries FILE is required: the statements to verify');
  let target;
  try {
    target = parseVtgateUrl(values.vtgate);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let password = env[PASSWORD_ENV];
  if (values['password-file']) {
    try {
      password = fs.readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new UsageError(`--password-file ${values['password-file']}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds, not "${values.timeout}"`);
  const { cluster, findings, config, skipped } = loadOneCluster(values.vschema ?? [], values.config, [...values.queries, values['password-file']]);
  reportSkipped(skipped, io);
  for (const f of findings) io.err(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`);
  const corpus = await readCorpus(values.queries, undefined, undefined);
  for (const p of corpus.problems) io.err(`${p.file}:${p.line}: ${p.message}\n`);
  if (corpus.problems.some((p) => p.line === 0)) return 2;
  const defaultKs = values['default-keyspace'] ?? target.database ?? config.defaultKeyspace ?? null;
  const ctx = makeContext(cluster, defaultKs && cluster.keyspaces.has(defaultKs) ? defaultKs : null);
  const texts = [...new Set(corpus.entries.map((e) => e.sql))];
  const plans = planStatements(ctx, texts);
  const routed = texts.map((sql, i) => ({ sql, plan: plans[i]! })).filter((x) => !x.plan.skipped);
  if (routed.length === 0) {
    io.err('verify: no statement to verify in the corpus (only session statements or none): nothing was checked\n');
    return 1;
  }
  let answers;
  try {
    answers = await vexplainAll({ ...target, password, database: target.database ?? values['default-keyspace'] }, routed.map((x) => x.sql), timeout * 1000);
  } catch (e) {
    if (e instanceof VtgateConnectionError) {
      io.err(`verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const results = routed.map((x, i) => ({ sql: x.sql, ...comparePlans(x.plan, answers[i]!) }));
  const failing = results.filter((r) => failsVerify(r.verdict));
  const count = (v: Verified['verdict']): number => results.filter((r) => r.verdict === v).length;
  const summary = {
    statements: results.length, same: count('same'), rejected: count('rejected'), worse: count('worse'), better: count('better'),
    different: count('different'), both_rejected: count('both-rejected'), simulation_errors: count('simulation-error'),
  };
  if (format === 'json') {
    io.out(JSON.stringify({ vtgate: `${target.user}@${target.host}:${target.port}`, results, summary }) + '\n');
  } else {
    const lines: string[] = [];
    for (const r of results) {
      if (r.verdict === 'same' || r.verdict === 'both-rejected') continue;
      lines.push(`${r.verdict.toUpperCase()}  ${r.sql}`);
      lines.push(`  vtgate:     ${r.vtgate.error ? `error: ${r.vtgate.error}` : `${r.vtgate.routes.join(' ')} (${r.vtgate.fanout})`}`);
      lines.push(`  simulation: ${r.simulated.error ? `error: ${r.simulated.error}` : `${r.simulated.routes.join(' ')} (${r.simulated.fanout})`}`);
    }
    lines.push(`verified ${summary.statements} statements on vtgate ${target.user}@${target.host}:${target.port}: ${summary.same} same, ${summary.rejected} rejected by vtgate, ${summary.worse} routed worse, ${summary.better} routed better, ${summary.different} different routes, ${summary.simulation_errors} the simulation could not plan`);
    io.out(lines.join('\n') + '\n');
  }
  return failing.length ? 1 : 0;
}
