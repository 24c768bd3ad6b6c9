/**
 * THE TEST ORACLE: readCorpus over node:readline and the old readers, before the read path was made
 * cheaper; test/corpus/read-path.test.ts property-tests src/io/read-corpus.ts equal to it.
 *
 * Streams query corpus files into a CorpusBuilder (bounded memory for large logs).
 */
import fs from 'node:fs';
import { readlineNode20 } from '../io/readline-node20.js';
import { CorpusBuilder, type CorpusEntry } from './aggregate-oracle.js';
import { type CorpusColumns, type InputType, type RawStatement, createReader, detectInputType, useKeyspace } from './formats-oracle.js';

/** Result of reading a corpus. */
export interface CorpusRead {
  entries: CorpusEntry[];
  /** Statements read (weighted), before de-duplication. */
  total: number;
  /** Input type per file. */
  types: Map<string, InputType>;
  /** Unreadable records and files, with file:line. */
  problems: Array<{ file: string; line: number; message: string }>;
  /** Lines read. */
  lines: number;
}

const LOG_TYPES: InputType[] = ['slowlog', 'generallog', 'vtgatelog'];

/**
 * Reads `files` (type from content unless `type` is given). `dedupe`: true/false forces it;
 * undefined de-duplicates log formats only. `columns` names the SQL/count columns of CSV and JSON
 * inputs. A file that cannot be read is a problem with line 0.
 */
export async function readCorpus(files: readonly string[], type: InputType | undefined, dedupe: boolean | undefined, columns: CorpusColumns = {}): Promise<CorpusRead> {
  const problems: CorpusRead['problems'] = [];
  const types = new Map<string, InputType>();
  const heads = new Map<string, string>();
  for (const f of files) {
    try {
      const fd = fs.openSync(f, 'r');
      const buf = Buffer.alloc(65536);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      fs.closeSync(fd);
      heads.set(f, buf.subarray(0, n).toString('utf8'));
      types.set(f, type ?? detectInputType(f, buf.subarray(0, n).toString('utf8')));
    } catch (e) {
      problems.push({ file: f, line: 0, message: `cannot read ${f}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}` });
    }
  }
  const anyLog = [...types.values()].some((t) => LOG_TYPES.includes(t));
  const builder = new CorpusBuilder(dedupe ?? anyLog);
  let lines = 0;
  for (const [f, t] of types) {
    if (heads.get(f)?.includes('\u0000')) {
      problems.push({ file: f, line: 1, message: `${f} is binary, not a query file` });
      continue;
    }
    const reader = createReader(t, columns);
    const rl = readlineNode20(fs.createReadStream(f, { encoding: 'utf8' }) as AsyncIterable<string>);
    let n = 0;
    // `USE ks` switches the session keyspace of the statements after it in this file.
    let session: string | null = null;
    const add = (s: RawStatement): void => {
      session = useKeyspace(s.sql) ?? session;
      builder.add(f, s, s.keyspace ?? session);
    };
    for await (const line of rl) {
      n++;
      for (const s of reader.push(line, n)) add(s);
    }
    for (const s of reader.end()) add(s);
    lines += n;
    for (const p of reader.problems) problems.push({ file: f, ...p });
  }
  return { entries: builder.entries(), total: builder.total, types, problems, lines };
}
