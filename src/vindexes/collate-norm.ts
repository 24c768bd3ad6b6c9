/**
 * The few Unicode normalization facts Vitess's vindex collator reads (vitessio/vitess
 * go/mysql/collations/vindex/unicode/norm, Unicode 15.0): NFD properties of a rune, FirstBoundary,
 * Hangul decomposition, NFKD decompositions; plus Go's utf8.DecodeRune on bytes. Inputs are byte
 * arrays read from an offset; the hashed text is always valid UTF-8 (unicode.go checks first).
 */
import { runIndex } from '../core/run-index.js';
import { collateTables } from './collate-data.js';

/** What norm.NFD.Properties(s) tells colltab: sizes, combining classes, stream-safe counts. */
export interface NfdProps {
  /** Length of the rune's UTF-8 encoding (0 when the bytes end inside it). */
  size: number;
  /** LeadCCC: combining class of the first rune of the decomposition. */
  leadCCC: number;
  /** TrailCCC: combining class of the last rune of the decomposition. */
  trailCCC: number;
  /** nLeadingNonStarters. */
  nLead: number;
  /** nTrailingNonStarters. */
  nTrail: number;
  /** isInert (BoundaryAfter). */
  inert: boolean;
}

/** utf8.RuneStart. */
export function runeStart(b: number): boolean {
  return (b & 0xc0) !== 0x80;
}

/** UTF-8 length announced by a lead byte, or 0 for a continuation or invalid byte. */
function seqLen(b: number): number {
  if (b < 0x80) return 1;
  if (b < 0xc2) return 0;
  if (b < 0xe0) return 2;
  if (b < 0xf0) return 3;
  if (b < 0xf5) return 4;
  return 0;
}

/** utf8.DecodeRune(s[p:end]): [rune, size]; RuneError (U+FFFD), 1 for bytes that are not UTF-8. */
export function decodeRune(s: Uint8Array, p: number, end: number = s.length): [number, number] {
  if (p >= end) return [0xfffd, 0];
  const b0 = s[p]!;
  const n = seqLen(b0);
  if (n === 1) return [b0, 1];
  if (n === 0 || p + n > end) return [0xfffd, 1];
  let r = b0 & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const b = s[p + k]!;
    if ((b & 0xc0) !== 0x80) return [0xfffd, 1];
    r = (r << 6) | (b & 0x3f);
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return [0xfffd, 1];
  return [r, n];
}

/** norm.NFD.Properties(s[p:end]) for the fields colltab reads. */
export function nfdProperties(s: Uint8Array, p: number, end: number = s.length): NfdProps {
  const lead = p < end ? seqLen(s[p]!) : 0;
  // The trie reports size 0 when the bytes end inside the rune (only FirstBoundary's end can do that).
  if (lead === 0 || p + lead > end) return { size: 0, leadCCC: 0, trailCCC: 0, nLead: 0, nTrail: 0, inert: true };
  const [r, size] = decodeRune(s, p, end);
  const t = collateTables();
  const v = t.nfdProps[runIndex(t.nfdStart, r)]!;
  return { size, leadCCC: v & 0xff, trailCCC: (v >>> 8) & 0xff, nLead: (v >>> 16) & 0xf, nTrail: (v >>> 20) & 0xf, inert: (v >>> 24) === 1 };
}

const MAX_NON_STARTERS = 30;

/** norm.MaxSegmentSize: bytes needed for any segment of a starter and up to 30 non-starters. */
export const MAX_SEGMENT_SIZE = 4 * (MAX_NON_STARTERS + 2);

/**
 * norm.NFD.FirstBoundary(s[p:end]) (normalize.go firstBoundary with streamSafe.next): the offset,
 * relative to p, of the first segment boundary, or -1 if there is none.
 */
export function firstBoundary(s: Uint8Array, p: number, end: number = s.length): number {
  let i = p;
  while (i < end && !runeStart(s[i]!)) i++;
  if (i >= end) return -1;
  let ss = 0;
  for (;;) {
    const info = nfdProperties(s, i, end);
    if (info.size === 0) return -1;
    // streamSafe.next: anything but ssSuccess ends the segment before this rune.
    ss += info.nLead;
    if (ss > MAX_NON_STARTERS) return i - p;
    if (info.nLead === 0) return i - p;
    i += info.size;
    if (i >= end) {
      if (!info.inert && ss !== MAX_NON_STARTERS) return -1;
      return end - p;
    }
  }
}

const HANGUL_BASE = 0xac00;
const JAMO_L_BASE = 0x1100;
const JAMO_V_BASE = 0x1161;
const JAMO_T_BASE = 0x11a7;
const JAMO_V_COUNT = 21;
const JAMO_T_COUNT = 28;

/** norm.NFD of one Hangul syllable (composition.go decomposeHangul), as UTF-8. */
export function decomposeHangul(r: number): Uint8Array {
  r -= HANGUL_BASE;
  const x = r % JAMO_T_COUNT;
  r = Math.floor(r / JAMO_T_COUNT);
  const jamo = [JAMO_L_BASE + Math.floor(r / JAMO_V_COUNT), JAMO_V_BASE + (r % JAMO_V_COUNT)];
  if (x !== 0) jamo.push(JAMO_T_BASE + x);
  return Uint8Array.from(Buffer.from(String.fromCodePoint(...jamo), 'utf8'));
}

/** norm.NFKD.Properties(s[p:]).Decomposition() for a rune whose collation element says "decompose". */
export function nfkdDecomposition(s: Uint8Array, p: number): Uint8Array {
  const [r] = decodeRune(s, p);
  const d = collateTables().decompose.get(r);
  if (!d) throw new Error(`unicode-loose-tables: no NFKD decomposition for U+${r.toString(16).toUpperCase()}`);
  return d;
}
