/** CLI itself (bundled as dist/cli-main.js, started by dist/cli.js): argv → main() → exit code. */
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
process.exitCode = code;
