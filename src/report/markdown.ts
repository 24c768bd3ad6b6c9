/**
 * The PR comment: Report → markdown (pure). A verdict line first, counts, then `<details>`
 * sections. Everything user-provided is escaped so it cannot break a table or mention anyone.
 * Fits GitHub's comment limit: the least important rows are trimmed first and the comment says
 * what was left out.
 */
import { markdownTable } from 'markdown-table';
import type { Report } from '../diff/build-report.js';
import { type QueryRows, type RowLimits, shownRows } from '../diff/query-sinks.js';
import type { RoutingComparison } from '../diff/routing-diff.js';
import type { VSchemaChange } from '../diff/vschema-changes.js';
import type { FindingJson } from './findings-json.js';
import type { QueryReport } from '../simulate/explain.js';

/** GitHub rejects comments over 65,536 characters; keep a margin. */
export const COMMENT_LIMIT = 65_000;

/** Options of the markdown renderer. */
export interface MarkdownOptions {
  /** Hidden marker id: one comment per id is kept up to date. */
  id?: string;
  /** `https://github.com/o/r/blob/<sha>/` to turn file:line into links. */
  linkBase?: string | null;
  /** Character budget (default COMMENT_LIMIT). */
  limit?: number;
  /** Line under the report (duration, corpus) — no timestamps in golden output. */
  footer?: string | null;
  /**
   * The routing rows and totals to show, kept while the report was built (src/diff/query-sinks.ts
   * keepShown with {@link MARKDOWN_ROWS} or more); default: taken from `routing.queries`, which
   * must then hold every changed statement.
   */
  rows?: QueryRows;
}

/** The hidden marker that identifies the comment. */
export const marker = (id = 'default'): string => `<!-- vschema-guard:report:${id} -->`;

/** Escapes text for a table cell or paragraph: pipes, HTML, @mentions, newlines. */
export function esc(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}

/** A code span that survives backticks and pipes inside (GitHub renders `\|` in tables as `|`). */
export function codeSpan(s: string, max = 120): string {
  let t = s.replace(/\r?\n/g, ' ');
  if (t.length > max) t = t.slice(0, max - 1) + '…';
  t = t.replace(/\|/g, '\\|').replace(/@(?=\w)/g, '@\u200b');
  const ticks = (t.match(/`+/g) ?? []).reduce((m, x) => Math.max(m, x.length), 0);
  const fence = '`'.repeat(ticks + 1);
  return ticks ? `${fence} ${t} ${fence}` : `${fence}${t}${fence}`;
}

/** Our own sentences use `name` spans; escape everything else in them. */
function prose(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? codeSpan(part.slice(1, -1)) : esc(part)))
    .join('');
}

const pct = (x: number): string => (x > 0 && x < 0.01 ? `${(x * 100).toFixed(1)} %` : `${Math.round(x * 100)} %`);
/** `1 error`, `2 errors` (n with the singular or the plural). */
export const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`;

function where(f: FindingJson, linkBase: string | null | undefined): string {
  const loc = `${f.file}:${f.line}:${f.column}`;
  return linkBase ? `[${codeSpan(loc)}](${linkBase}${encodeURI(f.file)}#L${f.line})` : codeSpan(loc);
}

function findingRows(fs: FindingJson[], linkBase: string | null | undefined): string[][] {
  return fs.map((f) => [
    where(f, linkBase),
    codeSpan(f.rule),
    esc(f.message) + (f.vitess_error ? ` (vtgate: ${codeSpan(f.vitess_error, 160)})` : ''),
    f.hint ? esc(f.hint) : '',
  ]);
}

function routeText(r: QueryReport, bold: boolean): string {
  if (r.error) return `error: ${esc(r.error)}`;
  if (r.routes.length === 0) return 'vtgate only (no tablet)';
  const shards = (x: QueryReport['routes'][number]): string =>
    `${x.shards ? `${x.shards.length}/${x.total_shards}` : `${x.shard_count}?/${x.total_shards}`} shard${x.total_shards === 1 ? '' : 's'}`;
  const parts: string[] = [];
  for (let i = 0; i < r.routes.length; i++) {
    const x = r.routes[i]!;
    const lookup = r.routes[i + 1];
    const dest = r.routes[i + 2];
    if (x.operator === 'VindexLookup' && lookup && dest) {
      // VindexLookup, the lookup-table route, then ByDestination: one step for a reader.
      parts.push(`${codeSpan(`${x.variant} ${x.keyspace}`)} via lookup ${codeSpan(x.vindex ?? '?')} (reads ${codeSpan(`${lookup.variant} ${lookup.keyspace}`)}, then ${shards(dest)})`);
      i += 2;
      continue;
    }
    parts.push(`${codeSpan(`${x.variant} ${x.keyspace}`)} (${shards(x)})`);
  }
  const text = parts.join(' + ');
  return bold ? `**${text}**` : text;
}

