// Runs the built action (dist/index.js) the way the runner does: inputs as INPUT_* variables, outputs read
// back from the GITHUB_OUTPUT file, the job summary from GITHUB_STEP_SUMMARY.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What one run of the action left: exit code, stdout+stderr, outputs by name, the job summary. */
export interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Spawns dist/index.js in `cwd` with `env` plus one `INPUT_<NAME>` per input. `env` must name the
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files (created empty beforehand).
 */
export async function runDistAction(cwd: string, env: NodeJS.ProcessEnv, inputs: Record<string, string>): Promise<ActionRun> {
  const all: NodeJS.ProcessEnv = { ...env };
  for (const [k, v] of Object.entries(inputs)) all[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(process.execPath, [path.resolve('dist/index.js')], { cwd, env: all });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stdout += d));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
  const outputs: Record<string, string> = {};
  for (const m of fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8').matchAll(/^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  return { code, stdout, outputs, summary: fs.readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8') };
}
