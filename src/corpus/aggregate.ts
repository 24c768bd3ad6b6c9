/**
 * De-duplication of a corpus by fingerprint: memory is bounded by the number of distinct
 * fingerprints, not by the log size. Each entry keeps the first occurrence as its sample.
 */
import { fingerprintOfScan } from './fingerprint.js';
import type { RawStatement } from './formats.js';
import { type Scan, scanTokens } from './scan.js';
import { namesOfScan } from './table-names.js';

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

/**
 * A copy of `s` that does not share memory with the string it was cut from: a sample cut from a
 * line (itself cut from a read chunk) would otherwise keep the whole chunk alive.
 */
function ownCopy(s: string): string {
  // A new sequential string of exactly these characters (a slice of a copy would keep a header and
  // the copy: ≈ 50 bytes more per sample).
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * A name as kept: V8 copies a cut of fewer than 13 characters (SlicedString::kMinLength) into a new
 * string already, so only longer names need {@link ownCopy}.
 */
const ownName = (name: string): string => (name.length < 13 ? name : ownCopy(name));

/** Collects statements, de-duplicated by fingerprint or not. */
export class CorpusBuilder {
  private readonly byFp = new Map<string, CorpusEntry>();
  private readonly list: CorpusEntry[] = [];
  /**
   * One string per distinct name: the names of 100 k samples are mostly the same few thousand words
   * (keywords, tables, columns), held once instead of once per sample.
   */
  private readonly names = new Map<string, string>();
  /** Statements seen (before de-duplication), weighted. */
  total = 0;

  constructor(private readonly dedupe: boolean) {}

  /** Adds one statement of `file`, run in session keyspace `keyspace` (null: the default). */
  add(file: string, s: RawStatement, keyspace: string | null = null): void {
    // One scan gives the fingerprint and, for a statement kept as a sample, the names it mentions.
    const scan = scanTokens(s.sql);
    const fp = fingerprintOfScan(scan);
    this.total += s.count;
    if (!this.dedupe) {
      this.list.push(entryOf(file, s, fp, scan, keyspace, this.names));
      return;
    }
    // The same text in another keyspace is another statement (unqualified names resolve elsewhere).
    const key = keyspace ? `${keyspace}\u0000${fp}` : fp;
    const e = this.byFp.get(key);
    if (e) {
      e.count += s.count;
      return;
    }
    // Names only for a new fingerprint, from the scan still current.
    const entry = entryOf(file, s, fp, scan, keyspace, this.names);
    this.byFp.set(key, entry);
    this.list.push(entry);
  }

  /** Entries in first-seen order. */
  entries(): CorpusEntry[] {
    return this.list;
  }
}

/**
 * The entry of `s`, its names read from `scan` (the scan of s.sql, still current), each name the one
 * string `shared` holds for it.
 */
function entryOf(file: string, s: RawStatement, fingerprint: string, scan: Scan, keyspace: string | null, shared: Map<string, string>): CorpusEntry {
  const sql = ownCopy(s.sql);
  // Names are cut from the scanned text and replaced by the shared copy (a new one copied once).
  const names = namesOfScan(scan, scan.sql, { map: shared, own: ownName });
  return keyspace
    ? { file, line: s.line, sql, fingerprint, count: s.count, names, keyspace }
    : { file, line: s.line, sql, fingerprint, count: s.count, names };
}
