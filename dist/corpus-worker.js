import{createRequire as __cr}from'module';const require=__cr(import.meta.url);

// src/io/corpus-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/corpus/pack-corpus.ts
var STRIDE = 6;
function packCorpus(corpus) {
  const { entries } = corpus;
  const nums = new Float64Array(entries.length * STRIDE);
  const fileIndex = /* @__PURE__ */ new Map();
  const ksIndex = /* @__PURE__ */ new Map();
  const files = [];
  const keyspaces = [];
  const texts = new Array(entries.length * 2);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const o = i * STRIDE;
    nums[o] = e.line;
    nums[o + 1] = e.count;
    nums[o + 2] = e.sql.length;
    nums[o + 3] = e.fingerprint.length;
    let f = fileIndex.get(e.file);
    if (f === void 0) fileIndex.set(e.file, f = files.push(e.file) - 1);
    nums[o + 4] = f;
    let k = -1;
    if (e.keyspace) {
      k = ksIndex.get(e.keyspace) ?? -1;
      if (k < 0) ksIndex.set(e.keyspace, k = keyspaces.push(e.keyspace) - 1);
    }
    nums[o + 5] = k;
    texts[2 * i] = e.sql;
    texts[2 * i + 1] = e.fingerprint;
  }
  return { total: corpus.total, lines: corpus.lines, types: [...corpus.types], problems: corpus.problems, text: texts.join(""), nums, files, keyspaces };
}

// src/io/read-corpus.ts
import fs2 from "node:fs";

// src/corpus/fingerprint-writer.ts
var KEYWORDS_BEFORE_PAREN = /* @__PURE__ */ new Set(["in", "values", "value", "from", "join", "where", "and", "or", "not", "exists", "as", "on", "using", "select", "into", "set", "union", "all", "any", "some", "when", "then", "else", "by", "having", "with", "table", "is", "like", "between", "limit", "distinct", "lateral", "interval", "over", "partition", "returning", "case", "xor", "div", "mod", "row", "escape", "regexp", "rlike", "sounds"]);
var SIGN_CONTEXT = /* @__PURE__ */ new Set(["=", "<", ">", "<=", ">=", "<>", "!=", "(", ",", "in", "values", "and", "or", "not", "where", "then", "else", "when", "limit", "offset"]);
var out = new Uint16Array(1024);
var out32 = new Uint32Array(out.buffer);
var len = 0;
var tokFrom = new Int32Array(256);
var tokAt = new Int32Array(256);
var ntok = 0;
var last = -1;
var binds = 0;
var wide = false;
var narrow = Buffer.alloc(1024);
function startFingerprint() {
  len = 0;
  ntok = 0;
  last = -1;
  binds = 0;
  wide = false;
}
function reserve(more) {
  if (len + more > out.length) {
    const bigger = new Uint16Array(Math.max(out.length * 2, len + more) + 1 & ~1);
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
function tokenText(k) {
  return unitsToString(tokAt[k], k + 1 < ntok ? tokFrom[k + 1] : len);
}
var KEYWORDS_BY_FIRST = [];
for (const k of KEYWORDS_BEFORE_PAREN) (KEYWORDS_BY_FIRST[k.charCodeAt(0)] ??= []).push(k);
function lastIsCallee() {
  const a = tokAt[ntok - 1];
  const c = out[a];
  if (!(c >= 97 && c <= 122 || c === 95)) return false;
  for (let i = a + 1; i < len; i++) {
    const d = out[i];
    if (!(d >= 97 && d <= 122 || d >= 65 && d <= 90 || d >= 48 && d <= 57 || d === 95 || d === 36)) return false;
  }
  const keywords = KEYWORDS_BY_FIRST[c];
  if (keywords) {
    for (const k of keywords) if (unitsEqual(k, a, len)) return false;
  }
  return true;
}
function unitsEqual(s, a, b) {
  if (s.length !== b - a) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== out[a + i]) return false;
  return true;
}
function emit(src, a, b, lower) {
  const one = b - a === 1 ? src.charCodeAt(a) : -1;
  reserve(b - a + 1);
  const glue = ntok === 0 || one === 44 || one === 41 || one === 46 || last === 40 || last === 46 || one === 40 && lastIsCallee();
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
function emitWord(src, a) {
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
  last = -1;
  return i;
}
var WORD_PART = new Uint8Array(97);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$@.") WORD_PART[ch.charCodeAt(0)] = 1;
function emitLiteral() {
  if (ntok > 1 && last === 45 && SIGN_CONTEXT.has(tokenText(ntok - 2).toLowerCase())) {
    ntok--;
    len = tokFrom[ntok];
    last = len - tokAt[ntok - 1] === 1 ? out[len - 1] : -1;
  }
  emitBind(1);
}
function emitListBind() {
  emitBind(2);
}
function emitBind(colons) {
  const n = ++binds;
  reserve(16);
  const glue = ntok === 0 || last === 40 || last === 46;
  last = -1;
  tokFrom[ntok] = len;
  if (!glue) out[len++] = 32;
  tokAt[ntok++] = len;
  for (let c = 0; c < colons; c++) out[len++] = 58;
  out[len++] = 118;
  out[len++] = 116;
  out[len++] = 103;
  if (n < 10) {
    out[len++] = 48 + n;
    return;
  }
  let digits = 1;
  for (let d = n; d >= 10; d = Math.floor(d / 10)) digits++;
  len += digits;
  for (let d = n, i = len - 1; digits > 0; digits--, i--, d = Math.floor(d / 10)) out[i] = 48 + d % 10;
}
function unitsToString(a, b) {
  if (b - a <= 4096) return String.fromCharCode.apply(null, out.subarray(a, b));
  const parts = [];
  for (let i = a; i < b; i += 4096) parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(b, i + 4096))));
  return parts.join("");
}
function written() {
  if (wide) return unitsToString(0, len);
  if (narrow.length < len) narrow = Buffer.alloc(Math.max(len, narrow.length * 2));
  for (let i = 0; i < len; i++) narrow[i] = out[i];
  return narrow.toString("latin1", 0, len);
}
function hashWritten(seed) {
  let h = Math.imul(seed ^ 2166136261, 16777619) ^ len;
  const pairs = len >> 1;
  for (let i = 0; i < pairs; i++) h = Math.imul(h ^ out32[i], 16777619);
  if (len & 1) h = Math.imul(h ^ out[len - 1], 16777619);
  h = Math.imul(h ^ h >>> 16, 2246822507);
  h = Math.imul(h ^ h >>> 13, 3266489909);
  return h ^ h >>> 16;
}
function writtenEquals(s) {
  if (s.length !== len) return false;
  for (let i = 0; i < len; i++) if (s.charCodeAt(i) !== out[i]) return false;
  return true;
}

