/**
 * Starting the real entry (dist/action.js, dist/cli-main.js) under the V8 flags that bound its memory.
 *
 * Node 24 (V8 13.6) lets the young generation grow much larger than Node 20 and 22 did: on the bench's
 * 1 M-line slow log (100,000 distinct fingerprints) the peak RSS of `diff` was 455–518 MB on Node
 * 24.21 against 302–332 MB on Node 20.20, and 308–366 MB on Node 24 with `--max-semi-space-size=16`
 * (semi-spaces of at most 16 MB, the size Node 20 and 22 use; measured here, README "Measured"). The
 * size is read once, when the heap is set up: `v8.setFlagsFromString` later has no effect (measured
 * too), so the launcher starts the entry in a child Node with the flag. GitHub runs the action on
 * Node 24, where every run takes this path (≈ 50 ms more, one Node start).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The flags the launcher adds (semi-spaces of at most 16 MB: the young generation Node 20 and 22 have). */
export const HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

/** Set in the child's environment, so it never launches again. */
const LAUNCHED = 'VSCHEMA_GUARD_LAUNCHED';

/**
 * The flags to start Node `nodeVersion` (`process.versions.node`) with: {@link HEAP_FLAGS} on Node 24
 * and later, unless the process was launched already or the user chose a semi-space size (in
 * `execArgv` or `NODE_OPTIONS`); else none. `VSCHEMA_GUARD_HEAP_FLAGS=0` in `env` turns the launch
 * off, `=1` asks for it on any Node version. Pure.
 */
export function heapFlagsFor(nodeVersion: string, execArgv: readonly string[], env: NodeJS.ProcessEnv): readonly string[] {
  if (env[LAUNCHED] || env.VSCHEMA_GUARD_HEAP_FLAGS === '0') return [];
  if (env.VSCHEMA_GUARD_HEAP_FLAGS !== '1' && Number(nodeVersion.split('.')[0]) < 24) return [];
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  return given.some((a) => /^--(max|min)[-_]semi[-_]space[-_]size(=|$)/.test(a)) ? [] : HEAP_FLAGS;
}

/**
 * Runs the ES module `entry` (a file URL) in this process, or, when `needsBound` (the run may plan a
 * query corpus) and {@link heapFlagsFor} asks for flags, in a child Node started with them: same arguments, environment, working directory and
 * stdio; SIGINT, SIGTERM and SIGHUP are passed on to it; its exit code becomes this process's (a
 * child killed by a signal: this process is killed by the same signal). If the child cannot be
 * started, the entry runs here after a warning on stderr. Never throws for the child's failures.
 */
export async function launch(entry: URL, needsBound = true): Promise<void> {
  const flags = needsBound ? heapFlagsFor(process.versions.node, process.execArgv, process.env) : [];
  if (flags.length === 0) {
    await import(entry.href);
    return;
  }
  const child = spawn(process.execPath, [...process.execArgv, ...flags, fileURLToPath(entry), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [LAUNCHED]: '1' },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const pass = (s: NodeJS.Signals): void => void child.kill(s);
  for (const s of signals) process.on(s, pass);
  const end = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: Error }>((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  for (const s of signals) process.off(s, pass);
  if ('error' in end) {
    process.stderr.write(`vschema-guard: could not start Node with ${flags.join(' ')} (${end.error.message}); running without them\n`);
    await import(entry.href);
    return;
  }
  if (end.signal) process.kill(process.pid, end.signal);
  else process.exitCode = end.code ?? 1;
}
