// The README's examples print what the README says they print.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('README examples', () => {
  it('the locate example output is true as printed', async () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const m = /```sh\nnode dist\/cli\.js (locate [^\n]+)\n```\n\nprints\n\n```\n([^`]+)```/.exec(readme);
    expect(m, 'the README shows a locate command and its output').not.toBeNull();
    const r = await run(m![1]!.split(' '));
    expect(r.code).toBe(0);
    expect(r.out).toBe(m![2]);
  });
});
