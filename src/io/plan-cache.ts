/**
 * The file-backed plan cache of `diff --cache DIR`: one pack file, `DIR/plans.vgpack` (format in
 * src/io/plan-pack.ts), read once when the cache is opened (header, index of key hashes; a block is
 * inflated when a value in it is asked for) and written once by {@link FilePlanCache.flush} at the end of
 * the run: a temporary file in DIR, then a rename over the pack, so a reader never sees half a file.
 *
 * What the new pack holds, in this order: the entries this run used (read or stored), then the entries
 * of the pack on disk that some run used less than `maxAgeDays` days ago, most recently used first,
 * while the file stays within `maxBytes` (src/diff/plan-cache.ts, PlanCacheLimits). So the directory
 * stops growing, and what the action saves with @actions/cache is one bounded file. A value stored
 * under two keys in a row (a statement planned the same at base and head) is stored once.
 *
 * Two runs on the same directory (a laptop running two checks) never corrupt it: each writes its own
 * temporary file and renames it over the pack, an atomic replace; the last rename wins. Before writing,
 * a run that finds the pack changed since it read it (another run finished meanwhile) takes that pack's
 * entries as the older ones, so both runs' plans survive unless they finish within the same instant.
 *
 * The one-file-per-entry layout of earlier versions (`DIR/ab/abcdef….json`) is not migrated: those
 * plans are computed again once, and their files (only names of that exact shape) are deleted at the
 * first flush, as are temporary files of crashed runs older than an hour.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PLAN_CACHE_LIMITS, type PlanCache, type PlanCacheLimits, withinAge } from '../diff/plan-cache.js';
import { type Pack, PACK_FILE, PackWriter, ROW_BYTES, RowTable, decodePack, hashKey, inflateBlock, packRow, rowLastUsed } from './plan-pack.js';

/** What a flush wrote and what it dropped. */
export interface PlanCacheFlush {
  /** Entries in the new pack and its size in bytes. */
  entries: number;
  bytes: number;
  /** Entries of this run (read or stored) kept, and dropped because they alone exceed `maxBytes`. */
  used: number;
  usedDropped: number;
  /** Older entries kept, dropped for age (not used for `maxAgeDays`) and dropped for size (`maxBytes`). */
  kept: number;
  expired: number;
  overSize: number;
  /** Files of the old one-file-per-entry layout deleted. */
  legacyRemoved: number;
  /**
   * True when the pack was left as it was: this run stored nothing new, read back every plan it
   * used and found each stamped within the last day ({@link RESTAMP_SECONDS}), and the pack needed no
   * pruning; a rewrite would only have renewed those stamps.
   */
  unchanged?: boolean;
}

/**
 * A plan read back whose last-used time is younger than this (seconds) keeps it: a run that needs no
 * other change leaves the pack untouched (a warm run writes nothing), at the price of a last-used time
 * up to a day old, next to an age bound counted in days.
 */
const RESTAMP_SECONDS = 86_400;

/** The plan cache in a directory; the pack is written by {@link FilePlanCache.flush}. */
export interface FilePlanCache extends PlanCache {
  /** Why the pack on disk was ignored (damaged, truncated, another format or tool version), else null. */
  readonly problem: string | null;
  /** Entries of a valid pack that could not be read back (their plans are computed again). */
  readonly rejected: number;
  /** Failed writes (0 or 1: the pack is written once) and the first error message. */
  readonly failedWrites: number;
  readonly writeError: string | null;
  /**
   * Writes the pack (used entries, then older ones within the limits) and deletes old-layout files.
   * Returns what it wrote (or, `unchanged`, what it left: a run that stored nothing new and renewed
   * no stamp does not rewrite the pack), or null when writing failed (`writeError` says why) or there
   * was nothing to write. Never throws; a second call does nothing and returns null.
   */
  flush(): PlanCacheFlush | null;
}

/** Options of {@link filePlanCache}: the clock (tests inject it) and the prune limits. */
export interface FilePlanCacheOptions {
  /** Current time in milliseconds since the epoch; default Date.now(). */
  now?: number;
  limits?: PlanCacheLimits;
}

interface Loaded {
  pack: Pack;
  table: RowTable;
  stat: Stats;
}

const sameFile = (a: Stats, b: Stats): boolean => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
const LEGACY_DIR = /^[0-9a-f]{2}$/;
const LEGACY_FILE = /^[0-9a-f]{64}\.json(\.\d+\.[0-9a-f]{8}\.tmp)?$/;
const TEMP_FILE = /^plans\.vgpack\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Opens the plan cache in `dir` for tool version `version` (the directory is created on flush). A
 * missing pack is an empty cache; an unusable one is ignored (`problem`). Never throws.
 */
