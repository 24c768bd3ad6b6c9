/**
 * THE TEST ORACLE: src/corpus/table-names.ts before its word path was made cheaper (a slice, a
 * lower-casing and a split per token); test/corpus/table-names-fast.test.ts property-tests the two equal.
 */
/**
 * The names a statement may resolve, read from its tokens (no parse): every identifier, bare or
 * back-quoted, split at dots and lower-cased. Column names, aliases and keywords are included too;
 * that costs nothing, since a name no VSchema declares has the same routing signature on both sides
 * of a diff (see src/diff/routing-signature.ts). What a token pass cannot classify safely makes the
 * statement unclassifiable (null): shard targeting (`ks:-80`, `ks[-80]`, `ks@replica`), session
 * keyspace changes (`USE`), dynamic SQL (`PREPARE`, `EXECUTE`).
 */
import { type Scan, T, scanTokens } from '../../src/corpus/scan.js';

/** First words of statements whose tables a token pass cannot know. */
const DYNAMIC = new Set(['use', 'prepare', 'execute', 'deallocate', 'call', 'handler']);

/** Characters of a qualifier that targets shards or tablet types (spec E.1 rule 2). */
const TARGETING = /[:@[\]]/;

/**
 * The lower-cased names `sql` mentions, deduplicated, or null when the statement must be planned
 * whatever changed. Never throws.
 */
export function nameCandidates(sql: string): string[] | null {
  return namesOfScan(scanTokens(sql));
}

/**
 * {@link nameCandidates} over the tokens of a scan (./scan.ts). `sql`: the scanned text, or an equal
 * string to cut the names from (so they do not keep a larger string alive).
 */
export function namesOfScan(s: Scan, sql: string = s.sql): string[] | null {
  const out = new Set<string>();
  let first = true;
  for (let k = 0; k < s.count; k++) {
    const type = s.types[k]!;
    if (type === T.ws || type === T.comment) continue;
    const text = sql.slice(s.starts[k]!, s.ends[k]!);
    if (first) {
      first = false;
      if (type === T.word && DYNAMIC.has(text.toLowerCase())) return null;
    }
    if (type === T.word) {
      // `@var` / `@@sys.var` are variables; an `@` after the first character is a tablet-type target.
      if (text.indexOf('@', 1) > 0 && !text.startsWith('@')) return null;
      for (const part of text.split('.')) if (part) out.add(part.toLowerCase());
    } else if (type === T.quoted) {
      const name = text.slice(1, -1).replace(/``/g, '`');
      if (TARGETING.test(name)) return null;
      out.add(name.toLowerCase());
    } else if (type === T.op && (text === ':' || text === '[' || text === ']')) {
      return null;
    } else if (type === T.string && text.startsWith('"')) {
      // Double-quoted text is an identifier under ANSI_QUOTES: treat it as a name too.
      out.add(text.slice(1, -1).toLowerCase());
    }
  }
  return [...out];
}
