/**
 * Entries by (keyspace, fingerprint), looked up with the fingerprint just written
 * (./fingerprint-writer.ts) without making its string: an open-addressing table (linear probing) of
 * (hash, entry number) pairs in one Int32Array, the hash over the keyspace and the fingerprint's code
 * units. A hit is confirmed by comparing the keyspace and every code unit with the entry's own, so
 * two different keys never share an entry, whatever the hash (a colliding one only costs probes).
 */
import { hashWritten, writtenEquals } from './fingerprint-writer.js';

/** What an indexed entry must carry: its fingerprint and keyspace (absent, null or '' for the default). */
export interface Keyed {
  fingerprint: string;
  keyspace?: string | null;
}

/**
 * A hash (an int32) of the fingerprint written mixed into `seed` (the keyspace's hash, 0 for the
 * default keyspace). Tests pass a degenerate one to force collisions.
 */
export type WrittenHash = (seed: number) => number;

/** Hash of a keyspace name (0 for the default keyspace). */
function keyspaceSeed(keyspace: string | null): number {
  if (!keyspace) return 0;
  let h = 0x9e3779b9 | 0;
  for (let i = 0; i < keyspace.length; i++) h = Math.imul(h ^ keyspace.charCodeAt(i), 0x01000193);
  return h | 1;
}

/** Entries of type E by keyspace and fingerprint. */
export class FingerprintIndex<E extends Keyed> {
  private readonly items: E[] = [];
  /** Slot k: pairs[2k] the hash, pairs[2k + 1] the entry's number in `items` + 1 (0: empty). */
  private pairs = new Int32Array(2 * 1024);
  private mask = 1023;
  private lastKeyspace: string | null = null;
  private lastSeed = 0;

  /** `hash`: the hash of the written fingerprint (default: FNV-1a over its code units). */
  constructor(private readonly hash: WrittenHash = hashWritten) {}

  /** The hash of the fingerprint written, in `keyspace` (null or '': the default keyspace). Never throws. */
  keyOf(keyspace: string | null): number {
    if (keyspace !== this.lastKeyspace) {
      this.lastKeyspace = keyspace;
      this.lastSeed = keyspaceSeed(keyspace);
    }
    return this.hash(this.lastSeed) | 0;
  }

  /**
   * The entry whose keyspace and fingerprint are `keyspace` and the one written, whose hash is `key`
   * ({@link keyOf}), or undefined. Never throws.
   */
  get(key: number, keyspace: string | null): E | undefined {
    const pairs = this.pairs;
    for (let k = key & this.mask; ; k = (k + 1) & this.mask) {
      const item = pairs[2 * k + 1]!;
      if (item === 0) return undefined;
      if (pairs[2 * k] === key) {
        const e = this.items[item - 1]!;
        if ((e.keyspace || null) === (keyspace || null) && writtenEquals(e.fingerprint)) return e;
      }
    }
  }

  /**
   * Adds `entry` (not yet indexed: see {@link get}) whose hash is `key` ({@link keyOf} of its keyspace
   * and fingerprint). Never throws.
   */
  set(key: number, entry: E): void {
    this.items.push(entry);
    if (2 * this.items.length > this.mask) this.grow();
    this.place(key, this.items.length);
  }

  /** Puts (hash, item) in the first free slot from the hash's. */
  private place(key: number, item: number): void {
    let k = key & this.mask;
    while (this.pairs[2 * k + 1] !== 0) k = (k + 1) & this.mask;
    this.pairs[2 * k] = key;
    this.pairs[2 * k + 1] = item;
  }

  /** Doubles the table (at most half full after). */
  private grow(): void {
    const old = this.pairs;
    this.mask = this.mask * 2 + 1;
    this.pairs = new Int32Array(2 * (this.mask + 1));
    for (let k = 0; k < old.length; k += 2) if (old[k + 1] !== 0) this.place(old[k]!, old[k + 1]!);
  }
}
