/** The action itself (bundled as dist/action.js, started by dist/index.js): run() and nothing else. */
import { run } from './action/run.js';

await run();
