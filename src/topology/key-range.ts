/**
 * Key ranges and shard names (spec C.12; vitessio/vitess go/vt/key/key.go): `-80`, `80-c0`, `c0-`,
 * `-`/`0` (full range), comparison after stripping trailing zero bytes, even splits.
 */

/** A half-open key range; empty start/end = unbounded. */
export interface KeyRange {
  start: Uint8Array;
  end: Uint8Array;
}

/** Parses a shard name into a key range, or returns an error text (Vitess's wording where it has one). */
export function parseShardName(name: string): KeyRange | string {
  if (name === '-' || name === '0' || !name.includes('-')) return { start: new Uint8Array(), end: new Uint8Array() };
  const parts = name.split('-');
  if (parts.length !== 2) return `invalid shard name ${name}: only one dash allowed`;
  const [s, e] = parts as [string, string];
  for (const p of [s, e]) if (!/^([0-9a-fA-F]{2})*$/.test(p)) return `invalid shard name ${name}: key range bounds must be hex with an even number of digits`;
  const kr = { start: Uint8Array.from(Buffer.from(s, 'hex')), end: Uint8Array.from(Buffer.from(e, 'hex')) };
  if (kr.start.length && kr.end.length && compareKeys(kr.start, kr.end) >= 0) return `out of order keys: ${s} is not strictly smaller than ${e}`;
  return kr;
}

function strip(b: Uint8Array): Uint8Array {
  let n = b.length;
  while (n > 0 && b[n - 1] === 0) n--;
  return b.subarray(0, n);
}

/** Byte-wise comparison after stripping trailing zero bytes (key.go). */
export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  const x = strip(a);
  const y = strip(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** True when `ksid` is in `kr`. */
export function contains(kr: KeyRange, ksid: Uint8Array): boolean {
  return (kr.start.length === 0 || compareKeys(ksid, kr.start) >= 0) && (kr.end.length === 0 || compareKeys(ksid, kr.end) < 0);
}

/** True when two key ranges intersect. */
export function intersects(a: KeyRange, b: KeyRange): boolean {
  const startBeforeEnd = (s: Uint8Array, e: Uint8Array): boolean => s.length === 0 || e.length === 0 || compareKeys(s, e) < 0;
  return startBeforeEnd(a.start, b.end) && startBeforeEnd(b.start, a.end);
}

/**
 * Shard names of an even split into `n` shards (n a power of two), like vtexplain `--shards`:
 * 2 → -80, 80-; 4 → -40, 40-80, 80-c0, c0-; 512 → -0080, ... Returns an error text otherwise.
 */
export function evenShards(n: number): string[] | string {
  if (!Number.isInteger(n) || n < 1 || (n & (n - 1)) !== 0) return `the shard count must be a power of two: ${n}`;
  if (n === 1) return ['-'];
  const bytes = Math.max(1, Math.ceil(Math.log2(n) / 8));
  const width = (1n << BigInt(bytes * 8)) / BigInt(n);
  const fmt = (i: number): string => (i === 0 || i === n ? '' : (BigInt(i) * width).toString(16).padStart(bytes * 2, '0'));
  return Array.from({ length: n }, (_, i) => `${fmt(i)}-${fmt(i + 1)}`);
}
