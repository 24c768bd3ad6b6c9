/**
 * Live progress of `migrations --watch` (and the deploy's DDL phase): progress bars (cli-progress) on a
 * terminal, plain timestamped lines (only when something changed) anywhere else, e.g. CI logs.
 */
import cliProgress from 'cli-progress';
import type { MigrationAggregate } from '../migrations/aggregate.js';
import { formatEta, progressLines } from '../migrations/render.js';

/** Shows observations; `stop()` once at the end. */
export interface ProgressView {
  update(migrations: readonly MigrationAggregate[], atMs: number): void;
  /** Prints a log line without tearing the bars (cli-progress keeps them below it). */
  log(line: string): void;
  stop(): void;
}

/** A stream that may be a terminal. */
export type MaybeTty = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Bars on a TTY `stream`; otherwise lines through `line` (timestamped, deduplicated). */
export function progressView(stream: MaybeTty | null, line: (s: string) => void): ProgressView {
  if (stream?.isTTY) return barsView(stream);
  let last = new Map<string, string>();
  return {
    update(migrations, atMs) {
      const at = new Date(atMs).toISOString();
      const next = new Map<string, string>();
      for (const [i, m] of migrations.entries()) {
        const l = progressLines([m], at)[0]!;
        const key = l.slice(at.length);
        next.set(m.uuid, key);
        if (last.get(m.uuid) !== key) line(progressLines(migrations, at)[i]!);
      }
      last = next;
    },
    log: line,
    stop() {},
  };
}

function barsView(stream: MaybeTty): ProgressView {
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      // `total` and `eta` are cli-progress's own tokens: the payload uses other names.
      format: '{uuid} {table} |{bar}| {percentage}% {state} {shardsDone}/{shardsTotal} shards ETA {etaText}{notes}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      autopadding: true,
      forceRedraw: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(migrations) {
      for (const m of migrations) {
        const payload = {
          uuid: m.uuid.slice(0, 8),
          table: m.table || '?',
          state: m.state,
          shardsDone: m.completed,
          shardsTotal: m.total,
          etaText: formatEta(m.etaSeconds),
          notes: [
            m.failedShards.length ? ` failed: ${m.failedShards.join(',')}` : '',
            m.throttledShards.length ? ` throttled: ${m.throttledShards.map((t) => `${t.shard}(${t.component})`).join(',')}` : '',
          ].join(''),
        };
        const value = Math.round(m.progressPct);
        const bar = bars.get(m.uuid);
        if (bar) bar.update(value, payload);
        else bars.set(m.uuid, multibar.create(100, value, payload));
      }
    },
    log(l) {
      multibar.log(l + '\n');
    },
    stop() {
      multibar.update(); // one last redraw: flushes log lines buffered since the previous one
      multibar.stop();
    },
  };
}