function details(summary: string, body: string, open: boolean): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

function table(header: string[], rows: string[][], omitted: number, what: string): string {
  if (rows.length === 0) return `_${omitted ? `${plural(omitted, what)} not shown (size limit)` : 'none'}_`;
  const t = markdownTable([header, ...rows], { alignDelimiters: false });
  return omitted ? `${t}\n\n_… and ${plural(omitted, `more ${what}`)} not shown (comment size limit; see the job summary or the JSON report)._` : t;
}

/** Row budgets per section, least important trimmed first. */
interface Limits {
  unchanged: number;
  resolved: number;
  safe: number;
  better: number;
  warnings: number;
  changes: number;
  regressions: number;
  errors: number;
  plan: number;
}

const TRIM_ORDER: Array<keyof Limits> = ['unchanged', 'resolved', 'safe', 'better', 'warnings', 'changes', 'plan', 'regressions', 'errors'];

/** The largest row budgets (every trim lowers them). */
const MAX_LIMITS: Limits = { unchanged: 50, resolved: 100, safe: 200, better: 100, warnings: 300, changes: 300, regressions: 300, errors: 500, plan: 100 };

/** The most routing rows the markdown shows: what a report built for it must keep (src/diff/query-sinks.ts). */
export const MARKDOWN_ROWS: RowLimits = { regressions: MAX_LIMITS.regressions, improvements: MAX_LIMITS.better };

/** A part of the comment whose text depends on row budgets: rebuilt only when one of them changes. */
interface Trimmable {
  deps: Array<keyof Limits>;
  build: (lim: Limits) => string;
}

/**
 * Renders the report; trims rows until it fits `limit`. The row lists are computed once (sorted,
 * escaped, at most the largest budget of each section); trimming a section rebuilds that section's
 * text only, and the comment is joined once at the end.
 */
export function renderMarkdown(r: Report, opts: MarkdownOptions = {}): string {
  const limit = opts.limit ?? COMMENT_LIMIT;
  const lim: Limits = { ...MAX_LIMITS };
  const parts = layout(r, opts);
  const texts = parts.map((p) => (typeof p === 'string' ? p : p.build(lim)));
  // Parts are joined with '\n'; an empty part (a section trimmed away) is left out with its newline.
  const size = (): number => {
    let n = 0;
    let k = 0;
    for (const t of texts) if (t) (n += t.length), k++;
    return n + Math.max(0, k - 1);
  };
  let length = size();
  for (const k of TRIM_ORDER) {
    while (length > limit && lim[k] > 0) {
      lim[k] = lim[k] > 4 ? Math.floor(lim[k] / 2) : 0;
      parts.forEach((p, i) => {
        if (typeof p !== 'string' && p.deps.includes(k)) texts[i] = p.build(lim);
      });
      length = size();
    }
    if (length <= limit) break;
  }
  let out = texts.filter((t) => t).join('\n');
  if (out.length > limit) out = out.slice(0, limit - 200) + '\n\n_… report truncated at the comment size limit; the full report is in the job summary and the JSON report._\n';
  return out;
}

