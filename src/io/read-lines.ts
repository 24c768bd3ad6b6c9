/**
 * The lines of a file, as node:readline gives them with `crlfDelay: Infinity` — `\r\n`, `\n` and a
 * lone `\r` each end a line (a `\r\n` split across two reads is one end), the last line counts only
 * when it is not empty, UTF-8 sequences split across reads are decoded whole, a BOM is kept — but
 * read in large chunks and split with indexOf, one synchronous callback per line: no stream events,
 * no promise per line. Property-tested against readline in test/io/read-lines.test.ts.
 */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read at a time. */
const CHUNK = 1 << 20;

/**
 * Calls `onLine(line, lineNo)` for each line of `file` (1-based numbers); returns the number of
 * lines. Throws the file system's error (ENOENT, EISDIR, ...) as fs does.
 */
export async function forEachLine(file: string, onLine: (line: string, lineNo: number) => void, chunkBytes = CHUNK): Promise<number> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    const splitter = lineSplitter(onLine);
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

/** A push-fed line splitter (the pure part of {@link forEachLine}): `write` bytes, then `end`. */
export function lineSplitter(onLine: (line: string, lineNo: number) => void): { write(bytes: Uint8Array): void; end(): number } {
  const decoder = new StringDecoder('utf8');
  // The unfinished last line of what was decoded so far, and whether the text so far ended with `\r`.
  let rest = '';
  let sawReturn = false;
  let n = 0;
  const feed = (chunk: string): void => {
    // An empty decode (a split UTF-8 sequence) is no chunk at all, as a stream never emits one.
    if (chunk === '') return;
    let text = chunk;
    if (sawReturn && text.charCodeAt(0) === 10) text = text.slice(1);
    sawReturn = false;
    if (text === '') return;
    if (rest !== '') text = rest + text;
    sawReturn = text.charCodeAt(text.length - 1) === 13;
    let pos = 0;
    if (text.indexOf('\r') < 0) {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
        onLine(text.slice(pos, nl), ++n);
        pos = nl + 1;
      }
    } else {
      const len = text.length;
      for (let i = 0; i < len; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        onLine(text.slice(pos, i), ++n);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        pos = i + 1;
      }
    }
    rest = text.slice(pos);
  };
  return {
    write(bytes) {
      feed(decoder.write(bytes as Buffer));
    },
    end() {
      feed(decoder.end());
      if (rest !== '') onLine(rest, ++n);
      rest = '';
      return n;
    },
  };
}
