/**
 * Collation elements (uint32) of Vitess's vindex collator: their kinds, primary weight, canonical
 * combining class and the implicit weights of runes the table lacks. A port of vitessio/vitess
 * go/mysql/collations/vindex/internal/colltab/collelem.go (from golang.org/x/text/internal/colltab).
 */
import { collateTables, inRanges } from './collate-data.js';

/** What an element asks for (collelem.go ceType): normal, contraction, expansion, NFKD decomposition. */
export type CeType = 0 | 1 | 2 | 3;
/** ceNormal (includes implicits, ce == 0). */
export const CE_NORMAL = 0;
/** ceContractionIndex: the rune can start a contraction. */
export const CE_CONTRACTION = 1;
/** ceExpansionIndex: the rune expands into several elements. */
export const CE_EXPANSION = 2;
/** ceDecompose: the rune expands through its NFKD decomposition. */
export const CE_DECOMPOSE = 3;

const MAX_CE = 0xafffffff;
const MAX_CONTRACT = 0xdfffffff;
const MAX_EXPAND = 0xefffffff;
const DEFAULT_SECONDARY = 0x20;
/** collelem.go maxTertiary. */
export const MAX_TERTIARY = 0x1f;
const CE_TYPE_MASK = 0xc0000000;
const CE_TYPE_MASK_EXT = 0xe0000000;
const CE_TYPE1 = 0x40000000;
const CE_TYPE_3_OR_4 = 0x80000000;
const CE_TYPE4 = 0xa0000000;
const FIRST_NON_PRIMARY = 0x80000000;
const LAST_SPECIAL_PRIMARY = 0xa0000000;
const PRIMARY_VALUE_MASK = 0x3ffffe00;
const PRIMARY_SHIFT = 9;
const COMPACT_SECONDARY_SHIFT = 5;
const MIN_COMPACT_SECONDARY = DEFAULT_SECONDARY - 4;

/** Elem.ctype. `ce` is a uint32 (non-negative number). */
export function ceType(ce: number): CeType {
  if (ce <= MAX_CE) return CE_NORMAL;
  if (ce <= MAX_CONTRACT) return CE_CONTRACTION;
  if (ce <= MAX_EXPAND) return CE_EXPANSION;
  return CE_DECOMPOSE;
}

/** Elem.CCC: the canonical combining class an element carries, or 0. */
export function ccc(ce: number): number {
  if ((ce & CE_TYPE_3_OR_4) !== 0) {
    if ((ce & CE_TYPE4) >>> 0 === CE_TYPE_3_OR_4) return (ce >>> 16) & 0xff;
    return (ce >>> 20) & 0xff;
  }
  return 0;
}

/** Elem.Primary: the primary weight (0 for ignorables and secondary-only elements). */
export function primary(ce: number): number {
  if (ce >= FIRST_NON_PRIMARY) {
    if (ce > LAST_SPECIAL_PRIMARY) return 0;
    return ce & 0xffff;
  }
  return (ce & PRIMARY_VALUE_MASK) >>> PRIMARY_SHIFT;
}

/** Elem.updateTertiary: `ce` with tertiary weight `t` (a uint8). */
export function updateTertiary(ce: number, t: number): number {
  if ((ce & CE_TYPE_MASK) >>> 0 === CE_TYPE1) {
    // convert to type 4
    const nce = (ce & PRIMARY_VALUE_MASK) | ((((ce & 0xff) - MIN_COMPACT_SECONDARY) & 0xff) << COMPACT_SECONDARY_SHIFT);
    ce = nce >>> 0;
  } else if ((ce & CE_TYPE_MASK_EXT) >>> 0 === CE_TYPE_3_OR_4) {
    ce = (ce & ~(MAX_TERTIARY << 24)) >>> 0;
    return (ce | (t << 24)) >>> 0;
  } else {
    // type 2 or 4
    ce = (ce & ~MAX_TERTIARY) >>> 0;
  }
  return (ce | t) >>> 0;
}

/** splitContractIndex: [trie index, first node size, offset into the contraction elements]. */
export function splitContractIndex(ce: number): [index: number, n: number, offset: number] {
  return [(ce >>> 4) & 0xfff, ce & 0xf, (ce >>> 16) & 0x1fff];
}

/** splitExpandIndex. */
export function splitExpandIndex(ce: number): number {
  return ce & 0xffff;
}

/** splitDecompose: replacement tertiary weights for the first two runes. */
export function splitDecompose(ce: number): [t1: number, t2: number] {
  return [ce & 0xff, (ce >>> 8) & 0xff];
}

/** makeImplicitCE. */
export function makeImplicitCE(p: number): number {
  return (CE_TYPE1 | ((p << PRIMARY_SHIFT) >>> 0) | DEFAULT_SECONDARY) >>> 0;
}

const MIN_UNIFIED = 0x4e00;
const MAX_UNIFIED = 0x9fff;
const MIN_COMPATIBILITY = 0xf900;
const MAX_COMPATIBILITY = 0xfaff;
const COMMON_UNIFIED_OFFSET = 0x10000;
const RARE_UNIFIED_OFFSET = 0x20000;
const OTHER_OFFSET = 0x50000;

/** implicitPrimary: the primary weight of a rune absent from the table (CJK and unassigned). */
export function implicitPrimary(r: number): number {
  if (isIdeographic(r)) {
    if (r >= MIN_UNIFIED && r <= MAX_UNIFIED) return r + COMMON_UNIFIED_OFFSET;
    if (r >= MIN_COMPATIBILITY && r <= MAX_COMPATIBILITY) return r + COMMON_UNIFIED_OFFSET;
    return r + RARE_UNIFIED_OFFSET;
  }
  return r + OTHER_OFFSET;
}

/** unicode.Is(unicode.Ideographic, r) with Go's tables (the release that builds vtgate). */
function isIdeographic(r: number): boolean {
  return inRanges(collateTables().ideographic, r);
}
