// Counts read right: "1 error", "1 breaking change", "2 errors".
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

describe('plurals', () => {
  it('diff --format text says 1 error and 1 breaking change', async () => {
    const d = 'fixtures/diff/primary-vindex-changed';
    const r = await run(['diff', '--base', `${d}/base`, '--head', `${d}/head`, '--format', 'text', '--fail-on', 'never']);
    const first = r.out.split('\n')[0]!;
    expect(first).toMatch(/\b1 breaking change\b(?!s)/);
    expect(first).not.toMatch(/\b1 (errors|warnings|routing regressions|breaking changes)\b/);
    expect(first).toMatch(/\b0 errors\b/);
  });
});
