/** GitHub Action entry: run() and nothing else. */
import { run } from './action/run.js';

await run();
