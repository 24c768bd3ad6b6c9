/**
 * The plan pack: the one file (`DIR/plans.vgpack`) that holds the plan cache of `diff --cache DIR`.
 * Encoding and decoding only (buffers in, buffers out); the directory store is src/io/plan-cache.ts.
 *
 * Layout:
 *   header   one line of JSON, then `\n`: {magic, pack, tool, written, entries, index, blocks, sha256}
 *            (`pack` the format version below, `tool` the vschema-guard version that wrote it, `written`
 *            Unix seconds, `index` the index's length in bytes, `blocks` [compressed, raw] lengths)
 *   index    `entries` rows of 32 bytes: the key's hash (16 bytes: the first half of its SHA-256), last
 *            used (u32 LE, Unix seconds), block number, offset and length of the value in the block's
 *            raw bytes (u32 LE each)
 *   blocks   deflate-raw (level 1) of concatenated JSON values (UTF-8), ≈ 64 KB raw each (the size bound drops whole blocks)
 * `sha256` (hex) covers index and blocks. A file whose header does not parse, whose magic, format or
 * tool version differ, whose length is not what the header says (truncated, appended to) or whose
 * checksum fails is ignored as a whole: its plans are computed again, it is never half-trusted.
 */
import { createHash } from 'node:crypto';
import { sha256 } from '../diff/plan-cache.js';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** File name of the pack inside the cache directory. */
export const PACK_FILE = 'plans.vgpack';
/** First header member: what the file is. */
export const PACK_MAGIC = 'vschema-guard plan pack';
/** Bumped when the layout above changes (1 was the one-file-per-entry directory). */
export const PACK_FORMAT = 2;
/** Bytes of the key hash kept in the index. */
export const HASH_BYTES = 16;
/** Bytes of one index row. */
export const ROW_BYTES = 32;
/** Raw bytes collected before a block is compressed. */
const BLOCK_RAW = 64 * 1024;

/** The key's hash as stored in the index (first 16 bytes of its SHA-256). */
export function hashKey(key: string): Buffer {
  return sha256(key).subarray(0, HASH_BYTES);
}

interface Header {
  magic: string;
  pack: number;
  tool: string;
  written: number;
  entries: number;
  index: number;
  blocks: Array<[number, number]>;
  sha256: string;
}

/** A decoded, verified pack: rows are read with {@link packRow}, blocks with {@link inflateBlock}. */
export interface Pack {
  /** Unix seconds of the run that wrote it. */
  written: number;
  entries: number;
  /** `entries` × {@link ROW_BYTES}. */
  index: Buffer;
  /** [compressed, raw] length per block. */
  blocks: Array<[number, number]>;
  /** Offset of each block in `data`. */
  starts: number[];
  data: Buffer;
}

