/**
 * Statement fingerprints like Vitess's normalizer (vitessio/vitess go/vt/sqlparser/normalizer.go):
 * literals become bind variables `:vtg1`, `:vtg2`, ..., an IN list of literals as a whole becomes
 * `::vtg<n>`; whitespace and comments are dropped (except `/*vt+ ... *\/` directives, which change
 * planning) and unquoted words are lower-cased. One pass of the character-code scanner (./scan.ts),
 * no token objects, the fingerprint written as character codes into a reused buffer (one string per
 * statement, none per token); gives exactly the fingerprints of the moo-token version it replaced (kept as
 * the test oracle in test/corpus/fingerprint-oracle.ts, property-tested against it).
 */
import { type Scan, T, scanTokens } from './scan.js';

/** Keywords printed with a space before `(` (everything else followed by `(` is a function call). */
const KEYWORDS_BEFORE_PAREN = new Set(['in', 'values', 'value', 'from', 'join', 'where', 'and', 'or', 'not', 'exists', 'as', 'on', 'using', 'select', 'into', 'set', 'union', 'all', 'any', 'some', 'when', 'then', 'else', 'by', 'having', 'with', 'table', 'is', 'like', 'between', 'limit', 'distinct', 'lateral', 'interval', 'over', 'partition', 'returning', 'case', 'xor', 'div', 'mod', 'row', 'escape', 'regexp', 'rlike', 'sounds']);

/** Tokens after which a `-` before a literal is the literal's sign (compared lower-cased). */
const SIGN_CONTEXT = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '(', ',', 'in', 'values', 'and', 'or', 'not', 'where', 'then', 'else', 'when', 'limit', 'offset']);

const isLiteral = (t: number): boolean => t === T.string || t === T.hex || t === T.bit || t === T.number;

let sig = new Int32Array(256);

/** Fingerprint of `sql`. */
export function fingerprint(sql: string): string {
  return fingerprintOfScan(scanTokens(sql));
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

/** Fingerprint of the statement of a scan (./scan.ts), read before the next scan. */
export function fingerprintOfScan(s: Scan): string {
  const sql = s.sql;
  // Indices of the significant tokens (not whitespace or comments).
  if (sig.length < s.count) sig = new Int32Array(s.count * 2);
  let m = 0;
  for (let k = 0; k < s.count; k++) if (s.types[k] !== T.ws && s.types[k] !== T.comment) sig[m++] = k;
  cur = s;
  curCount = m;
  len = 0;
  ntok = 0;
  wide = false;
  let n = 0;
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
        emitBind(2, ++n);
        i = j;
        continue;
      }
    }
    if (isLiteral(t)) {
      // A unary minus before a literal belongs to it.
      if (ntok > 0 && lastIsOp1(45) && SIGN_CONTEXT.has(ntok > 1 ? tokenText(ntok - 2).toLowerCase() : '')) {
        ntok--;
        len = tokFrom[ntok]!;
      }
      emitBind(1, ++n);
      continue;
    }
    const k = sig[i]!;
    emit(sql, s.starts[k]!, s.ends[k]!, t === T.word);
  }
  return written();
}

// The fingerprint being written, as UTF-16 code units (no string per token): `len` units in `out`;
// token k of it starts at tokFrom[k] (its separating space included) and its text at tokAt[k].
let out = new Uint16Array(1024);
let len = 0;
let tokFrom = new Int32Array(256);
let tokAt = new Int32Array(256);
let ntok = 0;
/** Whether a unit above 255 was written (else the fingerprint is one-byte text). */
let wide = false;
/** One-byte copy of `out` for {@link written}. */
let narrow = Buffer.alloc(1024);

/** Room for `more` units and one more token. */
function reserve(more: number): void {
  if (len + more > out.length) {
    const bigger = new Uint16Array(Math.max(out.length * 2, len + more));
    bigger.set(out.subarray(0, len));
    out = bigger;
  }
  if (ntok === tokFrom.length) {
    const from = new Int32Array(ntok * 2);
    from.set(tokFrom);
    tokFrom = from;
    const at = new Int32Array(ntok * 2);
    at.set(tokAt);
    tokAt = at;
  }
}

/** The last token written is the one-character `ch` (a char code). */
const lastIsOp1 = (ch: number): boolean => len - tokAt[ntok - 1]! === 1 && out[len - 1] === ch;

/** The text of token k as a string (only for the rare checks that need it). */
function tokenText(k: number): string {
  return unitsToString(tokAt[k]!, k + 1 < ntok ? tokFrom[k + 1]! : len);
}

/** Whether the last token is a function name: `[a-z_][\w$]*` and not a keyword printed before `(`. */
function lastIsCallee(): boolean {
  const a = tokAt[ntok - 1]!;
  const c = out[a]!;
  if (!((c >= 97 && c <= 122) || c === 95)) return false;
  for (let i = a + 1; i < len; i++) {
    const d = out[i]!;
    if (!((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 36)) return false;
  }
  return !KEYWORDS_BEFORE_PAREN.has(tokenText(ntok - 1));
}

/**
 * Writes token `src[a, b)` (ASCII-lower-cased when `lower`: words are ASCII), after a space unless it
 * is glued to the previous token: `,` `)` `.` after anything, anything after `(` or `.`, and a
 * function call's `(` (`count(*)`, `max(id)`; keywords keep the space).
 */
function emit(src: string, a: number, b: number, lower: boolean): void {
  const one = b - a === 1 ? src.charCodeAt(a) : -1;
  reserve(b - a + 1);
  const glue = ntok === 0 || one === 44 || one === 41 || one === 46 || lastIsOp1(40) || lastIsOp1(46) || (one === 40 && lastIsCallee());
  tokFrom[ntok] = len;
  if (!glue) out[len++] = 32;
  tokAt[ntok++] = len;
  for (let i = a; i < b; i++) {
    const c = src.charCodeAt(i);
    if (c > 255) wide = true;
    out[len++] = lower && c >= 65 && c <= 90 ? c | 32 : c;
  }
}

/** Writes the bind variable `:vtgN` (colons 1) or `::vtgN` (colons 2), as {@link emit} would. */
function emitBind(colons: number, n: number): void {
  reserve(16);
  const glue = ntok === 0 || lastIsOp1(40) || lastIsOp1(46);
  tokFrom[ntok] = len;
  if (!glue) out[len++] = 32;
  tokAt[ntok++] = len;
  for (let c = 0; c < colons; c++) out[len++] = 58; // :
  out[len++] = 118; // v
  out[len++] = 116; // t
  out[len++] = 103; // g
  let digits = 1;
  for (let d = n; d >= 10; d = Math.floor(d / 10)) digits++;
  len += digits;
  for (let d = n, i = len - 1; digits > 0; digits--, i--, d = Math.floor(d / 10)) out[i] = 48 + (d % 10);
}

/** The units out[a, b) as one flat string (sharing no memory with the statement). */
function unitsToString(a: number, b: number): string {
  if (b - a <= 4096) return String.fromCharCode.apply(null, out.subarray(a, b) as unknown as number[]);
  const parts: string[] = [];
  for (let i = a; i < b; i += 4096) parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(b, i + 4096)) as unknown as number[]));
  return parts.join('');
}

/** The fingerprint written, as one flat string: one-byte text decoded natively (Buffer, latin1). */
function written(): string {
  if (wide) return unitsToString(0, len);
  if (narrow.length < len) narrow = Buffer.alloc(Math.max(len, narrow.length * 2));
  for (let i = 0; i < len; i++) narrow[i] = out[i]!;
  return narrow.toString('latin1', 0, len);
}
