/**
 * The one-pass fingerprint writer for common statements: tokens are recognised over the character
 * codes of the statement (the rules of ./scan.ts, which follow the moo lexer of
 * test/corpus/lexer-oracle.ts) and written at once through ./fingerprint-writer.ts, with no token
 * arrays and no list of significant tokens. Comments are skipped (`/*vt+ ... *\/` directives
 * written) as the scanner lexes them. It gives up (returns false) on whatever it does not handle,
 * and the caller then uses the two-pass path (./fingerprint.ts): a comment inside an `IN ( ... )`
 * list, unterminated quotes, prefixed literals (`N'..'`, `x'..'`, `b'..'`, `0x..`, `0b..`), and any
 * character above U+007F outside a string literal, backquoted name or comment (Unicode spaces,
 * operators).
 */
import { emit, emitListBind, emitLiteral, emitWord, startFingerprint } from './fingerprint-writer.js';
import { closingQuoteEnd, isAlpha, isDigit, longOp, numberEnd } from './scan.js';

/** A character of a word after its first: `[\w$@.]`. */
const isWordPart = (c: number): boolean => isAlpha(c) || isDigit(c) || c === 95 || c === 36 || c === 64 || c === 46;
/** ASCII `\s`: space, tab, line feed, vertical tab, form feed, carriage return. */
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** Result of {@link tokenEnd} when the two-pass path must take over. */
const GIVE_UP = -1;

/**
 * End of the literal at `i` (string or number), -2 when the token at `i` is not a literal, or GIVE_UP
 * when it is one this pass does not handle. `c` is the character at `i`.
 */
function literalEnd(s: string, i: number, c: number): number {
  // A string literal; unclosed: GIVE_UP (-1), the scanner backtracks (not handled here).
  if (c === 39 || c === 34) return closingQuoteEnd(s, i, c, true);
  if (isDigit(c)) {
    const d = s.charCodeAt(i + 1);
    return c === 48 && (d === 120 || d === 98) ? GIVE_UP : numberEnd(s, i);
  }
  if (c === 46 && isDigit(s.charCodeAt(i + 1))) return numberEnd(s, i);
  return -2;
}

/** Length of the operator at `i`: the scanner's longer operators (./scan.ts longOp), else 1. */
const opLength = (s: string, i: number): number => longOp(s, i) || 1;

/**
 * Whether the character at `i` starts something this pass leaves to the scanner: a comment (`/*`,
 * `#`, `--`) or a character above U+007F.
 */
function leavesToScanner(s: string, i: number, c: number): boolean {
  return c > 127 || c === 35 || (c === 47 && s.charCodeAt(i + 1) === 42) || (c === 45 && s.charCodeAt(i + 1) === 45);
}

/**
 * After the word `in` ending at `i`: the end of `( lit , lit , ... )` (a list of literals and loose
 * signs, at least one literal, as the two-pass path collapses it), -2 when what follows is not such
 * a list, or GIVE_UP when it holds something this pass does not handle.
 */
function literalListEnd(s: string, i: number): number {
  const n = s.length;
  let j = i;
  while (j < n && isAsciiSpace(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j) !== 40) return j < n && leavesToScanner(s, j, s.charCodeAt(j)) ? GIVE_UP : -2;
  j++;
  let literals = 0;
  for (;;) {
    while (j < n && isAsciiSpace(s.charCodeAt(j))) j++;
    if (j >= n) return -2;
    const c = s.charCodeAt(j);
    if (leavesToScanner(s, j, c) || (isPrefix(c) && s.charCodeAt(j + 1) === 39)) return GIVE_UP;
    if (c === 43 || (c === 45 && s.charCodeAt(j + 1) !== 62)) j++; // + or - alone (not ->)
    else {
      const end = literalEnd(s, j, c);
      if (end < 0) return end;
      literals++;
      j = end;
    }
    while (j < n && isAsciiSpace(s.charCodeAt(j))) j++;
    if (j >= n) return -2;
    const d = s.charCodeAt(j);
    if (d === 44) {
      j++;
      continue;
    }
    if (d === 41 && literals > 0) return j + 1;
    return leavesToScanner(s, j, d) ? GIVE_UP : -2;
  }
}

/** Result of {@link commentEnd} for a `/*vt+ ... *\/` directive (a token, written). */
const VT_COMMENT = -3;

/**
 * The end of the comment at `i` (`c` its first character: `#`, `/` or `-`), as the scanner lexes it
 * (./scan.ts): `/* ... *\/` when closed (VT_COMMENT when it is a `/*vt+` directive), `-- ` or `--\t`
 * and `#` up to the line feed, `--` alone before a line end or the end; -2 when it is no comment.
 */
