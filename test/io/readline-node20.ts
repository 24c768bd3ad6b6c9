/**
 * node:readline as the test oracles knew it on Node 20: a line ends at `\n`, `\r\n` or `\r` only.
 * readline of Node 24 also ends a line at U+2028 and U+2029 (seen here); MySQL logs and SQL files do
 * not, and neither does src/io/read-lines.ts, on any Node. The two characters go through readline as
 * noncharacters of plane 16 and come back in the lines.
 */
import readline from 'node:readline';
import { Readable } from 'node:stream';

const LS = '\u{10FFFE}';
const PS = '\u{10FFFF}';

/** The lines of `chunks` (decoded text, in any pieces), as readline with crlfDelay Infinity gave them on Node 20. */
export async function* readlineNode20(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  async function* hidden(): AsyncGenerator<string> {
    for await (const c of chunks) yield c.replace(/\u2028/g, LS).replace(/\u2029/g, PS);
  }
  for await (const line of readline.createInterface({ input: Readable.from(hidden()), crlfDelay: Infinity })) {
    yield line.replace(/\u{10FFFE}/gu, '\u2028').replace(/\u{10FFFF}/gu, '\u2029');
  }
}
