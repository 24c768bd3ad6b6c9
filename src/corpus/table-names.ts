/**
 * The names a statement may resolve, read from its tokens (no parse): every identifier, bare or
 * back-quoted, split at dots and lower-cased. Column names, aliases and keywords are included too;
 * that costs nothing, since a name no VSchema declares has the same routing signature on both sides
 * of a diff (see src/diff/routing-signature.ts). What a token pass cannot classify safely makes the
 * statement unclassifiable (null): shard targeting (`ks:-80`, `ks[-80]`, `ks@replica`), session
 * keyspace changes (`USE`), dynamic SQL (`PREPARE`, `EXECUTE`).
 */
import { type Token, tokenize } from './lexer.js';

/** First words of statements whose tables a token pass cannot know. */
const DYNAMIC = new Set(['use', 'prepare', 'execute', 'deallocate', 'call', 'handler']);

/** Characters of a qualifier that targets shards or tablet types (spec E.1 rule 2). */
const TARGETING = /[:@[\]]/;

/**
 * The lower-cased names `sql` mentions, deduplicated, or null when the statement must be planned
 * whatever changed. Never throws.
 */
export function nameCandidates(sql: string): string[] | null {
  return namesOfTokens(tokenize(sql));
}

/** {@link nameCandidates} over already lexed tokens (whitespace and comments may be included). */
export function namesOfTokens(tokens: readonly Token[]): string[] | null {
  const out = new Set<string>();
  let first = true;
  for (const t of tokens) {
    if (t.type === 'ws' || t.type === 'comment') continue;
    if (first) {
      first = false;
      if (t.type === 'word' && DYNAMIC.has(t.text.toLowerCase())) return null;
    }
    if (t.type === 'word') {
      // `@var` / `@@sys.var` are variables; an `@` after the first character is a tablet-type target.
      if (t.text.indexOf('@', 1) > 0 && !t.text.startsWith('@')) return null;
      for (const part of t.text.split('.')) if (part) out.add(part.toLowerCase());
    } else if (t.type === 'quoted') {
      const name = t.text.slice(1, -1).replace(/``/g, '`');
      if (TARGETING.test(name)) return null;
      out.add(name.toLowerCase());
    } else if (t.type === 'op' && (t.text === ':' || t.text === '[' || t.text === ']')) {
      return null;
    } else if (t.type === 'string' && t.text.startsWith('"')) {
      // Double-quoted text is an identifier under ANSI_QUOTES: treat it as a name too.
      out.add(t.text.slice(1, -1).toLowerCase());
    }
  }
  return [...out];
}
