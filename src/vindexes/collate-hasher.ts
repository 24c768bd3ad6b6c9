/**
 * The byte string Vitess's vindex collator hashes for a text: primary collation weights (CLDR 23
 * root, Unicode 6.2) of the text in canonical order. Ports vitessio/vitess
 * go/mysql/collations/vindex/internal/colltab/iter.go (Iter) and
 * go/mysql/collations/vindex/collate/collate.go (Hasher.Hash).
 */
import { appendNext } from './collate-table.js';
import { ccc, primary } from './collate-elem.js';

const MAX_COMBINING_CHARACTERS = 30;

/**
 * colltab.Iter: converts the text to collation elements chunk by chunk, reordering the elements
 * of runs of combining marks by canonical combining class as if the text were NFD-normalized.
 */
class Iter {
  /** Elements; the first n will not be reordered any more. */
  elems: number[] = [];
  n = 0;
  private bytes: Uint8Array;
  private pNext = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** Discard: drops the elements up to n. */
  discard(): void {
    this.elems.splice(0, this.n);
    this.n = 0;
  }

  private appendNext(): boolean {
    if (this.pNext >= this.bytes.length) return false;
    let sz = appendNext(this.elems, this.bytes.subarray(this.pNext));
    if (sz === 0) sz = 1;
    this.pNext += sz;
    return true;
  }

  /** Next: appends elements; false when the text is exhausted. */
  next(): boolean {
    const e = this.elems;
    if (this.n === e.length && !this.appendNext()) return false;
    // Check if the current segment starts with a starter.
    let prevCCC = ccc(at(e, e.length - 1));
    if (prevCCC === 0) {
      this.n = e.length;
      return true;
    } else if (ccc(at(e, this.n)) === 0) {
      // set n to only cover part of elems for which prevCCC == 0 and use rest for the next call to next.
      for (this.n++; this.n < e.length && ccc(e[this.n]!) === 0; this.n++);
      return true;
    }
    // The current (partial) segment starts with modifiers. Collect all successive modifiers to
    // ensure that they are normalized.
    for (;;) {
      const p = e.length;
      if (!this.appendNext()) break;
      const c = ccc(at(e, p));
      if (c === 0 || e.length - this.n > MAX_COMBINING_CHARACTERS) {
        // Leave the starter for the next iteration.
        this.n = p;
        return true;
      } else if (c < prevCCC) {
        this.doNorm(p, c); // should be rare, never occurs for NFD and FCC.
      } else {
        prevCCC = c;
      }
    }
    const done = e.length !== this.n;
    this.n = e.length;
    return done;
  }

  /** doNorm: moves the block of elements appended at k before the elements with a higher CCC. */
  private doNorm(k: number, c: number): void {
    const e = this.elems;
    let p = k;
    for (p--; p > this.n && c < ccc(e[p - 1]!); p--);
    const moved = e.slice(p, k);
    const rest = e.slice(k);
    for (let i = 0; i < rest.length; i++) e[p + i] = rest[i]!;
    for (let i = 0; i < moved.length; i++) e[p + rest.length + i] = moved[i]!;
  }
}

/** e[i], throwing like Go's index-out-of-range panic instead of reading undefined. */
function at(e: number[], i: number): number {
  if (i < 0 || i >= e.length) throw new RangeError(`index out of range [${i}] with length ${e.length}`);
  return e[i]!;
}

/**
 * Hasher.Hash's input: for each collation element with a primary weight w > 0, w as 2 bytes
 * big-endian when w ≤ 0x7FFF, else 3 bytes (w>>16 | 0x80, w>>8, w). Hasher writes these through a
 * 64-byte scratch buffer; the hash sees the same concatenated stream, returned here whole.
 * `text` must be valid UTF-8 (unicode.go checks before calling).
 */
export function collationWeights(text: Uint8Array): Uint8Array {
  const it = new Iter(text);
  const out: number[] = [];
  while (it.next()) {
    for (let n = 0; n < it.n; n++) {
      const w = primary(it.elems[n]!);
      if (w > 0) {
        if (w <= 0x7fff) out.push(w >>> 8, w & 0xff);
        else out.push(((w >>> 16) & 0xff) | 0x80, (w >>> 8) & 0xff, w & 0xff);
      }
    }
    it.discard();
  }
  return Uint8Array.from(out);
}
