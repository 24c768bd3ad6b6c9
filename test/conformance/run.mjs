#!/usr/bin/env node
// Runs the conformance scorers of ../shared/conformance against the built CLI (dist/cli.js).
// Needs the shared corpora beside the project (a developer checkout); a user's clone has none,
// so this script says so and exits 0. `npm test` never depends on it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const shared = process.env.VSCHEMA_GUARD_CONFORMANCE ?? path.resolve(root, '../shared/conformance');
if (!existsSync(shared)) {
  console.log(`conformance: ${shared} not found; the Vitess corpora live outside this repository (set VSCHEMA_GUARD_CONFORMANCE=DIR). Skipped.`);
  process.exit(0);
}
const which = process.argv[2] ?? 'all';
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root }).status;
let status = 0;
if (which === 'all' || which === 'static') {
  status ||= run([path.join(shared, 'static/score-static.mjs'), '--tool', 'node dist/cli.js', '--cwd', root, path.join(shared, 'static')]);
}
if (which === 'all' || which === 'routing') {
  status ||= run([path.join(shared, 'score-routing.mjs'), '--tool', 'node dist/cli.js', '--cwd', root, shared]);
}
process.exit(status ?? 2);
