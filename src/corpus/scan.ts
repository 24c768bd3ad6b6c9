/**
 * A single-pass SQL token scanner over character codes, for the fingerprinter: the same tokens as the
 * moo lexer it replaced (test/corpus/lexer-oracle.ts) (same rules, same order of preference, same backtracking of unterminated
 * quotes), written into reusable typed arrays (type, start, end) instead of token objects. One scan
 * is valid until the next one.
 */

/** Token type codes (the moo lexer's type names, test/corpus/lexer-oracle.ts). */
export const T = { ws: 0, comment: 1, vtcomment: 2, string: 3, hex: 4, bit: 5, number: 6, bind: 7, quoted: 8, word: 9, op: 10 } as const;

/** The last scan: `count` tokens, token i is `types[i]` over `sql.slice(starts[i], ends[i])`. */
export interface Scan {
  sql: string;
  count: number;
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

let cap = 256;
const scan: Scan = { sql: '', count: 0, types: new Uint8Array(cap), starts: new Int32Array(cap), ends: new Int32Array(cap) };

/** JavaScript's `\s` (ECMAScript WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
/** `[0-9]`. */
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** `[A-Za-z]`. */
export const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** `\w`. */
const isWord = (c: number): boolean => isAlpha(c) || isDigit(c) || c === 95;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * End of the quoted run opened at `i` by quote `q` (`'`, `"` or backtick) at its closing quote:
 * backslash escapes (not for backticks) and doubled quotes inside, or -1 when no closing quote
 * follows. Shared with the one-pass fingerprinter (./fingerprint-fused.ts), which gives up there.
 */
export function closingQuoteEnd(s: string, i: number, q: number, backslash: boolean): number {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (backslash && c === 92) {
      if (j + 1 >= n) break;
      j += 2;
    } else if (c === q) {
      if (s.charCodeAt(j + 1) !== q) return j + 1;
      j += 2;
    } else j++;
  }
  return -1;
}

/**
 * End of a quoted run opened at `i` by quote `q` (`'`, `"` or backtick), or -1: `q(?:\\[\s\S]|qq|[^q\\])*q`
 * (without the backslash escape for backticks), as a backtracking regex matches it: greedily, and
 * when no closing quote follows, up to the first quote of the last doubled pair.
 */
function quotedEnd(s: string, i: number, q: number, backslash: boolean): number {
  const end = closingQuoteEnd(s, i, q, backslash);
  if (end >= 0) return end;
  // Unclosed (rare): the backtracking regex ends at the first quote of the last doubled pair.
  const n = s.length;
  let lastPair = -1;
  for (let j = i + 1; j < n; ) {
    const c = s.charCodeAt(j);
    if (backslash && c === 92) {
      if (j + 1 >= n) break;
      j += 2;
    } else if (c === q) {
      lastPair = j;
      j += 2;
    } else j++;
  }
  return lastPair >= 0 ? lastPair + 1 : -1;
}

function push(type: number, start: number, end: number): void {
  if (scan.count === cap) {
    cap *= 2;
    const types = new Uint8Array(cap);
    types.set(scan.types);
    const starts = new Int32Array(cap);
    starts.set(scan.starts);
    const ends = new Int32Array(cap);
    ends.set(scan.ends);
    scan.types = types;
    scan.starts = starts;
    scan.ends = ends;
  }
  scan.types[scan.count] = type;
  scan.starts[scan.count] = start;
  scan.ends[scan.count] = end;
  scan.count++;
}

/** Length of a 2- or 3-character operator at `i` (moo's first op rule), or 0. Shared with ./fingerprint-fused.ts. */
export function longOp(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  switch (c) {
    case 60: // <
      if (d === 61) return s.charCodeAt(i + 2) === 62 ? 3 : 2; // <=> or <=
      return d === 62 || d === 60 ? 2 : 0; // <> <<
    case 62: // >
      return d === 61 || d === 62 ? 2 : 0; // >= >>
    case 33: // !
      return d === 61 ? 2 : 0;
    case 58: // :
      return d === 61 ? 2 : 0;
    case 124: // |
      return d === 124 ? 2 : 0;
    case 38: // &
      return d === 38 ? 2 : 0;
    case 45: // -
      if (d === 62) return s.charCodeAt(i + 2) === 62 ? 3 : 2; // ->> or ->
      return 0;
    default:
      return 0;
  }
}