// src/corpus/fingerprint-fused.ts
var isAlpha = (c) => c >= 65 && c <= 90 || c >= 97 && c <= 122;
var isDigit = (c) => c >= 48 && c <= 57;
var isAsciiSpace = (c) => c === 32 || c >= 9 && c <= 13;
var GIVE_UP = -1;
function stringEnd(s, i, q) {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === q) {
      if (s.charCodeAt(j + 1) !== q) return j + 1;
      j += 2;
    } else j++;
  }
  return GIVE_UP;
}
function backquotedEnd(s, i) {
  const n = s.length;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 96) {
      if (s.charCodeAt(j + 1) !== 96) return j + 1;
      j += 2;
    } else j++;
  }
  return GIVE_UP;
}
function numberEnd(s, i) {
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
function literalEnd(s, i, c) {
  if (c === 39 || c === 34) return stringEnd(s, i, c);
  if (isDigit(c)) {
    const d = s.charCodeAt(i + 1);
    return c === 48 && (d === 120 || d === 98) ? GIVE_UP : numberEnd(s, i);
  }
  if (c === 46 && isDigit(s.charCodeAt(i + 1))) return numberEnd(s, i);
  return -2;
}
function opLength(s, i, c) {
  const d = s.charCodeAt(i + 1);
  switch (c) {
    case 60:
      if (d === 61) return s.charCodeAt(i + 2) === 62 ? 3 : 2;
      return d === 62 || d === 60 ? 2 : 1;
    // <> <<
    case 62:
      return d === 61 || d === 62 ? 2 : 1;
    // >= >>
    case 33:
    // !
    case 58:
      return d === 61 ? 2 : 1;
    // != :=
    case 124:
      return d === 124 ? 2 : 1;
    case 38:
      return d === 38 ? 2 : 1;
    case 45:
      if (d === 62) return s.charCodeAt(i + 2) === 62 ? 3 : 2;
      return 1;
    default:
      return 1;
  }
}
function leavesToScanner(s, i, c) {
  return c > 127 || c === 35 || c === 47 && s.charCodeAt(i + 1) === 42 || c === 45 && s.charCodeAt(i + 1) === 45;
}
function literalListEnd(s, i) {
  const n = s.length;
  let j = i;
  while (j < n && isAsciiSpace(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j) !== 40) return j < n && leavesToScanner(s, j, s.charCodeAt(j)) ? GIVE_UP : -2;
  j++;
  let literals = 0;
  for (; ; ) {
    while (j < n && isAsciiSpace(s.charCodeAt(j))) j++;
    if (j >= n) return -2;
    const c = s.charCodeAt(j);
    if (leavesToScanner(s, j, c) || isPrefix(c) && s.charCodeAt(j + 1) === 39) return GIVE_UP;
    if (c === 43 || c === 45 && s.charCodeAt(j + 1) !== 62) j++;
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
var VT_COMMENT = -3;
function commentEnd(s, i, c) {
  const d = s.charCodeAt(i + 1);
  if (c === 47) {
    if (d !== 42) return -2;
    const close = s.indexOf("*/", i + 2);
    if (close < 0) return -2;
    return s.startsWith("/*vt+", i) && close >= i + 5 ? VT_COMMENT : close + 2;
  }
  if (c === 45) {
    if (d !== 45) return -2;
    const e = s.charCodeAt(i + 2);
    if (e === 32 || e === 9) return lineEnd(s, i);
    return i + 2 === s.length || e === 10 || e === 13 || e === 8232 || e === 8233 ? i + 2 : -2;
  }
  return lineEnd(s, i);
}
function lineEnd(s, i) {
  const nl2 = s.indexOf("\n", i);
  return nl2 < 0 ? s.length : nl2;
}
var isPrefix = (c) => c === 110 || c === 78 || c === 120 || c === 88 || c === 98 || c === 66;
var OP = 0;
var SPACE = 1;
var WORD = 2;
var DIGIT = 3;
var QUOTE = 4;
var BACKQUOTE = 5;
var DOT = 6;
var COLON = 7;
var QUESTION = 8;
var MAYBE_COMMENT = 9;
var LEAVE = 10;
var CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  CLASS[c] = isAsciiSpace(c) ? SPACE : isAlpha(c) || c === 95 || c === 36 || c === 64 ? WORD : isDigit(c) ? DIGIT : OP;
}
CLASS[39] = CLASS[34] = QUOTE;
CLASS[96] = BACKQUOTE;
CLASS[46] = DOT;
CLASS[58] = COLON;
CLASS[63] = QUESTION;
CLASS[35] = CLASS[47] = CLASS[45] = MAYBE_COMMENT;
function writeFused(sql) {
  startFingerprint();
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    let j;
    switch (c < 128 ? CLASS[c] : LEAVE) {
      case SPACE:
        i++;
        continue;
      case WORD:
        if (isPrefix(c) && sql.charCodeAt(i + 1) === 39) return false;
        j = emitWord(sql, i);
        if (j - i === 2 && (c | 32) === 105 && (sql.charCodeAt(i + 1) | 32) === 110) {
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
        else emit(sql, i, j = i + 1, false);
        break;
      case BACKQUOTE:
        j = backquotedEnd(sql, i);
        if (j === GIVE_UP) return false;
        emit(sql, i, j, false);
        break;
      case COLON: {
        const k = sql.charCodeAt(i + 1) === 58 ? i + 2 : i + 1;
        const d = sql.charCodeAt(k);
        if (isAlpha(d) || d === 95) {
          for (j = k + 1; j < n && isBindPart(sql.charCodeAt(j)); ) j++;
        } else j = i + opLength(sql, i, c);
        emit(sql, i, j, false);
        break;
      }
      case QUESTION:
        emit(sql, i, j = i + 1, false);
        break;
      case MAYBE_COMMENT: {
        const end = commentEnd(sql, i, c);
        if (end === VT_COMMENT) emit(sql, i, j = sql.indexOf("*/", i + 2) + 2, false);
        else if (end >= 0) j = end;
        else emit(sql, i, j = i + opLength(sql, i, c), false);
        break;
      }
      case LEAVE:
        return false;
      default:
        emit(sql, i, j = i + opLength(sql, i, c), false);
    }
    i = j;
  }
  return true;
}
var isBindPart = (c) => isAlpha(c) || isDigit(c) || c === 95 || c === 46;

// src/corpus/scan.ts
var T = { ws: 0, comment: 1, vtcomment: 2, string: 3, hex: 4, bit: 5, number: 6, bind: 7, quoted: 8, word: 9, op: 10 };
var cap = 256;
var scan = { sql: "", count: 0, types: new Uint8Array(cap), starts: new Int32Array(cap), ends: new Int32Array(cap) };
function isSpace(c) {
  if (c <= 32) return c === 32 || c >= 9 && c <= 13;
  if (c < 160) return false;
  return c === 160 || c === 5760 || c >= 8192 && c <= 8202 || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}
var isDigit2 = (c) => c >= 48 && c <= 57;
var isAlpha2 = (c) => c >= 65 && c <= 90 || c >= 97 && c <= 122;
var isWord = (c) => isAlpha2(c) || isDigit2(c) || c === 95;
var isHex = (c) => isDigit2(c) || c >= 65 && c <= 70 || c >= 97 && c <= 102;
function quotedEnd(s, i, q, backslash) {
  const n = s.length;
  let lastPair = -1;
  let j = i + 1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (backslash && c === 92) {
      if (j + 1 >= n) break;
      j += 2;
    } else if (c === q) {
      if (s.charCodeAt(j + 1) === q) {
        lastPair = j;
        j += 2;
      } else return j + 1;
    } else j++;
  }
  return lastPair >= 0 ? lastPair + 1 : -1;
}
function push(type, start, end) {
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
function longOp(s, i) {
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  switch (c) {
    case 60:
      if (d === 61) return s.charCodeAt(i + 2) === 62 ? 3 : 2;
      return d === 62 || d === 60 ? 2 : 0;
    // <> <<
    case 62:
      return d === 61 || d === 62 ? 2 : 0;
    // >= >>
    case 33:
      return d === 61 ? 2 : 0;
    case 58:
      return d === 61 ? 2 : 0;
    case 124:
      return d === 124 ? 2 : 0;
    case 38:
      return d === 38 ? 2 : 0;
    case 45:
      if (d === 62) return s.charCodeAt(i + 2) === 62 ? 3 : 2;
      return 0;
    default:
      return 0;
  }
}
function tokenAt(s, i) {
  const n = s.length;
  const c = s.charCodeAt(i);
  let j;
  if (isSpace(c)) {
    j = i + 1;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    return pack(T.ws, j);
  }
  if (c === 47 && s.charCodeAt(i + 1) === 42) {
    const close = s.indexOf("*/", i + 2);
    if (close >= 0) return pack(s.startsWith("/*vt+", i) && close >= i + 5 ? T.vtcomment : T.comment, close + 2);
  }
  if (c === 45 && s.charCodeAt(i + 1) === 45) {
    const d = s.charCodeAt(i + 2);
    if (d === 32 || d === 9) {
      const nl2 = s.indexOf("\n", i);
      return pack(T.comment, nl2 < 0 ? n : nl2);
    }
    if (i + 2 === n || d === 10 || d === 13 || d === 8232 || d === 8233) return pack(T.comment, i + 2);
  }
  if (c === 35) {
    const nl2 = s.indexOf("\n", i);
    return pack(T.comment, nl2 < 0 ? n : nl2);
  }
  if ((c === 110 || c === 78) && s.charCodeAt(i + 1) === 39) {
    j = quotedEnd(s, i + 1, 39, true);
    if (j >= 0) return pack(T.string, j);
  }
  if (c === 39 || c === 34) {
    j = quotedEnd(s, i, c, true);
    if (j >= 0) return pack(T.string, j);
  }
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
  if (isDigit2(c) || c === 46 && isDigit2(s.charCodeAt(i + 1))) {
    j = i;
    if (c === 46) {
      j++;
      while (j < n && isDigit2(s.charCodeAt(j))) j++;
    } else {
      while (j < n && isDigit2(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) === 46) {
        j++;
        while (j < n && isDigit2(s.charCodeAt(j))) j++;
      }
    }
    const e = s.charCodeAt(j);
    if (e === 101 || e === 69) {
      let k = j + 1;
      const sign = s.charCodeAt(k);
      if (sign === 43 || sign === 45) k++;
      if (isDigit2(s.charCodeAt(k))) {
        while (k < n && isDigit2(s.charCodeAt(k))) k++;
        j = k;
      }
    }
    return pack(T.number, j);
  }
  if (c === 58) {
    const k = s.charCodeAt(i + 1) === 58 ? i + 2 : i + 1;
    const d = s.charCodeAt(k);
    if (isAlpha2(d) || d === 95) {
      j = k + 1;
      while (j < n && (isWord(s.charCodeAt(j)) || s.charCodeAt(j) === 46)) j++;
      return pack(T.bind, j);
    }
  }
  if (c === 63) return pack(T.bind, i + 1);
  if (c === 96) {
    j = quotedEnd(s, i, 96, false);
    if (j >= 0) return pack(T.quoted, j);
  }
  if (isAlpha2(c) || c === 95 || c === 36 || c === 64) {
    j = i + 1;
    for (; j < n; j++) {
      const d = s.charCodeAt(j);
      if (!(isWord(d) || d === 36 || d === 64 || d === 46)) break;
    }
    return pack(T.word, j);
  }
  return pack(T.op, i + (longOp(s, i) || 1));
}
var pack = (type, end) => end * 16 + type;
function scanTokens(sql) {
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

// src/corpus/fingerprint.ts
var isLiteral = (t) => t === T.string || t === T.hex || t === T.bit || t === T.number;
var sig = new Int32Array(256);
function writeFingerprint(sql) {
  if (!writeFused(sql)) writeOfScan(scanTokens(sql));
}
var cur;
var curCount = 0;
function isOp1(i, ch) {
  if (i >= curCount) return false;
  const k = sig[i];
  return cur.types[k] === T.op && cur.ends[k] - cur.starts[k] === 1 && cur.sql.charCodeAt(cur.starts[k]) === ch;
}
function isWordIn(i) {
  const k = sig[i];
  if (cur.types[k] !== T.word || cur.ends[k] - cur.starts[k] !== 2) return false;
  const a = cur.sql.charCodeAt(cur.starts[k]) | 32;
  const b = cur.sql.charCodeAt(cur.starts[k] + 1) | 32;
  return a === 105 && b === 110;
}
function writeOfScan(s) {
  const sql = s.sql;
  if (sig.length < s.count) sig = new Int32Array(s.count * 2);
  let m = 0;
  for (let k = 0; k < s.count; k++) if (s.types[k] !== T.ws && s.types[k] !== T.comment) sig[m++] = k;
  cur = s;
  curCount = m;
  startFingerprint();
  for (let i = 0; i < m; i++) {
    const t = s.types[sig[i]];
    if (t === T.word && isWordIn(i) && isOp1(i + 1, 40)) {
      let j = i + 2;
      let ok = true;
      let count = 0;
      while (j < m) {
        const xt = s.types[sig[j]];
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
        emit("in", 0, 2, false);
        emitListBind();
        i = j;
        continue;
      }
    }
    if (isLiteral(t)) {
      emitLiteral();
      continue;
    }
    const k = sig[i];
    emit(sql, s.starts[k], s.ends[k], t === T.word);
  }
}

// src/corpus/fingerprint-index.ts
function keyspaceSeed(keyspace) {
  if (!keyspace) return 0;
  let h = 2654435769 | 0;
  for (let i = 0; i < keyspace.length; i++) h = Math.imul(h ^ keyspace.charCodeAt(i), 16777619);
  return h | 1;
}
var FingerprintIndex = class {
  /** `hash`: the hash of the written fingerprint (default: FNV-1a over its code units). */
  constructor(hash = hashWritten) {
    this.hash = hash;
  }
  hash;
  items = [];
  /** Slot k: pairs[2k] the hash, pairs[2k + 1] the entry's number in `items` + 1 (0: empty). */
  pairs = new Int32Array(2 * 1024);
  mask = 1023;
  lastKeyspace = null;
  lastSeed = 0;
  /** The hash of the fingerprint written, in `keyspace` (null or '': the default keyspace). Never throws. */
  keyOf(keyspace) {
    if (keyspace !== this.lastKeyspace) {
      this.lastKeyspace = keyspace;
      this.lastSeed = keyspaceSeed(keyspace);
    }
    return this.hash(this.lastSeed) | 0;
  }
  /**
   * The entry whose keyspace and fingerprint are `keyspace` and the one written, whose hash is `key`
   * ({@link keyOf}), or undefined. Never throws.
   */
  get(key, keyspace) {
    const pairs = this.pairs;
    for (let k = key & this.mask; ; k = k + 1 & this.mask) {
      const item = pairs[2 * k + 1];
      if (item === 0) return void 0;
      if (pairs[2 * k] === key) {
        const e = this.items[item - 1];
        if ((e.keyspace || null) === (keyspace || null) && writtenEquals(e.fingerprint)) return e;
      }
    }
  }
  /**
   * Adds `entry` (not yet indexed: see {@link get}) whose hash is `key` ({@link keyOf} of its keyspace
   * and fingerprint). Never throws.
   */
  set(key, entry) {
    this.items.push(entry);
    if (2 * this.items.length > this.mask) this.grow();
    this.place(key, this.items.length);
  }
  /** Puts (hash, item) in the first free slot from the hash's. */
  place(key, item) {
    let k = key & this.mask;
    while (this.pairs[2 * k + 1] !== 0) k = k + 1 & this.mask;
    this.pairs[2 * k] = key;
    this.pairs[2 * k + 1] = item;
  }
  /** Doubles the table (at most half full after). */
  grow() {
    const old = this.pairs;
    this.mask = this.mask * 2 + 1;
    this.pairs = new Int32Array(2 * (this.mask + 1));
    for (let k = 0; k < old.length; k += 2) if (old[k + 1] !== 0) this.place(old[k], old[k + 1]);
  }
};

// src/corpus/aggregate.ts
var copyBuffer = Buffer.alloc(4096);
function ownCopy(s) {
  if (3 * s.length > copyBuffer.length) {
    if (s.length > 65536) return JSON.parse(JSON.stringify(s));
    copyBuffer = Buffer.alloc(Math.max(3 * s.length, 2 * copyBuffer.length));
  }
  const bytes = copyBuffer.write(s, 0, "utf8");
  return bytes === s.length ? copyBuffer.toString("latin1", 0, bytes) : JSON.parse(JSON.stringify(s));
}
var CorpusBuilder = class {
  /** `dedupe`: merge statements of one keyspace and fingerprint; `hash`: for tests (./fingerprint-index.ts). */
  constructor(dedupe, hash) {
    this.dedupe = dedupe;
    this.byFp = new FingerprintIndex(hash);
  }
  dedupe;
  byFp;
  list = [];
  /** Statements seen (before de-duplication), weighted. */
  total = 0;
  /** Adds one statement of `file`, run in session keyspace `keyspace` (null: the default). Never throws. */
  add(file, s, keyspace = null) {
    writeFingerprint(s.sql);
    this.total += s.count;
    if (!this.dedupe) {
      this.list.push(this.entryOf(file, s, written(), keyspace));
      return;
    }
    const key = this.byFp.keyOf(keyspace);
    const e = this.byFp.get(key, keyspace);
    if (e) {
      e.count += s.count;
      return;
    }
    const entry = this.entryOf(file, s, written(), keyspace);
    this.byFp.set(key, entry);
    this.list.push(entry);
  }
  /** Entries in first-seen order. */
  entries() {
    return this.list;
  }
  /** The entry of `s`, its sample copied out of its line. */
  entryOf(file, s, fingerprint, keyspace) {
    const sql = ownCopy(s.sql);
    return keyspace ? { file, line: s.line, sql, fingerprint, count: s.count, keyspace } : { file, line: s.line, sql, fingerprint, count: s.count };
  }
};

// node_modules/csv-parse/lib/api/CsvError.js
var CsvError = class _CsvError extends Error {
  constructor(code, message, options, ...contexts) {
    if (Array.isArray(message)) message = message.join(" ").trim();
    super(message);
    if (Error.captureStackTrace !== void 0) {
      Error.captureStackTrace(this, _CsvError);
    }
    this.code = code;
    for (const context of contexts) {
      for (const key in context) {
        const value = context[key];
        this[key] = Buffer.isBuffer(value) ? value.toString(options.encoding) : value == null ? value : JSON.parse(JSON.stringify(value));
      }
    }
  }
};

// node_modules/csv-parse/lib/utils/is_object.js
var is_object = function(obj) {
  return typeof obj === "object" && obj !== null && !Array.isArray(obj);
};

// node_modules/csv-parse/lib/api/normalize_columns_array.js
var normalize_columns_array = function(columns) {
  const normalizedColumns = [];
  for (let i = 0, l = columns.length; i < l; i++) {
    const column = columns[i];
    if (column === void 0 || column === null || column === false) {
      normalizedColumns[i] = { disabled: true };
    } else if (typeof column === "string" || typeof column === "number") {
      normalizedColumns[i] = { name: `${column}` };
    } else if (is_object(column)) {
      if (typeof column.name !== "string") {
        throw new CsvError("CSV_OPTION_COLUMNS_MISSING_NAME", [
          "Option columns missing name:",
          `property "name" is required at position ${i}`,
          "when column is an object literal"
        ]);
      }
      normalizedColumns[i] = column;
    } else {
      throw new CsvError("CSV_INVALID_COLUMN_DEFINITION", [
        "Invalid column definition:",
        "expect a string or a literal object,",
        `got ${JSON.stringify(column)} at position ${i}`
      ]);
    }
  }
  return normalizedColumns;
};

// node_modules/csv-parse/lib/utils/ResizeableBuffer.js
var ResizeableBuffer = class {
  constructor(size = 100) {
    this.size = size;
    this.length = 0;
    this.buf = Buffer.allocUnsafe(size);
  }
  prepend(val) {
    if (Buffer.isBuffer(val)) {
      const length = this.length + val.length;
      if (length >= this.size) {
        this.resize();
        if (length >= this.size) {
          throw Error("INVALID_BUFFER_STATE");
        }
      }
      const buf = this.buf;
      this.buf = Buffer.allocUnsafe(this.size);
      val.copy(this.buf, 0);
      buf.copy(this.buf, val.length);
      this.length += val.length;
    } else {
      const length = this.length++;
      if (length === this.size) {
        this.resize();
      }
      const buf = this.clone();
      this.buf[0] = val;
      buf.copy(this.buf, 1, 0, length);
    }
  }
  append(val) {
    const length = this.length++;
    if (length === this.size) {
      this.resize();
    }
    this.buf[length] = val;
  }
  clone() {
    return Buffer.from(this.buf.slice(0, this.length));
  }
  resize() {
    const length = this.length;
    this.size = this.size * 2;
    const buf = Buffer.allocUnsafe(this.size);
    this.buf.copy(buf, 0, 0, length);
    this.buf = buf;
  }
  toString(encoding) {
    if (encoding) {
      return this.buf.toString(encoding, 0, this.length);
    } else {
      return Uint8Array.prototype.slice.call(this.buf.slice(0, this.length));
    }
  }
  toJSON() {
    return this.toString("utf8");
  }
  reset() {
    this.length = 0;
  }
};
var ResizeableBuffer_default = ResizeableBuffer;

// node_modules/csv-parse/lib/api/init_state.js
var init_state = function(options) {
  const timchars = [
    // Basic Latin
    32,
    // [Space](https://www.fileformat.info/info/unicode/char/0020/index.htm)
    9,
    // [CHARACTER TABULATION (HT)](https://www.fileformat.info/info/unicode/char/0009/index.htm)
    10,
    // [LINE FEED (LF)](https://www.fileformat.info/info/unicode/char/000a/index.htm)
    13,
    // [CARRIAGE RETURN (CR)](https://www.fileformat.info/info/unicode/char/000d/index.htm)
    12,
    // [FORM FEED (FF)](https://www.fileformat.info/info/unicode/char/000c/index.htm)
    11,
    // [LINE TABULATION (VT)](https://www.fileformat.info/info/unicode/char/000b/index.htm)
    // Latin-1 Supplement
    160,
    // [NO-BREAK SPACE (NBSP)](https://www.fileformat.info/info/unicode/char/00a0/index.htm)
    // Ogham
    5760,
    // [OGHAM SPACE MARK](https://www.fileformat.info/info/unicode/char/1680/index.htm)
    // General Punctuation
    8192,
    // [EN QUAD](https://www.fileformat.info/info/unicode/char/2000/index.htm)
    8193,
    // [EM QUAD](https://www.fileformat.info/info/unicode/char/2001/index.htm)
    8194,
    // [EN SPACE](https://www.fileformat.info/info/unicode/char/2002/index.htm)
    8195,
    // [EM SPACE](https://www.fileformat.info/info/unicode/char/2003/index.htm)
    8196,
    // [THREE-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2004/index.htm)
    8197,
    // [FOUR-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2005/index.htm)
    8198,
    // [SIX-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2006/index.htm)
    8199,
    // [FIGURE SPACE](https://www.fileformat.info/info/unicode/char/2007/index.htm)
    8200,
    // [PUNCTUATION SPACE](https://www.fileformat.info/info/unicode/char/2008/index.htm)
    8201,
    // [THIN SPACE](https://www.fileformat.info/info/unicode/char/2009/index.htm)
    8202,
    // [HAIR SPACE](https://www.fileformat.info/info/unicode/char/200a/index.htm)
    8232,
    // [LINE SEPARATOR](https://www.fileformat.info/info/unicode/char/2028/index.htm)
    8233,
    // [PARAGRAPH SEPARATOR](https://www.fileformat.info/info/unicode/char/2029/index.htm)
    8239,
    // [NARROW NO-BREAK SPACE (NNBSP)](https://www.fileformat.info/info/unicode/char/202f/index.htm)
    8287,
    // [MEDIUM MATHEMATICAL SPACE (MMSP)](https://www.fileformat.info/info/unicode/char/205f/index.htm)
    12288,
    // [IDEOGRAPHIC SPACE](https://www.fileformat.info/info/unicode/char/3000/index.htm)
    65279
    // [ZERO WIDTH NO-BREAK SPACE (BOM)](https://www.fileformat.info/info/unicode/char/feff/index.htm)
  ].reduce((acc, codepoint) => {
    const encoded = Buffer.from(
      String.fromCharCode(codepoint),
      options.encoding
    );
    if (codepoint !== 63 && encoded.length === 1 && encoded[0] === 63) {
      return acc;
    }
    acc.push(encoded);
    return acc;
  }, []);
  const timcharFirstBytes = new Uint8Array(256);
  for (const t of timchars) timcharFirstBytes[t[0]] = 1;
  return {
    bomSkipped: false,
    bufBytesStart: 0,
    castField: options.cast_function,
    commenting: false,
    delimiterBufPrevious: void 0,
    delimiterDiscovered: false,
    // Current error encountered by a record
    error: void 0,
    enabled: options.from_line === 1,
    escaping: false,
    escapeIsQuote: Buffer.isBuffer(options.escape) && Buffer.isBuffer(options.quote) && Buffer.compare(options.escape, options.quote) === 0,
    // columns can be `false`, `true`, `Array`
    expectedRecordLength: Array.isArray(options.columns) ? options.columns.length : void 0,
    field: new ResizeableBuffer_default(20),
    firstLineToHeaders: options.cast_first_line_to_header,
    needMoreDataSize: Math.max(
      // Skip if the remaining buffer smaller than comment
      options.comment !== null ? options.comment.length : 0,
      ...options.delimiter ? options.delimiter.map((delimiter) => delimiter.length) : [],
      // Auto discovery of delimiter is limited to 1 character
      options.delimiter_auto ? 1 : 0,
      // Skip if the remaining buffer can be escape sequence
      options.quote !== null ? options.quote.length : 0,
      ...timchars.map((t) => t.length)
    ),
    previousBuf: void 0,
    quoting: false,
    stop: false,
    rawBuffer: new ResizeableBuffer_default(100),
    record: [],
    recordHasError: false,
    record_length: 0,
    recordDelimiterMaxLength: options.record_delimiter.length === 0 ? 0 : Math.max(...options.record_delimiter.map((v) => v.length)),
    trimChars: [
      Buffer.from(" ", options.encoding)[0],
      Buffer.from("	", options.encoding)[0]
    ],
    wasQuoting: false,
    wasRowDelimiter: false,
    timchars,
    timcharFirstBytes
  };
};

// node_modules/csv-parse/lib/utils/underscore.js
var underscore = function(str) {
  return str.replace(/([A-Z])/g, function(_, match) {
    return "_" + match.toLowerCase();
  });
};

// node_modules/csv-parse/lib/api/normalize_options.js
var normalize_options = function(opts) {
  const options = {};
  for (const opt in opts) {
    options[underscore(opt)] = opts[opt];
  }
  if (options.encoding === void 0 || options.encoding === true) {
    options.encoding = "utf8";
  } else if (options.encoding === null || options.encoding === false) {
    options.encoding = null;
  } else if (typeof options.encoding !== "string" && options.encoding !== null) {
    throw new CsvError(
      "CSV_INVALID_OPTION_ENCODING",
      [
        "Invalid option encoding:",
        "encoding must be a string or null to return a buffer,",
        `got ${JSON.stringify(options.encoding)}`
      ],
      options
    );
  }
  if (options.bom === void 0 || options.bom === null || options.bom === false) {
    options.bom = false;
  } else if (options.bom !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_BOM",
      [
        "Invalid option bom:",
        "bom must be true,",
        `got ${JSON.stringify(options.bom)}`
      ],
      options
    );
  }
  options.cast_function = null;
  if (options.cast === void 0 || options.cast === null || options.cast === false || options.cast === "") {
    options.cast = void 0;
  } else if (typeof options.cast === "function") {
    options.cast_function = options.cast;
    options.cast = true;
  } else if (options.cast !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST",
      [
        "Invalid option cast:",
        "cast must be true or a function,",
        `got ${JSON.stringify(options.cast)}`
      ],
      options
    );
  }
  if (options.cast_date === void 0 || options.cast_date === null || options.cast_date === false || options.cast_date === "") {
    options.cast_date = false;
  } else if (options.cast_date === true) {
    options.cast_date = function(value) {
      const date = Date.parse(value);
      return !isNaN(date) ? new Date(date) : value;
    };
  } else if (typeof options.cast_date !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST_DATE",
      [
        "Invalid option cast_date:",
        "cast_date must be true or a function,",
        `got ${JSON.stringify(options.cast_date)}`
      ],
      options
    );
  }
  options.cast_first_line_to_header = void 0;
  if (options.columns === true) {
    options.cast_first_line_to_header = void 0;
  } else if (typeof options.columns === "function") {
    options.cast_first_line_to_header = options.columns;
    options.columns = true;
  } else if (Array.isArray(options.columns)) {
    options.columns = normalize_columns_array(options.columns);
  } else if (options.columns === void 0 || options.columns === null || options.columns === false) {
    options.columns = false;
  } else {
    throw new CsvError(
      "CSV_INVALID_OPTION_COLUMNS",
      [
        "Invalid option columns:",
        "expect an array, a function or true,",
        `got ${JSON.stringify(options.columns)}`
      ],
      options
    );
  }
  if (options.group_columns_by_name === void 0 || options.group_columns_by_name === null || options.group_columns_by_name === false) {
    options.group_columns_by_name = false;
  } else if (options.group_columns_by_name !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "expect an boolean,",
        `got ${JSON.stringify(options.group_columns_by_name)}`
      ],
      options
    );
  } else if (options.columns === false) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "the `columns` mode must be activated."
      ],
      options
    );
  }
  if (options.comment === void 0 || options.comment === null || options.comment === false || options.comment === "") {
    options.comment = null;
  } else {
    if (typeof options.comment === "string") {
      options.comment = Buffer.from(options.comment, options.encoding);
    }
    if (!Buffer.isBuffer(options.comment)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_COMMENT",
        [
          "Invalid option comment:",
          "comment must be a buffer or a string,",
          `got ${JSON.stringify(options.comment)}`
        ],
        options
      );
    }
  }
  if (options.comment_no_infix === void 0 || options.comment_no_infix === null || options.comment_no_infix === false) {
    options.comment_no_infix = false;
  } else if (options.comment_no_infix !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_COMMENT",
      [
        "Invalid option comment_no_infix:",
        "value must be a boolean,",
        `got ${JSON.stringify(options.comment_no_infix)}`
      ],
      options
    );
  }
  if (options.delimiter_auto === void 0 || options.delimiter_auto === null || options.delimiter_auto === false) {
    options.delimiter_auto = false;
  } else if (options.delimiter_auto === true) {
    options.delimiter_auto = {};
  } else if (!is_object(options.delimiter_auto)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_DELIMITER_AUTO",
      [
        "Invalid option delimiter_auto:",
        "delimiter_auto must be a boolean or a configuration object,",
        `got ${JSON.stringify(options.delimiter_auto)}`
      ],
      options
    );
  }
  if (options.delimiter_auto) {
    if (options.delimiter_auto.preferred === void 0)
      options.delimiter_auto.preferred = {
        [",".charCodeAt(0)]: 1.8,
        ["	".charCodeAt(0)]: 1.8,
        [";".charCodeAt(0)]: 1.6,
        [" ".charCodeAt(0)]: 1.6,
        [":".charCodeAt(0)]: 1.5,
        [".".charCodeAt(0)]: 1.4,
        ["/".charCodeAt(0)]: 1.4
      };
    else if (!is_object(options.delimiter_auto.preferred)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "preferred must be an object,",
          `got ${JSON.stringify(options.delimiter_auto.preferred)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.score === void 0)
      options.delimiter_auto.score = (info, options2) => {
        return (info.total - info.std) * (options2.preferred[info.char_code] || 1);
      };
    else if (typeof options.delimiter_auto.score !== "function") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "score must be a function,",
          `got ${JSON.stringify(options.delimiter_auto.score)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.size === void 0)
      options.delimiter_auto.size = 2048;
    else if (typeof options.delimiter_auto.size !== "number") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "size must be a number,",
          `got ${JSON.stringify(options.delimiter_auto.size)}`
        ],
        options
      );
    }
  }
  const delimiter_json = JSON.stringify(options.delimiter);
  if (options.delimiter_auto !== false) {
    options.delimiter = [];
  }
  if (!Array.isArray(options.delimiter)) {
    if (options.delimiter === void 0 || options.delimiter === null || options.delimiter === false) {
      options.delimiter = Buffer.from(",", options.encoding);
    }
    options.delimiter = [options.delimiter];
  }
  options.delimiter = options.delimiter.map(function(delimiter) {
    if (typeof delimiter === "string") {
      delimiter = Buffer.from(delimiter, options.encoding);
    }
    if (!Buffer.isBuffer(delimiter) || delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER",
        [
          "Invalid option delimiter:",
          "delimiter must be a non empty string or buffer or array of string|buffer,",
          `got ${delimiter_json}`
        ],
        options
      );
    }
    return delimiter;
  });
  if (options.escape === void 0 || options.escape === true) {
    options.escape = Buffer.from('"', options.encoding);
  } else if (typeof options.escape === "string") {
    options.escape = Buffer.from(options.escape, options.encoding);
  } else if (options.escape === null || options.escape === false) {
    options.escape = null;
  }
  if (options.escape !== null) {
    if (!Buffer.isBuffer(options.escape)) {
      throw new Error(
        `Invalid Option: escape must be a buffer, a string or a boolean, got ${JSON.stringify(options.escape)}`
      );
    }
  }
  if (options.from === void 0 || options.from === null) {
    options.from = 1;
  } else {
    if (typeof options.from === "string" && /\d+/.test(options.from)) {
      options.from = parseInt(options.from);
    }
    if (Number.isInteger(options.from)) {
      if (options.from < 0) {
        throw new Error(
          `Invalid Option: from must be a positive integer, got ${JSON.stringify(opts.from)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from must be an integer, got ${JSON.stringify(options.from)}`
      );
    }
  }
  if (options.from_line === void 0 || options.from_line === null) {
    options.from_line = 1;
  } else {
    if (typeof options.from_line === "string" && /\d+/.test(options.from_line)) {
      options.from_line = parseInt(options.from_line);
    }
    if (Number.isInteger(options.from_line)) {
      if (options.from_line <= 0) {
        throw new Error(
          `Invalid Option: from_line must be a positive integer greater than 0, got ${JSON.stringify(opts.from_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from_line must be an integer, got ${JSON.stringify(opts.from_line)}`
      );
    }
  }
  if (options.ignore_last_delimiters === void 0 || options.ignore_last_delimiters === null) {
    options.ignore_last_delimiters = false;
  } else if (typeof options.ignore_last_delimiters === "number") {
    options.ignore_last_delimiters = Math.floor(options.ignore_last_delimiters);
    if (options.ignore_last_delimiters === 0) {
      options.ignore_last_delimiters = false;
    }
  } else if (typeof options.ignore_last_delimiters !== "boolean") {
    throw new CsvError(
      "CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS",
      [
        "Invalid option `ignore_last_delimiters`:",
        "the value must be a boolean value or an integer,",
        `got ${JSON.stringify(options.ignore_last_delimiters)}`
      ],
      options
    );
  }
  if (options.ignore_last_delimiters === true && options.columns === false) {
    throw new CsvError(
      "CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS",
      [
        "The option `ignore_last_delimiters`",
        "requires the activation of the `columns` option"
      ],
      options
    );
  }
  if (options.info === void 0 || options.info === null || options.info === false) {
    options.info = false;
  } else if (options.info !== true) {
    throw new Error(
      `Invalid Option: info must be true, got ${JSON.stringify(options.info)}`
    );
  }
  if (options.max_record_size === void 0 || options.max_record_size === null || options.max_record_size === false) {
    options.max_record_size = 0;
  } else if (Number.isInteger(options.max_record_size) && options.max_record_size >= 0) {
  } else if (typeof options.max_record_size === "string" && /\d+/.test(options.max_record_size)) {
    options.max_record_size = parseInt(options.max_record_size);
  } else {
    throw new Error(
      `Invalid Option: max_record_size must be a positive integer, got ${JSON.stringify(options.max_record_size)}`
    );
  }
  if (options.objname === void 0 || options.objname === null || options.objname === false) {
    options.objname = void 0;
  } else if (Buffer.isBuffer(options.objname)) {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty buffer`);
    }
    if (options.encoding === null) {
    } else {
      options.objname = options.objname.toString(options.encoding);
    }
  } else if (typeof options.objname === "string") {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty string`);
    }
  } else if (typeof options.objname === "number") {
  } else {
    throw new Error(
      `Invalid Option: objname must be a string or a buffer, got ${options.objname}`
    );
  }
  if (options.objname !== void 0) {
    if (typeof options.objname === "number") {
      if (options.columns !== false) {
        throw Error(
          "Invalid Option: objname index cannot be combined with columns or be defined as a field"
        );
      }
    } else {
      if (options.columns === false) {
        throw Error(
          "Invalid Option: objname field must be combined with columns or be defined as an index"
        );
      }
    }
  }
  if (options.on_record === void 0 || options.on_record === null) {
    options.on_record = void 0;
  } else if (typeof options.on_record !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_ON_RECORD",
      [
        "Invalid option `on_record`:",
        "expect a function,",
        `got ${JSON.stringify(options.on_record)}`
      ],
      options
    );
  }
  if (options.on_skip !== void 0 && options.on_skip !== null && typeof options.on_skip !== "function") {
    throw new Error(
      `Invalid Option: on_skip must be a function, got ${JSON.stringify(options.on_skip)}`
    );
  }
  if (options.quote === null || options.quote === false || options.quote === "") {
    options.quote = null;
  } else {
    if (options.quote === void 0 || options.quote === true) {
      options.quote = Buffer.from('"', options.encoding);
    } else if (typeof options.quote === "string") {
      options.quote = Buffer.from(options.quote, options.encoding);
    }
    if (!Buffer.isBuffer(options.quote)) {
      throw new Error(
        `Invalid Option: quote must be a buffer or a string, got ${JSON.stringify(options.quote)}`
      );
    }
  }
  if (options.raw === void 0 || options.raw === null || options.raw === false) {
    options.raw = false;
  } else if (options.raw !== true) {
    throw new Error(
      `Invalid Option: raw must be true, got ${JSON.stringify(options.raw)}`
    );
  }
  if (options.record_delimiter === void 0) {
    options.record_delimiter = [];
  } else if (typeof options.record_delimiter === "string" || Buffer.isBuffer(options.record_delimiter)) {
    if (options.record_delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer,",
          `got ${JSON.stringify(options.record_delimiter)}`
        ],
        options
      );
    }
    options.record_delimiter = [options.record_delimiter];
  } else if (!Array.isArray(options.record_delimiter)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_RECORD_DELIMITER",
      [
        "Invalid option `record_delimiter`:",
        "value must be a string, a buffer or array of string|buffer,",
        `got ${JSON.stringify(options.record_delimiter)}`
      ],
      options
    );
  }
  options.record_delimiter = options.record_delimiter.map(function(rd, i) {
    if (typeof rd !== "string" && !Buffer.isBuffer(rd)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a string, a buffer or array of string|buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    } else if (rd.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    }
    if (typeof rd === "string") {
      rd = Buffer.from(rd, options.encoding);
    }
    return rd;
  });
  if (typeof options.relax_column_count === "boolean") {
  } else if (options.relax_column_count === void 0 || options.relax_column_count === null) {
    options.relax_column_count = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count must be a boolean, got ${JSON.stringify(options.relax_column_count)}`
    );
  }
  if (typeof options.relax_column_count_less === "boolean") {
  } else if (options.relax_column_count_less === void 0 || options.relax_column_count_less === null) {
    options.relax_column_count_less = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_less must be a boolean, got ${JSON.stringify(options.relax_column_count_less)}`
    );
  }
  if (typeof options.relax_column_count_more === "boolean") {
  } else if (options.relax_column_count_more === void 0 || options.relax_column_count_more === null) {
    options.relax_column_count_more = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_more must be a boolean, got ${JSON.stringify(options.relax_column_count_more)}`
    );
  }
  if (typeof options.relax_quotes === "boolean") {
  } else if (options.relax_quotes === void 0 || options.relax_quotes === null) {
    options.relax_quotes = false;
  } else {
    throw new Error(
      `Invalid Option: relax_quotes must be a boolean, got ${JSON.stringify(options.relax_quotes)}`
    );
  }
  if (typeof options.skip_empty_lines === "boolean") {
  } else if (options.skip_empty_lines === void 0 || options.skip_empty_lines === null) {
    options.skip_empty_lines = false;
  } else {
    throw new Error(
      `Invalid Option: skip_empty_lines must be a boolean, got ${JSON.stringify(options.skip_empty_lines)}`
    );
  }
  if (typeof options.skip_records_with_empty_values === "boolean") {
  } else if (options.skip_records_with_empty_values === void 0 || options.skip_records_with_empty_values === null) {
    options.skip_records_with_empty_values = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_empty_values must be a boolean, got ${JSON.stringify(options.skip_records_with_empty_values)}`
    );
  }
  if (typeof options.skip_records_with_error === "boolean") {
  } else if (options.skip_records_with_error === void 0 || options.skip_records_with_error === null) {
    options.skip_records_with_error = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_error must be a boolean, got ${JSON.stringify(options.skip_records_with_error)}`
    );
  }
  if (options.rtrim === void 0 || options.rtrim === null || options.rtrim === false) {
    options.rtrim = false;
  } else if (options.rtrim !== true) {
    throw new Error(
      `Invalid Option: rtrim must be a boolean, got ${JSON.stringify(options.rtrim)}`
    );
  }
  if (options.ltrim === void 0 || options.ltrim === null || options.ltrim === false) {
    options.ltrim = false;
  } else if (options.ltrim !== true) {
    throw new Error(
      `Invalid Option: ltrim must be a boolean, got ${JSON.stringify(options.ltrim)}`
    );
  }
  if (options.trim === void 0 || options.trim === null || options.trim === false) {
    options.trim = false;
  } else if (options.trim !== true) {
    throw new Error(
      `Invalid Option: trim must be a boolean, got ${JSON.stringify(options.trim)}`
    );
  }
  if (options.trim === true && opts.ltrim !== false) {
    options.ltrim = true;
  } else if (options.ltrim !== true) {
    options.ltrim = false;
  }
  if (options.trim === true && opts.rtrim !== false) {
    options.rtrim = true;
  } else if (options.rtrim !== true) {
    options.rtrim = false;
  }
  if (options.to === void 0 || options.to === null) {
    options.to = -1;
  } else if (options.to !== -1) {
    if (typeof options.to === "string" && /\d+/.test(options.to)) {
      options.to = parseInt(options.to);
    }
    if (Number.isInteger(options.to)) {
      if (options.to <= 0) {
        throw new Error(
          `Invalid Option: to must be a positive integer greater than 0, got ${JSON.stringify(opts.to)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to must be an integer, got ${JSON.stringify(opts.to)}`
      );
    }
  }
  if (options.to_line === void 0 || options.to_line === null) {
    options.to_line = -1;
  } else if (options.to_line !== -1) {
    if (typeof options.to_line === "string" && /\d+/.test(options.to_line)) {
      options.to_line = parseInt(options.to_line);
    }
    if (Number.isInteger(options.to_line)) {
      if (options.to_line <= 0) {
        throw new Error(
          `Invalid Option: to_line must be a positive integer greater than 0, got ${JSON.stringify(opts.to_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to_line must be an integer, got ${JSON.stringify(opts.to_line)}`
      );
    }
  }
  return options;
};

// node_modules/csv-parse/lib/utils/delimiter_discover.js
var delimiter_discover = function(records, options) {
  if (!options) {
    ({ delimiter_auto: options } = normalize_options({ delimiter_auto: true }));
  }
  if (typeof records === "string") {
    records = Buffer.from(records);
  }
  if (Buffer.isBuffer(records)) {
    records = ((data) => {
      const records2 = [];
      const parser = transform({ delimiter: [] });
      const push2 = (record) => records2.push(record);
      const close = () => {
      };
      const error = parser.parse(data, true, push2, close);
      if (error !== void 0) throw error;
      return records2;
    })(records);
  }
  const info = Array(127).fill().map(() => ({ lines: [] }));
  records.map(([record], line) => {
    for (let i = 0, l = record.length; i < l; i++) {
      const code = record.charCodeAt(i);
      if (info[code].lines[line] === void 0) info[code].lines[line] = 0;
      info[code].lines[line]++;
    }
  });
  info.map((info2, i) => {
    info2.char_code = i;
    info2.std = std(info2.lines);
    info2.total = info2.lines.reduce((acc, val) => acc + val, 0);
    info2.preferred = !!options.preferred[i];
    info2.score = options.score(info2, options);
  });
  const result = info.reduce(
    (acc, info2) => acc.score > info2.score ? acc : info2,
    {}
  );
  return String.fromCharCode(result.char_code);
};
var std = function(array) {
  const n = array.length;
  if (n === 0) return 0;
  const mean = array.reduce((a, b) => a + b) / n;
  return Math.sqrt(
    array.map((x) => Math.pow(x - mean, 2)).reduce((a, b) => a + b) / n
  );
};

// node_modules/csv-parse/lib/api/index.js
var isRecordEmpty = function(record) {
  return record.every(
    (field) => field == null || field.toString && field.toString().trim() === ""
  );
};
var cr = 13;
var nl = 10;
var boms = {
  // Note, the following are equals:
  // Buffer.from("\ufeff")
  // Buffer.from([239, 187, 191])
  // Buffer.from('EFBBBF', 'hex')
  utf8: Buffer.from([239, 187, 191]),
  // Note, the following are equals:
  // Buffer.from "\ufeff", 'utf16le
  // Buffer.from([255, 254])
  utf16le: Buffer.from([255, 254])
};
var transform = function(original_options = {}) {
  const info = {
    bytes: 0,
    bytes_records: 0,
    comment_lines: 0,
    empty_lines: 0,
    invalid_field_length: 0,
    lines: 1,
    records: 0
  };
  const options = normalize_options(original_options);
  return {
    info,
    original_options,
    options,
    state: init_state(options),
    __needMoreData: function(i, bufLen, end) {
      if (end) return false;
      const { encoding, escape, quote } = this.options;
      const { quoting, needMoreDataSize, recordDelimiterMaxLength } = this.state;
      const numOfCharLeft = bufLen - i - 1;
      const requiredLength = Math.max(
        needMoreDataSize,
        // Skip if the remaining buffer smaller than record delimiter
        // If "record_delimiter" is yet to be discovered:
        // 1. It is equals to `[]` and "recordDelimiterMaxLength" equals `0`
        // 2. We set the length to windows line ending in the current encoding
        // Note, that encoding is known from user or bom discovery at that point
        // recordDelimiterMaxLength,
        recordDelimiterMaxLength === 0 ? Buffer.from("\r\n", encoding).length : recordDelimiterMaxLength,
        // Skip if remaining buffer can be an escaped quote
        quoting ? (escape === null ? 0 : escape.length) + quote.length : 0,
        // Skip if remaining buffer can be record delimiter following the closing quote
        quoting ? quote.length + recordDelimiterMaxLength : 0
      );
      return numOfCharLeft < requiredLength;
    },
    // Central parser implementation
    parse: function(nextBuf, end, push2, close) {
      const {
        bom,
        comment_no_infix,
        delimiter_auto,
        encoding,
        from_line,
        ltrim,
        max_record_size,
        raw,
        relax_quotes,
        rtrim,
        skip_empty_lines,
        to,
        to_line
      } = this.options;
      let { comment, escape, quote, record_delimiter } = this.options;
      const {
        bomSkipped,
        delimiterDiscovered,
        delimiterBufPrevious,
        rawBuffer,
        escapeIsQuote
      } = this.state;
      if (!delimiterDiscovered && delimiter_auto) {
        let delimiterBuf;
        if (delimiterBufPrevious === void 0) {
          delimiterBuf = nextBuf;
        } else if (delimiterBufPrevious !== void 0 && nextBuf === void 0) {
          delimiterBuf = delimiterBufPrevious;
        } else {
          delimiterBuf = Buffer.concat([delimiterBufPrevious, nextBuf]);
        }
        nextBuf = void 0;
        if (end || delimiterBuf.length > delimiter_auto.size) {
          this.options.delimiter = [
            Buffer.from(
              delimiter_discover(delimiterBuf, this.options.delimiter_auto)
            )
          ];
          this.state.previousBuf = delimiterBuf;
          this.state.delimiterBufPrevious = void 0;
          this.state.delimiterDiscovered = true;
        } else {
          this.state.delimiterBufPrevious = delimiterBuf;
          return;
        }
      }
      const { previousBuf } = this.state;
      let buf;
      if (previousBuf === void 0) {
        if (nextBuf === void 0) {
          close();
          return;
        } else {
          buf = nextBuf;
        }
      } else if (previousBuf !== void 0 && nextBuf === void 0) {
        buf = previousBuf;
      } else {
        buf = Buffer.concat([previousBuf, nextBuf]);
      }
      if (bomSkipped === false) {
        if (bom === false) {
          this.state.bomSkipped = true;
        } else if (buf.length < 3) {
          if (end === false) {
            this.state.previousBuf = buf;
            return;
          }
        } else {
          for (const encoding2 in boms) {
            if (boms[encoding2].compare(buf, 0, boms[encoding2].length) === 0) {
              const bomLength = boms[encoding2].length;
              this.state.bufBytesStart += bomLength;
              buf = buf.slice(bomLength);
              const options2 = normalize_options({
                ...this.original_options,
                encoding: encoding2
              });
              for (const key in options2) {
                this.options[key] = options2[key];
              }
              ({ comment, escape, quote } = this.options);
              break;
            }
          }
          this.state.bomSkipped = true;
        }
      }
      const bufLen = buf.length;
      let pos;
      for (pos = 0; pos < bufLen; pos++) {
        if (this.__needMoreData(pos, bufLen, end)) {
          break;
        }
        if (this.state.wasRowDelimiter === true) {
          this.info.lines++;
          this.state.wasRowDelimiter = false;
        }
        if (to_line !== -1 && this.info.lines > to_line) {
          this.state.stop = true;
          close();
          return;
        }
        if (this.state.quoting === false && record_delimiter.length === 0) {
          const record_delimiterCount = this.__autoDiscoverRecordDelimiter(
            buf,
            pos
          );
          if (record_delimiterCount) {
            record_delimiter = this.options.record_delimiter;
          }
        }
        const chr = buf[pos];
        if (raw === true) {
          rawBuffer.append(chr);
        }
        if ((chr === cr || chr === nl) && this.state.wasRowDelimiter === false) {
          this.state.wasRowDelimiter = true;
        }
        if (this.state.escaping === true) {
          this.state.escaping = false;
        } else {
          if (escape !== null && this.state.quoting === true && this.__isEscape(buf, pos, chr) && pos + escape.length < bufLen) {
            if (escapeIsQuote) {
              if (this.__isQuote(buf, pos + escape.length)) {
                this.state.escaping = true;
                pos += escape.length - 1;
                continue;
              }
            } else {
              this.state.escaping = true;
              pos += escape.length - 1;
              continue;
            }
          }
          if (this.state.commenting === false && this.__isQuote(buf, pos)) {
            if (this.state.quoting === true) {
              const nextChr = buf[pos + quote.length];
              const isNextChrTrimable = rtrim && this.__isCharTrimable(buf, pos + quote.length);
              const isNextChrComment = comment !== null && this.__compareBytes(comment, buf, pos + quote.length, nextChr);
              const isNextChrDelimiter = this.__isDelimiter(
                buf,
                pos + quote.length,
                nextChr
              );
              const isNextChrRecordDelimiter = record_delimiter.length === 0 ? this.__autoDiscoverRecordDelimiter(buf, pos + quote.length) : this.__isRecordDelimiter(nextChr, buf, pos + quote.length);
              if (escape !== null && this.__isEscape(buf, pos, chr) && this.__isQuote(buf, pos + escape.length)) {
                pos += escape.length - 1;
              } else if (!nextChr || isNextChrDelimiter || isNextChrRecordDelimiter || isNextChrComment || isNextChrTrimable) {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                pos += quote.length - 1;
                continue;
              } else if (relax_quotes === false) {
                const err = this.__error(
                  new CsvError(
                    "CSV_INVALID_CLOSING_QUOTE",
                    [
                      "Invalid Closing Quote:",
                      `got "${String.fromCharCode(nextChr)}"`,
                      `at line ${this.info.lines}`,
                      "instead of delimiter, record delimiter, trimable character",
                      "(if activated) or comment"
                    ],
                    this.options,
                    this.__infoField()
                  )
                );
                if (err !== void 0) return err;
              } else {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                this.state.field.prepend(quote);
                pos += quote.length - 1;
              }
            } else {
              if (this.state.field.length !== 0) {
                if (relax_quotes === false) {
                  const info2 = this.__infoField();
                  const bom2 = Object.keys(boms).map(
                    (b) => boms[b].equals(this.state.field.toString()) ? b : false
                  ).filter(Boolean)[0];
                  const err = this.__error(
                    new CsvError(
                      "INVALID_OPENING_QUOTE",
                      [
                        "Invalid Opening Quote:",
                        `a quote is found on field ${JSON.stringify(info2.column)} at line ${info2.lines}, value is ${JSON.stringify(this.state.field.toString(encoding))}`,
                        bom2 ? `(${bom2} bom)` : void 0
                      ],
                      this.options,
                      info2,
                      {
                        field: this.state.field
                      }
                    )
                  );
                  if (err !== void 0) return err;
                }
              } else {
                this.state.quoting = true;
                pos += quote.length - 1;
                continue;
              }
            }
          }
          if (this.state.quoting === false) {
            const recordDelimiterLength = this.__isRecordDelimiter(
              chr,
              buf,
              pos
            );
            if (recordDelimiterLength !== 0) {
              const skipCommentLine = this.state.commenting && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0;
              if (skipCommentLine) {
                this.info.comment_lines++;
              } else {
                if (this.state.enabled === false && this.info.lines + (this.state.wasRowDelimiter === true ? 1 : 0) >= from_line) {
                  this.state.enabled = true;
                  this.__resetField();
                  this.__resetRecord();
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                if (skip_empty_lines === true && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0) {
                  this.info.empty_lines++;
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                this.info.bytes = this.state.bufBytesStart + pos;
                const errField = this.__onField();
                if (errField !== void 0) return errField;
                this.info.bytes = this.state.bufBytesStart + pos + recordDelimiterLength;
                const errRecord = this.__onRecord(push2);
                if (errRecord !== void 0) return errRecord;
                if (to !== -1 && this.info.records >= to) {
                  this.state.stop = true;
                  close();
                  return;
                }
              }
              this.state.commenting = false;
              pos += recordDelimiterLength - 1;
              continue;
            }
            if (this.state.commenting) {
              continue;
            }
            if (comment !== null && (comment_no_infix === false || this.state.record.length === 0 && this.state.field.length === 0)) {
              const commentCount = this.__compareBytes(comment, buf, pos, chr);
              if (commentCount !== 0) {
                this.state.commenting = true;
                continue;
              }
            }
            const delimiterLength = this.__isDelimiter(buf, pos, chr);
            if (delimiterLength !== 0) {
              this.info.bytes = this.state.bufBytesStart + pos;
              const errField = this.__onField();
              if (errField !== void 0) return errField;
              pos += delimiterLength - 1;
              continue;
            }
          }
        }
        if (this.state.commenting === false) {
          if (max_record_size !== 0 && this.state.record_length + this.state.field.length > max_record_size) {
            return this.__error(
              new CsvError(
                "CSV_MAX_RECORD_SIZE",
                [
                  "Max Record Size:",
                  "record exceed the maximum number of tolerated bytes",
                  `of ${max_record_size}`,
                  `at line ${this.info.lines}`
                ],
                this.options,
                this.__infoField()
              )
            );
          }
        }
        const lappend = ltrim === false || this.state.quoting === true || this.state.field.length !== 0 || !this.__isCharTrimable(buf, pos);
        const rappend = rtrim === false || this.state.wasQuoting === false;
        if (lappend === true && rappend === true) {
          this.state.field.append(chr);
        } else if (rtrim === true && !this.__isCharTrimable(buf, pos)) {
          return this.__error(
            new CsvError(
              "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
              [
                "Invalid Closing Quote:",
                "found non trimable byte after quote",
                `at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
        } else {
          if (lappend === false) {
            pos += this.__isCharTrimable(buf, pos) - 1;
          }
          continue;
        }
      }
      if (end === true) {
        if (this.state.quoting === true) {
          const err = this.__error(
            new CsvError(
              "CSV_QUOTE_NOT_CLOSED",
              [
                "Quote Not Closed:",
                `the parsing is finished with an opening quote at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
          if (err !== void 0) return err;
        } else {
          if (this.state.wasQuoting === true || this.state.record.length !== 0 || this.state.field.length !== 0) {
            this.info.bytes = this.state.bufBytesStart + pos;
            const errField = this.__onField();
            if (errField !== void 0) return errField;
            const errRecord = this.__onRecord(push2);
            if (errRecord !== void 0) return errRecord;
          } else if (this.state.wasRowDelimiter === true) {
            this.info.empty_lines++;
          } else if (this.state.commenting === true) {
            this.info.comment_lines++;
          }
        }
      } else {
        this.state.bufBytesStart += pos;
        this.state.previousBuf = buf.slice(pos);
      }
      if (this.state.wasRowDelimiter === true) {
        this.info.lines++;
        this.state.wasRowDelimiter = false;
      }
    },
    __onRecord: function(push2) {
      const {
        columns,
        group_columns_by_name,
        encoding,
        info: info2,
        from,
        relax_column_count,
        relax_column_count_less,
        relax_column_count_more,
        raw,
        skip_records_with_empty_values
      } = this.options;
      const { enabled, record } = this.state;
      if (enabled === false) {
        return this.__resetRecord();
      }
      const recordLength = record.length;
      if (columns === true) {
        if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
          this.__resetRecord();
          return;
        }
        return this.__firstLineToColumns(record);
      }
      if (columns === false && this.info.records === 0) {
        this.state.expectedRecordLength = recordLength;
      }
      if (recordLength !== this.state.expectedRecordLength) {
        const err = columns === false ? new CsvError(
          "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH",
          [
            "Invalid Record Length:",
            `expect ${this.state.expectedRecordLength},`,
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        ) : new CsvError(
          "CSV_RECORD_INCONSISTENT_COLUMNS",
          [
            "Invalid Record Length:",
            `columns length is ${columns.length},`,
            // rename columns
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        );
        if (relax_column_count === true || relax_column_count_less === true && recordLength < this.state.expectedRecordLength || relax_column_count_more === true && recordLength > this.state.expectedRecordLength) {
          this.info.invalid_field_length++;
          this.state.error = err;
        } else {
          const finalErr = this.__error(err);
          if (finalErr) return finalErr;
        }
      }
      if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
        this.__resetRecord();
        return;
      }
      if (this.state.recordHasError === true) {
        this.__resetRecord();
        this.state.recordHasError = false;
        return;
      }
      this.info.records++;
      if (from === 1 || this.info.records >= from) {
        const { objname } = this.options;
        if (columns !== false) {
          const obj = {};
          for (let i = 0, l = record.length; i < l; i++) {
            if (columns[i] === void 0 || columns[i].disabled) continue;
            if (group_columns_by_name === true && Object.hasOwn(obj, columns[i].name)) {
              if (Array.isArray(obj[columns[i].name])) {
                obj[columns[i].name] = obj[columns[i].name].concat(record[i]);
              } else {
                obj[columns[i].name] = [obj[columns[i].name], record[i]];
              }
            } else {
              Object.defineProperty(obj, columns[i].name, {
                value: record[i],
                enumerable: true,
                writable: true,
                configurable: true
              });
            }
          }
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record: obj },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [obj[objname], extRecord],
              push2
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? obj : [obj[objname], obj],
              push2
            );
            if (err) {
              return err;
            }
          }
        } else {
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [record[objname], extRecord],
              push2
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? record : [record[objname], record],
              push2
            );
            if (err) {
              return err;
            }
          }
        }
      }
      this.__resetRecord();
    },
    __firstLineToColumns: function(record) {
      const { firstLineToHeaders } = this.state;
      try {
        const headers = firstLineToHeaders === void 0 ? record : firstLineToHeaders.call(null, record);
        if (!Array.isArray(headers)) {
          return this.__error(
            new CsvError(
              "CSV_INVALID_COLUMN_MAPPING",
              [
                "Invalid Column Mapping:",
                "expect an array from column function,",
                `got ${JSON.stringify(headers)}`
              ],
              this.options,
              this.__infoField(),
              {
                headers
              }
            )
          );
        }
        const normalizedHeaders = normalize_columns_array(headers);
        this.state.expectedRecordLength = normalizedHeaders.length;
        this.options.columns = normalizedHeaders;
        this.__resetRecord();
        return;
      } catch (err) {
        return err;
      }
    },
    __resetRecord: function() {
      if (this.options.raw === true) {
        this.state.rawBuffer.reset();
      }
      this.state.error = void 0;
      this.state.record = [];
      this.state.record_length = 0;
    },
    __onField: function() {
      const { cast, encoding, rtrim, max_record_size } = this.options;
      const { enabled, wasQuoting } = this.state;
      if (enabled === false) {
        return this.__resetField();
      }
      let field = this.state.field.toString(encoding);
      if (rtrim === true && wasQuoting === false) {
        field = field.trimRight();
      }
      if (cast === true) {
        const [err, f] = this.__cast(field);
        if (err !== void 0) return err;
        field = f;
      }
      this.state.record.push(field);
      if (max_record_size !== 0 && typeof field === "string") {
        this.state.record_length += field.length;
      }
      this.__resetField();
    },
    __resetField: function() {
      this.state.field.reset();
      this.state.wasQuoting = false;
    },
    __push: function(record, push2) {
      const { on_record } = this.options;
      if (on_record !== void 0) {
        const info2 = this.__infoRecord();
        try {
          record = on_record.call(null, record, info2);
        } catch (err) {
          return err;
        }
        if (record === void 0 || record === null) {
          return;
        }
      }
      this.info.bytes_records += this.info.bytes;
      push2(record);
    },
    // Return a tuple with the error and the casted value
    __cast: function(field) {
      const { columns, relax_column_count } = this.options;
      const isColumns = Array.isArray(columns);
      if (isColumns === true && relax_column_count && this.options.columns.length <= this.state.record.length) {
        return [void 0, void 0];
      }
      if (this.state.castField !== null) {
        try {
          const info2 = this.__infoField();
          return [void 0, this.state.castField.call(null, field, info2)];
        } catch (err) {
          return [err];
        }
      }
      if (this.__isFloat(field)) {
        return [void 0, parseFloat(field)];
      } else if (this.options.cast_date !== false) {
        const info2 = this.__infoField();
        return [void 0, this.options.cast_date.call(null, field, info2)];
      }
      return [void 0, field];
    },
    __compareBytes: function(sourceBuf, targetBuf, targetPos, firstByte) {
      if (sourceBuf[0] !== firstByte) return 0;
      const sourceLength = sourceBuf.length;
      for (let i = 1; i < sourceLength; i++) {
        if (sourceBuf[i] !== targetBuf[targetPos + i]) return 0;
      }
      return sourceLength;
    },
    // Helper to test if a character is trimable
    __isCharTrimable: function(buf, pos) {
      const { timchars, timcharFirstBytes } = this.state;
      const first = buf[pos];
      if (first === void 0 || timcharFirstBytes[first] === 0) return 0;
      loop1: for (let i = 0; i < timchars.length; i++) {
        const timchar = timchars[i];
        for (let j = 0; j < timchar.length; j++) {
          if (timchar[j] !== buf[pos + j]) continue loop1;
        }
        return timchar.length;
      }
      return 0;
    },
    __isDelimiter: function(buf, pos, chr) {
      const { delimiter, ignore_last_delimiters } = this.options;
      if (ignore_last_delimiters === true && this.state.record.length === this.options.columns.length - 1) {
        return 0;
      } else if (ignore_last_delimiters !== false && typeof ignore_last_delimiters === "number" && this.state.record.length === ignore_last_delimiters - 1) {
        return 0;
      }
      loop1: for (let i = 0; i < delimiter.length; i++) {
        const del = delimiter[i];
        if (del[0] === chr) {
          for (let j = 1; j < del.length; j++) {
            if (del[j] !== buf[pos + j]) continue loop1;
          }
          return del.length;
        }
      }
      return 0;
    },
    __isEscape: function(buf, pos, chr) {
      const { escape } = this.options;
      if (escape === null) return false;
      const l = escape.length;
      if (escape[0] === chr) {
        for (let i = 0; i < l; i++) {
          if (escape[i] !== buf[pos + i]) {
            return false;
          }
        }
        return true;
      }
      return false;
    },
    __isFloat: function(value) {
      return value - parseFloat(value) + 1 >= 0;
    },
    // Keep it in case we implement the `cast_int` option
    // __isInt(value){
    //   // return Number.isInteger(parseInt(value))
    //   // return !isNaN( parseInt( obj ) );
    //   return /^(\-|\+)?[1-9][0-9]*$/.test(value)
    // }
    __isQuote: function(buf, pos) {
      const { quote } = this.options;
      if (quote === null) return false;
      const l = quote.length;
      for (let i = 0; i < l; i++) {
        if (quote[i] !== buf[pos + i]) {
          return false;
        }
      }
      return true;
    },
    __isRecordDelimiter: function(chr, buf, pos) {
      const { record_delimiter } = this.options;
      const recordDelimiterLength = record_delimiter.length;
      loop1: for (let i = 0; i < recordDelimiterLength; i++) {
        const rd = record_delimiter[i];
        const rdLength = rd.length;
        if (rd[0] !== chr) {
          continue;
        }
        for (let j = 1; j < rdLength; j++) {
          if (rd[j] !== buf[pos + j]) {
            continue loop1;
          }
        }
        return rd.length;
      }
      return 0;
    },
    __autoDiscoverRecordDelimiter: function(buf, pos) {
      const { encoding } = this.options;
      const rds = [
        // Important, the windows line ending must be before mac os 9
        Buffer.from("\r\n", encoding),
        Buffer.from("\n", encoding),
        Buffer.from("\r", encoding)
      ];
      loop: for (let i = 0; i < rds.length; i++) {
        const l = rds[i].length;
        for (let j = 0; j < l; j++) {
          if (rds[i][j] !== buf[pos + j]) {
            continue loop;
          }
        }
        this.options.record_delimiter.push(rds[i]);
        this.state.recordDelimiterMaxLength = rds[i].length;
        return rds[i].length;
      }
      return 0;
    },
    __error: function(msg) {
      const { encoding, raw, skip_records_with_error } = this.options;
      const err = typeof msg === "string" ? new Error(msg) : msg;
      if (skip_records_with_error) {
        this.state.recordHasError = true;
        if (this.options.on_skip !== void 0) {
          try {
            this.options.on_skip(
              err,
              raw ? this.state.rawBuffer.toString(encoding) : void 0
            );
          } catch (err2) {
            return err2;
          }
        }
        return void 0;
      } else {
        return err;
      }
    },
    __infoDataSet: function() {
      return {
        ...this.info,
        columns: this.options.columns
      };
    },
    __infoRecord: function() {
      const { columns, raw, encoding } = this.options;
      return {
        ...this.__infoDataSet(),
        bytes_records: this.info.bytes,
        error: this.state.error,
        header: columns === true,
        index: this.state.record.length,
        raw: raw ? this.state.rawBuffer.toString(encoding) : void 0
      };
    },
    __infoField: function() {
      const { columns } = this.options;
      const isColumns = Array.isArray(columns);
      const bytes_records = this.info.bytes_records;
      return {
        ...this.__infoRecord(),
        bytes_records,
        column: isColumns === true ? columns.length > this.state.record.length ? columns[this.state.record.length].name : null : this.state.record.length,
        quoting: this.state.wasQuoting
      };
    }
  };
};

// node_modules/csv-parse/lib/sync.js
var parse = function(data, opts = {}) {
  if (typeof data === "string") {
    data = Buffer.from(data);
  }
  const records = opts && opts.objname ? /* @__PURE__ */ Object.create(null) : [];
  const parser = transform(opts);
  const push2 = (record) => {
    if (parser.options.objname === void 0) records.push(record);
    else {
      records[record[0]] = record[1];
    }
  };
  const close = () => {
  };
  const error = parser.parse(data, true, push2, close);
  if (error !== void 0) throw error;
  return records;
};

// src/sql/simple-statements.ts
var SIMPLE_LINE = /^(?:[^'"`#\\;\n/-]|-(?!-)|\/(?!\*)|'[^'\\\n]*'(?!')|"[^"\\\n]*"(?!")|`[^`\\\n]*`(?!`))*;[^\S\n]*$/;
var SIMPLE_AT = /(?:[^'"`#\\;\n/-]|-(?!-)|\/(?!\*)|'[^'\\\n]*'(?!')|"[^"\\\n]*"(?!")|`[^`\\\n]*`(?!`))*;[^\S\n\r\u2028\u2029]*/y;
var BLANK_LINE = /^[^\S\n]*$/;
var NOT_SPACE = /\S/;
function simpleStatements(lines, from = 0) {
  const out2 = [];
  for (let k = from; k < lines.length; k++) {
    const line = lines[k];
    if (!SIMPLE_LINE.test(line)) {
      if (BLANK_LINE.test(line)) continue;
      return null;
    }
    const first = line.search(NOT_SPACE);
    const semi = line.lastIndexOf(";");
    if (semi === first) return null;
    const c0 = line.charCodeAt(first) | 32;
    if ((c0 === 117 || c0 === 100) && /^(?:use|delimiter)/i.test(line.slice(first, first + 9))) return null;
    let end = semi;
    while (isSpace(line.charCodeAt(end - 1))) end--;
    out2.push({ sql: line.slice(first, end), line: k + 1 });
  }
  return out2;
}
function simpleStatementAt(text, start, end) {
  SIMPLE_AT.lastIndex = start;
  if (!SIMPLE_AT.test(text) || SIMPLE_AT.lastIndex !== end) return null;
  let first = start;
  while (isSpace(text.charCodeAt(first))) first++;
  let semi = end - 1;
  while (semi > start && text.charCodeAt(semi) !== 59) semi--;
  if (semi === first) return null;
  const c0 = text.charCodeAt(first) | 32;
  if ((c0 === 117 || c0 === 100) && /^(?:use|delimiter)/i.test(text.slice(first, Math.min(first + 9, end)))) return null;
  let last2 = semi;
  while (isSpace(text.charCodeAt(last2 - 1))) last2--;
  return text.slice(first, last2);
}

// src/sql/split-statements.ts
var NL = 10;
var SPACE2 = 32;
var TAB = 9;
var HASH = 35;
var DASH = 45;
var SLASH = 47;
var STAR = 42;
var BACKSLASH = 92;
var BACKTICK = 96;
var SQUOTE = 39;
var DQUOTE = 34;
var USE_LINE = /^[ \t]*(?:use|\\u)[ \t]+([^\s;]+)[ \t]*;?[ \t]*\r?$/i;
var CLIENT_COMMAND = /^[ \t]*\\[!a-zA-Z.#]/;
var DELIMITER_LINE = /^[ \t]*DELIMITER[ \t]+(\S+)[ \t]*(?:\r?\n|$)/i;
function skipBlanks(text, i) {
  let j = i;
  for (; ; ) {
    const c = text.charCodeAt(j);
    if (c !== SPACE2 && c !== TAB) return j;
    j++;
  }
}
function splitStatements(text) {
  const out2 = [];
  const n = text.length;
  let delimiter = ";";
  let delim0 = 59;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let i = 0;
  let dirty = false;
  const push2 = (end) => {
    let s = start;
    let l = startLine;
    for (; ; ) {
      const c = text.charCodeAt(s);
      if (s >= end) break;
      if (isSpace(c)) {
        while (s < end && isSpace(text.charCodeAt(s))) {
          if (text.charCodeAt(s) === NL) l++;
          s++;
        }
        continue;
      }
      if (c === DASH && text.charCodeAt(s + 1) === DASH && s + 2 < end && (text.charCodeAt(s + 2) === SPACE2 || text.charCodeAt(s + 2) === TAB) || c === HASH) {
        while (s < end && text.charCodeAt(s) !== NL) s++;
        continue;
      }
      if (c === SLASH && s + 1 < end && text.charCodeAt(s + 1) === STAR && !(s + 5 <= end && text.startsWith("vt+", s + 2))) {
        const close = text.indexOf("*/", s + 2);
        if (close < 0 || close + 2 > end) break;
        for (let k = s; k < close; k++) if (text.charCodeAt(k) === NL) l++;
        s = close + 2;
        continue;
      }
      break;
    }
    let e = end;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e === s) return;
    const sql = text.slice(s, e);
    const c0 = sql.charCodeAt(0);
    if ((c0 === SLASH || c0 === DASH || c0 === HASH) && isOnlyComments(sql)) return;
    out2.push({ sql, line: l });
  };
  const clientLine = () => {
    if (dirty) return;
    const c = text.charCodeAt(skipBlanks(text, i));
    if (c !== BACKSLASH && c !== 117 && c !== 85) return;
    const nl2 = text.indexOf("\n", i);
    const eol = nl2 < 0 ? n : nl2;
    const rest = text.slice(i, eol);
    const use = USE_LINE.exec(rest);
    if (!use && !CLIENT_COMMAND.test(rest)) return;
    if (use) out2.push({ sql: `use ${use[1]}`, line });
    i = eol;
    start = i;
    startLine = line;
    dirty = false;
  };
  clientLine();
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      line++;
      i++;
      if (!dirty) {
        start = i;
        startLine = line;
      }
      const d = text.charCodeAt(skipBlanks(text, i));
      const m = (d === 68 || d === 100) && !dirty ? DELIMITER_LINE.exec(text.slice(i, i + 64)) : null;
      if (m) {
        delimiter = m[1];
        delim0 = delimiter.charCodeAt(0);
        i += m[0].length;
        if (m[0].endsWith("\n")) line++;
        start = i;
        startLine = line;
      } else clientLine();
      continue;
    }
    if (!isSpace(c)) dirty = true;
    if (c === BACKSLASH && (text.charCodeAt(i + 1) === 71 || text.charCodeAt(i + 1) === 103)) {
      push2(i);
      i += 2;
      start = i;
      startLine = line;
      dirty = false;
      continue;
    }
    if (c === SQUOTE || c === DQUOTE || c === BACKTICK) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === c) break;
        if (d === BACKSLASH && c !== BACKTICK) i++;
        else if (d === NL) line++;
        i++;
      }
      i++;
      continue;
    }
    if (c === DASH && text.charCodeAt(i + 1) === DASH && (i + 2 >= n || isSpace(text.charCodeAt(i + 2))) || c === HASH) {
      const nl2 = text.indexOf("\n", i);
      i = nl2 < 0 ? n : nl2;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text.charCodeAt(k) === NL) line++;
      i = stop;
      continue;
    }
    if (c === delim0 && (delimiter.length === 1 || text.startsWith(delimiter, i))) {
      push2(i);
      i += delimiter.length;
      start = i;
      startLine = line;
      dirty = false;
      continue;
    }
    i++;
  }
  push2(n);
  return out2;
}
function isOnlyComments(sql) {
  return sql.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(--\s|#)[^\n]*/g, "").trim() === "";
}

// src/corpus/log-records.ts
var NONE = Object.freeze([]);
function useKeyspace(sql) {
  let i = 0;
  while (i < sql.length && isSpace(sql.charCodeAt(i))) i++;
  if ((sql.charCodeAt(i) | 32) !== 117) return null;
  const m = /^use\s+`?([^`\s/@:;]+)/i.exec(sql.trim());
  return m ? m[1] : null;
}
function recordStatements(lines) {
  return simpleStatements(lines) ?? splitStatements(lines.join("\n") + "\n");
}
var anyText = (lines) => lines.some((l) => l.trim() !== "");
var LOG_HEADER = /^(\/\S*mysqld|Tcp port:|Time\s+Id\s+Command)/;
var logHeader = (line) => {
  const c = line.charCodeAt(0);
  return (c === 47 || c === 84) && LOG_HEADER.test(line);
};

// src/corpus/slow-log.ts
var SESSION_SETUP = /^(use\s|set\s+timestamp\s*=|set\s+insert_id\s*=|set\s+last_insert_id\s*=)/i;
var isDigit3 = (c) => c >= 48 && c <= 57;
function sessionSetup(sql) {
  const c = sql.charCodeAt(0) | 32;
  const c1 = sql.charCodeAt(1) | 32;
  if (c === 117 ? c1 !== 115 : c !== 115 || c1 !== 101 || (sql.charCodeAt(2) | 32) !== 116) return false;
  return SESSION_SETUP.test(sql);
}
var USER_HOST_ID = /^# User@Host:.*\bId:\s*(\d+)/;
var USER_HOST_ID_AT = /# User@Host:.*\bId:\s*(\d+)/y;
function userHostThreadEnd(text, start, end) {
  USER_HOST_ID_AT.lastIndex = start;
  if (!USER_HOST_ID_AT.test(text)) return -1;
  if (USER_HOST_ID_AT.lastIndex <= end) return USER_HOST_ID_AT.lastIndex;
  const m = USER_HOST_ID.exec(text.slice(start, end));
  return m === null ? -1 : start + m[0].length;
}
function threadStart(text, to) {
  let from = to;
  while (isDigit3(text.charCodeAt(from - 1))) from--;
  return from;
}
var TIMESTAMP_AT = /SET timestamp=\d+;/y;
function isTimestamp(text, start, end) {
  if (end - start < 16 || text.charCodeAt(end - 1) !== 59) return false;
  TIMESTAMP_AT.lastIndex = start;
  return TIMESTAMP_AT.test(text) && TIMESTAMP_AT.lastIndex === end;
}
function hasText(text, start, end) {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}
function slowLogReader() {
  let lines = [];
  let lineNos = [];
  let text = false;
  let stamped = false;
  let quick = 0;
  let tsText = "";
  let tsStart = 0;
  let tsEnd = 0;
  let tsNo = 0;
  let stText = "";
  let stStart = 0;
  let stEnd = 0;
  let stNo = 0;
  let sql = "";
  const dbOfThread = /* @__PURE__ */ new Map();
  let thread = "";
  let threadText = "";
  let threadEnd = 0;
  const threadId = () => {
    if (threadText !== "") {
      thread = threadText.slice(threadStart(threadText, threadEnd), threadEnd);
      threadText = "";
    }
    return thread;
  };
  let keyspace;
  const statement = (sql2, line) => {
    const use = useKeyspace(sql2);
    if (use) dbOfThread.set(threadId(), keyspace = use);
    if (sessionSetup(sql2)) return null;
    if (logHeader(sql2)) return null;
    return keyspace ? { sql: sql2, line, count: 1, keyspace } : { sql: sql2, line, count: 1 };
  };
  const cut = () => {
    lines.push(tsText.slice(tsStart, tsEnd));
    lineNos.push(tsNo);
    if (quick === 2) {
      lines.push(stText.slice(stStart, stEnd));
      lineNos.push(stNo);
    }
    stamped = true;
    quick = 0;
    tsText = stText = "";
  };
  const flush = () => {
    text = false;
    const q = quick;
    if (q !== 0) {
      quick = 0;
      tsText = stText = "";
      if (q === 1) return NONE;
    }
    keyspace = dbOfThread.size === 0 ? void 0 : dbOfThread.get(threadId());
    if (q === 2) {
      const one = statement(sql, stNo);
      return one === null ? NONE : [one];
    }
    const out2 = [];
    const statements = (stamped ? simpleStatements(lines, 1) : null) ?? recordStatements(lines);
    for (const s of statements) {
      const one = statement(s.sql, s.line <= lineNos.length ? lineNos[s.line - 1] : lineNos.at(-1) + s.line - lineNos.length);
      if (one !== null) out2.push(one);
    }
    lines = [];
    lineNos = [];
    stamped = false;
    return out2;
  };
  const pushSpan = (src, start, end, lineNo) => {
    const c = start < end ? src.charCodeAt(start) : -1;
    if (c === 35) {
      const out2 = text ? flush() : NONE;
      if (src.charCodeAt(start + 2) === 85) {
        const to = userHostThreadEnd(src, start, end);
        if (to >= 0) {
          threadText = src;
          threadEnd = to;
        }
      }
      return out2;
    }
    if (quick === 0 && lines.length === 0 && c === 83 && isTimestamp(src, start, end)) {
      quick = 1;
      text = true;
      tsText = src;
      tsStart = start;
      tsEnd = end;
      tsNo = lineNo;
      return NONE;
    }
    if (quick !== 0) {
      if (quick === 1 && c >= 0 && c !== 47 && c !== 84) {
        const one = simpleStatementAt(src, start, end);
        if (one !== null) {
          quick = 2;
          sql = one;
          stText = src;
          stStart = start;
          stEnd = end;
          stNo = lineNo;
          return NONE;
        }
      }
      cut();
    }
    const line = src.slice(start, end);
    if (logHeader(line)) return NONE;
    if (!text) text = c >= 0 && (!isSpace(c) || hasText(src, start + 1, end));
    lines.push(line);
    lineNos.push(lineNo);
    return NONE;
  };
  return {
    problems: [],
    pushSpan,
    push: (line, lineNo) => pushSpan(line, 0, line.length, lineNo),
    end: () => text ? flush() : NONE
  };
}

// src/corpus/formats.ts
function detectInputType(path, head) {
  const lower = path.toLowerCase();
  const first = head.replace(/^\uFEFF/, "").trimStart();
  if (/# (Query_time|User@Host):/.test(head)) return "slowlog";
  if (/^\S+\s+\d+\s+(Query|Connect|Quit|Init DB|Execute|Prepare)\b/m.test(head) || /^Time\s+Id\s+Command\s+Argument/m.test(head)) return "generallog";
  const lines = head.split("\n").filter((l) => l.trim());
  if (lines.length && lines.slice(0, 5).every((l) => l.split("	").length >= 13 && /^"/.test(l.split("	")[12] ?? ""))) return "vtgatelog";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json") || lower.endsWith(".jsonl") || first.startsWith("[") || first.startsWith("{")) {
    return /"SQL"\s*:/.test(head) && /"(Method|PlanTime|TotalTime)"\s*:/.test(head) ? "vtgatelog" : "json";
  }
  if (lines[0] && csvSqlColumn(lines[0].split(",").map((h) => h.trim().replace(/^"|"$/g, ""))) !== null) return "csv";
  return lines.some((l) => /;\s*(--\s.*)?$/.test(l)) ? "sql" : "lines";
}
function createReader(type, columns = {}) {
  switch (type) {
    case "lines":
      return linesReader();
    case "sql":
      return sqlReader();
    case "slowlog":
      return slowLogReader();
    case "generallog":
      return generalLogReader();
    case "vtgatelog":
      return vtgateLogReader();
    case "json":
      return jsonReader(columns);
    case "csv":
      return csvReader(columns);
  }
}
var stripSemicolon = (s) => s.trim().replace(/;\s*$/, "").trim();
function linesReader() {
  return {
    problems: [],
    push(line, lineNo) {
      const sql = stripSemicolon(line);
      if (!sql || /^(--\s|#)/.test(sql)) return NONE;
      return [{ sql, line: lineNo, count: 1 }];
    },
    end: () => NONE
  };
}
function quotesClosed(text) {
  const s = scanTokens(text);
  for (let k = 0; k < s.count; k++) {
    if (s.types[k] !== T.op || s.ends[k] - s.starts[k] !== 1) continue;
    const c = text.charCodeAt(s.starts[k]);
    if (c === 39 || c === 34 || c === 96) return false;
  }
  return true;
}
function sqlReader() {
  const lines = [];
  let start = 1;
  const flush = () => {
    const out2 = recordStatements(lines).map((s) => ({ sql: s.sql, line: start + s.line - 1, count: 1 }));
    lines.length = 0;
    return out2;
  };
  return {
    problems: [],
    push(line, lineNo) {
      if (lines.length === 0) start = lineNo;
      lines.push(line);
      if (/;\s*(--\s.*|#.*)?$/.test(line) && quotesClosed(lines.length === 1 ? line + "\n" : lines.join("\n") + "\n")) return flush();
      return NONE;
    },
    end: () => anyText(lines) ? flush() : NONE
  };
}
function generalLogReader() {
  let cur2 = null;
  const entry = /^(\S+)?\s+(\d+)\s+(Query|Execute|Connect|Quit|Init DB|Prepare|Close stmt|Field List|Statistics|Ping|Reset stmt|Long Data)\t?(.*)$/;
  const dbOf = /* @__PURE__ */ new Map();
  return {
    problems: [],
    push(line, lineNo) {
      const m = entry.exec(line);
      if (m) {
        const done = cur2;
        const conn = m[2];
        if (m[3] === "Init DB") dbOf.set(conn, m[4].trim());
        if (m[3] === "Connect") {
          const on = /\bon (\S+)/.exec(m[4]);
          if (on && on[1] !== "using") dbOf.set(conn, on[1]);
        }
        const use = m[3] === "Query" ? useKeyspace(m[4]) : null;
        cur2 = m[3] === "Query" || m[3] === "Execute" ? { sql: m[4], line: lineNo, count: 1, keyspace: use ?? dbOf.get(conn) ?? "" } : null;
        if (use) dbOf.set(conn, use);
        return done ? [{ ...done, sql: stripSemicolon(done.sql) }].filter((s) => s.sql) : [];
      }
      if (logHeader(line)) return NONE;
      if (cur2) cur2.sql += "\n" + line;
      return NONE;
    },
    end() {
      const done = cur2;
      cur2 = null;
      return done && stripSemicolon(done.sql) ? [{ ...done, sql: stripSemicolon(done.sql) }] : [];
    }
  };
}
function goUnquote(q) {
  if (!q.startsWith('"') || !q.endsWith('"')) return null;
  const json = q.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b").replace(/\\'/g, "'").replace(/\\U([0-9a-fA-F]{8})/g, (_, h) => JSON.stringify(String.fromCodePoint(parseInt(h, 16))).slice(1, -1));
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}
function vtgateLogReader() {
  const r = {
    problems: [],
    push(line, lineNo) {
      if (!line.trim()) return NONE;
      if (line.trimStart().startsWith("{")) return jsonLine(line, lineNo, r.problems);
      const fields = line.split("	");
      const sql = fields.length >= 13 ? goUnquote(fields[12]) : null;
      if (sql === null) {
        r.problems.push({ line: lineNo, message: "not a vtgate query log line (expected the SQL as the 13th tab-separated field, Go-quoted)" });
        return NONE;
      }
      return sql.trim() ? [{ sql: stripSemicolon(sql), line: lineNo, count: 1 }] : [];
    },
    end: () => NONE
  };
  return r;
}
var SQL_KEYS = ["sql", "SQL", "query", "Query", "statement", "fingerprint"];
var COUNT_KEYS = ["count", "Count", "frequency", "calls", "exec_count", "executions"];
var SQL_HEADER = /^(query|sql|statement|fingerprint|raw_sql|sql_text|query_text|digest_text|normalized_query|normalized_sql)$/i;
var COUNT_HEADER = /^(count|frequency|calls|exec_count|executions|count_star|query_count|total_count)$/i;
function csvSqlColumn(header, named) {
  if (named !== void 0) {
    const i = header.indexOf(named);
    return i < 0 ? null : i;
  }
  const exact = header.findIndex((h) => SQL_HEADER.test(h));
  if (exact >= 0) return exact;
  const loose = header.map((h, i) => /(^|_)(sql|query)($|_)/i.test(h) ? i : -1).filter((i) => i >= 0);
  return loose.length === 1 ? loose[0] : null;
}
function recordOf(o, lineNo, problems, columns = {}) {
  if (typeof o !== "object" || o === null) {
    problems.push({ line: lineNo, message: `expected an object with a "${columns.sql ?? "sql"}" field` });
    return [];
  }
  const rec = o;
  const sqlKey = columns.sql !== void 0 ? typeof rec[columns.sql] === "string" ? columns.sql : void 0 : SQL_KEYS.find((k) => typeof rec[k] === "string");
  if (!sqlKey) {
    problems.push({ line: lineNo, message: columns.sql !== void 0 ? `no string field "${columns.sql}"` : `no query field (${SQL_KEYS.slice(0, 3).join(", ")}; name it with --sql-column)` });
    return [];
  }
  const countKey = columns.count !== void 0 ? columns.count : COUNT_KEYS.find((k) => rec[k] !== void 0);
  const count = countKey !== void 0 && rec[countKey] !== void 0 ? Number(rec[countKey]) : 1;
  if (!Number.isFinite(count) || count < 0) {
    problems.push({ line: lineNo, message: `"${countKey}" must be a non-negative number` });
    return [];
  }
  const sql = stripSemicolon(rec[sqlKey]);
  return sql ? [{ sql, line: lineNo, count }] : [];
}
function jsonLine(line, lineNo, problems, columns = {}) {
  try {
    return recordOf(JSON.parse(line), lineNo, problems, columns);
  } catch (e) {
    problems.push({ line: lineNo, message: `invalid JSON: ${e.message}` });
    return [];
  }
}
function jsonReader(columns) {
  let arrayBuf = null;
  let arrayStart = 1;
  const r = {
    problems: [],
    push(line, lineNo) {
      if (arrayBuf !== null) {
        arrayBuf += line + "\n";
        return NONE;
      }
      const t = line.trim();
      if (!t) return NONE;
      if (t.startsWith("[")) {
        arrayBuf = line + "\n";
        arrayStart = lineNo;
        return NONE;
      }
      return jsonLine(t, lineNo, r.problems, columns);
    },
    end() {
      if (arrayBuf === null) return NONE;
      try {
        const arr = JSON.parse(arrayBuf);
        if (!Array.isArray(arr)) throw new Error("expected an array");
        return arr.flatMap((o, i) => recordOf(o, arrayStart, r.problems, columns).map((s) => ({ ...s, line: arrayStart + i })));
      } catch (e) {
        r.problems.push({ line: arrayStart, message: `invalid JSON: ${e.message}` });
        return NONE;
      }
    }
  };
  return r;
}
function csvReader(columns) {
  let header = null;
  let sqlCol = null;
  let countCol = -1;
  let pending = "";
  let pendingLine = 0;
  const r = {
    problems: [],
    push(line, lineNo) {
      if (pending === "") pendingLine = lineNo;
      pending += (pending ? "\n" : "") + line;
      if (!quotesBalanced(pending)) return NONE;
      const text = pending;
      pending = "";
      if (!text.trim()) return NONE;
      let rows;
      try {
        rows = parse(text, { relax_column_count: true });
      } catch (e) {
        r.problems.push({ line: pendingLine, message: `invalid CSV: ${e.message}` });
        return NONE;
      }
      const row = rows[0] ?? [];
      if (!header) {
        header = row.map((h) => h.trim());
        sqlCol = csvSqlColumn(header, columns.sql);
        countCol = columns.count !== void 0 ? header.indexOf(columns.count) : header.findIndex((h) => COUNT_HEADER.test(h));
        if (sqlCol === null) {
          r.problems.push({ line: pendingLine, message: columns.sql !== void 0 ? `CSV header (${header.join(", ")}) has no column "${columns.sql}"` : `CSV header (${header.join(", ")}) has no SQL column (query, sql, raw_sql, digest_text, ...): name it with --sql-column` });
        }
        if (columns.count !== void 0 && countCol < 0) r.problems.push({ line: pendingLine, message: `CSV header (${header.join(", ")}) has no column "${columns.count}"` });
        return NONE;
      }
      if (sqlCol === null) return NONE;
      const count = countCol >= 0 ? row[countCol] ?? "" : "";
      return recordOf(count === "" ? { sql: row[sqlCol] ?? "" } : { sql: row[sqlCol] ?? "", count }, pendingLine, r.problems);
    },
    end: () => NONE
  };
  return r;
}
function quotesBalanced(s) {
  let n = 0;
  for (const c of s) if (c === '"') n++;
  return n % 2 === 0;
}

// src/io/read-lines.ts
import { isAscii } from "node:buffer";
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
var CHUNK = 1 << 20;
function forEachLine(file, onLine, chunkBytes = CHUNK) {
  return forEachSpan(file, (text, start, end, lineNo) => onLine(text.slice(start, end), lineNo), chunkBytes);
}
async function forEachSpan(file, onSpan, chunkBytes = CHUNK) {
  const fh = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    const splitter = spanSplitter(onSpan);
    for (; ; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      splitter.write(buf.subarray(0, bytesRead));
    }
    return splitter.end();
  } finally {
    await fh.close();
  }
}
function lineEnd2(text, from) {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}
function spanSplitter(onSpan) {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let sawReturn = false;
  let n = 0;
  const feed = (chunk) => {
    if (chunk === "") return;
    let pos = sawReturn && chunk.charCodeAt(0) === 10 ? 1 : 0;
    const len2 = chunk.length;
    sawReturn = false;
    if (pos === len2) return;
    sawReturn = chunk.charCodeAt(len2 - 1) === 13;
    const returns = chunk.indexOf("\r", pos) >= 0;
    if (rest !== "") {
      const i = returns ? lineEnd2(chunk, pos) : chunk.indexOf("\n", pos);
      if (i < 0) {
        rest += chunk.slice(pos);
        return;
      }
      const line = rest + chunk.slice(pos, i);
      rest = "";
      onSpan(line, 0, line.length, ++n);
      pos = chunk.charCodeAt(i) === 13 && chunk.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
    if (!returns) {
      for (let nl2 = chunk.indexOf("\n", pos); nl2 >= 0; nl2 = chunk.indexOf("\n", pos)) {
        onSpan(chunk, pos, nl2, ++n);
        pos = nl2 + 1;
      }
    } else {
      let cr2 = chunk.indexOf("\r", pos);
      let lf = chunk.indexOf("\n", pos);
      while (cr2 >= 0 || lf >= 0) {
        const i = cr2 < 0 || lf >= 0 && lf < cr2 ? lf : cr2;
        onSpan(chunk, pos, i, ++n);
        pos = i === cr2 && lf === i + 1 ? i + 2 : i + 1;
        if (cr2 >= 0 && cr2 < pos) cr2 = chunk.indexOf("\r", pos);
        if (lf >= 0 && lf < pos) lf = chunk.indexOf("\n", pos);
      }
    }
    rest = pos < len2 ? chunk.slice(pos) : "";
  };
  let pending = false;
  return {
    write(bytes) {
      const buf = bytes;
      if (!pending && isAscii(buf)) {
        feed(buf.toString("latin1"));
        return;
      }
      pending = buf.length > 0 && buf[buf.length - 1] >= 128;
      feed(decoder.write(buf));
    },
    end() {
      feed(decoder.end());
      if (rest !== "") onSpan(rest, 0, rest.length, ++n);
      rest = "";
      return n;
    }
  };
}

// src/io/read-corpus.ts
var LOG_TYPES = ["slowlog", "generallog", "vtgatelog"];
async function readCorpus(files, type, dedupe, columns = {}) {
  const problems = [];
  const types = /* @__PURE__ */ new Map();
  const heads = /* @__PURE__ */ new Map();
  for (const f of files) {
    try {
      const fd = fs2.openSync(f, "r");
      const buf = Buffer.alloc(65536);
      const n = fs2.readSync(fd, buf, 0, buf.length, 0);
      fs2.closeSync(fd);
      heads.set(f, buf.subarray(0, n).toString("utf8"));
      types.set(f, type ?? detectInputType(f, buf.subarray(0, n).toString("utf8")));
    } catch (e) {
      problems.push({ file: f, line: 0, message: `cannot read ${f}: ${e.code === "ENOENT" ? "no such file" : e.message}` });
    }
  }
  const anyLog = [...types.values()].some((t) => LOG_TYPES.includes(t));
  const builder = new CorpusBuilder(dedupe ?? anyLog);
  let lines = 0;
  for (const [f, t] of types) {
    if (heads.get(f)?.includes("\0")) {
      problems.push({ file: f, line: 1, message: `${f} is binary, not a query file` });
      continue;
    }
    const reader = createReader(t, columns);
    let session = null;
    const add = (statements) => {
      for (const s of statements) {
        session = useKeyspace(s.sql) ?? session;
        builder.add(f, s, s.keyspace ?? session);
      }
    };
    let n;
    try {
      const pushSpan = reader.pushSpan;
      n = pushSpan ? await forEachSpan(f, (text, start, end, lineNo) => add(pushSpan(text, start, end, lineNo))) : await forEachLine(f, (line, lineNo) => add(reader.push(line, lineNo)));
    } catch (e) {
      problems.push({ file: f, line: 0, message: `cannot read ${f}: ${e.message}` });
      continue;
    }
    add(reader.end());
    lines += n;
    for (const p of reader.problems) problems.push({ file: f, ...p });
  }
  return { entries: builder.entries(), total: builder.total, types, problems, lines };
}

// src/io/corpus-worker.ts
var job = workerData;
var packed = packCorpus(await readCorpus(job.files, job.type, job.dedupe, job.columns));
parentPort.postMessage(packed, [packed.nums.buffer]);
