/**
 * Collation elements of the next rune or contraction of a UTF-8 text: the trie lookup, expansions,
 * contractions (also discontiguous ones across non-blocking combining marks), Hangul syllables,
 * NFKD-decomposed runes and implicit weights. A port of vitessio/vitess
 * go/mysql/collations/vindex/internal/colltab/{table.go,trie.go,contract.go} over the table
 * collate/index.go selects (tableIndex{0x15, 0x0}).
 */
import { collateTables } from './collate-data.js';
import {
  CE_CONTRACTION,
  CE_DECOMPOSE,
  CE_EXPANSION,
  CE_NORMAL,
  MAX_TERTIARY,
  ceType,
  implicitPrimary,
  makeImplicitCE,
  splitContractIndex,
  splitDecompose,
  splitExpandIndex,
  updateTertiary,
} from './collate-elem.js';
import { MAX_SEGMENT_SIZE, decodeRune, decomposeHangul, firstBoundary, nfdProperties, nfkdDecomposition, runeStart } from './collate-norm.js';

const BLOCK_SIZE = 64;
/** index.go: the vindex collator's table starts its first-byte index at block 0x15. */
const LOOKUP_OFFSET = 0x15;
const TX = 0x80;
const T2 = 0xc0;
const T3 = 0xe0;
const T4 = 0xf0;
const T5 = 0xf8;

/**
 * Trie.lookup: the trie value for the first UTF-8 encoding in s and its width in bytes (0 when s
 * ends inside the encoding). s.length must be > 0.
 */
export function trieLookup(s: Uint8Array): [ce: number, size: number] {
  const { lookup, values } = collateTables();
  const c0 = s[0]!;
  if (c0 < TX) return [values[c0]!, 1];
  if (c0 < T2) return [0, 1];
  // Lead bytes of 2, 3 and 4-byte encodings: each continuation byte but the last selects the next
  // index block, the last one the value (trie.go spells the three cases out).
  const n = c0 < T3 ? 2 : c0 < T4 ? 3 : c0 < T5 ? 4 : 0;
  if (n === 0) return [0, 1]; // Illegal rune
  if (s.length < n) return [0, 0];
  let i = lookup[BLOCK_SIZE * LOOKUP_OFFSET + c0]!;
  for (let k = 1; ; k++) {
    const c = s[k]!;
    if (c < TX || T2 <= c) return [0, k];
    if (k === n - 1) return [values[(i << 6) + c]!, n];
    i = lookup[(i << 6) + c]!;
  }
}

const FIRST_HANGUL = 0xac00;
const LAST_HANGUL = 0xd7a3;

/**
 * Table.AppendNext: appends to w the elements of the next rune or contraction in src (and of the
 * interstitial runes of a discontiguous contraction); returns the number of bytes consumed.
 */
export function appendNext(w: number[], src: Uint8Array): number {
  let [ce, sz] = trieLookup(src);
  switch (ceType(ce)) {
    case CE_NORMAL:
      if (ce === 0) {
        const [r] = decodeRune(src, 0);
        if (r >= FIRST_HANGUL && r <= LAST_HANGUL) {
          const n = sz;
          // norm.NFD.Append(buf[:0], src[:hangulSize]...)
          for (let b = decomposeHangul(r); b.length > 0; b = b.subarray(sz)) {
            [ce, sz] = trieLookup(b);
            w.push(ce);
          }
          return n;
        }
        ce = makeImplicitCE(implicitPrimary(r));
      }
      w.push(ce);
      break;
    case CE_EXPANSION:
      appendExpansion(w, ce);
      break;
    case CE_CONTRACTION:
      sz += matchContraction(w, ce, src.subarray(sz));
      break;
    case CE_DECOMPOSE: {
      // Decompose using NFKD and replace tertiary weights.
      const [t1, t2] = splitDecompose(ce);
      let i = w.length;
      for (let nfkd = nfkdDecomposition(src, 0), p = 0; nfkd.length > 0; nfkd = nfkd.subarray(p)) p = appendNext(w, nfkd);
      if (i >= w.length) throw new RangeError('index out of range'); // Go: w[i] panics
      w[i] = updateTertiary(w[i]!, t1);
      if (++i < w.length) {
        w[i] = updateTertiary(w[i]!, t2);
        for (i++; i < w.length; i++) w[i] = updateTertiary(w[i]!, MAX_TERTIARY);
      }
      break;
    }
  }
  return sz;
}

