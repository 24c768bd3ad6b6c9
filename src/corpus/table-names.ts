/**
 * The names a statement may resolve, read from its tokens (no parse): every identifier, bare or
 * back-quoted, split at dots and lower-cased. Column names, aliases and keywords are included too;
 * that costs nothing, since a name no VSchema declares has the same routing signature on both sides
 * of a diff (see src/diff/routing-signature.ts). What a token pass cannot classify safely makes the
 * statement unclassifiable (null): shard targeting (`ks:-80`, `ks[-80]`, `ks@replica`), session
 * keyspace changes (`USE`), dynamic SQL (`PREPARE`, `EXECUTE`).
 */
import { type Scan, T, scanTokens } from './scan.js';

/** First words of statements whose tables a token pass cannot know (their names are null). */
export const DYNAMIC = new Set(['use', 'prepare', 'execute', 'deallocate', 'call', 'handler']);

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
 * string to cut the names from (so they do not keep a larger string alive). `intern`, when given,
 * holds one string per distinct name across calls: each name returned is the one it holds (a new
 * name is added as `own(name)`).
 */
export function namesOfScan(s: Scan, sql: string = s.sql, intern?: { map: Map<string, string>; own: (name: string) => string }): string[] | null {
  const out = new Set<string>();
  const add = (name: string): void => {
    if (!intern) {
      out.add(name);
      return;
    }
    let one = intern.map.get(name);
    if (one === undefined) intern.map.set((one = intern.own(name)), one);
    out.add(one);
  };
  let first = true;
  for (let k = 0; k < s.count; k++) {
    const type = s.types[k]!;
    if (type === T.ws || type === T.comment) continue;
    const a = s.starts[k]!;
    const b = s.ends[k]!;
    if (first) {
      first = false;
      if (type === T.word && DYNAMIC.has(sql.slice(a, b).toLowerCase())) return null;
    }
    if (type === T.word) {
      // `@var` / `@@sys.var` are variables; an `@` after the first character is a tablet-type target.
      // Parts between dots, lower-cased (words are ASCII): cut from the text without a split.
      const at = sql.charCodeAt(a) === 64;
      let from = a;
      let upper = false;
      for (let i = a; i <= b; i++) {
        const c = i < b ? sql.charCodeAt(i) : 46;
        if (c === 64 && i > a && !at) return null;
        if (c === 46) {
          if (i > from) add(upper ? sql.slice(from, i).toLowerCase() : sql.slice(from, i));
          from = i + 1;
          upper = false;
        } else if (c >= 65 && c <= 90) upper = true;
      }
    } else if (type === T.quoted) {
      const name = sql.slice(a + 1, b - 1).replace(/``/g, '`');
      if (TARGETING.test(name)) return null;
      add(name.toLowerCase());
    } else if (type === T.op && b - a === 1 && (sql.charCodeAt(a) === 58 || sql.charCodeAt(a) === 91 || sql.charCodeAt(a) === 93)) {
      return null;
    } else if (type === T.string && sql.charCodeAt(a) === 34) {
      // Double-quoted text is an identifier under ANSI_QUOTES: treat it as a name too.
      add(sql.slice(a + 1, b - 1).toLowerCase());
    }
  }
  return [...out];
}
