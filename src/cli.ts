#!/usr/bin/env node
/** CLI entry: argv → main() → exit code. */
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
process.exitCode = code;
