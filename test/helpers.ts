/** Test helpers: run the check pipeline on in-memory files with position markers; temporary directories. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { VtctldError } from '../src/vtctld/client.js';
import { analyzeFiles } from '../src/core/analyze.js';
import type { Finding } from '../src/core/finding.js';
import type { DdlFile } from '../src/ddl/parse-ddl.js';

/** Marker placed right before the JSON node a finding must point at. */
export const MARK = '⟪';

/** Strips MARKs from `text`; returns the text and the 1-based positions of each mark. */
export function marked(text: string): { text: string; marks: Array<{ line: number; column: number }> } {
  const marks: Array<{ line: number; column: number }> = [];
  let out = '';
  let line = 1;
  let col = 1;
  for (const ch of text) {
    if (ch === MARK) {
      marks.push({ line, column: col });
      continue;
    }
    out += ch;
    if (ch === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { text: out, marks };
}

/** Runs the whole check on one file (default name `ks.json`) and returns the findings. */
export function check(text: string, file = 'ks.json', ddl: DdlFile[] = []): Finding[] {
  return analyzeFiles({ files: [{ path: file, text }], ddlFiles: ddl }).findings;
}

/**
 * Table-driven rule test: every `valid` text yields no finding of `rule`; every `invalid` text
 * yields exactly one finding of `rule` per MARK, at the marked positions (in order), and the
 * optional `vitess` text on the first.
 */
export function ruleCases(
  rule: string,
  cases: { valid: string[]; invalid: Array<{ text: string; vitess?: string | null; file?: string; ddl?: DdlFile[] }> },
): void {
  for (const v of cases.valid) {
    const found = check(v).filter((f) => f.rule === rule);
    expect(found, `valid case reported ${rule}: ${v}`).toEqual([]);
  }
  for (const c of cases.invalid) {
    const { text, marks } = marked(c.text);
    const found = check(text, c.file, c.ddl).filter((f) => f.rule === rule);
    expect(found.map((f) => ({ line: f.line, column: f.column })), `positions of ${rule} in ${c.text}`).toEqual(marks);
    if (c.vitess !== undefined) expect(found[0]!.vitess_error).toBe(c.vitess);
  }
}

/** Awaits a call that must fail with a VtctldError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<VtctldError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(VtctldError);
    return e as VtctldError;
  }
  throw new Error('expected the call to fail');
}

/**
 * A maker of temporary directories named `prefix…` under the OS temp dir; each is removed after the
 * test that made it. Call at a test file's top level.
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(d);
    return d;
  };
}
