/**
 * Where the routing comparison's finished statements go (pure). diffRouting hands every compared
 * statement to a {@link ComparisonSink}, in corpus order; the sink decides what is kept, so memory
 * holds what the chosen output shows plus counts, not two full query reports per fingerprint:
 * - {@link keepAll}: every comparison in `routing.queries` (the JSON report, tests);
 * - {@link keepShown}: only the rows the markdown and text reports can show, plus the totals they
 *   print ({@link QueryRows});
 * - src/io/spill-queries.ts: each comparison written out as JSON text as it is produced.
 */
import type { RoutingComparison } from './routing-diff.js';

/** Receives the compared statements of diffRouting, each once, in corpus order (all outcomes). */
export interface ComparisonSink {
  add(c: RoutingComparison): void;
  /** What `routing.queries` holds once every statement was added. */
  queries(): RoutingComparison[];
}

/** Every comparison kept, in corpus order (`routing.queries` as the JSON report lists it). */
export function keepAll(): ComparisonSink {
  const all: RoutingComparison[] = [];
  return { add: (c) => void all.push(c), queries: () => all };
}

/** Sends each comparison to every sink; `routing.queries` is the first sink's. */
export function tee(first: ComparisonSink, ...others: ComparisonSink[]): ComparisonSink {
  return {
    add: (c) => {
      first.add(c);
      for (const s of others) s.add(c);
    },
    queries: () => first.queries(),
  };
}

/**
 * The statements the markdown and text reports show, and the totals they print. Regressions are
 * `worse` and `newly-failing`; improvements `better` and `fixed`.
 */
export interface QueryRows {
  regressions: {
    /** Regressions compared. */
    total: number;
    /** Their occurrences, summed largest count first (the order the markdown lists them in). */
    occurrences: number;
    /**
     * The `limit` highest-ranked regressions (more occurrences first, then lower line, then corpus
     * order), in corpus order.
     */
    kept: RoutingComparison[];
  };
  improvements: {
    total: number;
    /** The `limit` highest-ranked improvements (more occurrences first, then corpus order), in corpus order. */
    kept: RoutingComparison[];
  };
}

/** How many statements of each kind a report can show (Infinity: all). */
export interface RowLimits {
  regressions: number;
  improvements: number;
}

const isRegression = (c: RoutingComparison): boolean => c.change === 'worse' || c.change === 'newly-failing';
const isImprovement = (c: RoutingComparison): boolean => c.change === 'better' || c.change === 'fixed';

interface Ranked {
  c: RoutingComparison;
  seq: number;
}

/**
 * The `limit` smallest items under `cmp` (a total order), kept with at most 2 × limit items held:
 * the buffer is sorted and cut back to `limit` whenever it doubles.
 */
class TopK {
  private items: Ranked[] = [];
  constructor(
    private readonly limit: number,
    private readonly cmp: (a: Ranked, b: Ranked) => number,
  ) {}

  add(x: Ranked): void {
    if (this.limit <= 0) return;
    this.items.push(x);
    if (this.limit !== Infinity && this.items.length >= 2 * this.limit) this.cut();
  }

  private cut(): void {
    this.items.sort(this.cmp);
    this.items.length = Math.min(this.items.length, this.limit);
  }

  /** The kept items in the order they were added. */
  inAddedOrder(): Ranked[] {
    if (this.limit !== Infinity) this.cut();
    return [...this.items].sort((a, b) => a.seq - b.seq);
  }
}

/** A sink that keeps what the markdown and text reports show; `rows()` gives it once all were added. */
export interface ShownSink extends ComparisonSink {
  rows(): QueryRows;
}

/**
 * Keeps the regressions and improvements a report shows, at most `limits` of each (ranked as the
 * markdown report orders them: src/report/markdown.ts), plus their totals; `queries()` is the kept
 * ones in corpus order. Memory: the kept comparisons and one number per regression (its count, so
 * the occurrences add up in the same order, to the same floating-point sum, as the full list's).
 */
export function keepShown(limits: RowLimits): ShownSink {
  let seq = 0;
  const regressions = new TopK(limits.regressions, (a, b) => b.c.count - a.c.count || a.c.line - b.c.line || a.seq - b.seq);
  const improvements = new TopK(limits.improvements, (a, b) => b.c.count - a.c.count || a.seq - b.seq);
  const regressionCounts: number[] = [];
  let improvementTotal = 0;
  const rows = (): QueryRows => ({
    regressions: {
      total: regressionCounts.length,
      occurrences: [...regressionCounts].sort((a, b) => b - a).reduce((s, n) => s + n, 0),
      kept: regressions.inAddedOrder().map((x) => x.c),
    },
    improvements: { total: improvementTotal, kept: improvements.inAddedOrder().map((x) => x.c) },
  });
  return {
    add: (c) => {
      const n = seq++;
      if (isRegression(c)) {
        regressionCounts.push(c.count);
        regressions.add({ c, seq: n });
      } else if (isImprovement(c)) {
        improvementTotal++;
        improvements.add({ c, seq: n });
      }
    },
    // A statement is a regression or an improvement, never both: the two lists merge by corpus order.
    queries: () => [...regressions.inAddedOrder(), ...improvements.inAddedOrder()].sort((a, b) => a.seq - b.seq).map((x) => x.c),
    rows,
  };
}

/** The rows `limits` shows of a full list of comparisons (as if they had gone through {@link keepShown}). */
export function shownRows(queries: readonly RoutingComparison[], limits: RowLimits): QueryRows {
  const s = keepShown(limits);
  for (const q of queries) s.add(q);
  return s.rows();
}