export function filePlanCache(dir: string, version: string, opts: FilePlanCacheOptions = {}): FilePlanCache {
  const nowMs = opts.now ?? Date.now();
  const nowSec = Math.floor(nowMs / 1000);
  const limits = opts.limits ?? DEFAULT_PLAN_CACHE_LIMITS;
  const file = join(dir, PACK_FILE);
  let problem: string | null = null;
  let rejected = 0;
  let failedWrites = 0;
  let writeError: string | null = null;
  let flushed = false;

  const load = (): Loaded | null => {
    let buf: Buffer;
    let stat: Stats;
    try {
      stat = statSync(file);
      buf = readFileSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') problem = `${PACK_FILE} cannot be read: ${(e as Error).message}`;
      return null;
    }
    const d = decodePack(buf, version);
    if ('problem' in d) {
      problem = `${PACK_FILE} ignored: ${d.problem}`;
      return null;
    }
    const index = d.pack.index;
    const table = new RowTable(() => index);
    for (let i = 0; i < d.pack.entries; i++) table.add(i);
    return { pack: d.pack, table, stat };
  };
  const loaded = load();

  // Inflated blocks of one pack, the last few (values are asked for in about the order stored).
  const inflated = new Map<number, Buffer | null>();
  let inflatedOf: Pack | null = null;
  const blockOf = (p: Pack, b: number): Buffer | null => {
    if (inflatedOf !== p) {
      inflated.clear();
      inflatedOf = p;
    }
    let raw = inflated.get(b);
    if (raw === undefined) {
      raw = inflateBlock(p, b);
      inflated.set(b, raw);
      if (inflated.size > 4) inflated.delete(inflated.keys().next().value!);
    }
    return raw;
  };
  const valueBytes = (p: Pack, i: number): Buffer | null => {
    const o = i * ROW_BYTES;
    const raw = blockOf(p, p.index.readUInt32LE(o + 20));
    const offset = p.index.readUInt32LE(o + 24);
    const end = offset + p.index.readUInt32LE(o + 28);
    return raw && end <= raw.length ? raw.subarray(offset, end) : null;
  };

  const writer = new PackWriter();
  // The entries already in the new pack, by hash.
  const written = new RowTable(() => writer.index);
  const add = (h: Buffer, lastUsed: number, value: string | Buffer): void => {
    writer.add(h, lastUsed, value);
    written.add(writer.entries - 1);
  };
  // The value stored by the last put, while it is the last entry of the new pack.
  let lastText: string | null = null;
  let lastEntries = -1;
  // Where the value of the last hit lies in the loaded pack (block:offset).
  let lastHitAt = '';
  // Hashes of keys looked up and missed, for the put that follows (a key is hashed once).
  const missed = new Map<string, Buffer>();
  // Values stored by this run, and plans read back whose last-used time is older than RESTAMP_SECONDS.
  let stored = 0;
  let stale = 0;

  /** Whether pruning would keep every entry of `p` (a pack of `bytes`): none too old, the file within the size bound. */
  const unprunable = (p: Pack, bytes: number): boolean => {
    if (bytes > limits.maxBytes) return false;
    for (let i = 0; i < p.entries; i++) if (!withinAge(rowLastUsed(p, i), nowSec, limits)) return false;
    return true;
  };

  return {
    get problem() {
      return problem;
    },
    get rejected() {
      return rejected;
    },
    get failedWrites() {
      return failedWrites;
    },
    get writeError() {
      return writeError;
    },
    get(key: string): unknown {
      const h = hashKey(key);
      const i = loaded ? loaded.table.find(h) : -1;
      if (i < 0) {
        if (missed.size > 8192) missed.clear();
        missed.set(key, h);
        return undefined;
      }
      const bytes = valueBytes(loaded!.pack, i);
      let v: unknown;
      try {
        if (!bytes) throw new Error('unreadable');
        v = JSON.parse(bytes.toString('utf8'));
      } catch {
        rejected++;
        missed.set(key, h);
        return undefined;
      }
      if (written.find(h) < 0) {
        if (rowLastUsed(loaded!.pack, i) < nowSec - RESTAMP_SECONDS) stale++;
        // Two keys sharing one value in the pack (base and head planned the same) keep sharing it.
        const at = `${loaded!.pack.index.readUInt32LE(i * ROW_BYTES + 20)}:${loaded!.pack.index.readUInt32LE(i * ROW_BYTES + 24)}`;
        if (at === lastHitAt && writer.entries === lastEntries) {
          writer.addSameAsLast(h, nowSec);
          written.add(writer.entries - 1);
        } else add(h, nowSec, bytes);
        lastHitAt = at;
        lastEntries = writer.entries;
        lastText = null;
      }
      return v;
    },
    put(key: string, value: unknown): void {
      const h = missed.get(key) ?? hashKey(key);
      missed.delete(key);
      if (written.find(h) >= 0) return;
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) return;
      stored++;
      // A statement planned the same at base and head (the common case for a change that does not
      // alter its route) is stored once, under both keys.
      if (text === lastText && writer.entries === lastEntries) writer.addSameAsLast(h, nowSec);
      else writer.add(h, nowSec, text);
      written.add(writer.entries - 1);
      lastText = text;
      lastHitAt = '';
      lastEntries = writer.entries;
    },
    flush(): PlanCacheFlush | null {
      if (flushed) return null;
      flushed = true;
      const used = writer.entries;
      let tmp: string | null = null;
      try {
        // Another run may have replaced the pack since it was read: its entries are the older ones.
        let older = loaded;
        let now: Stats | null = null;
        try {
          now = statSync(file);
        } catch {
          now = null;
        }
        if (now && (!loaded || !sameFile(now, loaded.stat))) {
          const said = problem;
          older = load() ?? loaded;
          problem = said;
        } else if (loaded && now && !stored && !stale && !rejected && unprunable(loaded.pack, loaded.stat.size)) {
          // What a rewrite would give, but for renewed stamps: left as it is.
          return { entries: loaded.pack.entries, bytes: loaded.stat.size, used, usedDropped: 0, kept: loaded.pack.entries - used, expired: 0, overSize: 0, legacyRemoved: cleanDir(dir, nowMs), unchanged: true };
        }
        let kept = 0;
        let expired = 0;
        let overSize = 0;
        if (older) {
          const p = older.pack;
          const candidates: number[] = [];
          for (let i = 0; i < p.entries; i++) {
            const r = packRow(p, i);
            if (written.find(r.hash) >= 0) continue;
            if (withinAge(r.lastUsed, nowSec, limits)) candidates.push(i);
            else expired++;
          }
          // Most recently used first, within the size bound (each entry at its block's compression ratio).
          const byRecency = [...candidates].sort((a, b) => rowLastUsed(p, b) - rowLastUsed(p, a));
          let budget = limits.maxBytes - writer.estimatedBytes;
          const keep = new Uint8Array(p.entries);
          for (const i of byRecency) {
            const r = packRow(p, i);
            const [c, raw] = p.blocks[r.block] ?? [1, 1];
            const cost = Math.ceil((r.length * c) / Math.max(raw, 1)) + ROW_BYTES;
            if (cost > budget) break;
            budget -= cost;
            keep[i] = 1;
          }
          // Rows that shared one value in the old pack share it in the new one when they stay adjacent.
          let lastAt = '';
          for (const i of candidates) {
            if (!keep[i]) {
              overSize++;
              continue;
            }
            const r = packRow(p, i);
            const at = `${r.block}:${r.offset}:${r.length}`;
            if (at === lastAt && writer.entries === lastEntries) {
              writer.addSameAsLast(r.hash, r.lastUsed);
              written.add(writer.entries - 1);
            } else {
              const bytes = valueBytes(p, i);
              if (!bytes) {
                rejected++;
                continue;
              }
              add(r.hash, r.lastUsed, bytes);
            }
            lastAt = at;
            lastEntries = writer.entries;
            kept++;
          }
        }
        if (!writer.entries && !older) return null;
        const out = writer.encode(version, nowSec, limits.maxBytes);
        // What the size bound cut off at the end: older entries first, then this run's last ones.
        const cutOld = Math.min(out.dropped, kept);
        kept -= cutOld;
        overSize += cutOld;
        mkdirSync(dir, { recursive: true });
        tmp = join(dir, `${PACK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
        writeFileSync(tmp, Buffer.concat(out.parts, out.bytes));
        renameSync(tmp, file);
        tmp = null;
        return { entries: out.entries, bytes: out.bytes, used: used - (out.dropped - cutOld), usedDropped: out.dropped - cutOld, kept, expired, overSize, legacyRemoved: cleanDir(dir, nowMs) };
      } catch (e) {
        failedWrites++;
        writeError ??= (e as Error).message;
        if (tmp) rmQuietly(tmp);
        return null;
      }
    },
  };
}

/**
 * Deletes the files of the one-file-per-entry layout (`DIR/ab/<sha256>.json`, and their temporary
 * files) and temporary pack files older than an hour (a crashed run's). Returns how many old-layout
 * files it deleted. Touches no other name.
 */
function cleanDir(dir: string, nowMs: number): number {
  let removed = 0;
  let list: Dirent[];
  try {
    list = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const d of list) {
    const p = join(dir, d.name);
    if (d.isFile() && TEMP_FILE.test(d.name)) {
      try {
        if (nowMs - statSync(p).mtimeMs > 3_600_000) rmSync(p, { force: true });
      } catch {
        // gone meanwhile (its run renamed it) or not ours to delete
      }
      continue;
    }
    if (!d.isDirectory() || !LEGACY_DIR.test(d.name)) continue;
    try {
      for (const f of readdirSync(p)) {
        if (!LEGACY_FILE.test(f)) continue;
        rmSync(join(p, f), { force: true });
        removed++;
      }
      rmdirSync(p);
    } catch {
      // not empty (it holds other files, left alone) or not ours to delete
    }
  }
  return removed;
}

function rmQuietly(p: string): void {
  try {
    rmSync(p, { force: true });
  } catch {
    // nothing more to do: a stale temporary file is deleted by a later flush
  }
}
