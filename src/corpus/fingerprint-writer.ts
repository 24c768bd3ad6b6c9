/**
 * The fingerprint being written (src/corpus/fingerprint.ts), token by token, as UTF-16 code units in a
 * reused buffer: the spacing and literal rules of Vitess-like normalisation in one place, shared by the
 * one-pass writer (./fingerprint-fused.ts) and the two-pass one over a scan (./fingerprint.ts), so both
 * print exactly the same text. One fingerprint at a time: what was written is valid until the next
 * {@link startFingerprint}. No string is made per token; the fingerprint's own string only on demand
 * ({@link written}), and it can be hashed ({@link hashWritten}) and compared ({@link writtenEquals})
 * without one.
 */

/** Keywords printed with a space before `(` (everything else followed by `(` is a function call). */
const KEYWORDS_BEFORE_PAREN = new Set(['in', 'values', 'value', 'from', 'join', 'where', 'and', 'or', 'not', 'exists', 'as', 'on', 'using', 'select', 'into', 'set', 'union', 'all', 'any', 'some', 'when', 'then', 'else', 'by', 'having', 'with', 'table', 'is', 'like', 'between', 'limit', 'distinct', 'lateral', 'interval', 'over', 'partition', 'returning', 'case', 'xor', 'div', 'mod', 'row', 'escape', 'regexp', 'rlike', 'sounds']);

/** Tokens after which a `-` before a literal is the literal's sign (compared lower-cased). */
const SIGN_CONTEXT = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '(', ',', 'in', 'values', 'and', 'or', 'not', 'where', 'then', 'else', 'when', 'limit', 'offset']);

// `len` units in `out`; token k of it starts at tokFrom[k] (its separating space included) and its
// text at tokAt[k]; `binds` literals replaced so far.
let out = new Uint16Array(1024);
/** `out` read two units at a time (for {@link hashWritten}). */
let out32 = new Uint32Array(out.buffer);
let len = 0;
let tokFrom = new Int32Array(256);
let tokAt = new Int32Array(256);
let ntok = 0;
/** The last token's character code when it is one character long, else -1 (and before the first token). */
let last = -1;
let binds = 0;
/** Whether a unit above 255 was written (else the fingerprint is one-byte text). */
let wide = false;
/** One-byte copy of `out` for {@link written}. */
let narrow = Buffer.alloc(1024);

/** Starts a new fingerprint (forgets the one written). Never throws. */
export function startFingerprint(): void {
  len = 0;
  ntok = 0;
  last = -1;
  binds = 0;
  wide = false;
}