function commentEnd(s: string, i: number, c: number): number {
  const d = s.charCodeAt(i + 1);
  if (c === 47) {
    if (d !== 42) return -2;
    const close = s.indexOf('*/', i + 2);
    if (close < 0) return -2;
    return s.startsWith('/*vt+', i) && close >= i + 5 ? VT_COMMENT : close + 2;
  }
  if (c === 45) {
    if (d !== 45) return -2;
    const e = s.charCodeAt(i + 2);
    if (e === 32 || e === 9) return lineEnd(s, i);
    // `--$`: the lexer's rules are multiline, so `$` is the end of the input or of a line.
    return i + 2 === s.length || e === 10 || e === 13 || e === 0x2028 || e === 0x2029 ? i + 2 : -2;
  }
  return lineEnd(s, i); // #
}

/** The index of the first line feed from `i`, or the end of `s`. */
function lineEnd(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl;
}

/** `n`, `N`, `x`, `X`, `b`, `B`: before `'`, a prefixed literal. */
const isPrefix = (c: number): boolean => c === 110 || c === 78 || c === 120 || c === 88 || c === 98 || c === 66;

// What an ASCII character starts (CLASS[c]); above U+007F: LEAVE.
const OP = 0;
const SPACE = 1;
const WORD = 2;
const DIGIT = 3;
const QUOTE = 4;
const BACKQUOTE = 5;
const DOT = 6;
const COLON = 7;
const QUESTION = 8;
/** `#`, `/`, `-`: a comment or not, looked at closer. */
const MAYBE_COMMENT = 9;
const LEAVE = 10;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  CLASS[c] = isAsciiSpace(c) ? SPACE : isAlpha(c) || c === 95 || c === 36 || c === 64 ? WORD : isDigit(c) ? DIGIT : OP;
}
CLASS[39] = CLASS[34] = QUOTE;
CLASS[96] = BACKQUOTE;
CLASS[46] = DOT;
CLASS[58] = COLON;
CLASS[63] = QUESTION;
CLASS[35] = CLASS[47] = CLASS[45] = MAYBE_COMMENT;

/**
 * Writes the fingerprint of `sql` in one pass (./fingerprint-writer.ts), or returns false, having
 * written part of it, when the statement holds something only the two-pass path handles. Never
 * throws.
 */
export function writeFused(sql: string): boolean {
  startFingerprint();
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    let j: number;
    switch (c < 128 ? CLASS[c] : LEAVE) {
      case SPACE:
        i++;
        continue;
      case WORD:
        if (isPrefix(c) && sql.charCodeAt(i + 1) === 39) return false;
        j = emitWord(sql, i);
        if (j - i === 2 && (c | 32) === 105 && (sql.charCodeAt(i + 1) | 32) === 110) {
          // `in`: a list of literals after it is one bind.
          const end = literalListEnd(sql, j);
          if (end === GIVE_UP) return false;
          if (end >= 0) {
            emitListBind();
            j = end;
          }
        }
        break;
      case DIGIT:
      case QUOTE:
        j = literalEnd(sql, i, c);
        if (j === GIVE_UP) return false;
        emitLiteral();
        break;
      case DOT:
        j = literalEnd(sql, i, c);
        if (j >= 0) emitLiteral();
        else emit(sql, i, (j = i + 1), false);
        break;
      case BACKQUOTE:
        j = closingQuoteEnd(sql, i, 96, false);
        if (j === GIVE_UP) return false;
        emit(sql, i, j, false);
        break;
      case COLON: {
        // bind: ::?[A-Za-z_][\w.]*, else an operator
        const k = sql.charCodeAt(i + 1) === 58 ? i + 2 : i + 1;
        const d = sql.charCodeAt(k);
        if (isAlpha(d) || d === 95) {
          for (j = k + 1; j < n && isBindPart(sql.charCodeAt(j)); ) j++;
        } else j = i + opLength(sql, i);
        emit(sql, i, j, false);
        break;
      }
      case QUESTION:
        emit(sql, i, (j = i + 1), false);
        break;
      case MAYBE_COMMENT: {
        const end = commentEnd(sql, i, c);
        if (end === VT_COMMENT) emit(sql, i, (j = sql.indexOf('*/', i + 2) + 2), false);
        else if (end >= 0) j = end;
        else emit(sql, i, (j = i + opLength(sql, i)), false);
        break;
      }
      case LEAVE:
        return false;
      default:
        emit(sql, i, (j = i + opLength(sql, i)), false);
    }
    i = j;
  }
  return true;
}

/** A character of a named bind after its first: `[\w.]`. */
const isBindPart = (c: number): boolean => isAlpha(c) || isDigit(c) || c === 95 || c === 46;
