/**
 * THE TEST ORACLE: the moo-token fingerprinter that src/corpus/fingerprint.ts replaced; the new one must
 * give exactly its fingerprints (test/corpus/fingerprint-fast.test.ts).
 *
 * Statement fingerprints like Vitess's normalizer (vitessio/vitess go/vt/sqlparser/normalizer.go):
 * literals become bind variables `:vtg1`, `:vtg2`, ..., an IN list of literals as a whole becomes
 * `::vtg<n>`; whitespace and comments are dropped (except `/*vt+ ... *\/` directives, which change
 * planning) and unquoted words are lower-cased. Token level, so a log line costs a scan, not a parse.
 */
import { tokenize } from './lexer-oracle.js';

const LITERALS = new Set(['string', 'hex', 'bit', 'number']);

/** Keywords printed with a space before `(` (everything else followed by `(` is a function call). */
const KEYWORDS_BEFORE_PAREN = new Set(['in', 'values', 'value', 'from', 'join', 'where', 'and', 'or', 'not', 'exists', 'as', 'on', 'using', 'select', 'into', 'set', 'union', 'all', 'any', 'some', 'when', 'then', 'else', 'by', 'having', 'with', 'table', 'is', 'like', 'between', 'limit', 'distinct', 'lateral', 'interval', 'over', 'partition', 'returning', 'case', 'xor', 'div', 'mod', 'row', 'escape', 'regexp', 'rlike', 'sounds']);

/** Fingerprint of `sql`. */
export function fingerprint(sql: string): string {
  const toks = tokenize(sql).filter((t) => t.type !== 'ws' && t.type !== 'comment');
  const out: string[] = [];
  let n = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    // `IN ( lit , lit , ... )` ⇒ `in ::vtgN`
    if (t.type === 'word' && t.text.toLowerCase() === 'in' && toks[i + 1]?.text === '(') {
      let j = i + 2;
      let ok = true;
      let count = 0;
      while (j < toks.length) {
        const x = toks[j]!;
        if (!(LITERALS.has(x.type) || (x.type === 'op' && (x.text === '-' || x.text === '+')))) {
          ok = false;
          break;
        }
        if (LITERALS.has(x.type)) count++;
        j++;
        if (toks[j]?.text === ',') {
          j++;
          continue;
        }
        break;
      }
      if (ok && count > 0 && toks[j]?.text === ')') {
        out.push('in', `::vtg${++n}`);
        i = j;
        continue;
      }
    }
    if (LITERALS.has(t.type)) {
      // A unary minus before a literal belongs to it.
      if (out.length && out[out.length - 1] === '-' && /^(=|<|>|<=|>=|<>|!=|\(|,|in|values|and|or|not|where|then|else|when|limit|offset)$/i.test(out[out.length - 2] ?? '')) out.pop();
      out.push(`:vtg${++n}`);
      continue;
    }
    out.push(t.type === 'word' ? t.text.toLowerCase() : t.text);
  }
  let text = '';
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    const prev = out[i - 1];
    // `count(*)`, `max(id)`: no space between a function name and its parenthesis; keywords keep it.
    const call = t === '(' && prev !== undefined && /^[a-z_][\w$]*$/.test(prev) && !KEYWORDS_BEFORE_PAREN.has(prev);
    const glue = i === 0 || t === ',' || t === ')' || t === '.' || prev === '(' || prev === '.' || call;
    text += (glue ? '' : ' ') + t;
  }
  return text;
}