/** One index row. */
export interface PackRow {
  hash: Buffer;
  lastUsed: number;
  block: number;
  offset: number;
  length: number;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/**
 * Checks and decodes a pack file's bytes for tool version `version`: the pack, or why it is not used
 * (a sentence for the user). Never throws.
 */
export function decodePack(buf: Buffer, version: string): { pack: Pack } | { problem: string } {
  const nl = buf.indexOf(10);
  if (nl < 0) return { problem: buf.length ? 'not a plan pack (no header line)' : 'empty file' };
  let h: Partial<Header>;
  try {
    h = JSON.parse(buf.toString('utf8', 0, nl)) as Partial<Header>;
  } catch {
    return { problem: 'not a plan pack (the header is not JSON)' };
  }
  if (!h || typeof h !== 'object' || h.magic !== PACK_MAGIC) return { problem: 'not a plan pack' };
  if (h.pack !== PACK_FORMAT) return { problem: `pack format ${String(h.pack)}, this version reads format ${PACK_FORMAT}` };
  if (h.tool !== version) return { problem: `written by vschema-guard ${String(h.tool)}, this is ${version} (plans are keyed by version)` };
  const blocks = h.blocks;
  if (!isCount(h.entries) || !isCount(h.written) || h.index !== h.entries * ROW_BYTES || typeof h.sha256 !== 'string' || !Array.isArray(blocks) || !blocks.every((b) => Array.isArray(b) && b.length === 2 && isCount(b[0]) && isCount(b[1]))) {
    return { problem: 'not a plan pack (malformed header)' };
  }
  const body = buf.subarray(nl + 1);
  const expected = h.index + blocks.reduce((s, b) => s + b[0], 0);
  if (body.length !== expected) return { problem: `truncated or altered: ${body.length} bytes after the header, the header says ${expected}` };
  if (createHash('sha256').update(body).digest('hex') !== h.sha256) return { problem: 'checksum mismatch (the file is damaged)' };
  const starts: number[] = [];
  let at = h.index;
  for (const b of blocks) {
    starts.push(at);
    at += b[0];
  }
  return { pack: { written: h.written, entries: h.entries, index: body.subarray(0, h.index), blocks, starts, data: body } };
}

/** The last-used time (Unix seconds) of row `i` of a pack's index, without reading the rest of the row. */
export const rowLastUsed = (p: Pack, i: number): number => p.index.readUInt32LE(i * ROW_BYTES + 16);

/** Row `i` of a pack's index. */
export function packRow(p: Pack, i: number): PackRow {
  const o = i * ROW_BYTES;
  const ix = p.index;
  return { hash: ix.subarray(o, o + HASH_BYTES), lastUsed: rowLastUsed(p, i), block: ix.readUInt32LE(o + 20), offset: ix.readUInt32LE(o + 24), length: ix.readUInt32LE(o + 28) };
}

/** The raw bytes of block `b`, or null when it does not inflate to its stated length. */
export function inflateBlock(p: Pack, b: number): Buffer | null {
  const meta = p.blocks[b];
  if (!meta) return null;
  try {
    const raw = inflateRawSync(p.data.subarray(p.starts[b]!, p.starts[b]! + meta[0]));
    return raw.length === meta[1] ? raw : null;
  } catch {
    return null;
  }
}

/**
 * Builds a pack: values are added (hash, last used, JSON text or bytes) in the order they should be
 * kept, compressed a block at a time as they come, so memory holds compressed blocks plus one raw block.
 */
export class PackWriter {
  /** Index rows so far (`entries` × ROW_BYTES used), grown by doubling. */
  private rows = Buffer.alloc(64 * ROW_BYTES);
  private count = 0;
  private readonly blocks: Buffer[] = [];
  private readonly raws: number[] = [];
  private pending: Array<string | Buffer> = [];
  private pendingLen = 0;
  private compressed = 0;
  private raw = 0;

  /** Entries added so far. */
  get entries(): number {
    return this.count;
  }

  /** The index rows so far (replaced when it grows; see {@link RowTable}). */
  get index(): Buffer {
    return this.rows;
  }

  /** Adds one value (JSON text). */
  add(hash: Buffer, lastUsed: number, value: string | Buffer): void {
    const len = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
    this.grow();
    const o = this.count++ * ROW_BYTES;
    hash.copy(this.rows, o, 0, HASH_BYTES);
    this.rows.writeUInt32LE(lastUsed, o + 16);
    this.rows.writeUInt32LE(this.blocks.length, o + 20);
    this.rows.writeUInt32LE(this.pendingLen, o + 24);
    this.rows.writeUInt32LE(len, o + 28);
    this.pending.push(value);
    this.pendingLen += len;
    if (this.pendingLen >= BLOCK_RAW) this.seal();
  }

  /**
   * Adds an entry whose value is the one of the entry added just before (a statement planned the same
   * at base and head): one more index row, the bytes stored once. Rows stay in block order.
   */
  addSameAsLast(hash: Buffer, lastUsed: number): void {
    if (!this.count) throw new Error('addSameAsLast needs an entry before it');
    this.grow();
    const o = this.count++ * ROW_BYTES;
    this.rows.copy(this.rows, o, o - ROW_BYTES, o);
    hash.copy(this.rows, o, 0, HASH_BYTES);
    this.rows.writeUInt32LE(lastUsed, o + 16);
  }

