/** Golden files: compare with test/golden/<name>; UPDATE_GOLDEN=1 writes the actual output for review. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Asserts `actual` equals the golden file `name` (or writes it with UPDATE_GOLDEN=1). */
export function expectGolden(name: string, actual: string): void {
  const file = path.join('test/golden', name);
  if (process.env.UPDATE_GOLDEN || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    if (!process.env.UPDATE_GOLDEN) throw new Error(`golden file ${file} did not exist: written, review and commit it`);
  }
  expect(actual, `differs from ${file} (UPDATE_GOLDEN=1 to rewrite)`).toBe(fs.readFileSync(file, 'utf8'));
}