/** The token at `i` of `s`: [type, end]. Never fails: anything else is a one-character `op`. */
function tokenAt(s: string, i: number): number {
  const n = s.length;
  const c = s.charCodeAt(i);
  let j: number;
  if (isSpace(c)) {
    j = i + 1;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    return pack(T.ws, j);
  }
  if (c === 47 && s.charCodeAt(i + 1) === 42) {
    // /* ... */ (vtcomment when it starts /*vt+)
    const close = s.indexOf('*/', i + 2);
    if (close >= 0) return pack(s.startsWith('/*vt+', i) && close >= i + 5 ? T.vtcomment : T.comment, close + 2);
  }
  if (c === 45 && s.charCodeAt(i + 1) === 45) {
    const d = s.charCodeAt(i + 2);
    if (d === 32 || d === 9) {
      const nl = s.indexOf('\n', i);
      return pack(T.comment, nl < 0 ? n : nl);
    }
    // `--$`: moo compiles its rules multiline, so `$` is the end of the input or of a line.
    if (i + 2 === n || d === 10 || d === 13 || d === 0x2028 || d === 0x2029) return pack(T.comment, i + 2);
  }
  if (c === 35) {
    const nl = s.indexOf('\n', i);
    return pack(T.comment, nl < 0 ? n : nl);
  }
  // string: [nN]?'...' | "..."
  if ((c === 110 || c === 78) && s.charCodeAt(i + 1) === 39) {
    j = quotedEnd(s, i + 1, 39, true);
    if (j >= 0) return pack(T.string, j);
  }
  if (c === 39 || c === 34) {
    j = quotedEnd(s, i, c, true);
    if (j >= 0) return pack(T.string, j);
  }
  // hex: [xX]'[0-9a-fA-F]*' | 0x[0-9a-fA-F]+
  if ((c === 120 || c === 88) && s.charCodeAt(i + 1) === 39) {
    j = i + 2;
    while (j < n && isHex(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) === 39) return pack(T.hex, j + 1);
  }
  if (c === 48 && s.charCodeAt(i + 1) === 120 && isHex(s.charCodeAt(i + 2))) {
    j = i + 3;
    while (j < n && isHex(s.charCodeAt(j))) j++;
    return pack(T.hex, j);
  }
  // bit: [bB]'[01]*' | 0b[01]+
  if ((c === 98 || c === 66) && s.charCodeAt(i + 1) === 39) {
    j = i + 2;
    while (j < n && (s.charCodeAt(j) === 48 || s.charCodeAt(j) === 49)) j++;
    if (s.charCodeAt(j) === 39) return pack(T.bit, j + 1);
  }
  if (c === 48 && s.charCodeAt(i + 1) === 98 && (s.charCodeAt(i + 2) === 48 || s.charCodeAt(i + 2) === 49)) {
    j = i + 3;
    while (j < n && (s.charCodeAt(j) === 48 || s.charCodeAt(j) === 49)) j++;
    return pack(T.bit, j);
  }
  // number: (?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?
  if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) return pack(T.number, numberEnd(s, i));
  // bind: ::?[A-Za-z_][\w.]* | ?
  if (c === 58) {
    const k = s.charCodeAt(i + 1) === 58 ? i + 2 : i + 1;
    const d = s.charCodeAt(k);
    if (isAlpha(d) || d === 95) {
      j = k + 1;
      while (j < n && (isWord(s.charCodeAt(j)) || s.charCodeAt(j) === 46)) j++;
      return pack(T.bind, j);
    }
  }
  if (c === 63) return pack(T.bind, i + 1);
  // quoted: `...`
  if (c === 96) {
    j = quotedEnd(s, i, 96, false);
    if (j >= 0) return pack(T.quoted, j);
  }
  // word: [A-Za-z_$@][\w$@.]*
  if (isAlpha(c) || c === 95 || c === 36 || c === 64) {
    j = i + 1;
    for (; j < n; j++) {
      const d = s.charCodeAt(j);
      if (!(isWord(d) || d === 36 || d === 64 || d === 46)) break;
    }
    return pack(T.word, j);
  }
  return pack(T.op, i + (longOp(s, i) || 1));
}

/** End of the number at `i` (a digit, or `.` before a digit): `(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`. */
export function numberEnd(s: string, i: number): number {
  const n = s.length;
  let j = i;
  if (s.charCodeAt(i) === 46) {
    j++;
    while (j < n && isDigit(s.charCodeAt(j))) j++;
  } else {
    while (j < n && isDigit(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) === 46) {
      j++;
      while (j < n && isDigit(s.charCodeAt(j))) j++;
    }
  }
  const e = s.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    const sign = s.charCodeAt(k);
    if (sign === 43 || sign === 45) k++;
    if (isDigit(s.charCodeAt(k))) {
      while (k < n && isDigit(s.charCodeAt(k))) k++;
      j = k;
    }
  }
  return j;
}

/** Type and end packed in one number (end < 2^31 / 16). */
const pack = (type: number, end: number): number => end * 16 + type;

/** Scans `sql` into the shared token arrays (valid until the next call). Never throws. */
export function scanTokens(sql: string): Scan {
  scan.sql = sql;
  scan.count = 0;
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const p = tokenAt(sql, i);
    const end = Math.floor(p / 16);
    push(p % 16, i, end);
    i = end;
  }
  return scan;
}

/**
 * The first token of `sql` that is not whitespace or a comment, lexing no further (the scan's own
 * rules; the shared token arrays are left alone): its type code ({@link T}) and text, or null when
 * there is none. Never throws.
 */
export function firstToken(sql: string): { type: number; text: string } | null {
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const p = tokenAt(sql, i);
    const end = Math.floor(p / 16);
    const type = p % 16;
    if (type !== T.ws && type !== T.comment) return { type, text: sql.slice(i, end) };
    i = end;
  }
  return null;
}
