/**
 * Deploy and rollback records rendered for people: plain text for the terminal, markdown for the
 * GitHub job summary. Pure functions of the record; user strings in markdown tables are escaped.
 */
import type { DeployRecord, KeyspaceRecord } from './record.js';

const short = (h: string | null): string => (h === null ? '-' : /^[0-9a-f]{64}$/.test(h) ? h.slice(0, 12) : h);

const HEADLINE: Record<NonNullable<DeployRecord['outcome']>, string> = {
  deployed: 'deployed',
  'nothing-to-do': 'nothing to do',
  planned: 'dry run: planned, nothing written',
  restored: 'restored',
  refused: 'REFUSED',
  'rolled-back': 'FAILED and rolled back',
  failed: 'FAILED',
  error: 'ERROR',
};

/** Total duration of the RPC attempts of a keyspace, in ms. */
function rpcMs(r: DeployRecord, ks: string): number {
  return r.steps.filter((s) => s.keyspace === ks).reduce((a, s) => a + s.duration_ms, 0);
}

function ordered(r: DeployRecord): KeyspaceRecord[] {
  return [...r.keyspaces].sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || (a.name < b.name ? -1 : 1));
}

/** The terminal report of a deploy or rollback. */
export function renderRecordText(r: DeployRecord, recordPath: string | null): string {
  const out: string[] = [];
  const what = r.kind === 'rollback' ? `rollback of ${r.rollback_of}` : `deploy ${r.deploy_id}`;
  out.push(`vschema-guard ${what} → vtctld ${r.vtctld}${r.dry_run ? ' (dry run)' : ''}`);
  if (r.cells.length) out.push(`cells: ${r.cells.join(', ')}`);
  if (r.keyspaces.length) {
    const rows = [['#', 'keyspace', 'decision', 'state', 'live', 'base', 'head', 'after', 'rpc ms']];
    for (const k of ordered(r)) {
      rows.push([k.order === null ? '-' : String(k.order + 1), k.name, k.decision, k.state, short(k.hashes.live), short(k.hashes.base), short(k.hashes.head), short(k.hashes.after), String(rpcMs(r, k.name))]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const row of rows) out.push('  ' + row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  }
  for (const k of ordered(r)) {
    if (k.reason && k.decision !== 'apply') out.push(`  ${k.name}: ${k.reason}`);
  }
  if (r.refusals.length) {
    out.push('refused:');
    for (const x of r.refusals) {
      out.push(`  - ${x.message}`);
      if (x.command) out.push(`    run: ${x.command}`);
    }
  }
  if (r.ddl) out.push(`online DDL: ${r.ddl.ok ? 'ok' : 'FAILED'}: ${r.ddl.message}`);
  for (const v of r.verification.vtgates) out.push(`vtgate ${v.url}: ${v.ok ? 'ok' : 'FAILED'}: ${v.message}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  const retries = r.steps.filter((s) => !s.ok).length;
  if (retries) out.push(`${retries} failed RPC attempt${retries > 1 ? 's' : ''} (see the record's steps)`);
  out.push(`${HEADLINE[r.outcome ?? 'error']}: ${r.message}`);
  if (recordPath) out.push(`record: ${recordPath}`);
  return out.join('\n') + '\n';
}

const esc = (s: string): string => s.replace(/[|\\`<>@]/g, (c) => (c === '|' ? '\\|' : c === '@' ? '@\u200b' : c === '`' ? "'" : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '\\\\'));

/** Markdown for the job summary: outcome, one row per keyspace (decision, state, hashes, timing), refusals. */
export function renderRecordMarkdown(r: DeployRecord): string {
  const out: string[] = [];
  const id = (x: string): string => '`' + x.replace(/`/g, "'") + '`';
  const what = r.kind === 'rollback' ? `Rollback of ${id(r.rollback_of ?? '')}` : `Deploy ${id(r.deploy_id)}`;
  const icon = r.outcome === 'deployed' || r.outcome === 'nothing-to-do' || r.outcome === 'restored' || r.outcome === 'planned' ? '✅' : '❌';
  out.push(`### ${icon} vschema-guard: ${what}: ${HEADLINE[r.outcome ?? 'error']}`, '');
  out.push(esc(r.message).split('\n')[0]!, '');
  out.push(`vtctld \`${r.vtctld}\`, cells ${r.cells.map((c) => `\`${c}\``).join(', ') || '(none)'}${r.dry_run ? ', **dry run**' : ''}`, '');
  if (r.keyspaces.length) {
    out.push('| # | keyspace | decision | state | live before | head | after | RPC time |', '|---|---|---|---|---|---|---|---|');
    for (const k of ordered(r)) {
      out.push(`| ${k.order === null ? '' : k.order + 1} | ${esc(k.name)} | ${k.decision} | ${k.state} | \`${short(k.hashes.live)}\` | \`${short(k.hashes.head)}\` | \`${short(k.hashes.after)}\` | ${rpcMs(r, k.name)} ms |`);
    }
    out.push('');
  }
  if (r.refusals.length) {
    out.push('**Refused**', '');
    for (const x of r.refusals) out.push(`- ${esc(x.message.split('\n')[0]!)}${x.command ? ` — run: \`${x.command.replace(/`/g, "'")}\`` : ''}`);
    out.push('');
  }
  for (const k of r.keyspaces) {
    if (!k.drift.length) continue;
    out.push(`<details><summary>drift in ${esc(k.name)}${k.live_matches ? ` (live matches ${esc(k.live_matches)})` : ''}</summary>`, '', '```', ...k.drift.map((l) => l.replace(/```/g, "'''")), '```', '</details>', '');
  }
  if (r.notes.length) out.push(...r.notes.map((n) => `- note: ${esc(n)}`), '');
  const start = Date.parse(r.started_at);
  const end = r.finished_at ? Date.parse(r.finished_at) : start;
  out.push(`${r.steps.length} RPC attempts (${r.steps.filter((s) => !s.ok).length} failed), ${((end - start) / 1000).toFixed(1)} s in all.`, '');
  return out.join('\n');
}
