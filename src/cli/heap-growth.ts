/**
 * How far the JavaScript heap may grow past what is still alive before V8 collects it, for the
 * commands that plan a query corpus (`diff`, `simulate`, the action's check).
 *
 * Planning 100,000 statements allocates gigabytes of parse trees and plans and keeps only the corpus
 * and the report's rows (≈ 70 MB at 100,000 distinct fingerprints). V8 lets the old generation grow to
 * up to 4 × the live heap between full collections when allocation is fast and the heap limit is
 * ≥ 2 GB (the usual default on a machine with 8 GB or more: MemoryController::GrowingFactor and
 * MaxGrowingFactor, v8/src/heap/heap-controller.cc), so the peak RSS was ≈ 4 × what is kept, mostly
 * garbage. A fixed factor of 2 (`--heap-growing-percent=100`) keeps the peak near 2 × what is kept,
 * for a few more full collections (each a mark of the live heap, partly on V8's helper threads):
 * measured on the 1 M-line bench log, 100 k fingerprints, `--format sarif`, two alternating rounds:
 * peak RSS 448/431 MB → 279/277 MB at the same CPU time (18.8/19.1 s → 17.7/18.8 s user). See the
 * README's "Measured".
 */
import v8 from 'node:v8';

/** The growth past the live heap allowed between full collections, in percent (100 = factor 2). */
export const HEAP_GROWING_PERCENT = 100;

/**
 * Sets V8's heap growing factor for this process (process-wide; idempotent). Called by a command
 * before it plans a corpus.
 */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