  private grow(): void {
    if ((this.count + 1) * ROW_BYTES <= this.rows.length) return;
    const grown = Buffer.alloc(this.rows.length * 2);
    this.rows.copy(grown);
    this.rows = grown;
  }

  /** Compressed bytes per raw byte so far (0.25 before the first block). */
  get ratio(): number {
    return this.raw ? this.compressed / this.raw : 0.25;
  }

  /** The pack's size on disk if encoded now (the open block estimated at the ratio so far). */
  get estimatedBytes(): number {
    return 256 + 24 * (this.blocks.length + 1) + this.count * ROW_BYTES + this.compressed + Math.ceil(this.pendingLen * this.ratio);
  }

  private seal(): void {
    if (!this.pendingLen) return;
    // Runs of strings are encoded in one go (one allocation instead of one per value).
    const parts: Buffer[] = [];
    let run: string[] = [];
    for (const v of this.pending) {
      if (typeof v === 'string') run.push(v);
      else {
        if (run.length) parts.push(Buffer.from(run.join('')));
        run = [];
        parts.push(v);
      }
    }
    if (run.length) parts.push(Buffer.from(run.join('')));
    const raw = parts.length === 1 ? parts[0]! : Buffer.concat(parts, this.pendingLen);
    const c = deflateRawSync(raw, { level: 1 });
    this.blocks.push(c);
    this.raws.push(this.pendingLen);
    this.compressed += c.length;
    this.raw += this.pendingLen;
    this.pending = [];
    this.pendingLen = 0;
  }

  /**
   * The file's bytes (header line, index, blocks), keeping whole blocks from the first while the file
   * stays within `maxBytes`; `dropped` counts the entries of the blocks left out.
   */
  encode(version: string, writtenSec: number, maxBytes: number): { parts: Buffer[]; bytes: number; entries: number; dropped: number } {
    this.seal();
    // Rows are in block order, so the rows of the first `keep` blocks are a prefix of the index.
    let keep = 0;
    let size = 256;
    let rows = 0;
    while (keep < this.blocks.length) {
      let n = 0;
      while (rows + n < this.count && this.rows.readUInt32LE((rows + n) * ROW_BYTES + 20) === keep) n++;
      const add = this.blocks[keep]!.length + n * ROW_BYTES + 24;
      if (size + add > maxBytes) break;
      size += add;
      rows += n;
      keep++;
    }
    const index = this.rows.subarray(0, rows * ROW_BYTES);
    const blocks = this.blocks.slice(0, keep);
    const sha = createHash('sha256').update(index);
    for (const b of blocks) sha.update(b);
    const header: Header = {
      magic: PACK_MAGIC, pack: PACK_FORMAT, tool: version, written: writtenSec, entries: rows, index: index.length,
      blocks: blocks.map((b, i) => [b.length, this.raws[i]!]), sha256: sha.digest('hex'),
    };
    const parts = [Buffer.from(`${JSON.stringify(header)}\n`), index, ...blocks];
    return { parts, bytes: parts.reduce((s, p) => s + p.length, 0), entries: rows, dropped: this.count - rows };
  }
}

/**
 * Key hashes → row numbers of an index (rows of {@link ROW_BYTES} whose first {@link HASH_BYTES} are
 * the hash): a Map keyed by the hash's bytes as a 16-character latin1 string.
 */
export class RowTable {
  private readonly byHash = new Map<string, number>();

  /** `rows()` gives the current index buffer (it may be replaced as it grows). */
  constructor(private readonly rows: () => Buffer) {}

  /** The row holding `hash` (16 bytes), or -1. */
  find(hash: Buffer): number {
    return this.byHash.get(hash.toString('latin1', 0, HASH_BYTES)) ?? -1;
  }

  /** Adds row `r` (its hash must not be in the table yet). */
  add(r: number): void {
    this.byHash.set(this.rows().toString('latin1', r * ROW_BYTES, r * ROW_BYTES + HASH_BYTES), r);
  }
}
