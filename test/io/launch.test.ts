// The launcher of dist/index.js and dist/cli.js (src/io/launch.ts): which Node gets the memory flags, and
// a real launch (src/io/launch.ts bundled with esbuild next to a probe entry): the child starts with the
// flags, the same arguments and working directory; its exit code, its death by a signal and a signal
// sent to the launcher all reach the right process.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_FLAGS, heapFlagsFor } from '../../src/io/launch.js';

describe('heapFlagsFor', () => {
  it('asks for the flags on Node 24 and later only, never twice, never over the user\'s own', () => {
    expect(heapFlagsFor('24.21.0', [], {})).toEqual(HEAP_FLAGS);
    expect(heapFlagsFor('25.0.0', ['--enable-source-maps'], {})).toEqual(HEAP_FLAGS);
    expect(heapFlagsFor('22.23.3', [], {})).toEqual([]);
    expect(heapFlagsFor('20.20.2', [], {})).toEqual([]);
    expect(heapFlagsFor('24.21.0', [], { VSCHEMA_GUARD_LAUNCHED: '1' })).toEqual([]);
    expect(heapFlagsFor('24.21.0', ['--max-semi-space-size=64'], {})).toEqual([]);
    expect(heapFlagsFor('24.21.0', [], { NODE_OPTIONS: '--max-old-space-size=4096 --max_semi_space_size=32' })).toEqual([]);
    expect(heapFlagsFor('24.21.0', [], { VSCHEMA_GUARD_HEAP_FLAGS: '0' })).toEqual([]);
    expect(heapFlagsFor('20.20.2', [], { VSCHEMA_GUARD_HEAP_FLAGS: '1' })).toEqual(HEAP_FLAGS);
  });
});

describe('launch', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-launch-'));
    execFileSync('npx', ['esbuild', path.resolve('src/io/launch.ts'), '--bundle', '--platform=node', '--format=esm', `--outfile=${path.join(dir, 'launch.mjs')}`, '--log-level=warning']);
    fs.writeFileSync(path.join(dir, 'launcher.mjs'), "import { launch } from './launch.mjs';\nawait launch(new URL('./probe.mjs', import.meta.url));\n");
    fs.writeFileSync(
      path.join(dir, 'probe.mjs'),
      [
        "const [mode] = process.argv.slice(2);",
        "if (mode === 'wait') { process.on('SIGTERM', () => { console.log('probe got SIGTERM'); process.exit(7); }); setTimeout(() => process.exit(9), 20000); }",
        "console.log(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2), cwd: process.cwd(), launched: process.env.VSCHEMA_GUARD_LAUNCHED ?? null, pid: process.pid }));",
        "if (mode === 'die') process.kill(process.pid, 'SIGKILL');",
        "else if (mode !== 'wait') process.exitCode = 3;",
      ].join('\n'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(args: string[], env: Record<string, string>, onStart?: (pid: number) => void) {
    const child = spawn(process.execPath, [path.join(dir, 'launcher.mjs'), ...args], { cwd: os.tmpdir(), env: { PATH: process.env.PATH, ...env } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (onStart && out.includes('"pid"')) onStart(child.pid!);
    });
    child.stderr.on('data', (d) => (out += d));
    return new Promise<{ code: number | null; signal: string | null; out: string }>((r) => child.on('close', (code, signal) => r({ code, signal, out })));
  }

  it('starts the entry in a child Node with the flags, the same arguments and cwd; its exit code is the launcher\'s', async () => {
    const r = await run(['exit', 'x y'], { VSCHEMA_GUARD_HEAP_FLAGS: '1' });
    const seen = JSON.parse(r.out.split('\n')[0]!);
    expect(seen).toMatchObject({ execArgv: HEAP_FLAGS, argv: ['exit', 'x y'], cwd: fs.realpathSync(os.tmpdir()), launched: '1' });
    expect(r.code).toBe(3);
  }, 30_000);

  it('runs the entry in this process when no flags are needed', async () => {
    const r = await run(['exit'], { VSCHEMA_GUARD_HEAP_FLAGS: '0' });
    expect(JSON.parse(r.out.split('\n')[0]!)).toMatchObject({ execArgv: [], launched: null });
    expect(r.code).toBe(3);
  }, 30_000);

  it('passes SIGTERM on to the child, and dies by the signal that killed the child', async () => {
    const term = await run(['wait'], { VSCHEMA_GUARD_HEAP_FLAGS: '1' }, (pid) => void process.kill(pid, 'SIGTERM'));
    expect(term.out).toContain('probe got SIGTERM');
    expect(term.code).toBe(7);
    const killed = await run(['die'], { VSCHEMA_GUARD_HEAP_FLAGS: '1' });
    expect(killed.signal).toBe('SIGKILL');
  }, 30_000);
});
