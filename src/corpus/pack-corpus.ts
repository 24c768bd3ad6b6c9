/**
 * A read corpus as a few flat values for a worker thread's message (src/io/corpus-worker.ts): the
 * texts of all entries in one string, their numbers in one Float64Array (transferred, not copied),
 * their files and keyspaces as indices into small tables. The structured clone of 100,000 entry
 * objects costs several times the clone of these. Pure.
 */
import type { CorpusRead } from '../io/read-corpus.js';
import type { CorpusEntry } from './aggregate.js';
import type { InputType } from './formats.js';

/** What a corpus read gives (src/io/read-corpus.ts), plain data. */
type CorpusData = CorpusRead;

/** Numbers kept per entry in {@link PackedCorpus.nums}. */
const STRIDE = 6;

/** A packed corpus: everything of a CorpusData; entries (as read: without names) as flat arrays. */
export interface PackedCorpus {
  total: number;
  lines: number;
  types: Array<[string, InputType]>;
  problems: CorpusData['problems'];
  /** The entries' sample texts and fingerprints, one after the other. */
  text: string;
  /** Per entry: line, count, sample length, fingerprint length, file index, keyspace index (-1: none). */
  nums: Float64Array;
  files: string[];
  keyspaces: string[];
}

/** Packs `corpus` (entries as read have no `names`; any that do lose them: they are read again on demand). */
export function packCorpus(corpus: CorpusData): PackedCorpus {
  const { entries } = corpus;
  const nums = new Float64Array(entries.length * STRIDE);
  const fileIndex = new Map<string, number>();
  const ksIndex = new Map<string, number>();
  const files: string[] = [];
  const keyspaces: string[] = [];
  const texts: string[] = new Array(entries.length * 2);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const o = i * STRIDE;
    nums[o] = e.line;
    nums[o + 1] = e.count;
    nums[o + 2] = e.sql.length;
    nums[o + 3] = e.fingerprint.length;
    let f = fileIndex.get(e.file);
    if (f === undefined) fileIndex.set(e.file, (f = files.push(e.file) - 1));
    nums[o + 4] = f;
    let k = -1;
    if (e.keyspace) {
      k = ksIndex.get(e.keyspace) ?? -1;
      if (k < 0) ksIndex.set(e.keyspace, (k = keyspaces.push(e.keyspace) - 1));
    }
    nums[o + 5] = k;
    texts[2 * i] = e.sql;
    texts[2 * i + 1] = e.fingerprint;
  }
  return { total: corpus.total, lines: corpus.lines, types: [...corpus.types], problems: corpus.problems, text: texts.join(''), nums, files, keyspaces };
}

/** The corpus `packed` holds: entries equal to the packed ones (same keys, same order), in the same order. */
export function unpackCorpus(packed: PackedCorpus): CorpusData {
  const { text, nums, files, keyspaces } = packed;
  const entries: CorpusEntry[] = new Array(nums.length / STRIDE);
  let at = 0;
  for (let o = 0, i = 0; o < nums.length; o += STRIDE, i++) {
    const sql = text.slice(at, (at += nums[o + 2]!));
    const fingerprint = text.slice(at, (at += nums[o + 3]!));
    const file = files[nums[o + 4]!]!;
    const k = nums[o + 5]!;
    entries[i] = k >= 0
      ? { file, line: nums[o]!, sql, fingerprint, count: nums[o + 1]!, keyspace: keyspaces[k]! }
      : { file, line: nums[o]!, sql, fingerprint, count: nums[o + 1]! };
  }
  return { entries, total: packed.total, types: new Map(packed.types), problems: packed.problems, lines: packed.lines };
}
