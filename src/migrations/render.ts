/**
 * Text and markdown views of migrations (the `migrations` table, CI progress lines, the job summary).
 * Pure: data in, strings out; no timestamps except the one passed in.
 */
import { markdownTable } from 'markdown-table';
import { esc } from '../report/markdown.js';
import type { MigrationAggregate } from './aggregate.js';
import { migrationJson, type MigrationJson } from './report.js';

/** `5m10s`, `42s`, `1h2m`; `?` when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null) return '?';
  if (seconds < 60) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${m}m` : `${m}m${s}s`;
}

function oneLine(sql: string, max = 90): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 3) + '...' : s;
}

/** The notes of a migration: failed, cancelled, throttled, missing and unknown shards, with their messages. */
export function migrationNotes(m: MigrationJson): string[] {
  const msg = (shard: string): string => m.shards.find((s) => s.shard === shard)?.message || 'no message';
  const notes: string[] = [];
  for (const s of m.failed_shards) notes.push(`failed on ${s}: ${msg(s)}`);
  for (const s of m.cancelled_shards) notes.push(`cancelled on ${s}`);
  for (const t of m.throttled_shards) notes.push(`throttled on ${t.shard} by ${t.component || 'an unnamed component'}`);
  for (const x of m.missing_shards) {
    notes.push(x.reason === 'no-primary' ? `no row from ${x.shard}: the shard has no primary (GetSchemaMigrations skips it)` : `no row on ${x.shard}: not submitted there`);
  }
  for (const u of m.unknown_status_shards) notes.push(`status ${u.status} on ${u.shard} is unknown to this version of vschema-guard`);
  for (const s of m.unexpected_shards) notes.push(`row from ${s}, a shard the topo does not list`);
  return notes;
}

/** The `migrations` text table: a header line per migration, its notes, and its shards. */
export function migrationsText(migrations: readonly MigrationAggregate[]): string {
  if (migrations.length === 0) return 'no migrations\n';
  const out: string[] = [];
  for (const m of migrations) {
    out.push(`${m.uuid}  ${m.keyspace}.${m.table || '?'}  ${oneLine(m.statement)}`);
    out.push(`  ${m.state}  shards ${m.completed}/${m.total} complete  progress ${m.progressPct.toFixed(1)}%  ETA ${formatEta(m.etaSeconds)}${m.retries ? `  retries ${m.retries}` : ''}`);
    for (const n of migrationNotes(migrationJson(m))) out.push(`  ! ${n}`);
    const rows = [['shard', 'state', 'progress', 'rows', 'ETA', 'retries', 'message']];
    for (const s of m.shards) {
      rows.push([
        s.shard,
        s.phase === 'UNKNOWN_STATUS' ? `UNKNOWN_STATUS(${s.status})` : s.phase,
        `${s.progressPct.toFixed(1)}%`,
        `${s.rowsCopied}/${s.tableRows}`,
        formatEta(s.etaSeconds),
        String(s.retries),
        oneLine(s.throttled ? `throttled by ${s.throttled.component}${s.message ? `; ${s.message}` : ''}` : s.message, 60),
      ]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) out.push(`    ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`.trimEnd());
    out.push('');
  }
  return out.join('\n');
}

/** One plain progress line per migration (CI logs), prefixed with `at` (ISO). */
export function progressLines(migrations: readonly MigrationAggregate[], at: string): string[] {
  return migrations.map((m) => {
    const extra = [
      m.failedShards.length ? `failed ${m.failedShards.join(',')}` : '',
      m.throttledShards.length ? `throttled ${m.throttledShards.map((t) => `${t.shard}(${t.component})`).join(',')}` : '',
      m.missingShards.length ? `missing ${m.missingShards.map((x) => `${x.shard}(${x.reason})`).join(',')}` : '',
      m.unknownStatusShards.length ? `unknown ${m.unknownStatusShards.map((x) => `${x.shard}(${x.status})`).join(',')}` : '',
    ].filter(Boolean);
    return `${at} ${m.keyspace} ${m.uuid} ${m.table || '?'} ${m.state} ${m.completed}/${m.total} ${m.progressPct.toFixed(1)}% ETA ${formatEta(m.etaSeconds)}${extra.length ? ' ' + extra.join(' ') : ''}`;
  });
}


/** The markdown of the job summary: one row per migration (notes in the last column), then each one's shards. */
export function migrationsMarkdown(migrations: readonly MigrationJson[]): string {
  if (migrations.length === 0) return '_no migrations_\n';
  const rows = [['migration', 'table', 'state', 'shards done', 'progress', 'ETA', 'notes']];
  for (const m of migrations) {
    rows.push([
      `\`${m.uuid}\``,
      esc(`${m.keyspace}.${m.table || '?'}`),
      m.state,
      `${m.shards_completed}/${m.shards_total}`,
      `${m.progress.toFixed(1)}%`,
      formatEta(m.eta_seconds),
      esc(migrationNotes(m).join('; ')),
    ]);
  }
  const out = [markdownTable(rows), ''];
  for (const m of migrations) {
    const shardRows = [['shard', 'state', 'progress', 'rows', 'ETA', 'retries', 'message']];
    for (const s of m.shards) {
      shardRows.push([
        esc(s.shard),
        s.state === 'UNKNOWN_STATUS' ? `UNKNOWN_STATUS (${esc(s.status ?? '')})` : s.state,
        `${s.progress.toFixed(1)}%`,
        `${s.rows_copied}/${s.table_rows}`,
        formatEta(s.eta_seconds),
        String(s.retries),
        esc(s.throttled_by ? `throttled by ${s.throttled_by}${s.message ? `; ${s.message}` : ''}` : s.message),
      ]);
    }
    out.push(`<details><summary>${esc(m.uuid)} · ${esc(oneLine(m.migration_statement))}</summary>`, '', markdownTable(shardRows), '', '</details>', '');
  }
  return out.join('\n');
}
