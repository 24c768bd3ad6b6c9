/**
 * THE TEST ORACLE: CorpusBuilder as it was before the read path was made cheaper (closures, the key
 * built twice), over the public fingerprint() and nameCandidates(). Property-tested equal to
 * src/corpus/aggregate.ts in test/corpus/read-path.test.ts.
 *
 * De-duplication of a corpus by fingerprint: memory is bounded by the number of distinct
 * fingerprints, not by the log size. Each entry keeps the first occurrence as its sample.
 */
import { fingerprint } from '../../src/corpus/fingerprint.js';
import { nameCandidates } from './table-names-oracle.js';
import type { RawStatement } from './formats-oracle.js';

/** One corpus entry: a sample statement, its fingerprint, occurrences, and where it was first seen. */
export interface CorpusEntry {
  file: string;
  line: number;
  sql: string;
  fingerprint: string;
  /** Occurrences in the input (weighted by JSON/CSV frequencies). */
  count: number;
  /**
   * The lower-cased names the sample mentions (src/corpus/table-names.ts), or null when it must be
   * planned whatever changed; undefined when not collected (computed on demand).
   */
  names?: string[] | null;
  /** Session keyspace (`USE ks` before it in a script, or recorded by the log), or null for the default. */
  keyspace?: string | null;
}

/** Collects statements, de-duplicated by fingerprint or not. */
export class CorpusBuilder {
  private readonly byFp = new Map<string, CorpusEntry>();
  private readonly list: CorpusEntry[] = [];
  /** Statements seen (before de-duplication), weighted. */
  total = 0;

  constructor(private readonly dedupe: boolean) {}

  /** Adds one statement of `file`, run in session keyspace `keyspace` (null: the default). */
  add(file: string, s: RawStatement, keyspace: string | null = null): void {
    // One scan gives the fingerprint and, for a statement kept as a sample, the names it mentions.
    // The same text in another keyspace is another statement (unqualified names resolve elsewhere).
    const keyOf = (fp: string): string => (keyspace ? `${keyspace}\u0000${fp}` : fp);
    const fp = fingerprint(s.sql);
    const names = !this.dedupe || !this.byFp.has(keyOf(fp)) ? nameCandidates(s.sql) : undefined;
    this.total += s.count;
    const ks = keyspace ? { keyspace } : {};
    if (!this.dedupe) {
      this.list.push({ file, line: s.line, sql: s.sql, fingerprint: fp, count: s.count, names, ...ks });
      return;
    }
    const key = keyOf(fp);
    const e = this.byFp.get(key);
    if (e) e.count += s.count;
    else {
      const entry = { file, line: s.line, sql: s.sql, fingerprint: fp, count: s.count, names, ...ks };
      this.byFp.set(key, entry);
      this.list.push(entry);
    }
  }

  /** Entries in first-seen order. */
  entries(): CorpusEntry[] {
    return this.list;
  }
}
