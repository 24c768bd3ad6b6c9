/**
 * The hash input of the unicode_loose_md5 / unicode_loose_xxhash vindexes (vitessio/vitess
 * go/vt/vtgate/vindexes/unicode.go unicodeHash): the value's bytes must be valid UTF-8, trailing
 * ASCII spaces (0x20 only) are dropped as MySQL's PAD SPACE collations do, and the rest becomes
 * the collator's primary weights (collate-hasher.ts), which unicodeloosemd5.go hashes with MD5
 * and unicodeloosexxhash.go with xxh64 (its XXHashBigEndian writes the digest little-endian).
 */
import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import { collationWeights } from './collate-hasher.js';
import { collateTables, inRanges } from './collate-data.js';

/**
 * The collation weights unicodeHash feeds to the hash for `bytes`, or Vitess's error text for
 * bytes that are not UTF-8 (`cannot normalize string containing invalid UTF-8: "\xff"`).
 */
export function unicodeLooseWeights(bytes: Uint8Array): Uint8Array | { error: string } {
  if (!isUtf8(bytes)) return { error: `cannot normalize string containing invalid UTF-8: ${goQuoteBytes(bytes)}` };
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0x20) end--;
  return collationWeights(bytes.subarray(0, end));
}

/**
 * lookup_unicodeloosemd5_hash.go unicodeHashValue: the uint64 that lookup_unicodeloosemd5_hash(_unique)
 * stores in, and looks up from, its lookup table's `from` column instead of the value: the first 8
 * bytes, big-endian, of the unicode_loose_md5 keyspace id. Or Vitess's error for bytes that are not UTF-8.
 */
export function unicodeHashValue(bytes: Uint8Array): bigint | { error: string } {
  const w = unicodeLooseWeights(bytes);
  if (!(w instanceof Uint8Array)) return w;
  return crypto.createHash('md5').update(w).digest().readBigUInt64BE(0);
}

/**
 * fmt's %q of a []byte (strconv.Quote over its bytes): printable runes as they are, `\"` and `\\`,
 * the C escapes \a \b \f \n \r \t \v, other control bytes and bytes that are not UTF-8 as \xNN,
 * other non-printable runes as \uNNNN or \UNNNNNNNN. Printable is Go's unicode.IsPrint, from the
 * generated tables (Go's Unicode version, not Node's).
 */
export function goQuoteBytes(b: Uint8Array): string {
  let out = '"';
  const text = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < b.length; ) {
    const n = utf8SeqLen(b, i);
    if (n === 0) {
      out += `\\x${b[i]!.toString(16).padStart(2, '0')}`;
      i++;
      continue;
    }
    const ch = text.decode(b.subarray(i, i + n));
    const r = ch.codePointAt(0)!;
    i += n;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if ((r >= 0x20 && r < 0x7f) || (r > 0x7f && inRanges(collateTables().printable, r))) out += ch;
    else if (GO_C_ESCAPES[ch]) out += GO_C_ESCAPES[ch];
    else if (r < 0x20 || r === 0x7f) out += `\\x${r.toString(16).padStart(2, '0')}`;
    else if (r < 0x10000) out += `\\u${r.toString(16).padStart(4, '0')}`;
    else out += `\\U${r.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

const GO_C_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** Length of the valid UTF-8 sequence at b[i] (utf8.DecodeRune's rules), or 0 when it is not one. */
function utf8SeqLen(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  const second = b[i + 1]!;
  if (c === 0xe0 && second < 0xa0) return 0; // overlong
  if (c === 0xed && second >= 0xa0) return 0; // surrogate
  if (c === 0xf0 && second < 0x90) return 0; // overlong
  if (c === 0xf4 && second >= 0x90) return 0; // > U+10FFFF
  return n;
}
