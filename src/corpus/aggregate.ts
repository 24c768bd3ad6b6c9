/**
 * De-duplication of a corpus by fingerprint: memory is bounded by the number of distinct
 * fingerprints, not by the log size. Each entry keeps the first occurrence as its sample. A repeated
 * statement costs no string: its fingerprint is written (./fingerprint.ts) and found by its hash
 * (./fingerprint-index.ts); only a new entry makes the fingerprint's string.
 */
import { writeFingerprint } from './fingerprint.js';
import { FingerprintIndex, type WrittenHash } from './fingerprint-index.js';
import { written } from './fingerprint-writer.js';
import type { RawStatement } from './formats.js';

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

/** Scratch bytes for {@link ownCopy}. */
let copyBuffer = Buffer.alloc(4096);

/**
 * A copy of `s` that does not share memory with the string it was cut from: a sample cut from a
 * line (itself cut from a read chunk) would otherwise keep the whole chunk alive.
 */
function ownCopy(s: string): string {
  // A new sequential string of exactly these characters (a slice of a copy would keep a header and
  // the copy: ≈ 50 bytes more per sample). ASCII (as many bytes in UTF-8 as characters; at most 3
  // bytes a character) goes through a byte buffer, the rest through JSON.
  // (The buffer stays small: a statement over 64 K characters, rare, goes through JSON.)
  if (3 * s.length > copyBuffer.length) {
    if (s.length > 65536) return JSON.parse(JSON.stringify(s)) as string;
    copyBuffer = Buffer.alloc(Math.max(3 * s.length, 2 * copyBuffer.length));
  }
  const bytes = copyBuffer.write(s, 0, 'utf8');
  return bytes === s.length ? copyBuffer.toString('latin1', 0, bytes) : (JSON.parse(JSON.stringify(s)) as string);
}

/** Collects statements, de-duplicated by fingerprint or not. */
export class CorpusBuilder {
  private readonly byFp: FingerprintIndex<CorpusEntry>;
  private readonly list: CorpusEntry[] = [];
  /** Statements seen (before de-duplication), weighted. */
  total = 0;

  /** `dedupe`: merge statements of one keyspace and fingerprint; `hash`: for tests (./fingerprint-index.ts). */
  constructor(
    private readonly dedupe: boolean,
    hash?: WrittenHash,
  ) {
    this.byFp = new FingerprintIndex(hash);
  }

  /** Adds one statement of `file`, run in session keyspace `keyspace` (null: the default). Never throws. */
  add(file: string, s: RawStatement, keyspace: string | null = null): void {
    writeFingerprint(s.sql);
    this.total += s.count;
    if (!this.dedupe) {
      this.list.push(this.entryOf(file, s, written(), keyspace));
      return;
    }
    // The same text in another keyspace is another statement (unqualified names resolve elsewhere).
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
  entries(): CorpusEntry[] {
    return this.list;
  }

  /** The entry of `s`, its sample copied out of its line. */
  private entryOf(file: string, s: RawStatement, fingerprint: string, keyspace: string | null): CorpusEntry {
    const sql = ownCopy(s.sql);
    return keyspace ? { file, line: s.line, sql, fingerprint, count: s.count, keyspace } : { file, line: s.line, sql, fingerprint, count: s.count };
  }
}
