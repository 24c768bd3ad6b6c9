/**
 * Statement fingerprints like Vitess's normalizer (vitessio/vitess go/vt/sqlparser/normalizer.go):
 * literals become bind variables `:vtg1`, `:vtg2`, ..., an IN list of literals as a whole becomes
 * `::vtg<n>`; whitespace and comments are dropped (except `/*vt+ ... *\/` directives, which change
 * planning) and unquoted words are lower-cased. Common statements are written in one pass over their
 * character codes (./fingerprint-fused.ts); anything that pass leaves (comments, unterminated quotes,
 * prefixed literals, non-ASCII outside strings) goes through the character-code scanner (./scan.ts)
 * and the significant tokens of its scan. Both write through ./fingerprint-writer.ts (no token objects,
 * no string per token) and give exactly the fingerprints of the moo-token version they replaced (kept as
 * the test oracle in test/corpus/fingerprint-oracle.ts, property-tested against it).
 */
import { writeFused } from './fingerprint-fused.js';
import { emit, emitListBind, emitLiteral, startFingerprint, written } from './fingerprint-writer.js';
import { type Scan, T, scanTokens } from './scan.js';

const isLiteral = (t: number): boolean => t === T.string || t === T.hex || t === T.bit || t === T.number;

let sig = new Int32Array(256);

/** Fingerprint of `sql`. Never throws. */
export function fingerprint(sql: string): string {
  writeFingerprint(sql);
  return written();
}

/**
 * Writes the fingerprint of `sql` into ./fingerprint-writer.ts (read it with `written`,
 * `writtenEquals`, `hashWritten` before the next one). Never throws.
 */
export function writeFingerprint(sql: string): void {
  if (!writeFused(sql)) writeOfScan(scanTokens(sql));
}

/** Fingerprint of the statement of a scan (./scan.ts), read before the next scan. Never throws. */
export function fingerprintOfScan(s: Scan): string {
  writeOfScan(s);
  return written();
}

// The scan being fingerprinted and its number of significant tokens (indices in `sig`).
let cur: Scan;
let curCount = 0;

/** Significant token i is the one-character operator `ch` (a char code). */
function isOp1(i: number, ch: number): boolean {
  if (i >= curCount) return false;
  const k = sig[i]!;
  return cur.types[k] === T.op && cur.ends[k]! - cur.starts[k]! === 1 && cur.sql.charCodeAt(cur.starts[k]!) === ch;
}

/** Significant token i is the word `in`, in any case. */
function isWordIn(i: number): boolean {
  const k = sig[i]!;
  if (cur.types[k] !== T.word || cur.ends[k]! - cur.starts[k]! !== 2) return false;
  const a = cur.sql.charCodeAt(cur.starts[k]!) | 32;
  const b = cur.sql.charCodeAt(cur.starts[k]! + 1) | 32;
  return a === 105 && b === 110;
}

/** Writes the fingerprint of the statement of a scan, two passes: its significant tokens, then them. */
function writeOfScan(s: Scan): void {
  const sql = s.sql;
  // Indices of the significant tokens (not whitespace or comments).
  if (sig.length < s.count) sig = new Int32Array(s.count * 2);
  let m = 0;
  for (let k = 0; k < s.count; k++) if (s.types[k] !== T.ws && s.types[k] !== T.comment) sig[m++] = k;
  cur = s;
  curCount = m;
  startFingerprint();
  for (let i = 0; i < m; i++) {
    const t = s.types[sig[i]!]!;
    // `IN ( lit , lit , ... )` ⇒ `in ::vtgN`
    if (t === T.word && isWordIn(i) && isOp1(i + 1, 40)) {
      let j = i + 2;
      let ok = true;
      let count = 0;
      while (j < m) {
        const xt = s.types[sig[j]!]!;
        if (!(isLiteral(xt) || isOp1(j, 45) || isOp1(j, 43))) {
          ok = false;
          break;
        }
        if (isLiteral(xt)) count++;
        j++;
        if (isOp1(j, 44)) {
          j++;
          continue;
        }
        break;
      }
      if (ok && count > 0 && isOp1(j, 41)) {
        emit('in', 0, 2, false);
        emitListBind();
        i = j;
        continue;
      }
    }
    if (isLiteral(t)) {
      emitLiteral();
      continue;
    }
    const k = sig[i]!;
    emit(sql, s.starts[k]!, s.ends[k]!, t === T.word);
  }
}
