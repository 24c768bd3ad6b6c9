/**
 * Which corpus statements a change cannot affect, decided cheaply. A statement is unaffected when
 * the global signatures are equal, it runs in the default session and none of its names
 * (src/corpus/table-names.ts) is one whose routing signature differs (src/diff/routing-signature.ts).
 * When the corpus is large next to the clusters, the set of such names is computed once (a few
 * names for a typical change) and most statements are then decided from their text alone: a name is
 * a substring of the lower-cased text, so a text containing none of the changed names mentions none.
 */
import { DYNAMIC } from '../corpus/table-names.js';
import { type RoutingSignatures, signatureComparer } from './routing-signature.js';

/**
 * The lower-cased names declared on either side whose signature differs between base and head, or
 * null as soon as there are more than `limit` (then statements are better decided by their names).
 */
export function changedNames(base: RoutingSignatures, head: RoutingSignatures, limit = Infinity): Set<string> | null {
  const out = new Set<string>();
  const same = signatureComparer(base, head);
  for (const side of [base.declared(), head.declared()]) {
    for (const n of side) {
      if (out.has(n) || same(n)) continue;
      out.add(n);
      if (out.size > limit) return null;
    }
  }
  return out;
}

/** Characters that make a statement's names null or need a token scan: `:` `@` `[` `]` (shard and tablet targeting, variables, binds), non-ASCII (case mapping), and a doubled backtick (an escaped quote in a name). */
const NEEDS_SCAN = /[:@[\]\u0080-\uffff]|``/;

/** What makes the quote structure of a text other than plain `'…'` runs: escapes, doubled quotes, other quotes, comments. */
const NOT_PLAIN_QUOTES = /[\\"`#]|''|--|\/\*/;

/**
 * True when every character {@link NEEDS_SCAN} looks for lies inside a single-quoted string: the
 * text has an even number of `'`, none doubled, and no backslash, `"`, backtick, `#`, `--` or `/*`
 * (then the scanner's string tokens (src/corpus/scan.ts) are exactly the runs between the 1st and
 * 2nd quote, the 3rd and 4th, …, and only words outside them give names), and the runs outside
 * the quotes have none of those characters. A timestamp (`'10:00:00'`), an e-mail address or
 * non-ASCII text in a literal then leaves the statement to the text test.
 */
function onlyInStrings(sql: string): boolean {
  if (NOT_PLAIN_QUOTES.test(sql)) return false;
  let from = 0;
  for (;;) {
    const open = sql.indexOf("'", from);
    if (NEEDS_SCAN.test(open < 0 ? sql.slice(from) : sql.slice(from, open))) return false;
    if (open < 0) return true;
    const close = sql.indexOf("'", open + 1);
    if (close < 0) return false;
    from = close + 1;
  }
}

/**
 * True when `sql` certainly mentions none of `changed` (lower-cased names) and its names are not
 * null — i.e. nameCandidates(sql) is a list with no member in `changed`; null when that cannot be
 * told from the text (the caller then reads the names). Exact: every name nameCandidates gives is a
 * substring of the lower-cased text when the text is ASCII without a doubled backtick (words and
 * their dot-separated parts, back-quoted and double-quoted contents), and the names are null only
 * for a dynamic first word or `:` `@` `[` `]` (all sent to the scan) — except inside plain
 * single-quoted strings ({@link onlyInStrings}), which give no names. Pure.
 */
export function quickUnaffected(sql: string, changed: readonly string[]): true | null {
  if (NEEDS_SCAN.test(sql) && !onlyInStrings(sql)) return null;
  // The first token must be a word, and not a dynamic one (comments, parentheses...: scan).
  let i = 0;
  while (i < sql.length && sql.charCodeAt(i) <= 32) i++;
  let j = i;
  for (; j < sql.length; j++) {
    const c = sql.charCodeAt(j) | 32;
    if (c < 97 || c > 122) break;
  }
  if (j === i || DYNAMIC.has(sql.slice(i, j).toLowerCase())) return null;
  if (changed.length === 0) return true;
  const lower = sql.toLowerCase();
  for (const n of changed) if (lower.includes(n)) return null;
  return true;
}
