/**
 * The collation tables of Vitess's unicode_loose_* vindexes, decoded on first use from
 * src/generated/unicode-loose-tables.ts (written by scripts/unicode-loose/gen.sh from
 * vitessio/vitess go/mysql/collations/vindex/collate/tables.go, unicode/norm and Go's
 * unicode.Ideographic, unicode.IsPrint). Decoding costs a few milliseconds and ~1.3 MB, paid only
 * when a unicode_loose vindex maps a value.
 */
import { endianness } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { UNICODE_LOOSE_TABLES } from '../generated/unicode-loose-tables.js';

/** The decoded tables; array layouts and indices are Vitess's own (index.go getTable). */
export interface CollateTables {
  /** mainLookup: trie index blocks of 64 (uint16). */
  lookup: Uint16Array;
  /** mainValues: trie value blocks of 64 (collation elements, uint32). */
  values: Uint32Array;
  /** mainExpandElem: [count, elem...] runs addressed by expansion elements. */
  expand: Uint32Array;
  /** mainContractElem: elements of contractions, addressed by trie result + offset. */
  contract: Uint32Array;
  /** mainCTEntries as L, H, N, I bytes (4 per entry). */
  ct: Uint8Array;
  /** Runs of NFD properties: first rune of each run, ascending. */
  nfdStart: Uint32Array;
  /** Packed NFD properties per run: leadCCC | trailCCC<<8 | nLead<<16 | nTrail<<20 | inert<<24. */
  nfdProps: Uint32Array;
  /** NFKD decomposition (UTF-8) of each rune whose element says "decompose". */
  decompose: Map<number, Uint8Array>;
  /** unicode.Ideographic as inclusive [lo, hi] pairs, ascending. */
  ideographic: Uint32Array;
  /** unicode.IsPrint above U+007F as inclusive [lo, hi] pairs, ascending. */
  printable: Uint32Array;
}

let tables: CollateTables | undefined;
const LITTLE_ENDIAN = endianness() === 'LE';

/** Whether the tables have been decoded in this process (they are only when a unicode_loose vindex maps a value). */
export function collateTablesDecoded(): boolean {
  return tables !== undefined;
}

/** The tables, decoded once (synchronously) on the first call. */
export function collateTables(): CollateTables {
  if (tables) return tables;
  const raw = inflateRawSync(Buffer.from(UNICODE_LOOSE_TABLES, 'base64'));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let at = 0;
  const section = (width: 1 | 2 | 4): Uint8Array | Uint16Array | Uint32Array => {
    const n = view.getUint32(at, true);
    at += 4;
    const bytes = raw.byteOffset + at;
    at += n * width;
    if (LITTLE_ENDIAN) {
      // A copy of the section: aligned, and the typed array reads the little-endian data as it is.
      const copy = raw.buffer.slice(bytes, bytes + n * width);
      return width === 1 ? new Uint8Array(copy) : width === 2 ? new Uint16Array(copy) : new Uint32Array(copy);
    }
    const out = width === 1 ? new Uint8Array(n) : width === 2 ? new Uint16Array(n) : new Uint32Array(n);
    for (let i = 0, p = bytes - raw.byteOffset; i < n; i++, p += width) {
      out[i] = width === 1 ? view.getUint8(p) : width === 2 ? view.getUint16(p, true) : view.getUint32(p, true);
    }
    return out;
  };
  const lookup = section(2) as Uint16Array;
  const values = section(4) as Uint32Array;
  const expand = section(4) as Uint32Array;
  const contract = section(4) as Uint32Array;
  const ct = section(1) as Uint8Array;
  const nfd = section(4) as Uint32Array;
  const dec = section(4) as Uint32Array;
  const ideographic = section(4) as Uint32Array;
  const printable = section(4) as Uint32Array;
  if (at !== raw.length) throw new Error('unicode-loose-tables: trailing bytes (regenerate with scripts/unicode-loose/gen.sh)');
  const nfdStart = new Uint32Array(nfd.length / 2);
  const nfdProps = new Uint32Array(nfd.length / 2);
  for (let i = 0; i < nfdStart.length; i++) {
    nfdStart[i] = nfd[2 * i]!;
    nfdProps[i] = nfd[2 * i + 1]!;
  }
  const decompose = new Map<number, Uint8Array>();
  for (let i = 0; i < dec.length; ) {
    const r = dec[i]!;
    const n = dec[i + 1]!;
    decompose.set(r, Uint8Array.from(dec.subarray(i + 2, i + 2 + n)));
    i += 2 + n;
  }
  tables = { lookup, values, expand, contract, ct, nfdStart, nfdProps, decompose, ideographic, printable };
  return tables;
}

/** Whether r lies in one of the inclusive [lo, hi] pairs of `ranges` (ascending). */
export function inRanges(ranges: Uint32Array, r: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (r < ranges[2 * mid]!) hi = mid - 1;
    else if (r > ranges[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}
