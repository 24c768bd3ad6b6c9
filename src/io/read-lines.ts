/**
 * The lines of a file, as node:readline gives them with `crlfDelay: Infinity` — `\r\n`, `\n` and a
 * lone `\r` each end a line (a `\r\n` split across two reads is one end), the last line counts only
 * when it is not empty, UTF-8 sequences split across reads are decoded whole, a BOM is kept — but
 * read in large chunks and split with indexOf, one synchronous callback per line: no stream events,
 * no promise per line. Property-tested against readline in test/io/read-lines.test.ts.
 *
 * Two shapes of callback: a line as a string ({@link forEachLine}), or a line as a span of the
 * decoded text ({@link forEachSpan}), for readers that look at most lines without keeping them.
 */
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read at a time. */
const CHUNK = 1 << 20;

/**
 * Receives one line as `text.slice(start, end)` (UTF-16 indexes; `start <= end`), 1-based `lineNo`.
 * The span never holds `\n` or `\r`; `text` may hold many lines (and is only worth keeping as a slice).
 */
export type OnSpan = (text: string, start: number, end: number, lineNo: number) => void;

/** What a splitter is fed: `write` the bytes in order, then `end`, which returns the number of lines. */
export interface Splitter {
  write(bytes: Uint8Array): void;
  end(): number;
}

/**
 * Calls `onLine(line, lineNo)` for each line of `file` (1-based numbers); returns the number of
 * lines. Throws the file system's error (ENOENT, EISDIR, ...) as fs does.
 */
export function forEachLine(file: string, onLine: (line: string, lineNo: number) => void, chunkBytes = CHUNK): Promise<number> {
  return forEachSpan(file, (text, start, end, lineNo) => onLine(text.slice(start, end), lineNo), chunkBytes);
}

/**
 * Calls `onSpan(text, start, end, lineNo)` for each line of `file`, the same lines as
 * {@link forEachLine} without cutting a string for each; returns the number of lines. Throws the
 * file system's error (ENOENT, EISDIR, ...) as fs does.
 */
export async function forEachSpan(file: string, onSpan: OnSpan, chunkBytes = CHUNK): Promise<number> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    const splitter = spanSplitter(onSpan);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      splitter.write(buf.subarray(0, bytesRead));
    }
    return splitter.end();
  } finally {
    await fh.close();
  }
}

/** The index of the first `\n` or `\r` of `text` from `from`, or -1. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** A push-fed line splitter (the pure part of {@link forEachLine}): `write` bytes, then `end`. */
export function lineSplitter(onLine: (line: string, lineNo: number) => void): Splitter {
  return spanSplitter((text, start, end, lineNo) => onLine(text.slice(start, end), lineNo));
}

/** A push-fed span splitter (the pure part of {@link forEachSpan}): `write` bytes, then `end`. */
export function spanSplitter(onSpan: OnSpan): Splitter {
  const decoder = new StringDecoder('utf8');
  // The unfinished last line of what was decoded so far, and whether the text so far ended with `\r`.
  let rest = '';
  let sawReturn = false;
  let n = 0;
  const feed = (chunk: string): void => {
    // An empty decode (a split UTF-8 sequence) is no chunk at all, as a stream never emits one.
    if (chunk === '') return;
    // (After a `\r`, the unfinished line is empty: the `\r` ended it.)
    let pos = sawReturn && chunk.charCodeAt(0) === 10 ? 1 : 0;
    const len = chunk.length;
    sawReturn = false;
    if (pos === len) return;
    sawReturn = chunk.charCodeAt(len - 1) === 13;
    const returns = chunk.indexOf('\r', pos) >= 0;
    // The line left unfinished by the chunks before ends at this chunk's first line end. It is the
    // one line cut as `rest + ...`: the spans of the rest are over the decoded chunk itself, a flat
    // string (characters of a concatenation are read several times slower).
    if (rest !== '') {
      const i = returns ? lineEnd(chunk, pos) : chunk.indexOf('\n', pos);
      if (i < 0) {
        rest += chunk.slice(pos);
        return;
      }
      const line = rest + chunk.slice(pos, i);
      rest = '';
      onSpan(line, 0, line.length, ++n);
      pos = chunk.charCodeAt(i) === 13 && chunk.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
    if (!returns) {
      for (let nl = chunk.indexOf('\n', pos); nl >= 0; nl = chunk.indexOf('\n', pos)) {
        onSpan(chunk, pos, nl, ++n);
        pos = nl + 1;
      }
    } else {
      // The next `\r` and the next `\n` (-1: none left), each found with indexOf: a line ends at
      // the nearer, and `\r\n` is one end.
      let cr = chunk.indexOf('\r', pos);
      let lf = chunk.indexOf('\n', pos);
      while (cr >= 0 || lf >= 0) {
        const i = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
        onSpan(chunk, pos, i, ++n);
        pos = i === cr && lf === i + 1 ? i + 2 : i + 1;
        if (cr >= 0 && cr < pos) cr = chunk.indexOf('\r', pos);
        if (lf >= 0 && lf < pos) lf = chunk.indexOf('\n', pos);
      }
    }
    rest = pos < len ? chunk.slice(pos) : '';
  };
  // Whether the last bytes the decoder was given may end in an unfinished UTF-8 sequence (only a
  // byte >= 0x80 may): then it decodes the next bytes too, whatever they are.
  let pending = false;
  return {
    write(bytes) {
      const buf = bytes as Buffer;
      if (!pending && isAscii(buf)) {
        // ASCII decodes the same as Latin-1: a plain copy, no UTF-8 decoding.
        feed(buf.toString('latin1'));
        return;
      }
      pending = buf.length > 0 && buf[buf.length - 1]! >= 0x80;
      feed(decoder.write(buf));
    },
    end() {
      feed(decoder.end());
      if (rest !== '') onSpan(rest, 0, rest.length, ++n);
      rest = '';
      return n;
    },
  };
}