/** Room for `more` units and one more token. */
function reserve(more: number): void {
  if (len + more > out.length) {
    // An even length: `out32` views the same bytes.
    const bigger = new Uint16Array((Math.max(out.length * 2, len + more) + 1) & ~1);
    bigger.set(out.subarray(0, len));
    out = bigger;
    out32 = new Uint32Array(out.buffer);
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

/** The text of token k as a string (only for the rare checks that need it). */
function tokenText(k: number): string {
  return unitsToString(tokAt[k]!, k + 1 < ntok ? tokFrom[k + 1]! : len);
}

/** The keywords of KEYWORDS_BEFORE_PAREN by their first character code. */
const KEYWORDS_BY_FIRST: string[][] = [];
for (const k of KEYWORDS_BEFORE_PAREN) (KEYWORDS_BY_FIRST[k.charCodeAt(0)] ??= []).push(k);

/** Whether the last token is a function name: `[a-z_][\w$]*` and not a keyword printed before `(`. */
function lastIsCallee(): boolean {
  const a = tokAt[ntok - 1]!;
  const c = out[a]!;
  if (!((c >= 97 && c <= 122) || c === 95)) return false;
  for (let i = a + 1; i < len; i++) {
    const d = out[i]!;
    if (!((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 36)) return false;
  }
  const keywords = KEYWORDS_BY_FIRST[c];
  if (keywords) for (const k of keywords) if (unitsEqual(k, a, len)) return false;
  return true;
}

/** Whether out[a, b) is exactly `s`. */
function unitsEqual(s: string, a: number, b: number): boolean {
  if (s.length !== b - a) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== out[a + i]) return false;
  return true;
}

/**
 * Writes token `src[a, b)` (ASCII-lower-cased when `lower`: words are ASCII), after a space unless it
 * is glued to the previous token: `,` `)` `.` after anything, anything after `(` or `.`, and a
 * function call's `(` (`count(*)`, `max(id)`; keywords keep the space). Never throws.
 */
export function emit(src: string, a: number, b: number, lower: boolean): void {
  const one = b - a === 1 ? src.charCodeAt(a) : -1;
  reserve(b - a + 1);
  const glue = ntok === 0 || one === 44 || one === 41 || one === 46 || last === 40 || last === 46 || (one === 40 && lastIsCallee());
  let l = len;
  const o = out;
  tokFrom[ntok] = l;
  if (!glue) o[l++] = 32;
  tokAt[ntok++] = l;
  for (let i = a; i < b; i++) {
    const c = src.charCodeAt(i);
    if (c > 255) wide = true;
    o[l++] = lower && c >= 65 && c <= 90 ? c | 32 : c;
  }
  len = l;
  last = one;
}

/**
 * Writes the word (`[A-Za-z_$@][\w$@.]*`, ASCII) that starts at `src[a]`, lower-cased, as
 * {@link emit} would, and returns its end (an index of `src`). Never throws.
 */
export function emitWord(src: string, a: number): number {
  const n = src.length;
  reserve(n - a + 1);
  const glue = ntok === 0 || last === 40 || last === 46;
  let l = len;
  const o = out;
  tokFrom[ntok] = l;
  if (!glue) o[l++] = 32;
  tokAt[ntok++] = l;
  const first = src.charCodeAt(a);
  o[l++] = first >= 65 && first <= 90 ? first | 32 : first;
  let i = a + 1;
  for (; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c >= 97 ? c > 122 : c < 36 || WORD_PART[c] === 0) break;
    o[l++] = c <= 90 && c >= 65 ? c | 32 : c;
  }
  len = l;
  last = -1; // (a one-letter word is no operator the spacing rules look for)
  return i;
}

/** 1 for the characters of a word after its first below `a`: `[A-Z0-9_$@.]`. */
const WORD_PART = new Uint8Array(97);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$@.') WORD_PART[ch.charCodeAt(0)] = 1;

/**
 * Writes a literal as the next bind variable `:vtgN`; a unary minus written just before it is its
 * sign (dropped) when the token before that minus is an operator or keyword a value follows
 * (`= -1`, `limit -1`), not when it is a value (`a - 1`). Never throws.
 */
export function emitLiteral(): void {
  if (ntok > 1 && last === 45 && SIGN_CONTEXT.has(tokenText(ntok - 2).toLowerCase())) {
    ntok--;
    len = tokFrom[ntok]!;
    last = len - tokAt[ntok - 1]! === 1 ? out[len - 1]! : -1;
  }
  emitBind(1);
}

/** Writes the list bind variable `::vtgN` that stands for a whole IN list of literals. Never throws. */
export function emitListBind(): void {
  emitBind(2);
}

/** Writes the bind variable `:vtgN` (colons 1) or `::vtgN` (colons 2), as {@link emit} would. */
function emitBind(colons: number): void {
  const n = ++binds;
  reserve(16);
  const glue = ntok === 0 || last === 40 || last === 46;
  last = -1;
  tokFrom[ntok] = len;
  if (!glue) out[len++] = 32;
  tokAt[ntok++] = len;
  for (let c = 0; c < colons; c++) out[len++] = 58; // :
  out[len++] = 118; // v
  out[len++] = 116; // t
  out[len++] = 103; // g
  if (n < 10) {
    out[len++] = 48 + n;
    return;
  }
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

/** The fingerprint written, as one flat string: one-byte text decoded natively (Buffer, latin1). Never throws. */
export function written(): string {
  if (wide) return unitsToString(0, len);
  if (narrow.length < len) narrow = Buffer.alloc(Math.max(len, narrow.length * 2));
  for (let i = 0; i < len; i++) narrow[i] = out[i]!;
  return narrow.toString('latin1', 0, len);
}

/**
 * A hash (int32) of the fingerprint written, mixed into `seed`: FNV-1a over pairs of code units and
 * the length, then MurmurHash3's finaliser (all bits mixed into the low ones). Equal fingerprints
 * hash equal, different ones may too. Never throws.
 */
export function hashWritten(seed: number): number {
  let h = Math.imul(seed ^ 0x811c9dc5, 0x01000193) ^ len;
  const pairs = len >> 1;
  for (let i = 0; i < pairs; i++) h = Math.imul(h ^ out32[i]!, 0x01000193);
  if (len & 1) h = Math.imul(h ^ out[len - 1]!, 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Whether `s` is exactly the fingerprint written (no string made for it). Never throws. */
export function writtenEquals(s: string): boolean {
  if (s.length !== len) return false;
  for (let i = 0; i < len; i++) if (s.charCodeAt(i) !== out[i]) return false;
  return true;
}
