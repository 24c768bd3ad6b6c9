/**
 * Statement fingerprints like Vitess's normalizer (vitessio/vitess go/vt/sqlparser/normalizer.go):
 * literals become bind variables `:vtg1`, `:vtg2`, ..., an IN list of literals as a whole becomes
 * `::vtg<n>`; whitespace and comments are dropped (except `/*vt+ ... *\/` directives, which change
 * planning) and unquoted words are lower-cased. One pass of the character-code scanner (./scan.ts),
 * no token objects; gives exactly the fingerprints of the moo-token version it replaced (kept as
 * the test oracle in test/corpus/fingerprint-oracle.ts, property-tested against it).
 */
import { type Scan, T, scanTokens } from './scan.js';

/** Keywords printed with a space before `(` (everything else followed by `(` is a function call). */
const KEYWORDS_BEFORE_PAREN = new Set(['in', 'values', 'value', 'from', 'join', 'where', 'and', 'or', 'not', 'exists', 'as', 'on', 'using', 'select', 'into', 'set', 'union', 'all', 'any', 'some', 'when', 'then', 'else', 'by', 'having', 'with', 'table', 'is', 'like', 'between', 'limit', 'distinct', 'lateral', 'interval', 'over', 'partition', 'returning', 'case', 'xor', 'div', 'mod', 'row', 'escape', 'regexp', 'rlike', 'sounds']);

/** Tokens after which a `-` before a literal is the literal's sign (compared lower-cased). */
const SIGN_CONTEXT = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '(', ',', 'in', 'values', 'and', 'or', 'not', 'where', 'then', 'else', 'when', 'limit', 'offset']);

const isLiteral = (t: number): boolean => t === T.string || t === T.hex || t === T.bit || t === T.number;
const CALLEE = /^[a-z_][\w$]*$/;

let sig = new Int32Array(256);

/** Fingerprint of `sql`. */
export function fingerprint(sql: string): string {
  return fingerprintOfScan(scanTokens(sql));
}

/** Fingerprint of the statement of a scan (./scan.ts), read before the next scan. */
export function fingerprintOfScan(s: Scan): string {
  const sql = s.sql;
  // Indices of the significant tokens (not whitespace or comments).
  if (sig.length < s.count) sig = new Int32Array(s.count * 2);
  let m = 0;
  for (let k = 0; k < s.count; k++) if (s.types[k] !== T.ws && s.types[k] !== T.comment) sig[m++] = k;
  const type = (i: number): number => s.types[sig[i]!]!;
  const text = (i: number): string => sql.slice(s.starts[sig[i]!]!, s.ends[sig[i]!]!);
  /** Token i is the one-character operator `ch` (a char code). */
  const isOp1 = (i: number, ch: number): boolean => i < m && type(i) === T.op && s.ends[sig[i]!]! - s.starts[sig[i]!]! === 1 && sql.charCodeAt(s.starts[sig[i]!]!) === ch;
  const isWordIn = (i: number): boolean => {
    const k = sig[i]!;
    if (s.types[k] !== T.word || s.ends[k]! - s.starts[k]! !== 2) return false;
    const a = sql.charCodeAt(s.starts[k]!) | 32;
    const b = sql.charCodeAt(s.starts[k]! + 1) | 32;
    return a === 105 && b === 110; // "in", any case
  };
  const out: string[] = [];
  let n = 0;
  for (let i = 0; i < m; i++) {
    const t = type(i);
    // `IN ( lit , lit , ... )` ⇒ `in ::vtgN`
    if (t === T.word && isWordIn(i) && isOp1(i + 1, 40)) {
      let j = i + 2;
      let ok = true;
      let count = 0;
      while (j < m) {
        const xt = type(j);
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
        out.push('in', `::vtg${++n}`);
        i = j;
        continue;
      }
    }
    if (isLiteral(t)) {
      // A unary minus before a literal belongs to it.
      if (out.length && out[out.length - 1] === '-' && SIGN_CONTEXT.has((out[out.length - 2] ?? '').toLowerCase())) out.pop();
      out.push(`:vtg${++n}`);
      continue;
    }
    out.push(t === T.word ? text(i).toLowerCase() : text(i));
  }
  // Joined, not concatenated: one flat string (a Map key is hashed without flattening a rope first,
  // and it keeps none of the token strings, cut from the statement, alive).
  const parts: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    const prev = out[i - 1];
    // `count(*)`, `max(id)`: no space between a function name and its parenthesis; keywords keep it.
    const call = t === '(' && prev !== undefined && CALLEE.test(prev) && !KEYWORDS_BEFORE_PAREN.has(prev);
    const glue = i === 0 || t === ',' || t === ')' || t === '.' || prev === '(' || prev === '.' || call;
    if (!glue) parts.push(' ');
    parts.push(t);
  }
  return parts.join('');
}
