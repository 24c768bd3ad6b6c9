/** `vschema-guard simulate`: plans a query corpus against a VSchema and a mock topology. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { makeContext } from '../simulate/context.js';
import { planStatement } from '../simulate/simulate.js';
import type { Io } from './check-command.js';
import { loadOneCluster } from './load-cluster.js';
import { UsageError } from './usage.js';

/** Runs `simulate`; returns the exit code. */
export function simulateCommand(argv: string[], io: Io): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      vschema: { type: 'string', multiple: true },
      queries: { type: 'string', multiple: true },
      topology: { type: 'string' },
      'default-keyspace': { type: 'string' },
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
    },
  });
  const { cluster, findings } = loadOneCluster(values.vschema ?? [], values.config);
  for (const f of findings) io.err(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`);
  const ctx = makeContext(cluster, values['default-keyspace'] ?? null);
  const queries: Array<{ line: number; sql: string }> = [];
  for (const q of values.queries ?? []) {
    let text: string;
    try {
      text = fs.readFileSync(q, 'utf8');
    } catch {
      throw new UsageError(`cannot read ${q}`);
    }
    text.split('\n').forEach((l, i) => {
      if (l.trim()) queries.push({ line: i + 1, sql: l.trim().replace(/;\s*$/, '') });
    });
  }
  const out = queries.map((q) => {
    const p = planStatement(ctx, q.sql);
    return {
      line: q.line, sql: q.sql,
      routes: p.routes.map((r) => ({ operator: r.operator, variant: r.variant, keyspace: r.keyspace, vindex: r.vindex, values: r.values })),
      pushdown: p.pushdown, fanout: p.fanout, error: p.error,
    };
  });
  if (values.format === 'json') io.out(JSON.stringify({ queries: out }) + '\n');
  else for (const q of out) io.out(`${q.line}: ${q.error ? `error: ${q.error}` : q.routes.map((r) => `${r.operator}:${r.variant}@${r.keyspace}`).join(' ')}  ${q.sql}\n`);
  return 0;
}