/** The comment as parts: fixed text, and sections whose rows depend on the budgets. */
function layout(r: Report, opts: MarkdownOptions): Array<string | Trimmable> {
  const s = r.summary;
  const fail = s.verdict === 'fail';
  const parts: Array<string | Trimmable> = [];
  const counts = [
    plural(s.errors, 'error'),
    ...(s.warnings ? [plural(s.warnings, 'warning')] : []),
    ...(r.routing ? [plural(s.regressions, 'routing regression')] : []),
    plural(s.breaking_changes, 'breaking change'),
  ];
  parts.push(marker(opts.id));
  parts.push(`### ${fail ? '❌' : '✅'} vschema-guard: ${counts.join(' · ')}\n`);
  if (fail) parts.push(`**Do not merge yet:** ${esc(s.reasons.join('; '))}.\n`);
  else {
    const deploy = s.deploy_steps ? ` It needs ${plural(s.deploy_steps, 'deploy step')} (below).` : '';
    parts.push(`**Safe to merge** by the configured threshold (fail on: ${s.fail_on.join(', ')}).${deploy}\n`);
  }
  if (s.pre_existing_errors) parts.push(`_${plural(s.pre_existing_errors, 'error')} already present in base (not introduced here)._\n`);

  const rows: string[][] = [['errors / warnings', `${r.base.errors} / ${r.base.warnings}`, `${s.errors ? '**' : ''}${r.head.errors}${s.errors ? '**' : ''} / ${r.head.warnings}`]];
  if (r.routing) {
    const b = r.routing.base;
    const h = r.routing.head;
    const worse = h.scatter > b.scatter || h.scatter_share > b.scatter_share;
    const of = r.routing.unaffected.queries ? 'of their traffic' : 'of traffic';
    rows.push(['single-shard queries', `${b.single} (${pct(b.single_share)} ${of})`, `${h.single} (${pct(h.single_share)})`]);
    rows.push(['scatter queries', `${b.scatter} (${pct(b.scatter_share)})`, `${worse ? '**' : ''}${h.scatter} (${pct(h.scatter_share)})${worse ? '**' : ''}`]);
    if (b.errors || h.errors) rows.push(['queries vtgate rejects', String(b.errors), `${h.errors > b.errors ? '**' : ''}${h.errors}${h.errors > b.errors ? '**' : ''}`]);
  }
  parts.push(markdownTable([['', `base ${codeSpan(r.base.label, 40)}`, `head ${codeSpan(r.head.label, 40)}`], ...rows], { alignDelimiters: false }) + '\n');
  const fromCache = r.routing?.cache ? ` From cache: ${plural(r.routing.cache.hits, 'plan')} of ${(r.routing.cache.hits + r.routing.cache.misses).toLocaleString('en-US')} (the rest planned and stored).` : '';
  if (r.routing?.unaffected.queries) {
    const u = r.routing.unaffected;
    const all = r.routing.planned + u.queries;
    parts.push(`_Query counts above are of the ${plural(r.routing.planned, 'distinct query', 'distinct queries')} the change can affect, planned at base and head; the other ${u.queries.toLocaleString('en-US')} of ${all.toLocaleString('en-US')} (${pct(u.occurrences / (r.routing.occurrences || 1))} of sampled traffic) read only tables whose routing this change leaves identical: same by construction, not planned.${fromCache}_\n`);
  } else if (fromCache) parts.push(`_${fromCache.trim()}_\n`);

  const errs = r.findings.introduced.filter((f) => f.severity === 'error');
  const warns = r.findings.introduced.filter((f) => f.severity !== 'error');
  const fh = ['where', 'rule', 'what is wrong', 'fix'];
  if (errs.length) {
    const errRows = findingRows(errs.slice(0, MAX_LIMITS.errors), opts.linkBase);
    parts.push({ deps: ['errors'], build: (lim) => details(`<b>Errors introduced (${errs.length})</b>`, table(fh, errRows.slice(0, lim.errors), Math.max(0, errs.length - lim.errors), 'error'), true) });
  }
  const shown = r.routing ? opts.rows ?? shownRows(r.routing.queries, MARKDOWN_ROWS) : null;
  if (r.routing && shown) {
    const { total, occurrences } = shown.regressions;
    // The kept ones are the highest ranked in corpus order: a stable sort orders them as the full list.
    const reg = [...shown.regressions.kept].sort((a, b) => b.count - a.count || (a.line - b.line));
    if (total) {
      const share = occurrences / (r.routing.occurrences || 1);
      const regRows = reg.slice(0, MAX_LIMITS.regressions).map((q) => regressionRow(q));
      parts.push({ deps: ['regressions'], build: (lim) => details(`<b>Routing regressions (${plural(total, 'query', 'queries')}, ${pct(share)} of sampled traffic)</b>`,
        table(['query', 'seen', 'base', 'head'], regRows.slice(0, lim.regressions), Math.max(0, total - lim.regressions), 'regression'), true) });
    }
  }
  if (warns.length) {
    const warnRows = findingRows(warns.slice(0, MAX_LIMITS.warnings), opts.linkBase);
    parts.push({ deps: ['warnings'], build: (lim) => details(`Warnings introduced (${warns.length})`, table(fh, warnRows.slice(0, lim.warnings), Math.max(0, warns.length - lim.warnings), 'warning'), false) });
  }
  if (r.vschema_changes.length) {
    const by = (k: VSchemaChange['risk']): VSchemaChange[] => r.vschema_changes.filter((c) => c.risk === k);
    const breaking = by('breaking');
    const important = [...breaking, ...by('deploy')];
    const safe = by('safe');
    const label = { breaking: 'breaking', deploy: 'deploy step', safe: 'safe' };
    const row = (c: VSchemaChange): string[] => [c.risk === 'breaking' ? '**breaking**' : label[c.risk], codeSpan(c.keyspace ? `${c.keyspace}${c.path ? '.' + c.path : ''}` : c.path), prose(c.sentence)];
    const importantRows = important.slice(0, MAX_LIMITS.changes).map(row);
    const safeRows = safe.slice(0, MAX_LIMITS.safe).map(row);
    const summary = `VSchema changes (${r.vschema_changes.length}: ${breaking.length} breaking, ${important.length - breaking.length} need a deploy step, ${safe.length} safe)`;
    parts.push({ deps: ['changes', 'safe'], build: (lim) => {
      const shown = [...importantRows.slice(0, lim.changes), ...safeRows.slice(0, lim.safe)];
      return details(summary, table(['risk', 'where', 'what changes'], shown, r.vschema_changes.length - shown.length, 'change'), breaking.length > 0);
    } });
  }
  if (shown?.improvements.total) {
    const total = shown.improvements.total;
    const better = [...shown.improvements.kept].sort((a, b) => b.count - a.count);
    const betterRows = better.slice(0, MAX_LIMITS.better).map((q) => regressionRow(q, false));
    parts.push({ deps: ['better'], build: (lim) => details(`Routing improvements (${total})`, table(['query', 'seen', 'base', 'head'], betterRows.slice(0, lim.better), Math.max(0, total - lim.better), 'improvement'), false) });
  }
  if (r.deploy_plan.length) {
    const steps = r.deploy_plan.slice(0, MAX_LIMITS.plan).map((st, i) => `${i + 1}. ${codeSpan(st.command, 400)}${st.sha256 ? ` → expected sha256 ${codeSpan(st.sha256)}` : ''}  \n   ${esc(st.why)}`);
    parts.push({ deps: ['plan'], build: (lim) => {
      const more = r.deploy_plan.length - Math.min(lim.plan, steps.length);
      return details('Deploy plan', steps.slice(0, lim.plan).join('\n') + (more ? `\n\n_… ${plural(more, 'more step')} not shown._` : ''), false);
    } });
  }
  if (r.findings.resolved.length) {
    const rs = r.findings.resolved;
    const resolvedRows = findingRows(rs.slice(0, MAX_LIMITS.resolved), null);
    parts.push({ deps: ['resolved'], build: (lim) => details(`Resolved (${rs.length})`, table(fh, resolvedRows.slice(0, lim.resolved), Math.max(0, rs.length - lim.resolved), 'finding'), false) });
  }
  if (r.findings.unchanged.length) {
    const us = r.findings.unchanged;
    const unchangedRows = findingRows(us.slice(0, MAX_LIMITS.unchanged), opts.linkBase);
    parts.push({ deps: ['unchanged'], build: (lim) => (lim.unchanged > 0 ? details(`Already present in base (${us.length})`, table(fh, unchangedRows.slice(0, lim.unchanged), Math.max(0, us.length - lim.unchanged), 'finding'), false) : '') });
  }
  for (const n of r.notes) parts.push(`> ${esc(n)}\n`);
  const corpus = r.corpus ? `${plural(r.corpus.distinct, 'distinct query', 'distinct queries')} from ${r.corpus.files.map((f) => codeSpan(f, 60)).join(', ')} (${r.corpus.lines.toLocaleString('en-US')} lines)` : 'no query corpus';
  const topo = Object.entries(r.topology).map(([k, v]) => `${k}: ${v.length}`).join(', ');
  parts.push(`<sub>vschema-guard ${esc(r.tool.version)} · ${corpus} · shards ${esc(topo)}${opts.footer ? ` · ${esc(opts.footer)}` : ''}</sub>\n`);
  return parts;
}

function regressionRow(q: RoutingComparison, boldHead = true): string[] {
  const why = q.head.error ? '' : `: ${prose(q.head.reason)}`;
  return [codeSpan(q.fingerprint, 100), q.count.toLocaleString('en-US'), routeText(q.base, false), routeText(q.head, boldHead) + (boldHead ? why : '')];
}