/** Table.appendExpansion: the elements an expansion element names. */
function appendExpansion(w: number[], ce: number): void {
  const { expand } = collateTables();
  let i = splitExpandIndex(ce);
  const n = expand[i]!;
  i++;
  for (let k = i; k < i + n; k++) w.push(expand[k]!);
}

/**
 * ctScanner (contract.go): matches a contraction trie against the input, keeping the state of the
 * last match at a rune start so that matching can resume after skipped combining marks.
 */
class CtScanner {
  /** Offset into the contraction trie entries (contract.go `states`). */
  states: number;
  n: number;
  s: Uint8Array;
  index = 0;
  pindex = 0;
  done = false;

  constructor(states: number, n: number, s: Uint8Array) {
    this.states = states;
    this.n = n;
    this.s = s;
  }

  /** result: the offset of the matched suffix and the bytes consumed (0, 0 without a match). */
  result(): [number, number] {
    return [this.index, this.pindex];
  }

  /** scan: matches the longest suffix at p; returns the position after the last full rune matched. */
  scan(p: number): number {
    const ct = collateTables().ct;
    let pr = p; // the p at the rune start
    const str = this.s;
    let states = this.states;
    let n = this.n;
    for (let i = 0; i < n && p < str.length; ) {
      const e = 4 * (states + i);
      const L = ct[e]!;
      const H = ct[e + 1]!;
      const N = ct[e + 2]!;
      const I = ct[e + 3]!;
      const c = str[p]!;
      if (c >= L) {
        if (L === c) {
          p++;
          if (I !== NO_INDEX) {
            this.index = I;
            this.pindex = p;
          }
          if (N !== FINAL) {
            i = 0;
            states = states + H + n;
            n = N;
            if (p >= str.length || runeStart(str[p]!)) {
              this.states = states;
              this.n = n;
              pr = p;
            }
          } else {
            this.done = true;
            return p;
          }
          continue;
        } else if (N === FINAL && c <= H) {
          p++;
          this.done = true;
          this.index = c - L + I;
          this.pindex = p;
          return p;
        }
      }
      i++;
    }
    return pr;
  }
}

const FINAL = 0;
const NO_INDEX = 0xff;

/**
 * Table.matchContraction: appends the elements of the longest contraction starting with the rune
 * whose element is `ce`, matched against `suffix` (the bytes after that rune), possibly skipping
 * non-blocking combining marks (whose elements follow). Returns the bytes of suffix consumed.
 */
function matchContraction(w: number[], ce: number, suffix: Uint8Array): number {
  const t = collateTables();
  const [index, n0, offset] = splitContractIndex(ce);
  const scan = new CtScanner(index, n0, suffix);
  let buf: Uint8Array | null = null;
  let bufp = 0;
  let p = scan.scan(0);
  if (!scan.done && p < suffix.length && suffix[p]! >= 0x80) {
    // By now we should have filtered most cases.
    let p0 = p;
    let bufn = 0;
    let rune = nfdProperties(suffix, p);
    p += rune.size;
    if (rune.leadCCC !== 0) {
      let prevCC = rune.trailCCC;
      // A gap may only occur in the last normalization segment.
      const end = firstBoundary(suffix, p);
      if (end !== -1) scan.s = suffix.subarray(0, p + end);
      while (p < suffix.length && !scan.done && suffix[p]! >= 0x80) {
        rune = nfdProperties(suffix, p);
        const c = rune.leadCCC;
        if (c === 0 || prevCC >= c) break;
        prevCC = rune.trailCCC;
        const pp = scan.scan(p);
        if (pp !== p) {
          buf ??= new Uint8Array(MAX_SEGMENT_SIZE);
          // Copy the interstitial runes for later processing.
          const part = suffix.subarray(p0, p).subarray(0, buf.length - bufn);
          buf.set(part, bufn);
          bufn += part.length;
          if (scan.pindex === pp) bufp = bufn;
          p = pp;
          p0 = pp;
        } else {
          p += rune.size;
        }
      }
    }
  }
  // Append weights for the matched contraction, which may be an expansion.
  const [i, n] = scan.result();
  const cce = t.contract[i + offset]!;
  if (ceType(cce) === CE_NORMAL) w.push(cce);
  else appendExpansion(w, cce);
  // Append weights for the runes in the segment not part of the contraction.
  if (buf) for (let b = buf.subarray(0, bufp), q = 0; b.length > 0; b = b.subarray(q)) q = appendNext(w, b);
  return n;
}
