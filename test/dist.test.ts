// dist/ is what the action and `npx vschema-guard` run: it must be rebuilt from src/ and committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('dist/', () => {
  it('is what `npm run build` produces from src/', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-dist-'));
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { build: string } };
    const cmd = pkg.scripts.build.replaceAll('dist/', `${out}/`);
    execFileSync('sh', ['-c', cmd.replace(/^esbuild/, 'npx esbuild').replaceAll('&& esbuild', '&& npx esbuild')], { stdio: 'pipe' });
    for (const f of ['index.js', 'action.js', 'cli.js', 'cli-main.js']) {
      const fresh = fs.readFileSync(path.join(out, f), 'utf8');
      const committed = fs.readFileSync(path.join('dist', f), 'utf8');
      expect(committed === fresh, `dist/${f} is stale: run npm run build and commit dist/`).toBe(true);
    }
  }, 60_000);
});
