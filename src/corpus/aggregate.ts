/**
 * De-duplication of a corpus by fingerprint: memory is bounded by the number of distinct
 * fingerprints, not by the log size. Each entry keeps the first occurrence as its sample.
 */
import { fingerprintOfScan } from './fingerprint.js';
import type { RawStatement } from './formats.js';
import { scanTokens } from './scan.js';

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
   * planned whatever changed. Not collected when reading (undefined): a diff reads them from the
   * sample when it needs them (src/diff/unaffected.ts); a caller may set them (null: always planned).
   */
  names?: string[] | null;
  /** Session keyspace (`USE ks` before it in a script, or recorded by the log), or null for the default. */
  keyspace?: string | null;
}

/**
 * A copy of `s` that does not share memory with the string it was cut from: a sample cut from a
 * line (itself cut from a read chunk) would otherwise keep the whole chunk alive.
 */
function ownCopy(s: string): string {
  // A new sequential string of exactly these characters (a slice of a copy would keep a header and
  // the copy: ≈ 50 bytes more per sample).
  return JSON.parse(JSON.stringify(s)) as string;
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
    const fp = fingerprintOfScan(scanTokens(s.sql));
    this.total += s.count;
    if (!this.dedupe) {
      this.list.push(this.entryOf(file, s, fp, keyspace));
      return;
    }
    // The same text in another keyspace is another statement (unqualified names resolve elsewhere).
    const key = keyspace ? `${keyspace}\u0000${fp}` : fp;
    const e = this.byFp.get(key);
    if (e) {
      e.count += s.count;
      return;
    }
    const entry = this.entryOf(file, s, fp, keyspace);
    this.byFp.set(key, entry);
    this.list.push(entry);
  }

  /** Entries in first-seen order. */
  entries(): CorpusEntry[] {
    return this.list;
  }

  /** The entry of `s`, its sample copied out of its line. */
  private entryOf(file: string, s: RawStatement, fingerprint: string, keyspace: string | null): CorpusEntry {
    const sql = ownCopy(s.sql);
    return keyspace ? { file, line: s.line, sql, fingerprint, count: s.count, keyspace } : { file, line: s.line, sql, fingerprint, count: s.count };
  }
}
